// SPDX-License-Identifier: GPL-3.0-or-later
// Where a server's WAL stands in its bucket, in a few listings: the current hash directory, the
// walk back over older ones (a new log id, a new timeline), last_archived_wal found or not, a
// writer ahead of the server, and a store that lists what was not asked for.
#include "engine/monitor/ArchiverHealth.h"
#include "engine/monitor/BucketWalPosition.h"
#include "engine/storage/StoreFactory.h"
#include "tests/support/MemoryStore.h"

#include <QTest>

using namespace tideline;
using namespace tideline::monitor;

namespace {

constexpr quint64 k16MiB = 16ULL << 20;

ArchiverFacts at(const QString& currentWal, const QString& lastArchived, quint64 offset = 0x60)
{
    ArchiverFacts f;
    f.segmentSize = k16MiB;
    f.currentWal = currentWal;
    f.timeline = currentWal.first(8).toUInt(nullptr, 16);
    f.currentSegno = (currentWal.sliced(8, 8).toULongLong(nullptr, 16) << 8) + currentWal.sliced(16).toULongLong(nullptr, 16);
    f.currentLsn = wal::Lsn(f.currentSegno * k16MiB + offset);
    f.lastArchivedWal = lastArchived;
    f.serverNowUsec = 1'000'000'000'000'000;
    return f;
}

// A store that answers every listing with one more object and one more prefix than it holds.
class LyingStore final : public storage::ObjectStore {
public:
    explicit LyingStore(test::MemoryStore& inner) : m_inner(inner) {}
    QString describe() const override { return QStringLiteral("lying://"); }
    Result<storage::Listing> list(const QString& prefix, const QString& delimiter, const CancelToken& cancel) override
    {
        auto l = m_inner.list(prefix, delimiter, cancel);
        if (l) {
            l->objects.append({QStringLiteral("elsewhere/wals/0000000100000000/0000000100000000000000FE.gz"), 10, 1, {}});
            l->objects.append({prefix + QStringLiteral("deeper/0000000100000000000000FD.gz"), 10, 1, {}});
            l->prefixes.append(QStringLiteral("x"));
        }
        return l;
    }
    Result<storage::ObjectInfo> read(const QString& key, const storage::ChunkSink& sink, const CancelToken& cancel,
                                     storage::ByteRange range) override
    {
        return m_inner.read(key, sink, cancel, range);
    }
    Result<storage::ObjectInfo> head(const QString& key, const CancelToken& cancel) override
    {
        return m_inner.head(key, cancel);
    }
    Result<void> put(const QString& key, const QByteArray& data, const CancelToken& cancel) override
    {
        return m_inner.put(key, data, cancel);
    }

private:
    test::MemoryStore& m_inner;
};

storage::SourceUrl source()
{
    return *storage::SourceUrl::parse(QStringLiteral("s3://b/cnpg"));
}

void archive(test::MemoryStore& store, const QString& name, qint64 uploaded = 1)
{
    store.put(QStringLiteral("cnpg/pg/wals/%1/%2.gz").arg(name.first(16), name), "x", uploaded);
}

} // namespace

class TestBucketWalPosition : public QObject {
    Q_OBJECT

private slots:
    void theCurrentDirectoryAnswersInOneListing()
    {
        test::MemoryStore store;
        for (int i = 0x10; i <= 0x14; ++i)
            archive(store, QStringLiteral("0000000100000000000000%1").arg(i, 2, 16, QLatin1Char('0')).toUpper(), 100 + i);
        const auto facts = at(QStringLiteral("000000010000000000000017"), QStringLiteral("000000010000000000000014"));
        auto pos = locateServerWal(store, source(), QStringLiteral("pg"), facts, {});
        QVERIFY(pos);
        QCOMPARE(pos->lastWal, QStringLiteral("000000010000000000000014"));
        QCOMPARE(pos->lastUploadedUsec, qint64(100 + 0x14));
        QCOMPARE(pos->lastArchivedFound, std::optional<bool>(true));
        QCOMPARE(pos->requests, 1); // the last archived WAL sits in the listed directory
        const auto h = assessArchiver(facts, *pos, {});
        QCOMPARE(h.segmentsNotInBucket, std::optional<quint64>(3));
        QCOMPARE(h.bytesNotInBucket, std::optional<qint64>(qint64(2 * k16MiB + 0x60)));
        QCOMPARE(h.completeSegmentsNotInBucket, std::optional<quint64>(2));
    }

    void aNewLogIdOrTimelineWalksBack()
    {
        test::MemoryStore store;
        archive(store, QStringLiteral("0000000100000000000000FE"));
        archive(store, QStringLiteral("0000000100000000000000FF"));
        // Timeline 2 began in log 1 and has nothing archived yet; the server writes 2/1/03.
        const auto facts = at(QStringLiteral("000000020000000100000003"), QString());
        auto pos = locateServerWal(store, source(), QStringLiteral("pg"), facts, {});
        QVERIFY(pos);
        QCOMPARE(pos->lastWal, QStringLiteral("0000000100000000000000FF"));
        QCOMPARE(pos->lastTimeline, 1U);
        QCOMPARE(pos->lastArchivedFound, std::nullopt);
        QCOMPARE(assessArchiver(facts, *pos, {}).segmentsNotInBucket, std::optional<quint64>(4));
    }

    void elsewhereAndAheadAreSaid()
    {
        test::MemoryStore store;
        archive(store, QStringLiteral("000000010000000000000010"));
        archive(store, QStringLiteral("000000010000000000000030")); // another writer, further on
        const auto facts = at(QStringLiteral("000000010000000000000012"), QStringLiteral("000000010000000000000011"));
        auto pos = locateServerWal(store, source(), QStringLiteral("pg"), facts, {});
        QVERIFY(pos);
        QCOMPARE(pos->lastWal, QStringLiteral("000000010000000000000010"));
        QCOMPARE(pos->aheadWal, QStringLiteral("000000010000000000000030"));
        QCOMPARE(pos->lastArchivedFound, std::optional<bool>(false));
        const auto h = assessArchiver(facts, *pos, {});
        QVERIFY(std::any_of(h.alerts.begin(), h.alerts.end(),
                            [](const FiringAlert& a) { return a.name == u"TidelineArchivedWalNotInBucket"; }));
        QVERIFY(h.warnings.join(u' ').contains(QStringLiteral("000000010000000000000030")));
    }

    void aStoreListingWhatWasNotAskedForCountsForNothing()
    {
        test::MemoryStore inner;
        LyingStore store(inner);
        // Nothing of this server: the lies (a key under another prefix, a key one level deeper, a
        // prefix outside wals/) must not make WAL appear.
        const auto facts = at(QStringLiteral("0000000100000000000000FF"), QStringLiteral("0000000100000000000000FE"));
        auto pos = locateServerWal(store, source(), QStringLiteral("pg"), facts, {});
        QVERIFY(pos);
        QVERIFY(!pos->lastSegno);
        QCOMPARE(pos->lastArchivedFound, std::optional<bool>(false));
        const auto h = assessArchiver(facts, *pos, {});
        QVERIFY(!h.segmentsNotInBucket);
        QVERIFY(h.warnings.join(u' ').contains(QStringLiteral("holds no WAL segment")));
    }
};

QTEST_GUILESS_MAIN(TestBucketWalPosition)
#include "TestBucketWalPosition.moc"
