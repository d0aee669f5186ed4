// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/catalog/WalEventIndex.h"

#include "engine/core/Decompressor.h"
#include "engine/core/Parallel.h"
#include "engine/wal/WalEventDecoder.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QSet>
#include <QStandardPaths>

#include <algorithm>
#include <mutex>
#include <set>
#include <thread>

namespace tideline::catalog {

namespace {

constexpr quint32 kCacheMagic = 0x544C5745; // "TLWE"
// Bumped whenever the reader or decoder rules change: entries of an older reader are read again.
constexpr quint32 kCacheFormat = 2;

struct Item {
    const WalObject* object = nullptr;
    bool partial = false;
};

// What identifies an object's bytes without reading them: S3's ETag, else size and time.
QString identityOf(const WalObject& o)
{
    return o.etag.isEmpty() ? QStringLiteral("%1:%2").arg(o.size).arg(o.uploadedUsec) : o.etag.toString();
}

QByteArray hashOf(const QByteArray& carry)
{
    return QCryptographicHash::hash(carry, QCryptographicHash::Sha256);
}

void writeEvent(QDataStream& s, const wal::WalEvent& e)
{
    s << quint8(e.kind) << quint32(e.timeline) << quint64(e.lsn.value()) << quint64(e.end.value()) << bool(e.timeUsec)
      << qint64(e.timeUsec.value_or(0)) << quint32(e.xid) << e.name << e.relations << e.subxacts;
}

void readEvent(QDataStream& s, wal::WalEvent& e)
{
    quint8 kind = 0;
    quint32 tli = 0;
    quint64 lsn = 0, end = 0;
    bool hasTime = false;
    qint64 time = 0;
    s >> kind >> tli >> lsn >> end >> hasTime >> time >> e.xid >> e.name >> e.relations >> e.subxacts;
    if (kind > quint8(wal::WalEvent::Kind::Checkpoint))
        s.setStatus(QDataStream::ReadCorruptData);
    e.kind = wal::WalEvent::Kind(kind);
    e.timeline = tli;
    e.lsn = wal::Lsn(lsn);
    e.end = wal::Lsn(end);
    e.timeUsec = hasTime ? std::optional<qint64>(time) : std::nullopt;
}

void writeEvents(QDataStream& s, const QList<wal::WalEvent>& events)
{
    s << qint32(events.size());
    for (const auto& e : events)
        writeEvent(s, e);
}

bool readEvents(QDataStream& s, QList<wal::WalEvent>& events)
{
    qint32 n = 0;
    s >> n;
    if (n < 0 || n > 100'000'000)
        return false;
    for (qint32 i = 0; i < n && s.status() == QDataStream::Ok; ++i)
        readEvent(s, events.emplace_back());
    return s.status() == QDataStream::Ok;
}

// One decoded segment as the cache keeps it: valid for this object identity and this state
// left by the segment before it.
struct CacheEntry {
    SegmentReading reading;
    QList<wal::WalEvent> events;
    QByteArray carryOut;
    int postgresVersion = 0;
    int malformed = 0;
};

class SegmentCache {
public:
    explicit SegmentCache(QString dir) : m_dir(std::move(dir)) {}

    /// Whether some decoded form of this object is cached (whatever state came before it): a
    /// cheap estimate of what a read would download.
    bool has(const Item& item) const
    {
        QFile f(path(item));
        if (m_dir.isEmpty() || !f.open(QIODevice::ReadOnly))
            return false;
        QDataStream s(&f);
        return readHeader(s, item);
    }

    std::optional<CacheEntry> load(const Item& item, const QByteArray& carryIn) const
    {
        if (m_dir.isEmpty())
            return std::nullopt;
        QFile f(path(item));
        if (!f.open(QIODevice::ReadOnly))
            return std::nullopt;
        QDataStream s(&f);
        if (!readHeader(s, item))
            return std::nullopt;
        QByteArray carryHash;
        s >> carryHash;
        if (s.status() != QDataStream::Ok || carryHash != hashOf(carryIn))
            return std::nullopt;
        CacheEntry e;
        bool hasTime = false, hasProblem = false;
        qint64 time = 0;
        quint8 problemKind = 0;
        quint64 problemLsn = 0;
        QString problemMessage;
        qint32 records = 0, commits = 0, version = 0, malformed = 0;
        s >> records >> commits >> hasTime >> time >> e.reading.endOfWal >> hasProblem >> problemKind >> problemLsn
            >> problemMessage >> version >> malformed;
        if (!readEvents(s, e.events))
            return std::nullopt;
        s >> e.carryOut;
        if (s.status() != QDataStream::Ok || problemKind > quint8(wal::WalProblem::Kind::Vanished))
            return std::nullopt;
        e.reading.records = records;
        e.reading.commits = commits;
        e.reading.lastRecordTimeUsec = hasTime ? std::optional<qint64>(time) : std::nullopt;
        if (hasProblem)
            e.reading.problem = wal::WalProblem{wal::WalProblem::Kind(problemKind), wal::Lsn(problemLsn), problemMessage};
        e.postgresVersion = version;
        e.malformed = malformed;
        e.reading.fromCache = true;
        return e;
    }

    void store(const Item& item, const QByteArray& carryIn, const CacheEntry& e) const
    {
        if (m_dir.isEmpty() || !QDir().mkpath(m_dir))
            return; // a cache that cannot be written only costs a download next time
        // A read that starts mid-archive (a tail) has no carry: it must not replace the entry a
        // read from the start left for the same bytes, or every full read would miss it again.
        if (carryIn.isEmpty() && has(item))
            return;
        // What a server committed, when, and what it dropped: for its owner's eyes only.
        QFile::setPermissions(m_dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QSaveFile f(path(item));
        if (!f.open(QIODevice::WriteOnly))
            return;
        QDataStream s(&f);
        const auto& r = e.reading;
        s << kCacheMagic << kCacheFormat << identityOf(*item.object) << hashOf(carryIn) << qint32(r.records)
          << qint32(r.commits) << bool(r.lastRecordTimeUsec) << qint64(r.lastRecordTimeUsec.value_or(0)) << r.endOfWal
          << bool(r.problem) << quint8(r.problem ? r.problem->kind : wal::WalProblem::Kind::NotWal)
          << quint64(r.problem ? r.problem->lsn.value() : 0) << (r.problem ? r.problem->message : QString())
          << qint32(e.postgresVersion) << qint32(e.malformed);
        writeEvents(s, e.events);
        s << e.carryOut;
        if (s.status() == QDataStream::Ok)
            f.commit();
    }

private:
    QString path(const Item& item) const { return m_dir + u'/' + item.object->name.baseName(); }
    // This format, and this object's bytes.
    static bool readHeader(QDataStream& s, const Item& item)
    {
        quint32 magic = 0, format = 0;
        QString identity;
        s >> magic >> format >> identity;
        return s.status() == QDataStream::Ok && magic == kCacheMagic && format == kCacheFormat
            && identity == identityOf(*item.object);
    }
    QString m_dir;
};

// The whole decompressed segment into `out`; more than the segment size is refused while it
// streams, so a hostile object cannot fill the memory. `out` keeps its capacity from segment to
// segment: a fresh 16 MiB buffer each time cost more in page faults than decoding the segment.
Result<void> fetchSegment(storage::ObjectStore& store, const QString& key, Compression compression, quint64 segmentSize,
                          const CancelToken& cancel, qint64& downloaded, QByteArray& out)
{
    auto decompressor = Decompressor::create(compression);
    out.resize(0);
    out.reserve(qsizetype(segmentSize));
    const auto sink = [&](QByteArrayView chunk) -> Result<void> {
        if (quint64(out.size()) + quint64(chunk.size()) > segmentSize)
            return fail(ErrorCode::Corrupt,
                        QStringLiteral("%1 holds more than a WAL segment's %2 bytes").arg(key).arg(segmentSize),
                        QStringLiteral("the object is not a WAL segment of this server; check what wrote it"));
        out.append(chunk);
        return {};
    };
    auto info = store.read(
        key,
        [&](QByteArrayView chunk) -> Result<void> {
            downloaded += chunk.size();
            return decompressor->feed(chunk, sink);
        },
        cancel);
    if (!info)
        return std::unexpected(info.error());
    return decompressor->finish(sink);
}

// Up to `size` consecutive segments fetched at once on a thread of its own, into buffers kept
// from batch to batch (fetchSegment). launch() starts it, wait() joins it; the destructor waits.
class Batch {
public:
    using Fetch = std::function<Result<void>(qsizetype at, QByteArray& into, qint64& downloaded)>;
    Batch(int size, Fetch fetch, CancelToken cancel)
        : buffers(size), m_size(size), m_fetch(std::move(fetch)), m_cancel(std::move(cancel))
    {}
    Batch(Batch&&) = delete;
    ~Batch() { wait(); }

    void launch(qsizetype from)
    {
        wait();
        start = from;
        n = std::min<qsizetype>(m_size, total - from);
        fetched = QList<Result<void>>(n);
        downloaded = 0;
        m_worker = std::thread([this] {
            std::mutex mutex;
            parallelFor(
                n, m_size,
                [&](qsizetype k) {
                    qint64 bytes = 0;
                    auto got = m_fetch(start + k, buffers[k], bytes);
                    std::lock_guard lock(mutex);
                    fetched[k] = std::move(got);
                    downloaded += bytes;
                },
                m_cancel);
        });
    }
    void wait()
    {
        if (m_worker.joinable())
            m_worker.join();
    }

    qsizetype total = 0; // items in the stream
    qsizetype start = -1;
    qsizetype n = 0;
    QList<QByteArray> buffers;
    QList<Result<void>> fetched;
    qint64 downloaded = 0;

private:
    int m_size;
    Fetch m_fetch;
    CancelToken m_cancel;
    std::thread m_worker;
};

// The minute a time falls in (µs since the epoch), floored also before 1970.
qint64 minuteOf(qint64 usec)
{
    constexpr qint64 kMinute = 60'000'000;
    return (usec >= 0 ? usec / kMinute : (usec - kMinute + 1) / kMinute) * kMinute;
}

wal::TimelineId ownerOf(const wal::TimelineGraph& graph, wal::TimelineId timeline, wal::Lsn lsn)
{
    for (wal::TimelineId a : graph.path(timeline)) {
        if (a == timeline)
            break;
        if (const auto end = graph.endOnPathTo(a, timeline); end && lsn < *end)
            return a;
    }
    return timeline;
}

} // namespace

std::optional<qint64> SegmentReading::archiveDelayUsec() const
{
    if (!lastRecordTimeUsec)
        return std::nullopt;
    return uploadedUsec - *lastRecordTimeUsec;
}

QList<const SegmentReading*> WalEventIndex::problems() const
{
    QList<const SegmentReading*> out;
    for (const auto& s : segments)
        if (s.problem)
            out << &s;
    return out;
}

std::optional<LastCommit> WalEventIndex::lastCommit(const WalArchive& archive, wal::TimelineId timeline) const
{
    std::optional<LastCommit> best;
    for (const auto& e : events)
        if (e.kind == wal::WalEvent::Kind::Commit && e.timeUsec && (!best || e.lsn > best->lsn)
            && restoreReplays(archive, timeline, e))
            best = LastCommit{e.timeline, e.lsn, e.end, *e.timeUsec, e.xid};
    return best;
}

bool restoreReplays(const WalArchive& archive, wal::TimelineId timeline, const wal::WalEvent& event)
{
    const auto& graph = archive.graph();
    if (!graph.holds(timeline, event.timeline, event.lsn))
        return false;
    const QList<wal::TimelineId> path = graph.path(timeline);
    auto reads = [&](wal::Lsn lsn) {
        const quint64 segno = wal::segnoOfLsn(lsn, archive.segmentSize());
        for (auto it = path.crbegin(); it != path.crend(); ++it) {
            const auto branch = graph.branchPoint(*it);
            if (!branch || segno >= wal::segnoOfLsn(*branch, archive.segmentSize()))
                return archive.find(*it, segno) != nullptr;
        }
        return false;
    };
    return reads(event.lsn) && (event.end <= event.lsn || reads(wal::Lsn(event.end.value() - 1)));
}

QString defaultServerCacheDir(const storage::SourceUrl& source, const QString& server)
{
    const QByteArray id =
        QCryptographicHash::hash((source.toString() + u'\n' + server).toUtf8(), QCryptographicHash::Sha256).toHex().left(32);
    return QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) + QStringLiteral("/tideline/servers/")
        + QString::fromLatin1(id);
}

QString defaultWalEventCacheDir(const storage::SourceUrl& source, const QString& server)
{
    return defaultServerCacheDir(source, server) + QStringLiteral("/wal-events");
}

Result<WalEventIndex> buildWalEventIndex(storage::ObjectStore& store, const ServerCatalog& catalog,
                                         const WalEventIndexOptions& options, JobContext& context)
{
    const WalArchive& archive = catalog.wals;
    const quint64 segmentSize = archive.segmentSize();
    std::optional<quint64> systemId;
    for (const auto& b : catalog.backups)
        if (b.info && !b.info->systemId.isEmpty()) {
            bool ok = false;
            const quint64 id = b.info->systemId.toULongLong(&ok);
            if (ok)
                systemId = id;
        }

    QList<QList<Item>> streams;
    // The segment a timeline branches in is in the archive twice: the parent's copy, and the
    // child's, whose start is the parent's WAL up to the branch. A commit there is counted once
    // by (owner, LSN), from whichever copy reads it first: a parent's copy that is missing or
    // damaged must not lose the commits the child's copy still holds.
    QSet<quint64> sharedSegnos;
    for (const TimelineWal& t : archive.timelines())
        if (const auto b = archive.graph().branchPoint(t.timeline))
            sharedSegnos.insert(b->value() / segmentSize);
    std::set<std::pair<wal::TimelineId, quint64>> sharedCommits;
    qint64 total = 0;
    for (const TimelineWal& t : archive.timelines()) {
        if (!options.timelines.isEmpty() && !options.timelines.contains(t.timeline))
            continue;
        QList<Item> items;
        for (const WalObject& o : t.segments)
            items.append({&o, false});
        if (options.includePartials)
            for (const WalObject& o : t.partials)
                items.append({&o, true});
        std::stable_sort(items.begin(), items.end(),
                         [](const Item& a, const Item& b) { return a.object->segno < b.object->segno; });
        if (options.tailSegments > 0 && items.size() > options.tailSegments)
            items.remove(0, items.size() - options.tailSegments);
        if (items.isEmpty())
            continue;
        total += items.size();
        streams.append(items);
    }

    WalEventIndex index;
    index.systemId = systemId;
    const SegmentCache cache(options.cacheDir);
    if (options.maxDownloadBytes > 0 || options.maxDownloadObjects > 0) {
        qint64 uncachedBytes = 0;
        int uncached = 0;
        for (const QList<Item>& items : std::as_const(streams))
            for (const Item& item : items)
                if (!cache.has(item)) {
                    uncachedBytes += item.object->size;
                    ++uncached;
                }
        if ((options.maxDownloadBytes > 0 && uncachedBytes > options.maxDownloadBytes)
            || (options.maxDownloadObjects > 0 && uncached > options.maxDownloadObjects))
            return fail(ErrorCode::Refused,
                        QStringLiteral("%1 WAL segments (%2 MiB as stored) are not read yet")
                            .arg(uncached)
                            .arg(uncachedBytes / (1024 * 1024)),
                        QStringLiteral("read them once with `tideline-cli events SOURCE SERVER`; later looks "
                                       "download only new segments"));
    }
    // Two batches of segment-sized buffers: no more of them than reads that pay at once.
    const int batchSize = std::clamp(store.usefulConcurrentReads(), 1, std::max(1, options.parallelism));
    qint64 done = 0;
    context.report({QStringLiteral("reading WAL records"), 0, total, 0});
    for (const QList<Item>& items : streams) {
        const wal::TimelineId timeline = items.first().object->name.timeline;
        wal::WalReader reader({segmentSize, timeline, systemId});
        const std::optional<wal::Lsn> branch = archive.graph().branchPoint(timeline); // before it: an ancestor's WAL
        wal::WalEventDecoder decoder(15);
        QByteArray carry;
        // One segment's events are decoded into storage kept from segment to segment, so that a
        // look that keeps few kinds touches no fresh memory per segment.
        QList<wal::WalEvent> spare;
        std::optional<qint64> lastTime; // of the newest timed record so far in this history
        auto take = [&](const Item& item, CacheEntry entry) {
            // The WAL ending inside a full segment that later segments follow is not an end: it
            // is damage, and what those later segments say cannot be trusted to follow on.
            if (entry.reading.endOfWal && !item.partial && !entry.reading.problem && &item != &items.last())
                entry.reading.problem =
                    wal::WalProblem{wal::WalProblem::Kind::BadRecord, wal::segmentStartLsn(item.object->segno, segmentSize),
                                    QStringLiteral("the WAL stops inside this full segment, "
                                                   "yet later segments follow")};
            entry.reading.timeline = timeline;
            entry.reading.segno = item.object->segno;
            entry.reading.name = item.object->name.baseName();
            entry.reading.uploadedUsec = item.object->uploadedUsec;
            for (auto& e : entry.events) {
                const wal::TimelineId owner =
                    !branch || e.lsn >= *branch ? timeline : ownerOf(archive.graph(), timeline, e.lsn);
                if (e.kind != wal::WalEvent::Kind::TimelineSwitch)
                    e.timeline = owner;
                if (e.timeUsec)
                    lastTime = e.timeUsec;
                else
                    e.notBeforeUsec = lastTime;
                if (e.kind == wal::WalEvent::Kind::Commit && e.timeUsec
                    && (!sharedSegnos.contains(item.object->segno) || sharedCommits.insert({owner, e.lsn.value()}).second))
                    ++index.commitsPerMinute[minuteOf(*e.timeUsec)];
            }
            if (options.kinds.isEmpty()) {
                index.events.append(std::move(entry.events));
            } else {
                for (auto& e : entry.events)
                    if (options.kinds.contains(e.kind))
                        index.events.append(std::move(e));
            }
            spare = std::move(entry.events);
            spare.clear();
            index.segments.append(entry.reading);
            index.malformedRecords += entry.malformed;
            if (entry.postgresVersion)
                index.postgresVersion = entry.postgresVersion;
            carry = entry.carryOut;
            context.report({QStringLiteral("reading WAL records"), ++done, total, index.bytesDownloaded});
        };
        // Two batches: one decoded here while the other downloads. Both are waited for before
        // this scope ends, whichever way it ends (they hold references into it).
        auto fetchOne = [&](qsizetype at, QByteArray& into, qint64& downloaded) {
            const WalObject& o = *items[at].object;
            return fetchSegment(store, archive.keyOf(o), o.name.compression, segmentSize, context.cancelToken(), downloaded,
                                into);
        };
        Batch batches[2] = {Batch(batchSize, fetchOne, context.cancelToken()),
                            Batch(batchSize, fetchOne, context.cancelToken())};
        for (Batch& b : batches)
            b.total = items.size();
        Batch* pending = nullptr;
        qsizetype i = 0;
        while (i < items.size()) {
            if (context.isCancelled())
                return fail(ErrorCode::Cancelled, QStringLiteral("reading the WAL was cancelled"));
            if (auto hit = cache.load(items[i], carry)) {
                ++index.segmentsFromCache;
                take(items[i], std::move(*hit));
                ++i;
                continue;
            }
            // A miss: the next few are downloaded at once (or were, while the last batch was
            // decoded), then decoded in order while the batch after them downloads.
            Batch* cur = nullptr;
            if (pending && pending->start == i) {
                pending->wait();
                cur = pending;
            } else {
                if (pending)
                    pending->wait(); // fetched for a plan that changed (a cache hit failed to load)
                cur = &batches[0] == pending ? &batches[1] : &batches[0];
                cur->launch(i);
                cur->wait();
            }
            pending = nullptr;
            index.bytesDownloaded += cur->downloaded;
            const qsizetype n = cur->n;
            if (i + n < items.size() && !cache.has(items[i + n])) {
                pending = cur == &batches[0] ? &batches[1] : &batches[0];
                pending->launch(i + n);
            }
            if (context.isCancelled())
                return fail(ErrorCode::Cancelled, QStringLiteral("reading the WAL was cancelled"));
            for (qsizetype k = 0; k < n; ++k) {
                const Item& item = items[i + k];
                const Result<void>& fetched = cur->fetched[k];
                const bool gone = !fetched && fetched.error().code == ErrorCode::NotFound;
                if (!fetched && fetched.error().code != ErrorCode::Corrupt && !gone)
                    return std::unexpected(fetched.error());
                if (!fetched) {
                    // Broken compression, an oversized object, or one deleted since the listing
                    // (retention running): this segment's problem, not the index's; the next one
                    // starts afresh (no carry) and is read on its own.
                    CacheEntry broken;
                    broken.reading.problem =
                        wal::WalProblem{gone ? wal::WalProblem::Kind::Vanished : wal::WalProblem::Kind::BadObject,
                                        wal::segmentStartLsn(item.object->segno, segmentSize), fetched.error().message};
                    ++index.segmentsDownloaded;
                    take(item, std::move(broken));
                    continue;
                }
                const QByteArray carryIn = carry;
                reader.restoreCarry(item.object->segno, carryIn);
                CacheEntry entry;
                entry.events = std::move(spare);
                const int malformedBefore = decoder.malformed();
                auto result = reader.readSegment(item.object->segno, cur->buffers[k], [&](const wal::WalRecord& record) {
                    decoder.setPostgresVersion(reader.postgresVersion());
                    const qsizetype before = entry.events.size();
                    decoder.decode(record, entry.events);
                    for (qsizetype e = before; e < entry.events.size(); ++e) {
                        const auto& event = entry.events[e];
                        if (event.timeUsec)
                            entry.reading.lastRecordTimeUsec =
                                std::max(entry.reading.lastRecordTimeUsec.value_or(*event.timeUsec), *event.timeUsec);
                        if (event.kind == wal::WalEvent::Kind::Commit)
                            ++entry.reading.commits;
                    }
                });
                entry.reading.records = result.records;
                entry.reading.endOfWal = result.endOfWal;
                entry.reading.problem = result.problem;
                entry.postgresVersion = reader.postgresVersion();
                entry.malformed = decoder.malformed() - malformedBefore;
                entry.carryOut = reader.saveCarry();
                cache.store(item, carryIn, entry);
                ++index.segmentsDownloaded;
                take(item, std::move(entry));
            }
            i += n;
        }
    }

    // Mostly in order already (a child's copy of its parent's switch segment is the exception,
    // and the copy is dropped: the parent's own comes first).
    const auto key = [](const wal::WalEvent& e) { return std::tie(e.timeline, e.lsn, e.kind); };
    const auto before = [&](const wal::WalEvent& a, const wal::WalEvent& b) { return key(a) < key(b); };
    if (!std::is_sorted(index.events.cbegin(), index.events.cend(), before))
        std::stable_sort(index.events.begin(), index.events.end(), before);
    index.events.erase(std::unique(index.events.begin(), index.events.end(),
                                   [&](const wal::WalEvent& a, const wal::WalEvent& b) { return key(a) == key(b); }),
                       index.events.end());
    return index;
}

Result<QMap<wal::TimelineId, LastCommit>> readLastCommits(storage::ObjectStore& store, const ServerCatalog& catalog,
                                                          const WalEventIndexOptions& options, JobContext& context)
{
    QMap<wal::TimelineId, LastCommit> found;
    for (const TimelineWal& t : catalog.wals.timelines()) {
        if (!options.timelines.isEmpty() && !options.timelines.contains(t.timeline))
            continue;
        // Only this timeline's own segments: a restore to it reads them, and their start holds
        // its parent's WAL up to the switch. A commit the parent wrote into a .partial, or into
        // segments past the switch, is not in this timeline's history.
        for (int tail : {2, 8, 32, 128}) {
            WalEventIndexOptions o = options;
            o.timelines = {t.timeline};
            o.tailSegments = tail;
            o.includePartials = false;
            auto index = buildWalEventIndex(store, catalog, o, context);
            if (!index)
                return std::unexpected(index.error());
            if (!index->problems().isEmpty())
                break; // a later commit may hide behind the damage: unknown
            if (auto last = index->lastCommit(catalog.wals, t.timeline)) {
                found.insert(t.timeline, *last);
                break;
            }
            if (tail >= t.segments.size())
                break;
        }
    }
    return found;
}

} // namespace tideline::catalog
