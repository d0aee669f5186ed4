// SPDX-License-Identifier: GPL-3.0-or-later
// `drills`: the history the restore wizard shows, printed by the CLI. Real drills of the fixture's
// local mirror write it (in a private XDG_DATA_HOME); `drills --json` must give back exactly what
// each drill reported when it ran, only for that source, and skip lines that are not reports.
#include "tests/support/FixtureEnv.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using tideline::test::FixtureEnv;
using tideline::test::ProcessResult;

class TestCliDrills : public QObject {
    Q_OBJECT
    QTemporaryDir m_data;

    ProcessResult cli(const QStringList& args) const
    {
        QProcessEnvironment e = FixtureEnv::instance().environment();
        e.insert(QStringLiteral("XDG_DATA_HOME"), m_data.path());
        return FixtureEnv::runWith(e, QStringLiteral(TIDELINE_CLI), args, 300'000);
    }
    QString url() const { return FixtureEnv::instance().url(QStringLiteral("local")); }
    QString server() const { return FixtureEnv::instance().server(QStringLiteral("local")); }

private slots:
    void initTestCase() { QVERIFY(FixtureEnv::instance().ok()); }

    void theHistoryIsWhatEachDrillReported()
    {
        const ProcessResult none = cli({QStringLiteral("drills"), url(), server(), QStringLiteral("--json")});
        QCOMPARE(none.exitCode, 0);
        QCOMPARE(none.json().value(QStringLiteral("count")).toInt(), 0);
        QVERIFY(none.json().value(QStringLiteral("last_passed_at")).isNull());

        const QStringList drill{QStringLiteral("drill"), url(), server(), QStringLiteral("--target-immediate"),
                                QStringLiteral("--json")};
        const ProcessResult passing = cli(drill + QStringList{QStringLiteral("--check-sql"), QStringLiteral("SELECT true")});
        QVERIFY2(passing.exitCode == 0, passing.err.constData());
        const ProcessResult failing = cli(drill + QStringList{QStringLiteral("--check-sql"), QStringLiteral("SELECT false")});
        QCOMPARE(failing.exitCode, 7);
        // A line that is not a report (a hand edit, a cut write) is skipped, not fatal.
        QFile history(QDir(m_data.path()).filePath(QStringLiteral("tideline/drills/%1.jsonl").arg(server())));
        QVERIFY(history.open(QIODevice::Append));
        history.write("{\"server\": \"x\"\nnot json\n");
        history.close();

        const ProcessResult listed = cli({QStringLiteral("drills"), url(), server(), QStringLiteral("--json")});
        QVERIFY2(listed.exitCode == 0, listed.err.constData());
        const QJsonObject j = listed.json();
        QCOMPARE(j.value(QStringLiteral("count")).toInt(), 2);
        QCOMPARE(j.value(QStringLiteral("passed")).toInt(), 1);
        QCOMPARE(j.value(QStringLiteral("last_passed_at")).toString(),
                 passing.json().value(QStringLiteral("started_at")).toString());
        const QJsonArray drills = j.value(QStringLiteral("drills")).toArray();
        QCOMPARE(drills.size(), 2);
        // Field for field what the drills printed when they ran.
        QCOMPARE(drills[0].toObject(), passing.json());
        QCOMPARE(drills[1].toObject(), failing.json());

        // Another source with the same server name has a history of its own.
        QTemporaryDir other;
        const ProcessResult elsewhere =
            cli({QStringLiteral("drills"), QStringLiteral("file://") + other.path(), server(), QStringLiteral("--json")});
        QCOMPARE(elsewhere.exitCode, 0);
        QCOMPARE(elsewhere.json().value(QStringLiteral("count")).toInt(), 0);

        const ProcessResult table = cli({QStringLiteral("drills"), url(), server()});
        QCOMPARE(table.exitCode, 0);
        QVERIFY2(table.out.contains("2 drills, 1 passed"), table.out.constData());
    }

    // A postmaster killed outright (as the OOM killer does) leaves postmaster.pid behind, and
    // pg_ctl then cannot stop what is not there: the copy is still removed, not left "running".
    void aServerKilledOutrightIsNotLeftAsRunning()
    {
        QTemporaryDir scratch;
        QVERIFY(QFile::setPermissions(scratch.path(),
                                      QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup
                                          | QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther));
        // The check runs in the server, whose working directory is the data directory; the
        // marker says the kill was delivered (positive control). What the server started and
        // its orphaned backends stand there too, and must end with the drill.
        QTemporaryDir markers;
        QVERIFY(QFile::setPermissions(markers.path(),
                                      QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther
                                          | QFile::WriteOther | QFile::ExeOther));
        // A backend busy in a loop (which never asks whether its postmaster lives) stands there
        // too: "busy" says it ran when the postmaster was killed.
        const QString marker = markers.filePath(QStringLiteral("killed"));
        const QString busy = markers.filePath(QStringLiteral("busy"));
        const ProcessResult killed = cli(
            {QStringLiteral("drill"), url(), server(), QStringLiteral("--target-immediate"), QStringLiteral("--json"),
             QStringLiteral("--scratch"), scratch.path(), QStringLiteral("--check-sql"),
             QStringLiteral("COPY (SELECT 1) TO PROGRAM '"
                            "(psql -h \"$(sed -n 5p postmaster.pid)\" -p \"$(sed -n 4p postmaster.pid)\" -d postgres "
                            "-c \"DO \\$x\\$BEGIN LOOP END LOOP; END\\$x\\$\" </dev/null >/dev/null 2>&1 &); "
                            "for i in $(seq 100); do grep -aqs \"[l]ocal] DO\" /proc/[0-9]*/cmdline && break; sleep 0.1; "
                            "done; grep -aqs \"[l]ocal] DO\" /proc/[0-9]*/cmdline && touch %2; "
                            "kill -9 $(head -n 1 postmaster.pid) && (sleep 600 </dev/null >/dev/null 2>&1 &) && touch %1'")
                 .arg(marker, busy)});
        QVERIFY2(QFile::exists(marker), killed.err.constData());
        QVERIFY2(QFile::exists(busy), killed.err.constData());
        QCOMPARE(killed.exitCode, 7);
        const QJsonArray reasons = killed.json().value(QStringLiteral("reasons")).toArray();
        bool told = false;
        for (const auto& r : reasons) {
            QVERIFY2(!r.toString().contains(QStringLiteral("did not stop")), qPrintable(r.toString()));
            told = told || r.toString().contains(QStringLiteral("had already ended"));
        }
        // A server killed from outside fails the drill by name, whatever the checks said.
        QVERIFY2(told, killed.out.constData());
        const QStringList left = QDir(scratch.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(u' ') + u' ' + QString::fromLocal8Bit(killed.out)));
        // Nothing still stands in the removed copy, holding its space.
        for (const QString& pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
            const QString cwd = QFileInfo(QStringLiteral("/proc/%1/cwd").arg(pid)).symLinkTarget();
            QVERIFY2(!cwd.startsWith(scratch.path()), qPrintable(QStringLiteral("pid %1 still stands in %2").arg(pid, cwd)));
        }
    }
};

QTEST_GUILESS_MAIN(TestCliDrills)
#include "TestCliDrills.moc"
