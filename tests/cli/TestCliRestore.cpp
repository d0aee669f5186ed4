// SPDX-License-Identifier: GPL-3.0-or-later
// restore and drill end to end on buckets written by barman-cloud: PostgreSQL 15 really starts,
// replays through `tideline-cli wal-restore` and promotes; rows are counted through libpq (the
// drill's --check-sql), against what the fixture recorded when it wrote them.
#include "tests/integration/S3Proxy.h"
#include "tests/support/FixtureEnv.h"

#include <QCryptographicHash>
#include <QDirIterator>

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using tideline::test::FixtureEnv;
using tideline::test::ProcessResult;

namespace {
const FixtureEnv& env()
{
    return FixtureEnv::instance();
}

// Every file under a directory with its SHA-256, relative paths as keys (the restore's own config
// files are left out: they name the directory they live in).
QMap<QString, QByteArray> treeDigest(const QString& root)
{
    QMap<QString, QByteArray> out;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString rel = path.mid(root.size() + 1);
        if (rel == QLatin1String("postgresql.auto.conf"))
            continue;
        QFile f(path);
        f.open(QIODevice::ReadOnly);
        QCryptographicHash h(QCryptographicHash::Sha256);
        h.addData(&f);
        out.insert(rel, h.result());
    }
    return out;
}

// What a restored tree is, for comparison with another tool's: every entry by relative path
// with its type, permission bits and content digest (a link: its target). `links` maps link
// targets back to a common name, since the two restores put tablespaces in different places.
QMap<QString, QString> treeOf(const QString& root, const QMap<QString, QString>& links = {})
{
    QMap<QString, QString> out;
    QDirIterator it(root, QDir::AllEntries | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo fi(path);
        const QString rel = path.mid(root.size() + 1);
        // The owner's bits only: Tideline drops group and other bits on purpose (a restore runs
        // as root; barman's own backup_label is 0644 in its tar, PostgreSQL's files are 0600).
        const QString mode = QString::number(fi.permissions() & 0x7700, 16);
        if (fi.isSymLink()) {
            const QString target = fi.symLinkTarget();
            out.insert(rel, QStringLiteral("link ") + links.value(target, target));
        } else if (fi.isDir()) {
            out.insert(rel, QStringLiteral("dir ") + mode);
        } else {
            QFile f(path);
            f.open(QIODevice::ReadOnly);
            QCryptographicHash h(QCryptographicHash::Sha256);
            h.addData(&f);
            out.insert(rel, QStringLiteral("file %1 %2").arg(mode, QString::fromLatin1(h.result().toHex())));
        }
    }
    return out;
}

QJsonObject mainFacts()
{
    return env().scenario(QStringLiteral("main"));
}

QJsonObject restorePoint(const QString& name)
{
    for (const QJsonValue& v : mainFacts().value(QStringLiteral("restore_points")).toArray())
        if (v.toObject().value(QStringLiteral("name")).toString() == name)
            return v.toObject();
    return {};
}

// The drills' own scratch parent (PostgreSQL's user must reach it), so that what a drill left
// running can be told from other tests' processes.
const QString& drillScratch()
{
    static QTemporaryDir dir;
    static const bool open = QFile::setPermissions(dir.path(),
                                                   QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                                       | QFileDevice::ReadGroup | QFileDevice::ExeGroup
                                                       | QFileDevice::ReadOther | QFileDevice::ExeOther);
    Q_UNUSED(open);
    static const QString path = QFileInfo(dir.path()).canonicalFilePath();
    return path;
}

// Processes whose command line names the drills' scratch directory (a WAL prefetcher, a server).
QStringList leftRunning()
{
    QStringList out;
    for (const QString& pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        if (pid.toInt() <= 0)
            continue;
        QFile f(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray cmdline = f.readAll();
        if (cmdline.contains(QFile::encodeName(drillScratch())) && !cmdline.startsWith("/usr/bin/rm"))
            out.append(QString::fromLocal8Bit(QByteArray(cmdline).replace('\0', ' ')));
    }
    return out;
}

ProcessResult drill(const QString& scenario, const QStringList& target, qint64 expectedRows, QStringList extraChecks = {})
{
    QStringList args{QStringLiteral("drill"),     env().url(scenario),
                     env().server(scenario),      QStringLiteral("--json"),
                     QStringLiteral("--timeout"), QStringLiteral("120"),
                     QStringLiteral("--scratch"), drillScratch()};
    args += target;
    if (expectedRows >= 0)
        extraChecks.prepend(QStringLiteral("SELECT count(*) = %1 FROM tideline_events").arg(expectedRows));
    for (const QString& sql : extraChecks)
        args << QStringLiteral("--check-sql") << sql;
    return env().cli(args);
}

void expectPassed(const ProcessResult& r)
{
    const QJsonObject report = r.json();
    QVERIFY2(r.exitCode == 0 && report.value(QStringLiteral("passed")).toBool(),
             qPrintable(QString::fromUtf8(r.out.left(4000) + r.err)));
    QVERIFY(!report.value(QStringLiteral("in_recovery")).toBool());
    QVERIFY(!report.value(QStringLiteral("recovery_stop")).toString().isEmpty());
    // The phases add up to the total.
    double sum = 0;
    for (const QJsonValue& p : report.value(QStringLiteral("phases")).toArray())
        sum += p.toObject().value(QStringLiteral("seconds")).toDouble();
    QVERIFY(qAbs(sum - report.value(QStringLiteral("total_seconds")).toDouble()) < 0.01);
    QVERIFY(report.value(QStringLiteral("rto_seconds")).toDouble() <= sum);
    // The durable RTO adds the measured flush of what the drill wrote with durability off.
    double flush = -1;
    for (const QJsonValue& p : report.value(QStringLiteral("phases")).toArray())
        if (p.toObject().value(QStringLiteral("name")).toString().startsWith(QLatin1String("flush to disk")))
            flush = p.toObject().value(QStringLiteral("seconds")).toDouble();
    QVERIFY(flush >= 0);
    QCOMPARE(report.value(QStringLiteral("durable_rto_seconds")).toDouble(),
             report.value(QStringLiteral("rto_seconds")).toDouble() + flush);
    QVERIFY(report.value(QStringLiteral("downloaded_bytes")).toInteger() > 0);
    // A drill ends only when everything it started has ended: its server and WAL prefetchers.
    const QStringList left = leftRunning();
    QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1Char('\n'))));
    QVERIFY(QDir(drillScratch()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).isEmpty());
}
} // namespace

class TestCliRestore : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY2(env().ok(), "fixture env.json missing"); }

    void everyTargetKindLandsOnTheRecordedRows_data()
    {
        QTest::addColumn<QStringList>("target");
        QTest::addColumn<qint64>("rows");
        const QJsonObject before = restorePoint(QStringLiteral("before_mistake"));
        const qint64 beforeRows = before.value(QStringLiteral("rows_visible")).toInteger();
        const QJsonObject mistake = mainFacts().value(QStringLiteral("mistake")).toObject();
        const QString xid = QString::number(mistake.value(QStringLiteral("xid")).toInt());
        const qint64 deleted = mistake.value(QStringLiteral("rows_deleted")).toInteger();
        const QStringList tl1{QStringLiteral("--target-tli"), QStringLiteral("1")};
        QTest::newRow("name") << (QStringList{QStringLiteral("--target-name"), QStringLiteral("before_mistake")} + tl1)
                              << beforeRows;
        QTest::newRow("xid-inclusive") << (QStringList{QStringLiteral("--target-xid"), xid} + tl1) << beforeRows - deleted;
        QTest::newRow("xid-exclusive") << (QStringList{QStringLiteral("--target-xid"), xid, QStringLiteral("--exclusive")}
                                           + tl1)
                                       << beforeRows;
        QTest::newRow("lsn") << (QStringList{QStringLiteral("--target-lsn"), before.value(QStringLiteral("lsn")).toString()}
                                 + tl1)
                             << beforeRows;
        // A commit boundary: inclusive keeps the batch committed at exactly that time, exclusive not.
        const QJsonArray batches = mainFacts().value(QStringLiteral("row_batches")).toArray();
        QJsonObject batch;
        QJsonObject previous;
        for (qsizetype i = 1; i < batches.size(); ++i)
            if (batches[i].toObject().value(QStringLiteral("batch")).toString() == QLatin1String("after_backup_2")) {
                batch = batches[i].toObject();
                previous = batches[i - 1].toObject();
            }
        const QString at = batch.value(QStringLiteral("committed_at")).toString();
        QTest::newRow("time-inclusive") << (QStringList{QStringLiteral("--target-time"), at} + tl1)
                                        << batch.value(QStringLiteral("rows_total_after")).toInteger();
        QTest::newRow("time-exclusive") << (QStringList{QStringLiteral("--target-time"), at, QStringLiteral("--exclusive")}
                                            + tl1)
                                        << previous.value(QStringLiteral("rows_total_after")).toInteger();
        // Across the switches: a restore point on timeline 3, reached through 1 -> 2 -> 3.
        const QJsonObject tl3 = restorePoint(QStringLiteral("rp_on_tl3"));
        QTest::newRow("across-timelines")
            << QStringList{QStringLiteral("--target-name"), QStringLiteral("rp_on_tl3"), QStringLiteral("--backup-id"),
                           mainFacts().value(QStringLiteral("backup_ids")).toArray().at(2).toString()}
            << tl3.value(QStringLiteral("rows_visible")).toInteger();
        QTest::newRow("immediate") << QStringList{QStringLiteral("--target-immediate")} << qint64(-1);
    }
    void everyTargetKindLandsOnTheRecordedRows()
    {
        QFETCH(QStringList, target);
        QFETCH(qint64, rows);
        expectPassed(drill(QStringLiteral("main"), target, rows));
    }

    // "Just before the DROP TABLE", as the timeline's list offers it: the drop's xid excluded on
    // its timeline brings the table back with every row (make_buckets recorded the xid, the file
    // and the row count); the same xid included leaves it dropped.
    void justBeforeTheDropFindsTheTable()
    {
        const QJsonObject drop =
            mainFacts().value(QStringLiteral("wal_insight")).toObject().value(QStringLiteral("drop")).toObject();
        const QStringList target{QStringLiteral("--target-xid"), QString::number(drop.value(QStringLiteral("xid")).toInt()),
                                 QStringLiteral("--target-tli"),
                                 QString::number(drop.value(QStringLiteral("timeline")).toInt())};
        const QString table = drop.value(QStringLiteral("table")).toString();
        expectPassed(
            drill(QStringLiteral("main"), target + QStringList{QStringLiteral("--exclusive")}, -1,
                  {QStringLiteral("SELECT count(*) = %1 FROM %2").arg(drop.value(QStringLiteral("rows")).toInt()).arg(table)}));
        expectPassed(
            drill(QStringLiteral("main"), target, -1, {QStringLiteral("SELECT to_regclass('%1') IS NULL").arg(table)}));
    }

    // A drill's copy is thrown away: it replays with durability off, as PostgreSQL itself reports
    // from inside the drilled server, and the report lists what the drill set.
    void aDrillReplaysWithoutDurability()
    {
        const ProcessResult r = drill(QStringLiteral("main"), {QStringLiteral("--target-immediate")}, -1,
                                      {QStringLiteral("SELECT current_setting('fsync') = 'off'"),
                                       QStringLiteral("SELECT current_setting('full_page_writes') = 'off'"),
                                       QStringLiteral("SELECT current_setting('synchronous_commit') = 'off'"),
                                       QStringLiteral("SELECT current_setting('recovery_prefetch') = 'try'"),
                                       QStringLiteral("SELECT current_setting('checkpoint_timeout') = '1h'")});
        expectPassed(r);
        const QJsonArray listed = r.json().value(QStringLiteral("recovery_settings")).toArray();
        for (const char* setting : {"fsync = off", "full_page_writes = off", "synchronous_commit = off"})
            QVERIFY2(listed.contains(QJsonValue(QLatin1String(setting))), setting);
    }

    // A drill's copy kept to look at starts crash-safe: the durability-off settings are gone
    // again, and the file still belongs to the server's user.
    void aKeptDrillCopyIsDurableAgain()
    {
        const ProcessResult r =
            drill(QStringLiteral("main"), {QStringLiteral("--target-immediate"), QStringLiteral("--keep")}, -1);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QStringList kept = QDir(drillScratch()).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QCOMPARE(kept.size(), 1);
        const QString data = drillScratch() + u'/' + kept.first() + QStringLiteral("/data");
        QFile conf(data + QStringLiteral("/postgresql.auto.conf"));
        QVERIFY(conf.open(QIODevice::ReadOnly));
        const QByteArray text = conf.readAll();
        for (const char* scratchOnly : {"fsync =", "full_page_writes =", "synchronous_commit ="})
            QVERIFY2(!text.contains(scratchOnly), scratchOnly);
        QVERIFY(text.contains("checkpoint_timeout = '1h'")); // what a kept copy may keep
        QCOMPARE(QFileInfo(conf).ownerId(), QFileInfo(data).ownerId());
        QVERIFY(QDir(drillScratch() + u'/' + kept.first()).removeRecursively());
    }

    void aWrongCountFailsTheDrill()
    {
        const ProcessResult r = drill(QStringLiteral("main"),
                                      {QStringLiteral("--target-name"), QStringLiteral("before_mistake"),
                                       QStringLiteral("--target-tli"), QStringLiteral("1")},
                                      1);
        QCOMPARE(r.exitCode, 7);
        QVERIFY(!r.json().value(QStringLiteral("passed")).toBool());
        QVERIFY(
            r.json().value(QStringLiteral("reasons")).toArray().first().toString().contains(QStringLiteral("check failed")));
    }

    void aCnpgDataDirectoryStartsAndArchivesNothing()
    {
        const QJsonObject plain = env().scenario(QStringLiteral("plain"));
        const QString id = plain.value(QStringLiteral("cnpg_like_backup_id")).toString();
        const QJsonObject ts = plain.value(QStringLiteral("tablespace")).toObject();
        QVERIFY2(!id.isEmpty() && !ts.isEmpty(), "the fixture has no CNPG-like backup with a tablespace");
        const ProcessResult before = env().cli({QStringLiteral("wals"), env().url(QStringLiteral("plain")),
                                                env().server(QStringLiteral("plain")), QStringLiteral("--json")});
        const ProcessResult r =
            drill(QStringLiteral("plain"), {QStringLiteral("--target-immediate"), QStringLiteral("--backup-id"), id}, -1,
                  {QStringLiteral("SELECT current_setting('archive_mode') = 'off'"),
                   QStringLiteral("SELECT current_setting('ssl') = 'off'"),
                   QStringLiteral("SELECT current_setting('shared_preload_libraries') = ''"),
                   QStringLiteral("SELECT archived_count = 0 FROM pg_stat_archiver"),
                   QStringLiteral("SELECT count(*) = %1 FROM %2")
                       .arg(ts.value(QStringLiteral("rows")).toInteger())
                       .arg(ts.value(QStringLiteral("table")).toString()),
                   // Never at the backup's own (pod) path: under the drill's directory.
                   QStringLiteral("SELECT pg_tablespace_location(oid) NOT IN ('%1', '') FROM pg_tablespace "
                                  "WHERE spcname = '%2'")
                       .arg(ts.value(QStringLiteral("location")).toString(), ts.value(QStringLiteral("name")).toString())});
        expectPassed(r);
        const ProcessResult after = env().cli({QStringLiteral("wals"), env().url(QStringLiteral("plain")),
                                               env().server(QStringLiteral("plain")), QStringLiteral("--json")});
        QCOMPARE(after.json().value(QStringLiteral("timelines")), before.json().value(QStringLiteral("timelines")));
        QCOMPARE(after.json().value(QStringLiteral("history_files")), before.json().value(QStringLiteral("history_files")));
    }

    // The outside oracle: barman-cloud-restore of the same backup, tablespace relocated on both
    // sides, gives the same tree, byte for byte and mode for mode, but for what the restore
    // writes on purpose (its settings, its pg_hba.conf beside the backup's, recovery.signal).
    void aRestoreMatchesBarmanCloudRestore()
    {
        const QJsonObject plain = env().scenario(QStringLiteral("plain"));
        const QJsonObject ts = plain.value(QStringLiteral("tablespace")).toObject();
        const QString id = plain.value(QStringLiteral("cnpg_like_backup_id")).toString();
        QVERIFY2(!ts.isEmpty() && !id.isEmpty(), "the fixture has no backup with a tablespace");
        const QString name = ts.value(QStringLiteral("name")).toString();
        const QString oid = QString::number(ts.value(QStringLiteral("oid")).toInteger());
        QTemporaryDir dir;
        const QString ours = dir.filePath(QStringLiteral("tideline")), oursTs = dir.filePath(QStringLiteral("tideline-ts"));
        const QString theirs = dir.filePath(QStringLiteral("barman")), theirsTs = dir.filePath(QStringLiteral("barman-ts"));

        const ProcessResult r =
            env().cli({QStringLiteral("restore"), env().url(QStringLiteral("plain")), env().server(QStringLiteral("plain")),
                       ours, QStringLiteral("--target-immediate"), QStringLiteral("--backup-id"), id,
                       QStringLiteral("--tablespace"), name + QLatin1Char('=') + oursTs, QStringLiteral("--no-sync")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const ProcessResult b = env().run(QStringLiteral("barman-cloud-restore"),
                                          {QStringLiteral("--endpoint-url"), env().endpoint(), QStringLiteral("--tablespace"),
                                           name + QLatin1Char(':') + theirsTs, env().url(QStringLiteral("plain")),
                                           env().server(QStringLiteral("plain")), id, theirs});
        QVERIFY2(b.exitCode == 0, b.err.constData());

        QMap<QString, QString> mine = treeOf(ours, {{oursTs, QStringLiteral("TABLESPACE")}});
        QMap<QString, QString> barman = treeOf(theirs, {{theirsTs, QStringLiteral("TABLESPACE")}});
        QCOMPARE(mine.value(QStringLiteral("pg_tblspc/") + oid), QStringLiteral("link TABLESPACE"));
        QCOMPARE(barman.value(QStringLiteral("pg_tblspc/") + oid), QStringLiteral("link TABLESPACE"));
        // The backup's pg_hba.conf is kept beside Tideline's own.
        QCOMPARE(mine.take(QStringLiteral("pg_hba.conf.from-backup")), barman.take(QStringLiteral("pg_hba.conf")));
        for (const char* written : {"pg_hba.conf", "postgresql.auto.conf", "recovery.signal"})
            mine.remove(QLatin1String(written));
        barman.remove(QStringLiteral("postgresql.auto.conf"));
        // barman-cloud-restore leaves pg_wal as the tar has it; Tideline makes archive_status too.
        if (!barman.contains(QStringLiteral("pg_wal/archive_status")))
            mine.remove(QStringLiteral("pg_wal/archive_status"));
        QVERIFY(mine.size() > 900);
        for (auto it = barman.cbegin(); it != barman.cend(); ++it)
            QVERIFY2(mine.value(it.key()) == it.value(),
                     qPrintable(QStringLiteral("%1: barman %2, tideline %3").arg(it.key(), it.value(), mine.value(it.key()))));
        QCOMPARE(QStringList(mine.keys()), QStringList(barman.keys()));
        const auto tsMine = treeOf(oursTs), tsBarman = treeOf(theirsTs);
        QVERIFY(tsMine.size() >= 3);
        QCOMPARE(tsMine, tsBarman);
    }

    void restoreRefusesWhatItMustNot()
    {
        QTemporaryDir dir;
        QFile occupied(dir.filePath(QStringLiteral("PG_VERSION")));
        QVERIFY(occupied.open(QIODevice::WriteOnly));
        occupied.close();
        const ProcessResult r =
            env().cli({QStringLiteral("restore"), env().url(QStringLiteral("main")), env().server(QStringLiteral("main")),
                       dir.path(), QStringLiteral("--target-immediate")});
        QCOMPARE(r.exitCode, 7);
        QVERIFY(r.err.contains("not empty"));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("recovery.signal"))));
        const ProcessResult refused = env().cli({QStringLiteral("restore"), env().url(QStringLiteral("main")),
                                                 env().server(QStringLiteral("main")), dir.filePath(QStringLiteral("x")),
                                                 QStringLiteral("--target-time"), QStringLiteral("2000-01-01T00:00:00Z")});
        QCOMPARE(refused.exitCode, 7);
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("x"))));
    }

    void aDownloadCutMidStreamStillRestoresTheSameBytes()
    {
        tideline::test::S3Proxy proxy;
        QVERIFY2(proxy.start(env().endpoint()), qPrintable(proxy.error()));
        // Every tar download is cut after 100 kB the first two times; the restore must resume.
        QVERIFY(proxy.setRules(QJsonArray{QJsonObject{{QStringLiteral("action"), QStringLiteral("reset_body")},
                                                      {QStringLiteral("path"), QStringLiteral("data\\.tar")},
                                                      {QStringLiteral("method"), QStringLiteral("GET")},
                                                      {QStringLiteral("first"), 2},
                                                      {QStringLiteral("bytes"), 100000}}}));
        QTemporaryDir dir;
        const QStringList target{QStringLiteral("--target-immediate"), QStringLiteral("--backup-id"),
                                 mainFacts().value(QStringLiteral("backup_ids")).toArray().first().toString(),
                                 QStringLiteral("--no-sync")};
        const QString direct = dir.filePath(QStringLiteral("direct"));
        const QString cut = dir.filePath(QStringLiteral("cut"));
        const ProcessResult a = env().cli(QStringList{QStringLiteral("restore"), env().url(QStringLiteral("main")),
                                                      env().server(QStringLiteral("main")), direct}
                                          + target);
        QVERIFY2(a.exitCode == 0, a.err.constData());
        const ProcessResult b =
            FixtureEnv::runWith(env().environment(), QStringLiteral(TIDELINE_CLI),
                                QStringList{QStringLiteral("--endpoint-url"), proxy.endpoint(), QStringLiteral("restore"),
                                            env().url(QStringLiteral("main")), env().server(QStringLiteral("main")), cut}
                                    + target);
        QVERIFY2(b.exitCode == 0, b.err.constData());
        // The proxy's log proves the cuts happened and were resumed with Range requests.
        int cuts = 0;
        int ranged = 0;
        for (const QJsonObject& e : proxy.logFor(QStringLiteral("data.tar"))) {
            cuts += e.value(QStringLiteral("action")).toString() == QLatin1String("reset_body");
            ranged += !e.value(QStringLiteral("range")).toString().isEmpty();
        }
        QCOMPARE(cuts, 2);
        QVERIFY(ranged >= 1);
        const auto da = treeDigest(direct);
        QVERIFY(da.size() > 900);
        QCOMPARE(treeDigest(cut), da);
    }

    void aRestoreStartsWherePostgresqlCanUseIt()
    {
        QTemporaryDir dir;
        const QString dest = dir.filePath(QStringLiteral("data"));
        const ProcessResult r =
            env().cli({QStringLiteral("restore"), env().url(QStringLiteral("main")), env().server(QStringLiteral("main")),
                       dest, QStringLiteral("--target-name"), QStringLiteral("before_mistake"),
                       QStringLiteral("--target-tli"), QStringLiteral("1"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(QFileInfo::exists(dest + QStringLiteral("/recovery.signal")));
        QVERIFY(!QFileInfo::exists(dest + QStringLiteral("/TIDELINE_RESTORE_INCOMPLETE")));
        QCOMPARE(QFileInfo(dest).permissions() & 0x0077, QFileDevice::Permissions());
        QFile autoConf(dest + QStringLiteral("/postgresql.auto.conf"));
        QVERIFY(autoConf.open(QIODevice::ReadOnly));
        const QByteArray conf = autoConf.readAll();
        QVERIFY(conf.contains("archive_mode = 'off'"));
        QVERIFY(conf.contains("recovery_target_action = 'pause'"));
        QVERIFY(conf.contains("wal-restore"));
        QVERIFY(conf.indexOf("recovery_target_name = 'before_mistake'") > conf.indexOf("recovery_target_time = ''"));
        // A copy the user keeps replays fast but stays durable: spacing and prefetch, never
        // fsync, full-page writes or synchronous commit turned off; the report says what was set.
        const QJsonArray tuning = r.json().value(QStringLiteral("recovery_settings")).toArray();
        QVERIFY(!tuning.isEmpty());
        for (const QJsonValue& v : tuning) {
            const QString setting = v.toString();
            const QString name = setting.section(QStringLiteral(" = "), 0, 0);
            QVERIFY2(conf.contains(QStringLiteral("%1 = '%2'").arg(name, setting.section(QStringLiteral(" = "), 1)).toUtf8()),
                     qPrintable(setting));
        }
        for (const char* durable : {"fsync =", "full_page_writes =", "synchronous_commit ="})
            QVERIFY2(!conf.contains(durable), durable);
        QVERIFY(conf.contains("checkpoint_timeout = '1h'"));
        QVERIFY(conf.contains("recovery_prefetch = 'try'")); // the fixture's PostgreSQL 15
        // Credentials are never written into the data directory.
        const QByteArray secret = env().root().value(QStringLiteral("secret_key")).toString().toUtf8();
        QVERIFY(!secret.isEmpty());
        QVERIFY(!conf.contains(secret));
    }
};

QTEST_GUILESS_MAIN(TestCliRestore)
#include "TestCliRestore.moc"
