// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/catalog/WalArchive.h"
#include "engine/catalog/WalArchiveBuilder.h"
#include "engine/pitr/RecoveryWindow.h"

#include <QTest>
#include <QThread>

using namespace tideline;
using namespace tideline::catalog;

namespace {
constexpr quint64 k16M = 16 * 1024 * 1024;
const QString kPrefix = QStringLiteral("cnpg/pg/wals/");

// Names are written out by hand (not with segmentName) so the test checks the code, not itself.
storage::ObjectInfo obj(const QString& file, qint64 t = 1000)
{
    return {kPrefix + file.left(16) + QLatin1Char('/') + file, 100, t, {}};
}

QList<storage::ObjectInfo> segs(const QString& tliLog, int from, int to, const QString& suffix = QStringLiteral(".gz"))
{
    QList<storage::ObjectInfo> out;
    for (int s = from; s <= to; ++s)
        out.append(obj(tliLog + QStringLiteral("%1").arg(s, 8, 16, QLatin1Char('0')).toUpper() + suffix, 1000 + s));
    return out;
}

wal::TimelineGraph graph12()
{
    wal::TimelineGraph g;
    // timeline 2 branched from 1 at 0/9000100: segment 9 comes from timeline 2.
    g.addHistory(2, {{1, wal::Lsn(0x9000100), QStringLiteral("no recovery target specified")}});
    return g;
}

BackupEntry backup(const QString& id, wal::TimelineId tli, const QString& begin, const QString& end, quint64 endLsn,
                   qint64 endUsec)
{
    BackupEntry b;
    b.id = id;
    b.state = BackupEntry::State::Done;
    BackupInfo info;
    info.backupId = id;
    info.status = QStringLiteral("DONE");
    info.timeline = tli;
    info.beginWal = begin;
    info.endWal = end;
    info.endLsn = wal::Lsn(endLsn);
    info.endTime = Timestamp::fromUsec(endUsec);
    b.info = info;
    return b;
}
} // namespace

class TestWalArchive : public QObject {
    Q_OBJECT
private slots:
    void filesByTimelineAndFindsGaps()
    {
        auto objects = segs(QStringLiteral("0000000100000000"), 1, 10);
        objects.removeAt(6); // segment 7 missing
        objects.removeAt(1); // segment 2 missing
        objects.append(obj(QStringLiteral("000000010000000000000009.partial.gz")));
        objects.append(obj(QStringLiteral("000000010000000000000003.00000028.backup.gz")));
        objects.append({kPrefix + QStringLiteral("00000002.history.gz"), 50, 5, {}});
        objects.append({kPrefix + QStringLiteral("0000000100000000/README"), 5, 5, {}});
        objects.append(segs(QStringLiteral("0000000200000000"), 9, 12, QString()));
        const WalArchive a = WalArchive::build(kPrefix, objects, k16M);
        QCOMPARE(a.timelines().size(), 2);
        const TimelineWal* t1 = a.timeline(1);
        QVERIFY(t1);
        QCOMPARE(t1->segments.size(), 8);
        QCOMPARE(t1->partials.size(), 1);
        QCOMPARE(t1->backupLabels.size(), 1);
        QCOMPARE(t1->bytes, 1000);
        QCOMPARE(a.historyFiles().size(), 1);
        QCOMPARE(a.ignoredKeys(), 1);
        QCOMPARE(a.keyOf(t1->segments.first()), kPrefix + QStringLiteral("0000000100000000/000000010000000000000001.gz"));

        WalArchive b = a;
        b.setGraph(graph12());
        b.computeGaps({{1, 3}, {2, 3}}); // oldest backup begins at segment 3
        const TimelineWal* g1 = b.timeline(1);
        QCOMPARE(g1->gaps.size(), 2);
        QCOMPARE(g1->gaps[0].firstMissing, 2ull);
        QCOMPARE(g1->gaps[0].count(), 1ull);
        QVERIFY(g1->gaps[0].harmless); // before the oldest backup
        QCOMPARE(g1->gaps[1].firstMissing, 7ull);
        QVERIFY(!g1->gaps[1].harmless);
        QVERIFY(b.timeline(2)->gaps.isEmpty());
    }
    void walksAcrossTheSwitch()
    {
        auto objects = segs(QStringLiteral("0000000100000000"), 1, 10);
        objects.append(segs(QStringLiteral("0000000200000000"), 9, 12));
        WalArchive a = WalArchive::build(kPrefix, objects, k16M);
        a.setGraph(graph12());
        a.computeGaps({});
        // From 1/3 to 2/12: 3..8 on timeline 1, 9..12 on timeline 2 — all there.
        QVERIFY(!a.firstMissingOnPath(1, 3, 2, 12).has_value());
        const auto reach = a.lastReachable(1, 3, 2);
        QVERIFY(reach);
        QCOMPARE(reach->timeline, 2u);
        QCOMPARE(reach->segno, 12ull);
        // Asking past the end reports the first segment not yet archived.
        const auto beyond = a.firstMissingOnPath(1, 3, 2, 14);
        QVERIFY(beyond);
        QCOMPARE(beyond->segno, 13ull);
        // Timeline 2 is not an ancestor of 1.
        QVERIFY(a.firstMissingOnPath(2, 9, 1, 10).has_value());
    }
    void theSwitchSegmentComesFromTheNewTimeline()
    {
        auto objects = segs(QStringLiteral("0000000100000000"), 1, 8); // timeline 1's segment 9 exists only as .partial
        objects.append(obj(QStringLiteral("000000010000000000000009.partial.gz")));
        objects.append(segs(QStringLiteral("0000000200000000"), 10, 12)); // but 2's copy of 9 is missing
        WalArchive a = WalArchive::build(kPrefix, objects, k16M);
        a.setGraph(graph12());
        a.computeGaps({});
        const auto missing = a.firstMissingOnPath(1, 3, 2, 12);
        QVERIFY(missing);
        QCOMPARE(missing->timeline, 2u);
        QCOMPARE(missing->segno, 9ull);
        const auto reach = a.lastReachable(1, 3, 2);
        QVERIFY(reach);
        QCOMPARE(reach->timeline, 1u); // stuck before the switch
        QCOMPARE(reach->segno, 8ull);
    }
    void infersSegmentSizeWhenNotStated()
    {
        const WalArchive a = WalArchive::build(kPrefix, segs(QStringLiteral("0000000100000000"), 0x100, 0x102), std::nullopt);
        QVERIFY(a.segmentSizeInferred());
        QCOMPARE(a.segmentSize(), 1024ull * 1024); // 0x100 cannot exist with 16 MiB segments
        QCOMPARE(a.timeline(1)->segments.size(), 3);
    }
    void aSecondCopyIsKeptWholeWhereverItLies()
    {
        // Segment 2 archived twice (gzip, then bzip2) in the middle of the run: the copy that
        // does not count must keep its own key, for retention deletes by it.
        auto objects = segs(QStringLiteral("0000000100000000"), 1, 5);
        objects.insert(2, obj(QStringLiteral("000000010000000000000002.bz2")));
        const WalArchive a = WalArchive::build(kPrefix, objects, k16M);
        QCOMPARE(a.duplicates(), 1);
        QCOMPARE(a.duplicateCopies().size(), 1);
        QCOMPARE(a.keyOf(a.duplicateCopies().first()),
                 kPrefix + QStringLiteral("0000000100000000/000000010000000000000002.bz2"));
        const TimelineWal* t = a.timeline(1);
        QCOMPARE(t->segments.size(), 5);
        QStringList keys;
        for (const WalObject& w : t->segments)
            keys << a.keyOf(w);
        QCOMPARE(keys,
                 QStringList({kPrefix + QStringLiteral("0000000100000000/000000010000000000000001.gz"),
                              kPrefix + QStringLiteral("0000000100000000/000000010000000000000002.gz"),
                              kPrefix + QStringLiteral("0000000100000000/000000010000000000000003.gz"),
                              kPrefix + QStringLiteral("0000000100000000/000000010000000000000004.gz"),
                              kPrefix + QStringLiteral("0000000100000000/000000010000000000000005.gz")}));
        QCOMPARE(t->bytes, 500);
    }
    void keysAndEtagsComeBackAsListed()
    {
        // Lower-case hex in a file name and ETags of every shape: the catalog stores them
        // compactly but must give back exactly what the bucket holds.
        QList<storage::ObjectInfo> objects = {
            {kPrefix + QStringLiteral("0000000100000000/00000001000000000000000a.gz"), 7, 1,
             QStringLiteral("0123456789abcdef0123456789abcdef")},
            {kPrefix + QStringLiteral("0000000100000000/00000001000000000000000B.gz"), 7, 2,
             QStringLiteral("0123456789ABCDEF0123456789ABCDEF")},
            {kPrefix + QStringLiteral("0000000100000000/00000001000000000000000C.gz"), 7, 3,
             QStringLiteral("d41d8cd98f00b204e9800998ecf8427e-12")},
            {kPrefix + QStringLiteral("0000000100000000/00000001000000000000000D.gz"), 7, 4, QString()},
            {kPrefix + QStringLiteral("0000000100000000/00000001000000000000000E.gz"), 7, 5,
             QStringLiteral("0123456789abcdef0123456789abcdeG")},
            {kPrefix + QStringLiteral("0000000100000000/00000001000000000000000F.gz"), 7, 6,
             QStringLiteral("0123456789abcdef0123456789aBcdef")},
            {kPrefix + QStringLiteral("0000000100000000/000000010000000000000010.gz"), 7, 7,
             QString::fromUtf8("0123456789abcdef0123456789abcd\xC3\xA9" "f")},
        };
        const WalArchive a = WalArchive::build(kPrefix, objects, k16M);
        const TimelineWal* t = a.timeline(1);
        QVERIFY(t);
        QCOMPARE(t->segments.size(), objects.size());
        for (qsizetype i = 0; i < objects.size(); ++i) {
            QCOMPARE(a.keyOf(t->segments[i]), objects[i].key);
            QCOMPARE(t->segments[i].etag.toString(), objects[i].etag);
            QCOMPARE(t->segments[i].etag.isEmpty(), objects[i].etag.isEmpty());
        }
        QCOMPARE(t->segments[0].name.baseName(), QStringLiteral("00000001000000000000000a"));
    }
    void onlyTheCanonicalKeyCounts()
    {
        // Retention deletes by keyOf(): a copy under any other path (a longer or deeper directory,
        // a history file inside a hash directory) must not stand for the canonical key.
        QList<storage::ObjectInfo> objects = segs(QStringLiteral("0000000100000000"), 1, 3);
        objects.append({kPrefix + QStringLiteral("x0000000100000000/000000010000000000000002.gz"), 1, 1, {}});
        objects.append({kPrefix + QStringLiteral("a/0000000100000000/000000010000000000000003.gz"), 1, 1, {}});
        objects.append({kPrefix + QStringLiteral("0000000100000000/00000002.history"), 1, 1, {}});
        objects.append({QStringLiteral("elsewhere/0000000100000000/000000010000000000000001.gz"), 1, 1, {}});
        const WalArchive a = WalArchive::build(kPrefix, objects, k16M);
        QCOMPARE(a.ignoredKeys(), 4);
        QCOMPARE(a.duplicates(), 0);
        QVERIFY(a.historyFiles().isEmpty());
        QCOMPARE(a.timeline(1)->segments.size(), 3);
        QStringList keys;
        for (const WalObject& w : a.timeline(1)->segments)
            keys << a.keyOf(w);
        QCOMPARE(keys, QStringList({objects[0].key, objects[1].key, objects[2].key}));
    }
    void piecesInAnyOrderBuildWhatTheWholeListingBuilds()
    {
        auto objects = segs(QStringLiteral("0000000100000000"), 1, 40);
        objects.insert(10, obj(QStringLiteral("00000001000000000000000A.bz2"))); // a second copy
        objects.append(obj(QStringLiteral("000000010000000000000029.partial.gz")));
        objects.append(segs(QStringLiteral("0000000200000000"), 30, 60));
        objects.removeAt(50);
        const WalArchive whole = WalArchive::build(kPrefix, objects, std::nullopt);

        // Seven pieces from seven threads at once, started back to front.
        WalArchiveBuilder builder(kPrefix);
        QList<QThread*> threads;
        const qsizetype pieces = 7;
        const qsizetype step = (objects.size() + pieces - 1) / pieces;
        for (qsizetype p = pieces - 1; p >= 0; --p)
            threads.append(QThread::create([&, p] {
                WalArchiveBuilder::Piece piece;
                WalArchiveBuilder::parse(kPrefix, objects.mid(p * step, step), piece);
                builder.add(p, std::move(piece));
            }));
        for (QThread* t : threads)
            t->start();
        for (QThread* t : threads)
            t->wait();
        qDeleteAll(threads);
        const WalArchive built = builder.finish(std::nullopt);

        QCOMPARE(built.segmentSize(), whole.segmentSize());
        QCOMPARE(built.segmentSizeInferred(), true);
        QCOMPARE(built.duplicates(), 1);
        QCOMPARE(built.keyOf(built.duplicateCopies().first()),
                 kPrefix + QStringLiteral("0000000100000000/00000001000000000000000A.bz2"));
        QCOMPARE(built.timelines().size(), 2);
        for (const TimelineWal& t : whole.timelines()) {
            const TimelineWal* b = built.timeline(t.timeline);
            QVERIFY(b);
            QCOMPARE(b->bytes, t.bytes);
            QCOMPARE(b->segments.size(), t.segments.size());
            QCOMPARE(b->partials.size(), t.partials.size());
            for (qsizetype i = 0; i < t.segments.size(); ++i)
                QCOMPARE(built.keyOf(b->segments[i]), whole.keyOf(t.segments[i]));
        }
        // And the whole listing is the test's own: 40 + 31 segments, one of them removed.
        QCOMPARE(whole.timeline(1)->segments.size() + whole.timeline(2)->segments.size(), 70);
    }
    void recoveryWindowStopsAtAGap()
    {
        ServerCatalog c;
        c.server = QStringLiteral("pg");
        auto objects = segs(QStringLiteral("0000000100000000"), 1, 20);
        objects.removeAt(11); // segment 12 missing
        c.wals = WalArchive::build(kPrefix, objects, k16M);
        c.wals.setGraph({});
        c.backups = {backup(QStringLiteral("A"), 1, QStringLiteral("000000010000000000000003"),
                            QStringLiteral("000000010000000000000004"), 0x4000100, 4'000'000),
                     backup(QStringLiteral("B"), 1, QStringLiteral("000000010000000000000006"),
                            QStringLiteral("000000010000000000000006"), 0x6000100, 6'000'000),
                     backup(QStringLiteral("C"), 1, QStringLiteral("000000010000000000000014"),
                            QStringLiteral("000000010000000000000014"), 0x14000100, 14'000'000)};
        for (auto& b : c.backups) {
            b.restorable = true;
            b.beginSegno = *wal::WalFileName::parse(b.info->beginWal)->segno(k16M);
        }
        c.wals.computeGaps({{1, 3}});
        const auto windows = pitr::computeRecoveryWindows(c);
        QCOMPARE(windows.size(), 1);
        const auto& w = windows[0];
        QCOMPARE(w.firstRecoverabilityBackupId, QStringLiteral("A"));
        QCOMPARE(w.firstRecoverabilityPoint->usecUtc, 4'000'000);
        QVERIFY(w.limitedByGap);
        QCOMPARE(w.recoverableUntilWal, QStringLiteral("00000001000000000000000B"));
        QCOMPARE(w.lastArchivedWal, QStringLiteral("000000010000000000000014"));
        QCOMPARE(w.ranges.size(), 2); // A and B share the range up to the gap; C opens a new one
        QCOMPARE(w.ranges[1].fromBackupId, QStringLiteral("C"));
        QVERIFY(!w.ranges[1].endsAtGap);
    }
};

QTEST_GUILESS_MAIN(TestWalArchive)
#include "TestWalArchive.moc"
