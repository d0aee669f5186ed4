// SPDX-License-Identifier: GPL-3.0-or-later
// wal-restore as PostgreSQL's restore_command on buckets barman-cloud wrote: the bytes equal what
// barman-cloud-wal-restore hands over and pg_waldump accepts them; exit 1 only for a file that is
// not archived, 255 for a failing store or a wrong object; the spool serves later segments with
// the network gone; the destination never holds a partial file.
#include "tests/integration/S3Proxy.h"
#include "tests/support/FixtureEnv.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QScopeGuard>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>
#include <sys/stat.h>

using tideline::test::FixtureEnv;
using tideline::test::ProcessResult;

namespace {
const FixtureEnv& env()
{
    return FixtureEnv::instance();
}

const QString kScratchBucket = QStringLiteral("tideline-walrestore");
const QString kScratchUrl = QStringLiteral("s3://tideline-walrestore/cnpg");

int closedPort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

ProcessResult walRestore(const QString& endpoint, const QString& url, const QString& server, const QString& name,
                         const QString& dest, const QStringList& extra = {}, qint64* elapsedMs = nullptr)
{
    QElapsedTimer clock;
    clock.start();
    ProcessResult r = env().run(QStringLiteral(TIDELINE_CLI),
                                QStringList{QStringLiteral("--endpoint-url"), endpoint, QStringLiteral("wal-restore"), url,
                                            server, name, dest}
                                    + extra);
    if (elapsedMs)
        *elapsedMs = clock.elapsed();
    return r;
}

// The reference: what barman-cloud-wal-restore (Debian's barman-cli-cloud) writes for the name.
QByteArray barmanRestore(const QString& url, const QString& server, const QString& name, const QString& dir)
{
    const QString dest = dir + QStringLiteral("/barman-") + name;
    const ProcessResult r = env().run(QStringLiteral("/usr/bin/barman-cloud-wal-restore"),
                                      {QStringLiteral("--endpoint-url"), env().endpoint(), url, server, name, dest});
    if (r.exitCode != 0)
        qWarning("barman-cloud-wal-restore %s: %s", qPrintable(name), r.err.constData());
    return readAll(dest);
}

int pgWaldump(const QString& dir, const QString& segment, QByteArray* out = nullptr)
{
    const ProcessResult r =
        env().run(QStringLiteral("/usr/lib/postgresql/15/bin/pg_waldump"), {QStringLiteral("-p"), dir, segment, segment});
    if (out)
        *out = r.out + r.err;
    return r.exitCode;
}

void checkOneLine(const ProcessResult& r)
{
    const QByteArray err = r.err.trimmed();
    QVERIFY2(!err.isEmpty(), "no error message");
    QVERIFY2(!err.contains('\n'), err.constData());
    QVERIFY2(err.contains("Hint:"), err.constData());
    QVERIFY2(!err.contains("S3RVER") || !err.contains("Signature"), err.constData());
}

// A field of one timeline in a scenario's wal_timelines (env.json): names depend on where the
// fixture's PostgreSQL happened to switch timelines.
QJsonObject timelineInfo(const QString& scenario, int timeline)
{
    for (const QJsonValue& v : env().scenario(scenario).value(QStringLiteral("wal_timelines")).toArray())
        if (v.toObject().value(QStringLiteral("timeline")).toInt() == timeline)
            return v.toObject();
    return {};
}

QStringList spoolFiles(const QString& pgWal)
{
    QStringList files;
    const QDir base(pgWal + QStringLiteral("/tideline-spool"));
    for (const QString& keyed : base.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        files += QDir(base.filePath(keyed)).entryList(QDir::Files | QDir::Hidden | QDir::System);
    files.sort();
    return files;
}
} // namespace

class TestWalRestore : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY2(env().ok(), "fixture env.json missing");
        // A scratch bucket for what barman's own fixtures do not have: bzip2 and snappy WAL
        // (barman-cloud-wal-archive -j / --snappy, recompressed here with the same libraries
        // barman uses), and a wrong object: segment 3 stored under segment 5's name.
        const QString script = QStringLiteral(R"PY(
import boto3, bz2, gzip, io, json, sys, snappy
import snappy.snappy as framing
# Debian 12's python3-snappy has a C _crc32c broken on Python 3.11 (see TestDecompressor.cpp);
# the framing and libsnappy compression work, so only the CRC is replaced.
try:
    framing._crc32c(b"x")
except SystemError:
    import crcmod.predefined
    framing._crc32c = crcmod.predefined.mkCrcFun("crc-32c")
e = json.load(open(sys.argv[1]))
s3 = boto3.client("s3", endpoint_url=e["endpoint"], aws_access_key_id=e["access_key"],
                  aws_secret_access_key=e["secret_key"], region_name=e["region"])
src, dst = "tideline-main", sys.argv[2]
try:
    s3.create_bucket(Bucket=dst)
except Exception:
    pass
d = "cnpg/pg-main/wals/0000000100000000/"
def seg(n):
    return gzip.decompress(s3.get_object(Bucket=src, Key=d + "0000000100000000000000%02X.gz" % n)["Body"].read())
s3.put_object(Bucket=dst, Key=d + "000000010000000000000003.bz2", Body=bz2.compress(seg(3)))
out = io.BytesIO()
snappy.stream_compress(io.BytesIO(seg(4)), out)
s3.put_object(Bucket=dst, Key=d + "000000010000000000000004.snappy", Body=out.getvalue())
s3.put_object(Bucket=dst, Key=d + "000000010000000000000005.gz", Body=gzip.compress(seg(3)))
s3.put_object(Bucket=dst, Key=d + "000000010000000000000006.gz", Body=gzip.compress(seg(6)[:8192 * 100]))
)PY");
        const ProcessResult r =
            env().run(QStringLiteral("/usr/bin/python3"),
                      {QStringLiteral("-c"), script, QStringLiteral(TIDELINE_FIXTURE_DIR "/env.json"), kScratchBucket});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    // Every compression barman-cloud and CNPG write decodes to barman's bytes, and pg_waldump reads it.
    void compressions_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("server");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("referenceUrl"); // where barman can read the same segment
        const QString main = env().url(QStringLiteral("main"));
        const QString rec = env().url(QStringLiteral("recompressed"));
        const QString plain = env().server(QStringLiteral("plain"));
        // Debian's barman 3.4 reads only .gz/.bz2/.snappy: the xz/zstd/lz4 objects are compared with
        // barman's restore of the gzip original they were recompressed from.
        QTest::newRow("gzip") << main << QStringLiteral("pg-main") << QStringLiteral("000000010000000000000003") << main;
        QTest::newRow("xz") << rec << QStringLiteral("pg-main") << QStringLiteral("000000010000000000000001") << main;
        QTest::newRow("zstd") << rec << QStringLiteral("pg-main") << QStringLiteral("000000010000000000000002") << main;
        QTest::newRow("lz4") << rec << QStringLiteral("pg-main") << QStringLiteral("000000010000000000000003") << main;
        QTest::newRow("bzip2") << kScratchUrl << QStringLiteral("pg-main") << QStringLiteral("000000010000000000000003")
                               << kScratchUrl;
        // barman's snappy reader has the same broken CRC here: compare with the gzip original.
        QTest::newRow("snappy") << kScratchUrl << QStringLiteral("pg-main") << QStringLiteral("000000010000000000000004")
                                << main;
        QTest::newRow("none-1MiB") << main << plain
                                   << timelineInfo(QStringLiteral("plain"), 1).value(QStringLiteral("last")).toString()
                                   << main;
        // Its first page is still on timeline 2: PostgreSQL copied the parent's segment at the switch.
        QTest::newRow("new-timeline-first-segment")
            << main << QStringLiteral("pg-main")
            << timelineInfo(QStringLiteral("main"), 3).value(QStringLiteral("first")).toString() << main;
    }
    void compressions()
    {
        QFETCH(QString, url);
        QFETCH(QString, server);
        QFETCH(QString, name);
        QFETCH(QString, referenceUrl);
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("pg_wal")));
        const QString dest = dir.filePath(QStringLiteral("pg_wal/") + name);
        const ProcessResult r =
            walRestore(env().endpoint(), url, server, name, dest, {QStringLiteral("--prefetch"), QStringLiteral("0")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QByteArray mine = readAll(dest);
        const QByteArray reference = barmanRestore(referenceUrl, server, name, dir.path());
        QVERIFY(!reference.isEmpty());
        QCOMPARE(mine.size(), reference.size());
        QVERIFY(mine == reference);
        QByteArray dump;
        QVERIFY2(pgWaldump(dir.filePath(QStringLiteral("pg_wal")), name, &dump) == 0, dump.right(300).constData());
        QVERIFY(dump.contains("rmgr:"));
    }

    void historyAndPartialFiles_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("expectStart");
        const QJsonObject main = env().scenario(QStringLiteral("main"));
        const QString partial = main.value(QStringLiteral("partial_files")).toArray().at(0).toString();
        QVERIFY(partial.endsWith(QLatin1String(".partial")));
        QTest::newRow("history") << QStringLiteral("00000003.history") << QByteArray("1\t");
        // Timeline 2 ended by a promotion: its last segment exists only as .partial, which serves.
        QTest::newRow("partial-as-segment") << partial.left(24) << QByteArray("\x10\xd1");
        QTest::newRow("partial-by-name") << partial << QByteArray("\x10\xd1");
        QTest::newRow("backup-history")
            << timelineInfo(QStringLiteral("main"), 1).value(QStringLiteral("backup_history_files")).toArray().at(0).toString()
            << QByteArray("START WAL LOCATION:");
    }
    void historyAndPartialFiles()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, expectStart);
        QTemporaryDir dir;
        const QString url = env().url(QStringLiteral("main"));
        const QString dest = dir.filePath(QStringLiteral("RECOVERYHISTORY"));
        const ProcessResult r = walRestore(env().endpoint(), url, QStringLiteral("pg-main"), name, dest);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QByteArray mine = readAll(dest);
        QVERIFY(mine.startsWith(expectStart));
        if (!name.endsWith(QLatin1String(".backup"))) { // barman-cloud-wal-restore skips backup history files
            const QByteArray reference = barmanRestore(url, QStringLiteral("pg-main"), name, dir.path());
            QVERIFY(mine == reference);
        }
    }

    // PostgreSQL probes names that were never archived; the answer must be 1, and fast.
    void notArchivedExitsOneQuickly_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("segment") << QStringLiteral("0000000100000000000000F0");
        QTest::newRow("history") << QStringLiteral("00000009.history");
        QTest::newRow("new-hash-dir") << QStringLiteral("000000070000000500000001");
    }
    void notArchivedExitsOneQuickly()
    {
        QFETCH(QString, name);
        QTemporaryDir dir;
        const QString dest = dir.filePath(QStringLiteral("RECOVERYXLOG"));
        // A day's retry budget: were "not archived" retried, the call would outlive the test's
        // two-minute limit instead of answering 1.
        const ProcessResult r = walRestore(env().endpoint(), env().url(QStringLiteral("main")), QStringLiteral("pg-main"),
                                           name, dest, {QStringLiteral("--retry-for"), QStringLiteral("86400")});
        QVERIFY2(r.exitCode == 1, r.err.constData());
        QVERIFY(!QFile::exists(dest));
        checkOneLine(r);
    }

    // Anything but "not archived" must stop PostgreSQL: 255, after --retry-for, never 0 or 1.
    void failingStoreExits255AfterRetrying()
    {
        QTemporaryDir dir;
        const QString dest = dir.filePath(QStringLiteral("RECOVERYXLOG"));
        const QString url = env().url(QStringLiteral("main"));
        qint64 ms = 0;
        ProcessResult r = walRestore(QStringLiteral("http://127.0.0.1:%1").arg(closedPort()), url, QStringLiteral("pg-main"),
                                     QStringLiteral("000000010000000000000003"), dest,
                                     {QStringLiteral("--retry-for"), QStringLiteral("2")}, &ms);
        QVERIFY2(r.exitCode == 255, r.err.constData());
        QVERIFY2(ms >= 2000, qPrintable(QString::number(ms))); // the whole budget was used
        QVERIFY(r.err.contains("attempts"));
        checkOneLine(r);
        QVERIFY(!QFile::exists(dest));

        // 500 on every request, through the harness proxy in front of the real bucket.
        tideline::test::S3Proxy proxy;
        QVERIFY2(proxy.start(env().endpoint(), {QStringLiteral("--rules"), QStringLiteral(R"([{"action": "error500"}])")}),
                 qPrintable(proxy.error()));
        const int port = proxy.port();
        r = walRestore(QStringLiteral("http://127.0.0.1:%1").arg(port), url, QStringLiteral("pg-main"),
                       QStringLiteral("00000003.history"), dest, {QStringLiteral("--retry-for"), QStringLiteral("2")}, &ms);
        QVERIFY2(r.exitCode == 255, r.err.constData());
        QVERIFY2(ms >= 2000, qPrintable(QString::number(ms)));
        checkOneLine(r);
        QVERIFY(!QFile::exists(dest));
    }

    // "Not archived" (exit 1) ends recovery, so only an archive that answered may give it: a 404
    // on an object the listing just named, a source that holds no WAL (an empty mount point) and
    // a directory the server's user cannot read are failures to look: retried, then 255.
    void aNotFoundThatIsNotAuthoritativeExits255()
    {
        QTemporaryDir dir;
        ::chmod(QFile::encodeName(dir.path()).constData(), 0777);
        const QString dest = dir.filePath(QStringLiteral("RECOVERYXLOG"));
        const QString segment = QStringLiteral("000000010000000000000003");

        tideline::test::S3Proxy proxy;
        QVERIFY2(proxy.start(env().endpoint(),
                             {QStringLiteral("--rules"),
                              QStringLiteral(R"([{"action": "notfound", "method": "GET", "path": "%1\\.gz$"}])").arg(segment)}),
                 qPrintable(proxy.error()));
        const int port = proxy.port();
        ProcessResult r =
            walRestore(QStringLiteral("http://127.0.0.1:%1").arg(port), env().url(QStringLiteral("main")),
                       QStringLiteral("pg-main"), segment, dest, {QStringLiteral("--retry-for"), QStringLiteral("1")});
        QVERIFY2(r.exitCode == 255, r.err.constData());
        QVERIFY2(r.err.contains("was listed but could not be read"), r.err.constData());
        checkOneLine(r);
        QVERIFY(!QFile::exists(dest));
        // A listing answered with 404 (some S3-compatible stores and proxies do) is no answer.
        tideline::test::S3Proxy listProxy;
        QVERIFY2(listProxy.start(env().endpoint(),
                                 {QStringLiteral("--rules"),
                                  QStringLiteral(R"([{"action": "notfound", "method": "GET", "path": "list-type=2"}])")}),
                 qPrintable(listProxy.error()));
        const int listPort = listProxy.port();
        r = walRestore(QStringLiteral("http://127.0.0.1:%1").arg(listPort), env().url(QStringLiteral("main")),
                       QStringLiteral("pg-main"), segment, dest, {QStringLiteral("--retry-for"), QStringLiteral("1")});
        QVERIFY2(r.exitCode == 255, r.err.constData());

        // An empty directory where the archive should be mounted.
        const QString empty = dir.filePath(QStringLiteral("mnt"));
        QVERIFY(QDir().mkpath(empty));
        r = walRestore(env().endpoint(), QStringLiteral("file://") + empty, QStringLiteral("pg-main"), segment, dest,
                       {QStringLiteral("--retry-for"), QStringLiteral("1")});
        QVERIFY2(r.exitCode == 255, r.err.constData());
        QVERIFY2(r.err.contains("holds no WAL"), r.err.constData());
        checkOneLine(r);

        // A copy of the local mirror whose hash directory the postgres user cannot read.
        const QString mirror = env().localMirror();
        const QString localUrl = env().url(QStringLiteral("local"));
        QVERIFY(!mirror.isEmpty() && localUrl.startsWith(QLatin1String("file://") + mirror));
        const QString copy = dir.filePath(QStringLiteral("copy"));
        QCOMPARE(env().run(QStringLiteral("cp"), {QStringLiteral("-a"), mirror, copy}).exitCode, 0);
        const QString url = QStringLiteral("file://") + copy + localUrl.mid(7 + mirror.size());
        const QString server = env().server(QStringLiteral("local"));
        const QString hashDir = url.mid(7) + QLatin1Char('/') + server + QStringLiteral("/wals/0000000100000000");
        QVERIFY(QFileInfo(hashDir).isDir());
        auto asPostgres = [&] {
            return env().run(QStringLiteral("runuser"),
                             {QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"),
                              QStringLiteral(TIDELINE_CLI), QStringLiteral("wal-restore"), url, server, segment, dest,
                              QStringLiteral("--retry-for"), QStringLiteral("1"),
                              // No prefetcher to outlive the test in a directory being removed.
                              QStringLiteral("--prefetch"), QStringLiteral("0")});
        };
        // The same call can read it while the directory is open to it: only permissions differ.
        QCOMPARE(env().run(QStringLiteral("chmod"), {QStringLiteral("-R"), QStringLiteral("a+rX"), copy}).exitCode, 0);
        r = asPostgres();
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(QFile::remove(dest));
        QVERIFY(::chmod(QFile::encodeName(hashDir).constData(), 0700) == 0);
        r = asPostgres();
        QVERIFY2(r.exitCode == 255, r.err.constData());
        QVERIFY2(r.err.contains("cannot read directory"), r.err.constData());
        checkOneLine(r);
        QVERIFY(!QFile::exists(dest));

        // The segment is a link into a mount that is gone: listed, unreadable, 255.
        QVERIFY(::chmod(QFile::encodeName(hashDir).constData(), 0755) == 0);
        const QStringList copies = QDir(hashDir).entryList({segment + QLatin1Char('*')}, QDir::Files);
        QCOMPARE(copies.size(), 1);
        QVERIFY(QFile::remove(hashDir + QLatin1Char('/') + copies.first()));
        QVERIFY(QFile::link(QStringLiteral("/nonexistent/tideline-mount/") + copies.first(),
                            hashDir + QLatin1Char('/') + copies.first()));
        r = walRestore(env().endpoint(), url, server, segment, dest, {QStringLiteral("--retry-for"), QStringLiteral("1")});
        QVERIFY2(r.exitCode == 255, r.err.constData());
        checkOneLine(r);
        QVERIFY(!QFile::exists(dest));
    }

    // A wrong object under a segment's name (page address of another segment) or a truncated one
    // is refused with 255, and nothing is left at the destination.
    void wrongObjectExits255()
    {
        for (const QString name : {QStringLiteral("000000010000000000000005"), QStringLiteral("000000010000000000000006")}) {
            QTemporaryDir dir;
            const QString dest = dir.filePath(QStringLiteral("RECOVERYXLOG"));
            const ProcessResult r = walRestore(env().endpoint(), kScratchUrl, QStringLiteral("pg-main"), name, dest,
                                               {QStringLiteral("--retry-for"), QStringLiteral("1")});
            QVERIFY2(r.exitCode == 255, r.err.constData());
            QVERIFY2(r.err.contains(name == QLatin1String("000000010000000000000005") ? "0/3000000"
                                                                                      : "bytes where a segment has"),
                     r.err.constData());
            checkOneLine(r);
            QVERIFY(!QFile::exists(dest));
            QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::System), QStringList());
        }
    }

    // --prefetch 4 fills the spool with the next four segments; the next call is served from it
    // with the endpoint unreachable, and replay's progress cleans what it passed.
    void spoolServesWithoutNetwork()
    {
        QTemporaryDir dir;
        const QString pgWal = dir.filePath(QStringLiteral("pg_wal"));
        QVERIFY(QDir().mkpath(pgWal));
        const QString url = env().url(QStringLiteral("main"));
        const QString dest = pgWal + QStringLiteral("/RECOVERYXLOG");
        ProcessResult r =
            walRestore(env().endpoint(), url, QStringLiteral("pg-main"), QStringLiteral("000000010000000000000003"), dest,
                       {QStringLiteral("--prefetch"), QStringLiteral("4")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QStringList expected{QStringLiteral("000000010000000000000004"), QStringLiteral("000000010000000000000005"),
                                   QStringLiteral("000000010000000000000006"), QStringLiteral("000000010000000000000007")};
        QElapsedTimer clock;
        clock.start();
        auto spooled = [&] {
            QStringList segments;
            for (const QString& f : spoolFiles(pgWal))
                if (f.size() == 24)
                    segments.append(f);
            return segments;
        };
        while (spooled() != expected && clock.elapsed() < 15'000)
            QThread::msleep(50);
        QCOMPARE(spooled(), expected);
        for (const QString& f : spoolFiles(pgWal))
            QVERIFY2(!f.endsWith(QLatin1String(".part")), qPrintable(f)); // complete files only, by rename

        // The network is gone: a spool hit still works and hands over barman's bytes.
        QFile::remove(dest);
        const QString closed = QStringLiteral("http://127.0.0.1:%1").arg(closedPort());
        r = walRestore(closed, url, QStringLiteral("pg-main"), QStringLiteral("000000010000000000000005"), dest,
                       {QStringLiteral("--prefetch"), QStringLiteral("4"), QStringLiteral("--retry-for"), QStringLiteral("1")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        // Exit 0 with the endpoint closed: the spool served it, the network was never needed.
        QVERIFY(readAll(dest)
                == barmanRestore(url, QStringLiteral("pg-main"), QStringLiteral("000000010000000000000005"), dir.path()));
        // Handed over (moved), and segment 4, which replay has passed, is gone too.
        const QStringList after = spooled();
        QVERIFY2(!after.contains(QStringLiteral("000000010000000000000004")), qPrintable(after.join(u' ')));
        QVERIFY2(!after.contains(QStringLiteral("000000010000000000000005")), qPrintable(after.join(u' ')));
        // A name the spool does not hold still needs the store: 255 with the endpoint closed.
        QFile::remove(dest);
        r = walRestore(closed, url, QStringLiteral("pg-main"), QStringLiteral("00000001000000000000000D"), dest,
                       {QStringLiteral("--prefetch"), QStringLiteral("0"), QStringLiteral("--retry-for"), QStringLiteral("0")});
        QCOMPARE(r.exitCode, 255);
    }

    // The detached prefetcher is this same executable again (the launcher, which loads the
    // library for it), carrying the caller's endpoint, region and addressing style and never a
    // secret: caught in the process table while a proxy holds its downloads for two seconds, then
    // seen to fill the spool through that same proxy.
    void thePrefetcherCarriesTheCallersSettingsAndNoSecret()
    {
        QTemporaryDir dir;
        const QString pgWal = dir.filePath(QStringLiteral("pg_wal"));
        QVERIFY(QDir().mkpath(pgWal));
        tideline::test::S3Proxy proxy;
        QVERIFY2(proxy.start(
                     env().endpoint(),
                     {QStringLiteral("--rules"),
                      QStringLiteral(
                          R"([{"action": "delay", "method": "GET", "path": "00000001000000000000000[4-9]", "stall_ms": 2000}])")}),
                 qPrintable(proxy.error()));
        const int port = proxy.port();
        const QString endpoint = QStringLiteral("http://127.0.0.1:%1").arg(port);
        const QString region = env().root().value(QStringLiteral("region")).toString();
        const QString url = env().url(QStringLiteral("main"));
        const ProcessResult r =
            env().run(QStringLiteral(TIDELINE_CLI),
                      {QStringLiteral("--endpoint-url"), endpoint, QStringLiteral("--region"), region,
                       QStringLiteral("--addressing-style"), QStringLiteral("path"), QStringLiteral("wal-restore"), url,
                       QStringLiteral("pg-main"), QStringLiteral("000000010000000000000003"),
                       pgWal + QStringLiteral("/RECOVERYXLOG"), QStringLiteral("--prefetch"), QStringLiteral("4")});
        QVERIFY2(r.exitCode == 0, r.err.constData());

        // The worker: the process whose command line names --prefetch-worker and this spool.
        QString pid;
        QStringList argv;
        QElapsedTimer clock;
        clock.start();
        while (pid.isEmpty() && clock.elapsed() < 10'000) {
            for (const QString& p : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
                const QList<QByteArray> words = readAll(QStringLiteral("/proc/%1/cmdline").arg(p)).split('\0');
                if (words.contains("--prefetch-worker")
                    && words.contains(QFile::encodeName(pgWal + QStringLiteral("/tideline-spool")))) {
                    pid = p;
                    for (const QByteArray& w : words)
                        argv << QString::fromLocal8Bit(w);
                    break;
                }
            }
            QThread::msleep(20);
        }
        QVERIFY2(!pid.isEmpty(), "no prefetch worker seen while its downloads were held");
        // It would outlive the test by its idle time, writing into a directory being removed.
        const auto stopWorker = qScopeGuard([&] {
            ::kill(pid_t(pid.toInt()), SIGTERM);
            // Not our child: gone, or a zombie of whoever reaps orphans, once its last write is done.
            for (int i = 0; i < 500; ++i) {
                const QByteArray stat = readAll(QStringLiteral("/proc/%1/stat").arg(pid));
                const qsizetype close = stat.lastIndexOf(')');
                if (close < 0 || stat.mid(close + 2, 1) == "Z")
                    break;
                QThread::msleep(20);
            }
        });
        QCOMPARE(QFileInfo(QStringLiteral("/proc/%1/exe").arg(pid)).canonicalFilePath(),
                 QFileInfo(QStringLiteral(TIDELINE_CLI)).canonicalFilePath());
        const auto after = [&](const QString& option) { return argv.value(argv.indexOf(option) + 1); };
        QCOMPARE(after(QStringLiteral("--endpoint-url")), endpoint);
        QCOMPARE(after(QStringLiteral("--region")), region);
        QCOMPARE(after(QStringLiteral("--addressing-style")), QStringLiteral("path"));
        QCOMPARE(after(QStringLiteral("--prefetch")), QStringLiteral("4"));
        QCOMPARE(after(QStringLiteral("wal-restore")), url);
        QCOMPARE(after(url), QStringLiteral("pg-main"));
        const QString secret = env().root().value(QStringLiteral("secret_key")).toString();
        QVERIFY2(!argv.join(u' ').contains(secret), "the secret key is on the worker's command line");

        // And it works with them: the next four segments land in the spool through the proxy.
        QStringList spooled;
        while (clock.elapsed() < 30'000) {
            spooled.clear();
            for (const QString& f : spoolFiles(pgWal))
                if (f.size() == 24)
                    spooled.append(f);
            if (spooled.size() == 4)
                break;
            QThread::msleep(50);
        }
        QCOMPARE(spooled,
                 QStringList({QStringLiteral("000000010000000000000004"), QStringLiteral("000000010000000000000005"),
                              QStringLiteral("000000010000000000000006"), QStringLiteral("000000010000000000000007")}));
    }

    // A spool directory another local user may write (or a symlink) is never trusted: nothing is
    // prefetched into it and nothing planted in it is handed over; the store serves instead.
    void aSpoolOthersCanWriteIsNotUsed()
    {
        QTemporaryDir dir;
        const QString pgWal = dir.filePath(QStringLiteral("pg_wal"));
        const QString base = pgWal + QStringLiteral("/tideline-spool");
        QVERIFY(QDir().mkpath(base));
        QVERIFY(QFile::setPermissions(base,
                                      QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                          | QFileDevice::WriteGroup | QFileDevice::ExeGroup | QFileDevice::WriteOther
                                          | QFileDevice::ExeOther));
        const QString url = env().url(QStringLiteral("main"));
        const QString dest = pgWal + QStringLiteral("/RECOVERYXLOG");
        const ProcessResult r =
            walRestore(env().endpoint(), url, QStringLiteral("pg-main"), QStringLiteral("000000010000000000000003"), dest,
                       {QStringLiteral("--prefetch"), QStringLiteral("4")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(readAll(dest)
                == barmanRestore(url, QStringLiteral("pg-main"), QStringLiteral("000000010000000000000003"), dir.path()));
        // The prefetcher starts only once its keyed directory exists: none was made in a base
        // others can write to, so none started and nothing can land there later.
        const QStringList inBase = QDir(base).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
        QVERIFY2(inBase.isEmpty(), qPrintable(inBase.join(QLatin1Char(' '))));
    }

    // A download killed halfway leaves only a hidden temporary file, never the destination; the
    // next call removes the dead call's temporary file and completes.
    void killedMidwayLeavesNoPartialFile()
    {
        QTemporaryDir dir;
        const QString dest = dir.filePath(QStringLiteral("RECOVERYXLOG"));
        const QString url = env().url(QStringLiteral("main"));
        // Segment 1 is 1.4 MB compressed: stall after 300 kB of it.
        tideline::test::S3Proxy proxy;
        QVERIFY2(proxy.start(
                     env().endpoint(),
                     {QStringLiteral("--rules"),
                      QStringLiteral(
                          R"([{"action": "stall_body", "method": "GET", "path": "000000010000000000000001\\.gz", "bytes": 300000, "stall_ms": 20000}])")}),
                 qPrintable(proxy.error()));
        const int port = proxy.port();
        QProcess cli;
        cli.setProcessEnvironment(env().environment());
        cli.start(QStringLiteral(TIDELINE_CLI),
                  {QStringLiteral("--endpoint-url"), QStringLiteral("http://127.0.0.1:%1").arg(port),
                   QStringLiteral("wal-restore"), url, QStringLiteral("pg-main"), QStringLiteral("000000010000000000000001"),
                   dest, QStringLiteral("--prefetch"), QStringLiteral("0")});
        QVERIFY(cli.waitForStarted());
        const QString temp = dir.filePath(QStringLiteral(".RECOVERYXLOG.tideline-%1.tmp").arg(cli.processId()));
        QElapsedTimer clock;
        clock.start();
        while (QFileInfo(temp).size() == 0 && clock.elapsed() < 10'000)
            QThread::msleep(20);
        QVERIFY2(QFileInfo(temp).size() > 0, "the download never started writing");
        QVERIFY(!QFile::exists(dest));
        ::kill(pid_t(cli.processId()), SIGKILL);
        cli.waitForFinished();
        QVERIFY(!QFile::exists(dest));
        QVERIFY(QFile::exists(temp));

        const ProcessResult r =
            walRestore(env().endpoint(), url, QStringLiteral("pg-main"), QStringLiteral("000000010000000000000001"), dest,
                       {QStringLiteral("--prefetch"), QStringLiteral("0")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(!QFile::exists(temp));
        QVERIFY(readAll(dest)
                == barmanRestore(url, QStringLiteral("pg-main"), QStringLiteral("000000010000000000000001"), dir.path()));
    }

    // The reaper of killed calls' temporary files removes only those whose process is gone: a
    // call running as another user (kill answers EPERM, not ESRCH) is alive and keeps its file.
    void theReaperKeepsAnotherUsersLiveCall()
    {
        QTemporaryDir dir;
        ::chmod(QFile::encodeName(dir.path()).constData(), 0777);
        const QString dest = dir.filePath(QStringLiteral("RECOVERYXLOG"));
        // Alive, as root: this test. Gone: a process started and waited for.
        QProcess gone;
        gone.start(QStringLiteral("sleep"), {QStringLiteral("0.1")});
        QVERIFY(gone.waitForStarted());
        const qint64 deadPid = gone.processId();
        QVERIFY(gone.waitForFinished());
        const auto temp = [&](qint64 pid) { return dir.filePath(QStringLiteral(".RECOVERYXLOG.tideline-%1.tmp").arg(pid)); };
        const QString live = temp(QCoreApplication::applicationPid());
        QVERIFY(::kill(pid_t(QCoreApplication::applicationPid()), 0) == 0);
        for (const QString& f : {live, temp(deadPid)}) {
            QFile file(f);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("half a segment");
        }
        // The dead pid's slot: found empty now, by the same call the reaper makes.
        QVERIFY(deadPid > 0 && ::kill(pid_t(deadPid), 0) != 0 && errno == ESRCH);
        const ProcessResult r =
            env().run(QStringLiteral("runuser"),
                      {QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), QStringLiteral(TIDELINE_CLI),
                       QStringLiteral("--endpoint-url"), env().endpoint(), QStringLiteral("wal-restore"),
                       env().url(QStringLiteral("main")), QStringLiteral("pg-main"),
                       QStringLiteral("000000010000000000000002"), dest, QStringLiteral("--prefetch"), QStringLiteral("0")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(QFile::exists(dest));
        QVERIFY2(QFile::exists(live), "a live call's temporary file was removed: kill's EPERM was taken for a dead process");
        QVERIFY2(!QFile::exists(temp(deadPid)), "a dead call's temporary file was left");
    }
};

QTEST_GUILESS_MAIN(TestWalRestore)
#include "TestWalRestore.moc"
