// SPDX-License-Identifier: GPL-3.0-or-later
// loadServerCatalog on a bucket held in memory (tests/support/MemoryStore.h): fast and hermetic
// beside TestServerCatalog's copies of barman-written buckets. Each case builds the objects a
// bucket would hold and checks what the catalog makes of them.
#include "engine/catalog/ServerCatalog.h"
#include "tests/support/MemoryStore.h"

#include <QFile>
#include <QTest>

using namespace tideline;
using tideline::catalog::BackupEntry;
using tideline::test::MemoryStore;

namespace {
constexpr qint64 kDay = 24LL * 3600 * 1'000'000;
// 2025-12-06 02:00:05 UTC: just after the sample backup.info's end_time.
constexpr qint64 kT0 = 1764986405LL * 1'000'000;
const QString kServer = QStringLiteral("pg-main");

QByteArray sampleInfo()
{
    QFile f(QStringLiteral(TIDELINE_TEST_DATA "/catalog/backup.info.pg15"));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("test data missing");
    return f.readAll();
}

QString base(const QString& id, const QString& file)
{
    return QStringLiteral("cnpg/%1/base/%2/%3").arg(kServer, id, file);
}

QString walKey(int segno)
{
    return QStringLiteral("cnpg/%1/wals/0000000100000000/%2.gz")
        .arg(kServer, QStringLiteral("0000000100000000%1").arg(segno, 8, 16, QLatin1Char('0')).toUpper());
}

// The sample backup (timeline 1, WAL 5..6, tablespaces 16385 and 16386) with its three tars.
void addBackup(MemoryStore& s, const QString& id, bool withInfo = true, bool withTablespace2 = true)
{
    s.put(base(id, QStringLiteral("data.tar.gz")), QByteArray(1000, 'd'), kT0);
    s.put(base(id, QStringLiteral("16385.tar.gz")), QByteArray(100, 't'), kT0);
    if (withTablespace2)
        s.put(base(id, QStringLiteral("16386.tar.gz")), QByteArray(100, 'u'), kT0);
    if (withInfo)
        s.put(base(id, QStringLiteral("backup.info")), sampleInfo(), kT0 + 1'000'000);
}

Result<catalog::ServerCatalog> load(MemoryStore& s, qint64 nowUsec, catalog::WalScope scope = catalog::WalScope::Archive)
{
    const auto url = storage::SourceUrl::parse(QStringLiteral("s3://bucket/cnpg"));
    JobContext context;
    FixedClock clock(nowUsec);
    return catalog::loadServerCatalog(s, *url, kServer, context, clock, 16, scope);
}
} // namespace

class TestCatalogLoader : public QObject {
    Q_OBJECT
private slots:
    void aCompleteBackupWithItsWalIsRestorable()
    {
        MemoryStore s;
        addBackup(s, QStringLiteral("20251206T020000"));
        for (int seg = 5; seg <= 8; ++seg)
            s.put(walKey(seg), QByteArray(10, 'w'), kT0 + seg * 1'000'000);
        const auto c = load(s, kT0 + 60'000'000);
        QVERIFY2(c, qPrintable(c ? QString() : c.error().oneLine()));
        QCOMPARE(c->backups.size(), 1);
        const BackupEntry& b = c->backups.first();
        QCOMPARE(b.state, BackupEntry::State::Done);
        QVERIFY2(b.restorable, qPrintable(b.unrestorableReason()));
        QCOMPARE(b.filesCompression, QStringLiteral("gzip"));
        QCOMPARE(b.objects, 4);
        QCOMPARE(b.bytes, qint64(1000 + 100 + 100 + sampleInfo().size()));
        QCOMPARE(c->wals.timelines().size(), 1);
        QVERIFY(c->wals.timelines().first().gaps.isEmpty());
    }

    void aMissingSegmentIsAGapAndAMissingTarMakesItUnrestorable()
    {
        MemoryStore s;
        addBackup(s, QStringLiteral("20251206T020000"), true, false);
        for (int seg : {5, 6, 8, 9})
            s.put(walKey(seg), QByteArray(10, 'w'), kT0 + seg * 1'000'000);
        const auto c = load(s, kT0 + 60'000'000);
        QVERIFY(c);
        const auto& gaps = c->wals.timelines().first().gaps;
        QCOMPARE(gaps.size(), 1);
        QCOMPARE(gaps.first().firstMissing, 7u);
        QCOMPARE(gaps.first().lastMissing, 7u);
        QVERIFY(!gaps.first().harmless); // after the backup began: replay needs it
        const BackupEntry& b = c->backups.first();
        QVERIFY(!b.restorable);
        QCOMPARE(b.fileProblems.size(), 1);
        QVERIFY2(b.fileProblems.first().contains(QLatin1String("16386")), qPrintable(b.fileProblems.first()));
    }

    // Without backup.info: a backup still uploading (recent objects), or one that died (old
    // objects, or a newer backup finished since).
    // `backups` reads only the backups' own WAL ranges; every backup answer must be the full
    // load's, whatever backup.info names and however the segments are spelled in the bucket.
    void backupRangesAnswerAsTheWholeArchive_data()
    {
        QTest::addColumn<QString>("beginWal");
        QTest::addColumn<QString>("endWal");
        QTest::addColumn<QStringList>("walNames"); // under wals/0000000100000000/
        const QStringList both{QStringLiteral("000000010000000000000005.gz"), QStringLiteral("000000010000000000000006.gz")};
        QTest::newRow("plain") << "000000010000000000000005"
                               << "000000010000000000000006" << both;
        QTest::newRow("one missing") << "000000010000000000000005"
                                     << "000000010000000000000006"
                                     << QStringList{QStringLiteral("000000010000000000000006.gz")};
        QTest::newRow("uncompressed and zstd")
            << "000000010000000000000005"
            << "000000010000000000000006"
            << QStringList{QStringLiteral("000000010000000000000005"), QStringLiteral("000000010000000000000006.zst")};
        QTest::newRow("lower-case backup.info")
            << "00000001000000000000000a"
            << "00000001000000000000000b"
            << QStringList{QStringLiteral("00000001000000000000000A.gz"), QStringLiteral("00000001000000000000000B.gz")};
        QTest::newRow("lower-case key") << "00000001000000000000000A"
                                        << "00000001000000000000000B"
                                        << QStringList{QStringLiteral("00000001000000000000000a.gz"),
                                                       QStringLiteral("00000001000000000000000B.gz")};
        QTest::newRow("suffix in backup.info") << "000000010000000000000005.gz"
                                               << "000000010000000000000006.zst" << both;
        QTest::newRow("end before begin") << "000000010000000000000006"
                                          << "000000010000000000000005" << both;
        QTest::newRow("end on another timeline") << "000000010000000000000005"
                                                 << "000000020000000000000006" << both;
        QTest::newRow("only a partial") << "000000010000000000000005"
                                        << "000000010000000000000006"
                                        << QStringList{QStringLiteral("000000010000000000000005.partial.gz"),
                                                       QStringLiteral("000000010000000000000006.gz")};
        QTest::newRow("a huge span") << "000000010000000000000005"
                                     << "00000001FFFFFFFF000000FF" << both;
    }
    void backupRangesAnswerAsTheWholeArchive()
    {
        QFETCH(QString, beginWal);
        QFETCH(QString, endWal);
        QFETCH(QStringList, walNames);
        MemoryStore s;
        s.pageSize = 1000;
        QByteArray info = sampleInfo();
        info.replace("begin_wal=000000010000000000000005", "begin_wal=" + beginWal.toLatin1());
        info.replace("end_wal=000000010000000000000006", "end_wal=" + endWal.toLatin1());
        addBackup(s, QStringLiteral("20251206T010000"));
        s.put(base(QStringLiteral("20251206T010000"), QStringLiteral("backup.info")), info, kT0 + 1'000'000);
        for (const QString& name : walNames)
            s.put(QStringLiteral("cnpg/%1/wals/0000000100000000/%2").arg(kServer, name), QByteArray(100, 'w'), kT0);
        // Segments elsewhere that no backup needs: the full load sees them, the ranges must not.
        s.put(QStringLiteral("cnpg/%1/wals/0000000100000003/000000010000000300000001.gz").arg(kServer), "x", kT0);
        const auto whole = load(s, kT0);
        const auto ranges = load(s, kT0, catalog::WalScope::BackupRanges);
        QVERIFY2(whole && ranges, "loaded");
        QCOMPARE(whole->walScope, catalog::WalScope::Archive);
        if (qstrcmp(QTest::currentDataTag(), "plain") == 0) {
            QCOMPARE(ranges->walScope, catalog::WalScope::BackupRanges);
            QVERIFY(!ranges->wals.timeline(1)->segments.isEmpty());
            QCOMPARE(ranges->wals.timeline(1)->segments.last().segno, quint64(6)); // nothing of log 3
        }
        QCOMPARE(ranges->backups.size(), whole->backups.size());
        for (qsizetype i = 0; i < whole->backups.size(); ++i) {
            const auto& w = whole->backups.at(i);
            const auto& r = ranges->backups.at(i);
            QCOMPARE(r.restorable, w.restorable);
            QCOMPARE(r.missingWalCount, w.missingWalCount);
            QCOMPARE(r.firstMissingWal, w.firstMissingWal);
            QCOMPARE(r.unrestorableReason(), w.unrestorableReason());
            QCOMPARE(r.unrestorableCause(), w.unrestorableCause());
            QCOMPARE(r.restorableSummary(), w.restorableSummary());
        }
    }

    void aBackupWithoutItsInfoIsStartedOrIncomplete()
    {
        MemoryStore s;
        addBackup(s, QStringLiteral("20251206T020000"), false);
        s.put(walKey(5), QByteArray(10, 'w'), kT0);
        auto c = load(s, kT0 + 60'000'000);
        QVERIFY(c);
        QCOMPARE(c->backups.first().state, BackupEntry::State::InProgress);
        QCOMPARE(c->backups.first().statusText(), QStringLiteral("STARTED"));
        c = load(s, kT0 + 2 * kDay);
        QVERIFY(c);
        QCOMPARE(c->backups.first().state, BackupEntry::State::Incomplete);
        QVERIFY(!c->backups.first().restorable);
    }

    void aServerWithNothingIsMissing()
    {
        MemoryStore s;
        s.put(QStringLiteral("cnpg/other/wals/00000001.history"), "x", kT0);
        const auto c = load(s, kT0);
        QVERIFY(!c);
        QCOMPARE(c.error().code, ErrorCode::MissingSource);
        QVERIFY(!c.error().hint.isEmpty());
    }

    void anUnreadableInfoIsKeptAndSaid()
    {
        MemoryStore s;
        addBackup(s, QStringLiteral("20251206T020000"));
        s.put(base(QStringLiteral("20251206T020000"), QStringLiteral("backup.info")), "status=DONE\n\x01garbage", kT0);
        s.put(walKey(5), QByteArray(10, 'w'), kT0);
        const auto c = load(s, kT0 + 60'000'000);
        QVERIFY(c);
        QCOMPARE(c->backups.size(), 1);
        QCOMPARE(c->backups.first().state, BackupEntry::State::Unreadable);
        QVERIFY(c->backups.first().infoError);
        QVERIFY(!c->backups.first().restorable);
    }
};

QTEST_GUILESS_MAIN(TestCatalogLoader)
#include "TestCatalogLoader.moc"
