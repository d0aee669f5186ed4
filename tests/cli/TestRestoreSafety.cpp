// SPDX-License-Identifier: GPL-3.0-or-later
// The restore and the drill against a hostile or damaged bucket, as a DBA in a hurry and an
// attacker who controls the bucket would try them: a copy of the fixture's file:// mirror (real
// barman-cloud backups) with one backup changed by tests/support/hostile_tar.py, restored through
// `tideline-cli restore` (runRestore) as root. What must hold: nothing outside the destination
// touched, the failure named with exit 6 or 7, the incomplete marker left, no recovery.signal.
#include "tests/support/FixtureEnv.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

using tideline::test::FixtureEnv;
using tideline::test::ProcessResult;

namespace {
const FixtureEnv& env()
{
    return FixtureEnv::instance();
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

void writeAll(const QString& path, const QByteArray& bytes)
{
    QFile::remove(path); // the copy shares inodes with the mirror: never write through them
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

// A private copy of the fixture's local mirror (hard links, so it is cheap) in which one
// backup may be changed without touching the mirror the other tests read.
struct BucketCopy {
    QTemporaryDir dir;
    QString url;
    QString server;
    QString backupId;
    QString backupDir; // .../SERVER/base/ID
    QString victim;    // a file beside the destination that must never change
    QString dest;

    bool make(const QString& bucketName = QStringLiteral("bucket"))
    {
        // PostgreSQL runs as postgres: the drill's directory must be reachable for it.
        ::chmod(QFile::encodeName(dir.path()).constData(), 0755);
        const QString mirror = env().localMirror();
        const QString mirrorUrl = env().url(QStringLiteral("local"));
        if (mirror.isEmpty() || !mirrorUrl.startsWith(QLatin1String("file://") + mirror))
            return false;
        const QString copy = dir.filePath(bucketName);
        if (FixtureEnv::runWith(env().environment(), QStringLiteral("cp"), {QStringLiteral("-al"), mirror, copy}).exitCode != 0)
            return false;
        QString encoded = copy;
        encoded.replace(QLatin1Char('%'), QStringLiteral("%25"));
        url = QStringLiteral("file://") + encoded + mirrorUrl.mid(7 + mirror.size());
        server = env().server(QStringLiteral("local"));
        const ProcessResult list = env().cli({QStringLiteral("backups"), url, server, QStringLiteral("--json")});
        for (const QJsonValue& v : list.json().value(QStringLiteral("backups_list")).toArray())
            if (v.toObject().value(QStringLiteral("restorable")).toBool()) {
                backupId = v.toObject().value(QStringLiteral("backup_id")).toString();
                break;
            }
        backupDir = copy + mirrorUrl.mid(7 + mirror.size()) + QLatin1Char('/') + server + QStringLiteral("/base/") + backupId;
        victim = dir.filePath(QStringLiteral("victim.txt"));
        dest = dir.filePath(QStringLiteral("dest"));
        writeAll(victim, "keep me\n");
        return !backupId.isEmpty() && QFileInfo::exists(backupDir + QStringLiteral("/data.tar.gz"));
    }

    // Replaces data.tar.gz with hostile_tar.py's CASE, written as an uncompressed data.tar.
    bool makeHostile(const QString& which)
    {
        const QString source = backupDir + QStringLiteral("/data.tar.gz");
        const QString original = dir.filePath(QStringLiteral("original.tar.gz"));
        QFile::copy(source, original);
        QFile::remove(source);
        const ProcessResult r = FixtureEnv::runWith(env().environment(), QStringLiteral("/usr/bin/python3"),
                                                    {QStringLiteral(TIDELINE_SOURCE_DIR "/tests/support/hostile_tar.py"),
                                                     which, original, backupDir + QStringLiteral("/data.tar")});
        if (r.exitCode != 0)
            qWarning("hostile_tar.py: %s", r.err.constData());
        return r.exitCode == 0;
    }

    ProcessResult restore() const
    {
        return env().cli({QStringLiteral("restore"), url, server, dest, QStringLiteral("--target-immediate"),
                          QStringLiteral("--backup-id"), backupId, QStringLiteral("--no-sync")});
    }

    QJsonObject backupJson() const
    {
        const ProcessResult list = env().cli({QStringLiteral("backups"), url, server, QStringLiteral("--json")});
        for (const QJsonValue& v : list.json().value(QStringLiteral("backups_list")).toArray())
            if (v.toObject().value(QStringLiteral("backup_id")).toString() == backupId)
                return v.toObject();
        return {};
    }

    // Every path under the copy's directory except the bucket and the destination: what a
    // restore must never create or change.
    QStringList outside() const
    {
        QStringList out;
        QDirIterator it(dir.path(), QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
        while (it.hasNext()) {
            const QString p = it.next();
            if (p != dest && !p.contains(QLatin1String("/bucket")))
                out.append(QFileInfo(p).fileName());
        }
        out.sort();
        return out;
    }
};

// The restore failed safely: the status, nothing outside changed, marked incomplete.
void expectRefusedSafely(const BucketCopy& b, const ProcessResult& r, int status, const QString& why)
{
    QVERIFY2(r.exitCode == status, qPrintable(QStringLiteral("exit %1: %2").arg(r.exitCode).arg(QString::fromUtf8(r.err))));
    QVERIFY2(QString::fromUtf8(r.err).contains(why), qPrintable(QString::fromUtf8(r.err)));
    QCOMPARE(QString::fromUtf8(r.err).trimmed().count(QLatin1Char('\n')), 0); // one line
    QCOMPARE(readAll(b.victim), QByteArray("keep me\n"));
    QCOMPARE(b.outside(), (QStringList{QStringLiteral("original.tar.gz"), QStringLiteral("victim.txt")}));
    QVERIFY(!QFileInfo::exists(b.dest + QStringLiteral("/recovery.signal")));
}
} // namespace

class TestRestoreSafety : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY2(env().ok(), "fixture env.json missing");
        QVERIFY2(!env().localMirror().isEmpty(), "the fixture has no local mirror");
    }

    // Archives that try to write outside the destination, through NULs that a C string cuts,
    // link chains, hard links through links: refused while extracting (exit 6), marker left.
    void hostileArchivesTouchNothingOutside_data()
    {
        QTest::addColumn<QString>("which");
        QTest::addColumn<QString>("why");
        QTest::newRow("pax NUL link, hard link through it, then a file") << "pax-nul-hardlink"
                                                                         << "control character";
        QTest::newRow("pax NUL in a path") << "pax-nul-path"
                                           << "control character";
        QTest::newRow("GNU long link with a NUL") << "gnu-nul-longlink"
                                                  << "control character";
        QTest::newRow("GNU long name with a NUL") << "gnu-nul-longname"
                                                  << "control character";
        QTest::newRow("a chain of links") << "link-chain"
                                          << "control character";
        QTest::newRow("hard link through a symlink") << "hardlink-through-symlink"
                                                     << "through the symbolic link";
        QTest::newRow("cut at an entry boundary") << "cut-at-entry-boundary"
                                                  << "end-of-archive marker";
        QTest::newRow("no pg_control") << "no-pg-control"
                                       << "global/pg_control is missing";
        QTest::newRow("backup_label of another backup") << "backup-label-disagrees"
                                                        << "backup_label starts at";
        QTest::newRow("postgresql.auto.conf is a link") << "symlink-postgresql.auto.conf"
                                                        << "not a regular file";
        QTest::newRow("pg_ident.conf is a link") << "symlink-pg_ident.conf"
                                                 << "not a regular file";
        QTest::newRow("postgresql.conf is a link") << "symlink-postgresql.conf"
                                                   << "not a regular file";
        QTest::newRow("standby.signal is a directory") << "standby-signal-dir"
                                                       << "not a regular file";
    }
    void hostileArchivesTouchNothingOutside()
    {
        QFETCH(QString, which);
        QFETCH(QString, why);
        BucketCopy b;
        QVERIFY(b.make());
        QVERIFY(b.makeHostile(which));
        const ProcessResult r = b.restore();
        expectRefusedSafely(b, r, 6, why);
        QVERIFY2(QFileInfo::exists(b.dest + QStringLiteral("/TIDELINE_RESTORE_INCOMPLETE")), "the marker must stay");
        if (QFileInfo::exists(b.dest + QStringLiteral("/inside.txt")))
            QCOMPARE(readAll(b.dest + QStringLiteral("/inside.txt")), QByteArray("inside\n"));
    }

    // A damaged gzip stream fails the inflate stage, which stops the download and the extraction:
    // the damage is what gets reported (exit 6), not their knock-on "stopped" (exit 8).
    void theFirstRealFailureIsReported()
    {
        BucketCopy b;
        QVERIFY(b.make());
        const QString data = b.backupDir + QStringLiteral("/data.tar.gz");
        QByteArray bytes = readAll(data);
        QVERIFY(bytes.size() > 4096);
        for (qsizetype i = bytes.size() / 2; i < bytes.size() / 2 + 64; ++i)
            bytes[i] = static_cast<char>(~bytes[i]);
        writeAll(data, bytes);
        const ProcessResult r = b.restore();
        QVERIFY2(r.exitCode == 6, qPrintable(QStringLiteral("exit %1: %2").arg(r.exitCode).arg(QString::fromUtf8(r.err))));
        QVERIFY2(r.err.contains("data.tar.gz: "), r.err.constData());
        QVERIFY2(!r.err.contains("stopped") && !r.err.contains("cancelled"), r.err.constData());
        QVERIFY(QFileInfo::exists(b.dest + QStringLiteral("/TIDELINE_RESTORE_INCOMPLETE")));
    }

    // A link named recovery.signal is replaced, never written through: the restore completes and
    // the file it pointed at is as the archive made it.
    void aLinkWhereTheRestoreWritesIsReplaced()
    {
        BucketCopy b;
        QVERIFY(b.make());
        QVERIFY(b.makeHostile(QStringLiteral("symlink-recovery.signal")));
        const ProcessResult r = b.restore();
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(readAll(b.dest + QStringLiteral("/inside.txt")), QByteArray("inside\n"));
        QVERIFY(!QFileInfo(b.dest + QStringLiteral("/recovery.signal")).isSymLink());
        QCOMPARE(readAll(b.victim), QByteArray("keep me\n"));
    }

    // Backups an interrupted upload or barman-cloud-backup-delete leaves (tars go first,
    // backup.info last): not restorable, with the reason, and a restore of one is refused
    // before anything is written.
    void incompleteBackupsAreNotRestorable_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("why");
        QTest::newRow("a missing middle part") << "middle"
                                               << "part 1 of data is missing";
        QTest::newRow("a missing tablespace tar") << "tablespace"
                                                  << "tablespace ts_lost";
        QTest::newRow("no data tar") << "nodata"
                                     << "data tar (data.tar) is missing";
        QTest::newRow("a part twice") << "twice"
                                      << "under two compressions";
    }
    void incompleteBackupsAreNotRestorable()
    {
        QFETCH(QString, damage);
        QFETCH(QString, why);
        BucketCopy b;
        QVERIFY(b.make());
        QVERIFY(b.backupJson().value(QStringLiteral("restorable")).toBool());
        const QString data = b.backupDir + QStringLiteral("/data.tar.gz");
        if (damage == QLatin1String("middle")) {
            QVERIFY(QFile::copy(data, b.backupDir + QStringLiteral("/data_0002.tar.gz")));
        } else if (damage == QLatin1String("tablespace")) {
            const QString info = b.backupDir + QStringLiteral("/backup.info");
            QByteArray text = readAll(info);
            QVERIFY(text.contains("\ntablespaces=None\n"));
            text.replace("\ntablespaces=None\n",
                         "\ntablespaces=[('ts_lost', 16999, '/var/lib/postgresql/tablespaces/ts_lost')]\n");
            writeAll(info, text);
        } else if (damage == QLatin1String("nodata")) {
            QVERIFY(QFile::remove(data));
        } else {
            QVERIFY(QFile::copy(data, b.backupDir + QStringLiteral("/data.tar")));
        }
        const QJsonObject backup = b.backupJson();
        QCOMPARE(backup.value(QStringLiteral("restorable")).toBool(), false);
        QVERIFY2(backup.value(QStringLiteral("unrestorable_reason")).toString().contains(why),
                 qPrintable(backup.value(QStringLiteral("unrestorable_reason")).toString()));
        const ProcessResult r = b.restore();
        QCOMPARE(r.exitCode, 7);
        QVERIFY2(QString::fromUtf8(r.err).contains(why), r.err.constData());
        QVERIFY(!QFileInfo::exists(b.dest));
        QCOMPARE(readAll(b.victim), QByteArray("keep me\n"));
    }

    // A backup's postgresql.conf naming another data directory, or libraries to load at every
    // connection: the restored copy's own server never follows them.
    void aRestoreNeverPointsAtAnotherDataDirectory()
    {
        BucketCopy b;
        QVERIFY(b.make());
        QVERIFY(b.makeHostile(QStringLiteral("auto-conf-settings")));
        const ProcessResult r = b.restore();
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString conf = QString::fromUtf8(readAll(b.dest + QStringLiteral("/postgresql.conf")));
        QVERIFY(conf.contains(QLatin1String("tideline-other-cluster")));
        for (const QString& line : conf.split(QLatin1Char('\n')))
            QVERIFY2(!line.trimmed().startsWith(QLatin1String("data_directory")), qPrintable(line));
        const QString autoConf = QString::fromUtf8(readAll(b.dest + QStringLiteral("/postgresql.auto.conf")));
        QVERIFY(autoConf.contains(QLatin1String("session_preload_libraries = ''")));
        QVERIFY(autoConf.contains(QLatin1String("local_preload_libraries = ''")));
        QVERIFY(r.err.contains("data_directory") || r.out.contains("data_directory"));
    }

    // --scratch names a directory the drill works in, not one it may delete; checks pass only on
    // a true or non-empty, non-zero answer; synchronous standbys are gone; no password in notes.
    void aDrillKeepsTheScratchDirectoryAndJudgesChecksStrictly()
    {
        BucketCopy b;
        QVERIFY(b.make());
        QVERIFY(b.makeHostile(QStringLiteral("auto-conf-settings")));
        const QString scratch = b.dir.filePath(QStringLiteral("scratch"));
        QDir().mkpath(scratch);
        ::chmod(QFile::encodeName(scratch).constData(), 0751);
        writeAll(scratch + QStringLiteral("/precious.txt"), "precious\n");
        const QStringList checks{QStringLiteral("SELECT current_setting('synchronous_standby_names') = '' AND "
                                                "current_setting('session_preload_libraries') = '' AND "
                                                "current_setting('data_directory') LIKE '%/tideline-drill-%/data'"),
                                 QStringLiteral("SELECT NULL::boolean"),
                                 QStringLiteral("SELECT 1 WHERE false"),
                                 QStringLiteral("SELECT count(*) FROM pg_class WHERE false"),
                                 QStringLiteral("SELECT no_such_column"),
                                 QStringLiteral("SELECT true FROM pg_sleep(600)")};
        QStringList args{QStringLiteral("drill"),
                         b.url,
                         b.server,
                         QStringLiteral("--target-immediate"),
                         QStringLiteral("--backup-id"),
                         b.backupId,
                         QStringLiteral("--scratch"),
                         scratch,
                         QStringLiteral("--json"),
                         QStringLiteral("--timeout"),
                         QStringLiteral("120"),
                         QStringLiteral("--check-timeout"),
                         QStringLiteral("2")};
        for (const QString& c : checks)
            args << QStringLiteral("--check-sql") << c;
        const ProcessResult r = env().cli(args);
        const QJsonObject report = r.json();
        QVERIFY2(r.exitCode == 7, r.err.constData());
        const QJsonArray results = report.value(QStringLiteral("checks")).toArray();
        QCOMPARE(results.size(), checks.size());
        QVERIFY2(results[0].toObject().value(QStringLiteral("passed")).toBool(), r.out.constData());
        QCOMPARE(results[1].toObject().value(QStringLiteral("result")).toString(), QStringLiteral("returned NULL"));
        QCOMPARE(results[2].toObject().value(QStringLiteral("result")).toString(), QStringLiteral("returned no rows"));
        QCOMPARE(results[3].toObject().value(QStringLiteral("result")).toString(), QStringLiteral("returned 0"));
        QVERIFY(results[4].toObject().value(QStringLiteral("result")).toString().contains(QLatin1String("no_such_column")));
        QVERIFY2(results[5].toObject().value(QStringLiteral("result")).toString().contains(QLatin1String("statement timeout")),
                 qPrintable(results[5].toObject().value(QStringLiteral("result")).toString()));
        for (int i = 1; i < results.size(); ++i)
            QVERIFY(!results[i].toObject().value(QStringLiteral("passed")).toBool());
        // Everything else about the drill went well: only the checks failed it.
        QCOMPARE(report.value(QStringLiteral("reasons")).toArray().size(), checks.size() - 1);
        QVERIFY(!report.value(QStringLiteral("in_recovery")).toBool());

        const QByteArray all = r.out + r.err;
        QVERIFY2(all.contains("primary_conninfo"), "the note names the replaced setting");
        QVERIFY2(!all.contains("Sw0rdf1sh"), "a password from postgresql.auto.conf leaked into the report");

        // The directory given survives, as it was; the drill's own directory is gone.
        QCOMPARE(readAll(scratch + QStringLiteral("/precious.txt")), QByteArray("precious\n"));
        QCOMPARE(QDir(scratch).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList{QStringLiteral("precious.txt")});
        struct stat st {};
        QCOMPARE(::stat(QFile::encodeName(scratch).constData(), &st), 0);
        QCOMPARE(st.st_mode & 07777, 0751u);
        QCOMPARE(readAll(b.victim), QByteArray("keep me\n"));
    }

    // PostgreSQL expands %f and %p in restore_command even inside the shell's quotes: a source
    // whose path holds them still recovers, because every % of the source is doubled.
    void aPercentInTheSourcePathReachesWalRestore()
    {
        BucketCopy b;
        QVERIFY(b.make(QStringLiteral("bucket %p%f 100%")));
        const ProcessResult r =
            env().cli({QStringLiteral("drill"), b.url, b.server, QStringLiteral("--target-immediate"),
                       QStringLiteral("--backup-id"), b.backupId, QStringLiteral("--scratch"), b.dir.path(),
                       QStringLiteral("--json"), QStringLiteral("--timeout"), QStringLiteral("120")});
        QVERIFY2(r.exitCode == 0, (r.out + r.err).constData());
        QVERIFY(r.json().value(QStringLiteral("passed")).toBool());
    }

    // --keep leaves the drill's own directory (inside --scratch) for a post-mortem; its server
    // log is the owner's only.
    void aKeptDrillLogIsPrivate()
    {
        BucketCopy b;
        QVERIFY(b.make());
        const QString scratch = b.dir.filePath(QStringLiteral("scratch"));
        QDir().mkpath(scratch);
        const QStringList args{QStringLiteral("drill"),
                               b.url,
                               b.server,
                               QStringLiteral("--target-immediate"),
                               QStringLiteral("--backup-id"),
                               b.backupId,
                               QStringLiteral("--scratch"),
                               scratch,
                               QStringLiteral("--keep"),
                               QStringLiteral("--json"),
                               QStringLiteral("--timeout"),
                               QStringLiteral("120")};
        // A directory the server's user cannot enter is refused up front, and left as it was.
        ::chmod(QFile::encodeName(scratch).constData(), 0700);
        const ProcessResult refused = env().cli(args);
        QCOMPARE(refused.exitCode, 7);
        QVERIFY2(refused.err.contains("cannot enter"), refused.err.constData());
        QVERIFY(QDir(scratch).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot));
        struct stat before {};
        QCOMPARE(::stat(QFile::encodeName(scratch).constData(), &before), 0);
        QCOMPARE(before.st_mode & 07777, 0700u);

        ::chmod(QFile::encodeName(scratch).constData(), 0755);
        const ProcessResult r = env().cli(args);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QStringList made = QDir(scratch).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QCOMPARE(made.size(), 1);
        QVERIFY(made.first().startsWith(QLatin1String("tideline-drill-")));
        const QString log = scratch + QLatin1Char('/') + made.first() + QStringLiteral("/postgres.log");
        struct stat st {};
        QCOMPARE(::stat(QFile::encodeName(log).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);
        QVERIFY(readAll(log).contains("database system is ready"));
        // Recovery ended (promoted): recovery_end_command removed wal-restore's prefetch spool.
        const QString data = scratch + QLatin1Char('/') + made.first() + QStringLiteral("/data");
        QVERIFY(QFileInfo::exists(data + QStringLiteral("/PG_VERSION")));
        // A prefetcher still finishing a download removes it when done: wait for its lock.
        QDirIterator locks(data + QStringLiteral("/pg_wal/tideline-spool"), {QStringLiteral("prefetch.lock")}, QDir::Files,
                           QDirIterator::Subdirectories);
        while (locks.hasNext()) {
            const int fd = ::open(QFile::encodeName(locks.next()).constData(), O_RDONLY | O_CLOEXEC);
            if (fd >= 0) {
                ::flock(fd, LOCK_EX);
                ::close(fd);
            }
        }
        QVERIFY2(!QFileInfo::exists(data + QStringLiteral("/pg_wal/tideline-spool")), "the spool outlived recovery");
        QVERIFY(!readAll(log).contains("recovery_end_command"));
    }
};

QTEST_GUILESS_MAIN(TestRestoreSafety)
#include "TestRestoreSafety.moc"
