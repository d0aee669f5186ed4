// SPDX-License-Identifier: GPL-3.0-or-later
// plan and manifest on buckets written by barman-cloud: every target kind and verdict, the
// timeline switch, refusals with alternatives, CNPG's own backup choice, and manifests parsed back.
#include "engine/core/Timestamp.h"
#include "engine/wal/Lsn.h"
#include "tests/support/FixtureEnv.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <yaml-cpp/yaml.h>

using tideline::Timestamp;
using tideline::test::FixtureEnv;
using tideline::test::ProcessResult;
namespace wal = tideline::wal;

namespace {
const FixtureEnv& env()
{
    return FixtureEnv::instance();
}

ProcessResult plan(const QString& scenario, QStringList targetArgs)
{
    QStringList args{QStringLiteral("plan"), env().url(scenario), env().server(scenario), QStringLiteral("--json")};
    args += targetArgs;
    return env().cli(args);
}

QDateTime parseTime(const QString& s)
{
    // env.json carries barman's str(datetime): "2026-11-25 00:12:02.504706+00:00"
    QString iso = s;
    iso.replace(QLatin1Char(' '), QLatin1Char('T'));
    return QDateTime::fromString(iso, Qt::ISODateWithMs);
}

quint64 lsnValue(const QString& text)
{
    const QStringList parts = text.split(QLatin1Char('/'));
    return (parts[0].toULongLong(nullptr, 16) << 32) | parts[1].toULongLong(nullptr, 16);
}

// CNPG's FindBackupInfo (barman-cloud's catalog code), written from its rules on the backups
// barman recorded: a backup counts when its begin and end times are both set, the catalog is
// ordered by begin time, and the newest that fits wins: time -> end_time <= target; LSN ->
// end_xlog < target; with a numeric targetTLI the backup's timeline must match.
QString cnpgChoice(const QJsonArray& backups, const QDateTime* time, const quint64* lsn, int tli)
{
    QString chosen;
    QDateTime chosenBegin;
    for (const QJsonValue& v : backups) {
        const QJsonObject b = v.toObject();
        const QDateTime begin = parseTime(b.value(QStringLiteral("begin_time")).toString());
        const QDateTime end = parseTime(b.value(QStringLiteral("end_time")).toString());
        if (!begin.isValid() || !end.isValid())
            continue;
        if (tli > 0 && b.value(QStringLiteral("timeline")).toInt() != tli)
            continue;
        if (time && end > *time)
            continue;
        if (lsn && lsnValue(b.value(QStringLiteral("end_xlog")).toString()) >= *lsn)
            continue;
        if (chosen.isEmpty() || begin > chosenBegin) {
            chosen = b.value(QStringLiteral("backup_id")).toString();
            chosenBegin = begin;
        }
    }
    return chosen;
}
// Where CNPG would find a backup, Tideline picks the same one. With a numeric targetTLI CNPG only
// looks at backups taken on that very timeline and fails without one; Tideline then uses a
// backup of an ancestor timeline (PostgreSQL replays across the switch), and the manifest pins it
// with backupID, which CNPG honours before any of its own rules.
void expectCnpgChoice(const QJsonObject& plan, const QString& cnpg, int tli)
{
    if (!cnpg.isEmpty()) {
        QCOMPARE(plan.value(QStringLiteral("backup_id")).toString(), cnpg);
        return;
    }
    QVERIFY(!plan.value(QStringLiteral("backup_id")).toString().isEmpty());
    QVERIFY(plan.value(QStringLiteral("backup_timeline")).toInt() != tli);
    QVERIFY(plan.value(QStringLiteral("timeline_path")).toArray().contains(plan.value(QStringLiteral("backup_timeline"))));
}
} // namespace

class TestCliPlan : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY2(env().ok(), "fixture env.json missing"); }

    // An LSN or immediate target is planned from the catalog alone: reading the WAL for it would
    // download the whole archive on a cold cache (most of a drill's planning, measured). A time
    // target does read it, which is how the check below could fail.
    void onlyTargetsTheRecordsDecideReadTheWal()
    {
        const QJsonObject rp =
            env().scenario(QStringLiteral("main")).value(QStringLiteral("restore_points")).toArray().at(0).toObject();
        const auto readsWal = [&](const QStringList& target) {
            QTemporaryDir cache;
            QProcessEnvironment e = env().environment();
            e.insert(QStringLiteral("XDG_CACHE_HOME"), cache.path());
            QStringList args{QStringLiteral("plan"),
                             env().url(QStringLiteral("main")),
                             env().server(QStringLiteral("main")),
                             QStringLiteral("--json"),
                             QStringLiteral("--endpoint-url"),
                             env().endpoint()};
            const ProcessResult r = FixtureEnv::runWith(e, QStringLiteral(TIDELINE_CLI), args + target);
            if (r.exitCode != 0 || !r.json().value(QStringLiteral("ok")).toBool())
                return QStringLiteral("plan failed: ") + QString::fromUtf8(r.out + r.err);
            QDirIterator it(cache.path(), {QStringLiteral("wal-events")}, QDir::Dirs, QDirIterator::Subdirectories);
            return it.hasNext() ? QStringLiteral("read") : QStringLiteral("not read");
        };
        QCOMPARE(readsWal({QStringLiteral("--target-lsn"), rp.value(QStringLiteral("lsn")).toString()}),
                 QStringLiteral("not read"));
        QCOMPARE(readsWal({QStringLiteral("--target-immediate")}), QStringLiteral("not read"));
        QCOMPARE(readsWal({QStringLiteral("--target-time"), rp.value(QStringLiteral("time")).toString()}),
                 QStringLiteral("read"));
    }

    void restorePointsByTimeAndLsnMatchCnpgsChoice()
    {
        const QJsonObject main = env().scenario(QStringLiteral("main"));
        const QJsonArray backups = main.value(QStringLiteral("backups")).toArray();
        int checked = 0;
        for (const QJsonValue& v : main.value(QStringLiteral("restore_points")).toArray()) {
            const QJsonObject rp = v.toObject();
            const int tli = rp.value(QStringLiteral("timeline")).toInt();
            const QString tliArg = QString::number(tli);
            const QDateTime when = QDateTime::fromString(rp.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
            const quint64 lsn = lsnValue(rp.value(QStringLiteral("lsn")).toString());

            const ProcessResult byTime = plan(QStringLiteral("main"),
                                              {QStringLiteral("--target-time"), rp.value(QStringLiteral("time")).toString(),
                                               QStringLiteral("--target-tli"), tliArg});
            const QJsonObject p = byTime.json();
            const QString verdict = p.value(QStringLiteral("verdict")).toString();
            QVERIFY2(verdict == QLatin1String("ok") || verdict == QLatin1String("uncertain"), byTime.out.constData());
            QCOMPARE(byTime.exitCode, 0);
            expectCnpgChoice(p, cnpgChoice(backups, &when, nullptr, tli), tli);
            QCOMPARE(p.value(QStringLiteral("timeline_path")).toArray().last().toInt(), tli);
            QCOMPARE(p.value(QStringLiteral("required_wal")).toObject().value(QStringLiteral("missing")).toArray().size(), 0);
            QVERIFY(p.value(QStringLiteral("download_bytes")).toInteger() > 0);

            const ProcessResult byLsn = plan(QStringLiteral("main"),
                                             {QStringLiteral("--target-lsn"), rp.value(QStringLiteral("lsn")).toString(),
                                              QStringLiteral("--target-tli"), tliArg});
            const QJsonObject l = byLsn.json();
            QVERIFY2(l.value(QStringLiteral("ok")).toBool(), byLsn.out.constData());
            expectCnpgChoice(l, cnpgChoice(backups, nullptr, &lsn, tli), tli);
            // The required WAL ends in the segment holding the LSN, on the timeline replay reads it from.
            const QString last = l.value(QStringLiteral("required_wal")).toObject().value(QStringLiteral("last")).toString();
            QCOMPARE(last.right(8).toULongLong(nullptr, 16), (lsn >> 24) & 0xFF);
            ++checked;
        }
        QVERIFY(checked >= 5);
    }

    void theSwitchIsFollowedOrNot()
    {
        const QJsonObject mistake = env().scenario(QStringLiteral("main")).value(QStringLiteral("mistake")).toObject();
        const QString after = mistake.value(QStringLiteral("committed_at")).toString();
        // latest: through timeline 2 (which never saw the mistake) to 3.
        const QJsonObject latest = plan(QStringLiteral("main"), {QStringLiteral("--target-time"), after}).json();
        QCOMPARE(latest.value(QStringLiteral("timeline_path")).toArray(), (QJsonArray{1, 2, 3}));
        QCOMPARE(latest.value(QStringLiteral("target_timeline")).toInt(), 3);
        const QString lastWal =
            latest.value(QStringLiteral("required_wal")).toObject().value(QStringLiteral("last")).toString();
        QVERIFY2(lastWal.startsWith(QStringLiteral("00000002")) || lastWal.startsWith(QStringLiteral("00000003")),
                 qPrintable(lastWal));
        // current: timeline 1, where the mistake happened.
        const QJsonObject current =
            plan(QStringLiteral("main"),
                 {QStringLiteral("--target-time"), after, QStringLiteral("--target-tli"), QStringLiteral("current")})
                .json();
        QCOMPARE(current.value(QStringLiteral("timeline_path")).toArray(), (QJsonArray{1}));
        QVERIFY(current.value(QStringLiteral("required_wal"))
                    .toObject()
                    .value(QStringLiteral("last"))
                    .toString()
                    .startsWith(QStringLiteral("00000001")));
    }

    void beforeTheFirstBackupIsRefused()
    {
        const QJsonObject main = env().scenario(QStringLiteral("main"));
        const QString firstBatch =
            main.value(QStringLiteral("row_batches")).toArray().first().toObject().value(QStringLiteral("committed_at")).toString();
        const ProcessResult r = plan(QStringLiteral("main"), {QStringLiteral("--target-time"), firstBatch});
        QCOMPARE(r.exitCode, 7);
        const QJsonObject p = r.json();
        QCOMPARE(p.value(QStringLiteral("verdict")).toString(), QStringLiteral("refused"));
        QVERIFY(!p.value(QStringLiteral("ok")).toBool());
        QVERIFY(p.value(QStringLiteral("reason")).toString().contains(QStringLiteral("first recoverability point")));
        const QJsonObject alt = p.value(QStringLiteral("alternative")).toObject();
        QVERIFY(alt.value(QStringLiteral("target_immediate")).toBool());
        QCOMPARE(alt.value(QStringLiteral("backup_id")).toString(),
                 main.value(QStringLiteral("backup_ids")).toArray().first().toString());
        QVERIFY(r.err.contains("Hint:"));
        // The alternative is one the planner accepts.
        const ProcessResult again =
            plan(QStringLiteral("main"), alt.value(QStringLiteral("args")).toString().split(QLatin1Char(' ')));
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(again.json().value(QStringLiteral("verdict")).toString(), QStringLiteral("ok"));
    }

    void beyondAGapIsRefused()
    {
        const QJsonObject gap = env().scenario(QStringLiteral("gap"));
        const QString missing = gap.value(QStringLiteral("removed_harmful")).toString().left(24);
        // An LSN in the segment after the missing one, reached from the first backup.
        const quint64 seg = missing.right(8).toULongLong(nullptr, 16);
        const QString lsn = QStringLiteral("0/%1").arg((seg + 1) << 24, 0, 16).toUpper();
        const ProcessResult r =
            plan(QStringLiteral("gap"),
                 {QStringLiteral("--target-lsn"), lsn, QStringLiteral("--target-tli"), QStringLiteral("1")});
        QCOMPARE(r.exitCode, 7);
        const QJsonObject p = r.json();
        QVERIFY(p.value(QStringLiteral("reason")).toString().contains(missing));
        QVERIFY(
            p.value(QStringLiteral("required_wal")).toObject().value(QStringLiteral("missing")).toArray().contains(missing));
        const QJsonObject alt = p.value(QStringLiteral("alternative")).toObject();
        QVERIFY(!alt.isEmpty());
        QCOMPARE(plan(QStringLiteral("gap"), alt.value(QStringLiteral("args")).toString().split(QLatin1Char(' '))).exitCode,
                 0);
        // A target after the next backup does not need the missing segment.
        const QJsonArray ids = gap.value(QStringLiteral("backup_ids")).toArray();
        const ProcessResult later =
            plan(QStringLiteral("gap"),
                 {QStringLiteral("--target-immediate"), QStringLiteral("--backup-id"), ids.at(1).toString()});
        QCOMPARE(later.exitCode, 0);
    }

    // The WAL's own records place xid and restore point targets (PostgreSQL wrote them; make_buckets
    // recorded the xid's commit time and the restore point's end LSN as PostgreSQL returned them).
    void xidAndNameAreFoundInTheWal()
    {
        const QJsonObject main = env().scenario(QStringLiteral("main"));
        const QJsonObject mistake = main.value(QStringLiteral("mistake")).toObject();
        const QString xid = QString::number(mistake.value(QStringLiteral("xid")).toInt());
        const ProcessResult onOne =
            plan(QStringLiteral("main"),
                 {QStringLiteral("--target-xid"), xid, QStringLiteral("--target-tli"), QStringLiteral("1")});
        QCOMPARE(onOne.exitCode, 0);
        QCOMPARE(onOne.json().value(QStringLiteral("verdict")).toString(), QStringLiteral("ok"));
        QVERIFY(onOne.json().value(QStringLiteral("wal_checked")).toBool());
        const QJsonObject stop = onOne.json().value(QStringLiteral("stop_event")).toObject();
        QCOMPARE(stop.value(QStringLiteral("kind")).toString(), QStringLiteral("commit"));
        QCOMPARE(stop.value(QStringLiteral("timeline")).toInt(), 1);
        QCOMPARE(Timestamp::parse(stop.value(QStringLiteral("time")).toString())->usecUtc,
                 Timestamp::parse(mistake.value(QStringLiteral("committed_at")).toString())->usecUtc);

        // Timeline 2 was branched off before the mistake, so its xids start again where the
        // mistake's was: the latest timeline has another transaction with the same xid.
        const ProcessResult latest = plan(QStringLiteral("main"), {QStringLiteral("--target-xid"), xid});
        QCOMPARE(latest.json().value(QStringLiteral("verdict")).toString(), QStringLiteral("ok"));
        QVERIFY(latest.json().value(QStringLiteral("stop_event")).toObject().value(QStringLiteral("timeline")).toInt() != 1);
        const QString warnings =
            QString::fromUtf8(QJsonDocument(latest.json().value(QStringLiteral("warnings")).toArray()).toJson());
        QVERIFY2(warnings.contains(QStringLiteral("also ended on timeline 1")), qPrintable(warnings));

        QString rpLsn;
        for (const auto& rp : main.value(QStringLiteral("restore_points")).toArray())
            if (rp.toObject().value(QStringLiteral("name")).toString() == QLatin1String("before_mistake"))
                rpLsn = rp.toObject().value(QStringLiteral("lsn")).toString();
        const ProcessResult named = plan(QStringLiteral("main"),
                                         {QStringLiteral("--target-name"), QStringLiteral("before_mistake"),
                                          QStringLiteral("--target-tli"), QStringLiteral("1")});
        QCOMPARE(named.json().value(QStringLiteral("verdict")).toString(), QStringLiteral("ok"));
        const QJsonObject rp = named.json().value(QStringLiteral("stop_event")).toObject();
        QCOMPARE(rp.value(QStringLiteral("name")).toString(), QStringLiteral("before_mistake"));
        // pg_create_restore_point returns where the next record goes: the record's end, 8-aligned.
        const auto end = wal::Lsn::parse(rp.value(QStringLiteral("end_lsn")).toString());
        QVERIFY(end);
        QCOMPARE(wal::Lsn((end->value() + 7) & ~quint64(7)).toString(), wal::Lsn::parse(rpLsn)->toString());

        const ProcessResult unknown =
            plan(QStringLiteral("main"), {QStringLiteral("--target-name"), QStringLiteral("no_such_point")});
        QCOMPARE(unknown.exitCode, 7);
        const QString hint = unknown.json().value(QStringLiteral("hint")).toString();
        QVERIFY2(hint.contains(QStringLiteral("before_mistake")) && hint.contains(QStringLiteral("rp_on_tl3")),
                 qPrintable(hint));

        const ProcessResult immediate = plan(QStringLiteral("main"), {QStringLiteral("--target-immediate")});
        QCOMPARE(immediate.json().value(QStringLiteral("verdict")).toString(), QStringLiteral("ok"));
        QCOMPARE(immediate.json().value(QStringLiteral("backup_id")).toString(),
                 main.value(QStringLiteral("backup_ids")).toArray().last().toString());
    }

    // The restore point right after the first backup: PostgreSQL meets it only when replay starts
    // from a backup that ended before it, so the planner must not take the newest.
    void aRestorePointPicksTheBackupBeforeIt()
    {
        const QJsonObject main = env().scenario(QStringLiteral("main"));
        const ProcessResult r = plan(QStringLiteral("main"),
                                     {QStringLiteral("--target-name"), QStringLiteral("rp_after_backup_1"),
                                      QStringLiteral("--target-tli"), QStringLiteral("current")});
        QCOMPARE(r.json().value(QStringLiteral("verdict")).toString(), QStringLiteral("ok"));
        QCOMPARE(r.json().value(QStringLiteral("backup_id")).toString(),
                 main.value(QStringLiteral("backup_ids")).toArray().first().toString());
    }

    void badTargetsAreUsageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no-offset") << QStringList{QStringLiteral("--target-time"), QStringLiteral("2026-01-01 10:00:00")};
        QTest::newRow("two-targets") << QStringList{QStringLiteral("--target-immediate"), QStringLiteral("--target-xid"),
                                                    QStringLiteral("5")};
        QTest::newRow("none") << QStringList{};
        QTest::newRow("bad-lsn") << QStringList{QStringLiteral("--target-lsn"), QStringLiteral("zz")};
        QTest::newRow("bad-tli") << QStringList{QStringLiteral("--target-immediate"), QStringLiteral("--target-tli"),
                                                QStringLiteral("newest")};
    }
    void badTargetsAreUsageErrors()
    {
        QFETCH(QStringList, args);
        const ProcessResult r = plan(QStringLiteral("main"), args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("Hint:"));
    }

    void manifestsParseBackAndCarryNoSecret()
    {
        const QString marker = QStringLiteral("NeverPrintThisSecretValue0123456789");
        QProcessEnvironment e = env().environment();
        e.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), marker);
        const QString restorePoint = env()
                                         .scenario(QStringLiteral("main"))
                                         .value(QStringLiteral("restore_points"))
                                         .toArray()
                                         .at(1)
                                         .toObject()
                                         .value(QStringLiteral("time"))
                                         .toString();
        struct Case {
            QStringList args;
            QString archiveServer;
            int documents;
        };
        const QList<Case> cases{
            {{QStringLiteral("--cluster"), QStringLiteral("pg-restored")}, QStringLiteral("pg-restored"), 1},
            {{QStringLiteral("--cluster"), QStringLiteral("pg-main"), QStringLiteral("--namespace"), QStringLiteral("staging")},
             QStringLiteral("pg-main-r1"),
             1},
            {{QStringLiteral("--cluster"), QStringLiteral("pg-main"), QStringLiteral("--mode"), QStringLiteral("in-place")},
             QStringLiteral("pg-main-r1"),
             1},
            {{QStringLiteral("--cluster"), QStringLiteral("pg-new"), QStringLiteral("--plugin"), QStringLiteral("store")},
             QStringLiteral("pg-new"),
             2},
        };
        for (const Case& c : cases) {
            QStringList args{QStringLiteral("--endpoint-url"),
                             env().endpoint(),
                             QStringLiteral("manifest"),
                             env().url(QStringLiteral("main")),
                             env().server(QStringLiteral("main")),
                             QStringLiteral("--target-time"),
                             restorePoint};
            args += c.args;
            const ProcessResult r = FixtureEnv::runWith(e, QStringLiteral(TIDELINE_CLI), args);
            QVERIFY2(r.exitCode == 0, r.err.constData());
            QVERIFY(!r.out.contains(marker.toUtf8()) && !r.err.contains(marker.toUtf8()));
            const auto docs = YAML::LoadAll(r.out.toStdString());
            QCOMPARE(int(docs.size()), c.documents);
            const YAML::Node spec = docs.back()["spec"];
            const QString planned = plan(QStringLiteral("main"), {QStringLiteral("--target-time"), restorePoint})
                                        .json()
                                        .value(QStringLiteral("backup_id"))
                                        .toString();
            QCOMPARE(QString::fromStdString(spec["bootstrap"]["recovery"]["recoveryTarget"]["backupID"].as<std::string>()),
                     planned);
            const YAML::Node origin = spec["externalClusters"][0];
            const YAML::Node server =
                c.documents == 2 ? origin["plugin"]["parameters"]["serverName"] : origin["barmanObjectStore"]["serverName"];
            QCOMPARE(QString::fromStdString(server.as<std::string>()), env().server(QStringLiteral("main")));
            const YAML::Node archive = c.documents == 2 ? spec["plugins"][0]["parameters"]["serverName"]
                                                        : spec["backup"]["barmanObjectStore"]["serverName"];
            QCOMPARE(QString::fromStdString(archive.as<std::string>()), c.archiveServer);
            QVERIFY(r.err.contains("note: "));
        }
        // No manifest for a refused plan.
        const ProcessResult refused =
            env().cli({QStringLiteral("manifest"), env().url(QStringLiteral("main")), env().server(QStringLiteral("main")),
                       QStringLiteral("--target-time"), QStringLiteral("2000-01-01T00:00:00Z"), QStringLiteral("--cluster"),
                       QStringLiteral("x")});
        QCOMPARE(refused.exitCode, 7);
        QVERIFY(refused.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCliPlan)
#include "TestCliPlan.moc"
