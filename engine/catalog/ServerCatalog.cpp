// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/catalog/ServerCatalog.h"

#include "engine/catalog/BackupFiles.h"
#include "engine/catalog/WalArchiveBuilder.h"
#include "engine/catalog/WalListingPlan.h"

#include "engine/core/Decompressor.h"
#include "engine/core/Parallel.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <atomic>
#include <climits>
#include <mutex>

namespace tideline::catalog {

using storage::Listing;
using storage::ObjectInfo;
using wal::TimelineId;

namespace {

struct ServerCatalogText {
    Q_DECLARE_TR_FUNCTIONS(ServerCatalog)
};

// barman-cloud-backup starts with the data and uploads backup.info last; a directory whose newest
// object is older than this and that has no backup.info is not a backup still running.
constexpr qint64 kInProgressHorizonUsec = 24LL * 3600 * 1'000'000;
// backup.info is uploaded seconds after end_time; more than this means the clocks disagree.
constexpr qint64 kClockSkewUsec = 5LL * 60 * 1'000'000;

std::unexpected<Error> cancelled()
{
    return fail(ErrorCode::Cancelled, ServerCatalogText::tr("cancelled"));
}

QString formatDuration(qint64 usec)
{
    const qint64 s = std::abs(usec) / 1'000'000;
    if (s >= 3600)
        return ServerCatalogText::tr("%1 h %2 min").arg(s / 3600).arg(s / 60 % 60);
    return ServerCatalogText::tr("%1 min %2 s").arg(s / 60).arg(s % 60);
}

} // namespace

QString BackupEntry::statusText() const
{
    switch (state) {
    case State::InProgress: return QStringLiteral("STARTED");
    case State::Incomplete: return QStringLiteral("INCOMPLETE");
    case State::Unreadable: return QStringLiteral("UNREADABLE");
    case State::Done:
    case State::Failed:
    case State::Other: return info ? info->status : QString();
    }
    return {};
}

QString BackupEntry::keepTarget() const
{
    if (keep.isEmpty())
        return {};
    return keep == u"standalone" ? QStringLiteral("standalone") : QStringLiteral("full");
}

QString BackupEntry::compressionText() const
{
    if (!filesCompression.isEmpty())
        return filesCompression == u"none" ? ServerCatalogText::tr("none", "compression") : filesCompression;
    if (info && !info->compression.isEmpty())
        return info->compression;
    return ServerCatalogText::tr("none", "compression");
}

BackupEntry::Unrestorable BackupEntry::unrestorableCause() const
{
    if (state != State::Done)
        return Unrestorable::NotFinished;
    if (!fileProblems.isEmpty())
        return Unrestorable::MissingFiles;
    if (missingWalCount > 0)
        return Unrestorable::MissingWal;
    switch (walRange) {
    case WalRange::Unfit: return Unrestorable::WalRangeUnfit;
    case WalRange::Backward: return Unrestorable::WalRangeBackward;
    case WalRange::OtherTimeline: return Unrestorable::WalRangeOtherTimeline;
    case WalRange::Valid: return Unrestorable::None;
    case WalRange::Unreadable: break;
    }
    return Unrestorable::WalRangeUnreadable;
}

QString BackupEntry::causeCode(Unrestorable cause)
{
    switch (cause) {
    case Unrestorable::None: return {};
    case Unrestorable::NotFinished: return QStringLiteral("not_finished");
    case Unrestorable::MissingFiles: return QStringLiteral("missing_files");
    case Unrestorable::MissingWal: return QStringLiteral("missing_wal");
    case Unrestorable::WalRangeUnreadable: return QStringLiteral("wal_range_unreadable");
    case Unrestorable::WalRangeUnfit: return QStringLiteral("wal_range_unfit");
    case Unrestorable::WalRangeBackward: return QStringLiteral("wal_range_backward");
    case Unrestorable::WalRangeOtherTimeline: return QStringLiteral("wal_range_other_timeline");
    }
    return {};
}

QString BackupEntry::unrestorableReason() const
{
    const QString begin = info ? info->beginWal : QString();
    const QString end = info ? info->endWal : QString();
    switch (unrestorableCause()) {
    case Unrestorable::None: return {};
    case Unrestorable::NotFinished:
        return ServerCatalogText::tr("backup %1 is %2, not a finished backup").arg(id, statusText());
    case Unrestorable::MissingFiles:
        return ServerCatalogText::tr("backup %1 is incomplete in the bucket: %2")
            .arg(id, fileProblems.join(QStringLiteral("; ")));
    case Unrestorable::MissingWal:
        // The count is a quint64 that a hostile backup.info can push past int: it picks the plural
        // form only, clamped, and is printed whole.
        //: %3 is how many WAL segments are missing, %2 the first missing one.
        return ServerCatalogText::tr("backup %1 cannot be restored: %3 WAL segment(s) it needs are missing, the first %2",
                                     nullptr, int(std::min<quint64>(missingWalCount, quint64(INT_MAX))))
            .arg(id, firstMissingWal, QLocale().toString(missingWalCount));
    case Unrestorable::WalRangeUnfit:
        return ServerCatalogText::tr("backup %1 cannot be restored: its backup.info names WAL %2 to %3, which do not "
                                     "fit the archive's segment size")
            .arg(id, begin, end);
    case Unrestorable::WalRangeBackward:
        return ServerCatalogText::tr("backup %1 cannot be restored: its backup.info ends the WAL at %2, before it begins "
                                     "at %3")
            .arg(id, end, begin);
    case Unrestorable::WalRangeOtherTimeline:
        return ServerCatalogText::tr("backup %1 cannot be restored: its backup.info begins the WAL at %2 and ends it at "
                                     "%3, on another timeline")
            .arg(id, begin, end);
    case Unrestorable::WalRangeUnreadable: break;
    }
    return ServerCatalogText::tr("backup %1 has no readable WAL range in backup.info").arg(id);
}

QString BackupEntry::restorableSummary() const
{
    switch (unrestorableCause()) {
    case Unrestorable::None: return ServerCatalogText::tr("yes");
    case Unrestorable::NotFinished: return QStringLiteral("-");
    case Unrestorable::MissingFiles: return ServerCatalogText::tr("no: tar files missing");
    case Unrestorable::MissingWal:
        //: %1 is how many WAL segments are missing, %2 the first missing one.
        return ServerCatalogText::tr("no: %1 WAL missing from %2").arg(QLocale().toString(missingWalCount), firstMissingWal);
    case Unrestorable::WalRangeUnfit: return ServerCatalogText::tr("no: WAL names unfit for the segment size");
    case Unrestorable::WalRangeBackward: return ServerCatalogText::tr("no: end_wal before begin_wal");
    case Unrestorable::WalRangeOtherTimeline: return ServerCatalogText::tr("no: end_wal on another timeline");
    case Unrestorable::WalRangeUnreadable: break;
    }
    return ServerCatalogText::tr("no: WAL range unreadable");
}

const BackupEntry* ServerCatalog::findBackup(const QString& idOrName) const
{
    const QString key = idOrName.toLower();
    auto done = [](const BackupEntry& b) { return b.state == BackupEntry::State::Done; };
    if (key == QLatin1String("latest") || key == QLatin1String("last")) {
        auto it = std::find_if(backups.crbegin(), backups.crend(), done);
        return it == backups.crend() ? nullptr : &*it;
    }
    if (key == QLatin1String("oldest") || key == QLatin1String("first")) {
        auto it = std::find_if(backups.cbegin(), backups.cend(), done);
        return it == backups.cend() ? nullptr : &*it;
    }
    if (key == QLatin1String("last-failed")) {
        auto it = std::find_if(backups.crbegin(), backups.crend(),
                               [](const BackupEntry& b) { return b.state == BackupEntry::State::Failed; });
        return it == backups.crend() ? nullptr : &*it;
    }
    for (const auto& b : backups)
        if (b.id == idOrName)
            return &b;
    for (const auto& b : backups)
        if (b.info && !b.info->backupName.isEmpty() && b.info->backupName == idOrName)
            return &b;
    return nullptr;
}

QList<const BackupEntry*> ServerCatalog::restorableBackups() const
{
    QList<const BackupEntry*> out;
    for (const auto& b : backups)
        if (b.restorable)
            out.append(&b);
    return out;
}

namespace {

// One unit of the second, parallel stage of loading.
struct Task {
    enum class Kind { ListWalDir, ListWalRange, GetBackupInfo, GetKeep, GetHistory } kind;
    QString key;
    qsizetype index; // backup index, history index or range index
};

void classifyBackups(ServerCatalog& catalog, const Clock& clock)
{
    const qint64 now = clock.nowUsec();
    QString newestFinished;
    for (const auto& b : catalog.backups)
        if (b.info && b.id > newestFinished)
            newestFinished = b.id;
    for (auto& b : catalog.backups) {
        if (b.infoError) {
            b.state = BackupEntry::State::Unreadable;
        } else if (!b.info) {
            const bool superseded = !newestFinished.isEmpty() && newestFinished > b.id;
            b.state = (superseded || now - b.lastUploadUsec > kInProgressHorizonUsec) ? BackupEntry::State::Incomplete
                                                                                      : BackupEntry::State::InProgress;
        } else if (b.info->status == QLatin1String("DONE")) {
            b.state = BackupEntry::State::Done;
        } else if (b.info->status == QLatin1String("FAILED")) {
            b.state = BackupEntry::State::Failed;
        } else {
            b.state = BackupEntry::State::Other;
        }
    }
}

std::optional<quint64> statedSegmentSize(const ServerCatalog& catalog)
{
    for (auto it = catalog.backups.crbegin(); it != catalog.backups.crend(); ++it)
        if (it->info && it->info->segmentSizeStated && wal::isValidSegmentSize(it->info->segmentSize))
            return it->info->segmentSize;
    return std::nullopt;
}

void computeRestorability(ServerCatalog& catalog)
{
    const WalArchive& wals = catalog.wals;
    const quint64 size = wals.segmentSize();
    const QString basePrefix = catalog.source.key(catalog.server) + QStringLiteral("/base/");
    for (auto& b : catalog.backups) {
        b.restorable = false;
        b.missingWalCount = 0;
        b.firstMissingWal.clear();
        b.walRange = BackupEntry::WalRange::Unreadable;
        if (!b.info)
            continue;
        // backup.info is uploaded last and deleted last: a backup whose delete was interrupted,
        // or whose upload lost a part, still has one, and must not look restorable.
        const TarPartSet parts = tarParts(b, basePrefix + b.id + QLatin1Char('/'));
        b.fileProblems = parts.problems;
        QStringList compressions;
        for (const TarPart& part : parts.parts)
            if (const QString name = compressionName(part.compression); !compressions.contains(name))
                compressions.append(name);
        b.filesCompression = compressions.join(QLatin1Char('+'));
        const auto begin = wal::WalFileName::parse(b.info->beginWal);
        const auto end = wal::WalFileName::parse(b.info->endWal);
        if (!begin || !end)
            continue;
        const auto beginSeg = begin->segno(size);
        const auto endSeg = end->segno(size);
        if (!beginSeg || !endSeg) {
            b.walRange = BackupEntry::WalRange::Unfit;
            continue;
        }
        b.beginSegno = *beginSeg;
        b.endSegno = *endSeg;
        // An end before the begin, or on another timeline, is no range a recovery can replay:
        // nothing of it is counted as missing, the range itself is the fault.
        b.walRange = end->timeline != begin->timeline ? BackupEntry::WalRange::OtherTimeline
            : *endSeg < *beginSeg                     ? BackupEntry::WalRange::Backward
                                                      : BackupEntry::WalRange::Valid;
        if (b.state != BackupEntry::State::Done)
            continue;
        // begin and end are on the backup's timeline; a backup never spans a switch. Counted over
        // the archived segments, never segno by segno: a hostile backup.info can name a range of
        // 2^40 segments.
        const bool range = b.walRange == BackupEntry::WalRange::Valid;
        quint64 missing = 0;
        std::optional<quint64> first;
        if (range) {
            const TimelineWal* t = wals.timeline(begin->timeline);
            const QList<WalObject> none;
            const QList<WalObject>& segments = t ? t->segments : none;
            auto it = std::lower_bound(segments.cbegin(), segments.cend(), *beginSeg,
                                       [](const WalObject& w, quint64 segno) { return w.segno < segno; });
            quint64 expected = *beginSeg;
            quint64 present = 0;
            for (; it != segments.cend() && it->segno <= *endSeg; ++it, ++present)
                if (!first && it->segno != expected)
                    first = expected;
                else if (!first)
                    ++expected;
            missing = (*endSeg - *beginSeg + 1) - present;
            if (!first && missing > 0)
                first = expected;
        }
        b.missingWalCount = missing;
        // One rule for the flag and the reason, so that they cannot disagree.
        b.restorable = b.unrestorableCause() == BackupEntry::Unrestorable::None;
        if (first)
            b.firstMissingWal = wal::segmentName(begin->timeline, *first, size);
    }
}

QMap<TimelineId, quint64> oldestBeginByTimeline(const ServerCatalog& catalog)
{
    QMap<TimelineId, quint64> result;
    const auto& graph = catalog.wals.graph();
    for (const auto& t : catalog.wals.timelines()) {
        for (const auto& b : catalog.backups) {
            if (b.state != BackupEntry::State::Done || !b.info)
                continue;
            if (!graph.isAncestor(b.info->timeline, t.timeline))
                continue;
            auto it = result.find(t.timeline);
            if (it == result.end())
                result.insert(t.timeline, b.beginSegno);
            else
                *it = std::min(*it, b.beginSegno);
        }
    }
    return result;
}

// The listing ranges that hold each finished backup's begin_wal..end_wal, merged where they
// overlap, in key order; nullopt when only the whole archive can answer like the full load. The
// names are read as computeRestorability() reads them (parsed, at the stated segment size) and
// spelled as barman writes keys (upper-case hex). A range starts just before the 16 names sharing
// begin_wal's first 23 characters (so a bare uncompressed name is not skipped) and takes in the
// whole hash directory of end_wal (any suffix, any spelling there). A range no recovery can replay
// (end before begin, another timeline) needs no WAL: the backup is not restorable either way.
std::optional<QList<WalListingPlan::Range>> backupWalRanges(const QString& walsPrefix, const QList<BackupEntry>& backups,
                                                            std::optional<quint64> segmentSize)
{
    // Without a stated size the full load infers it from every name it lists: a fragment could
    // infer another and count another range.
    if (!segmentSize)
        return std::nullopt;
    // One listing pages through its range one request after another: a range over more hash
    // directories than this (a hostile end_wal, or a backup that took days) is the full load's.
    constexpr quint64 kMaxDirectories = 64;
    const quint64 perDirectory = (quint64(1) << 32) / *segmentSize;
    QList<WalListingPlan::Range> ranges;
    for (const BackupEntry& b : backups) {
        if (!b.info || b.info->status != QLatin1String("DONE"))
            continue;
        const auto begin = wal::WalFileName::parse(b.info->beginWal);
        const auto end = wal::WalFileName::parse(b.info->endWal);
        if (!begin || !end)
            continue;
        const auto first = begin->segno(*segmentSize);
        const auto last = end->segno(*segmentSize);
        if (!first || !last || begin->timeline != end->timeline || *last < *first)
            continue;
        if (*last / perDirectory - *first / perDirectory >= kMaxDirectories)
            return std::nullopt;
        const QString from = wal::segmentName(begin->timeline, *first, *segmentSize);
        const QString to = wal::segmentName(begin->timeline, *last, *segmentSize);
        ranges.append({walsPrefix + from.left(16) + QLatin1Char('/') + from.left(23),
                       walsPrefix + to.left(16) + QStringLiteral("/~")});
    }
    std::sort(ranges.begin(), ranges.end(), [](const auto& x, const auto& y) { return x.startAfter < y.startAfter; });
    QList<WalListingPlan::Range> merged;
    for (const auto& r : ranges) {
        if (!merged.isEmpty() && r.startAfter <= merged.last().upTo)
            merged.last().upTo = std::max(merged.last().upTo, r.upTo);
        else
            merged.append(r);
    }
    return merged;
}

void addWarnings(ServerCatalog& catalog)
{
    auto warn = [&](const char* code, const QString& message) {
        catalog.warnings.append({QString::fromLatin1(code), message});
    };

    QMap<QString, QStringList> bySystem;
    for (const auto& b : catalog.backups)
        if (b.info && !b.info->systemId.isEmpty())
            bySystem[b.info->systemId].append(b.id);
    if (bySystem.size() > 1) {
        QStringList parts;
        for (auto it = bySystem.cbegin(); it != bySystem.cend(); ++it)
            parts.append(QStringLiteral("%1 (%2)").arg(it.key(), it.value().join(QStringLiteral(", "))));
        warn("mixed_system_ids",
             ServerCatalogText::tr("backups of %n different PostgreSQL clusters share the server name %1: %2. Two "
                                   "clusters are writing to one place (CNPG's \"Expected empty archive\" situation); "
                                   "give each its own serverName",
                                   nullptr, int(bySystem.size()))
                 .arg(catalog.server, parts.join(QStringLiteral("; "))));
    }

    for (const auto& b : catalog.backups) {
        if (b.infoError)
            warn("unreadable_backup_info", b.infoError->message);
        if (b.state == BackupEntry::State::Incomplete)
            warn("incomplete_backup",
                 ServerCatalogText::tr("backup %1 has no backup.info: it never finished (%n objects, %2 bytes)", nullptr,
                                       b.objects)
                     .arg(b.id, QString::number(b.bytes)));
        if (b.info && b.info->endTime && b.infoUploadedUsec > 0) {
            const qint64 skew = b.infoUploadedUsec - b.info->endTime->usecUtc;
            if (skew > kClockSkewUsec || skew < -kClockSkewUsec)
                warn("clock_skew",
                     (skew > 0 ? ServerCatalogText::tr("backup %1 says it ended at %2 but its backup.info was "
                                                       "uploaded %3 later: the database host's clock and the object "
                                                       "store's disagree")
                               : ServerCatalogText::tr("backup %1 says it ended at %2 but its backup.info was "
                                                       "uploaded %3 earlier: the database host's clock and the object "
                                                       "store's disagree"))
                         .arg(b.id, b.info->endTime->toIso(), formatDuration(skew)));
        }
        if (b.info
            && ((b.info->beginTime && !b.info->beginTime->offsetKnown) || (b.info->endTime && !b.info->endTime->offsetKnown)))
            warn("time_without_offset",
                 ServerCatalogText::tr("backup %1 records its times without a UTC offset; they are read as UTC").arg(b.id));
    }
    if (catalog.wals.segmentSizeInferred() && !catalog.wals.timelines().isEmpty())
        warn("segment_size_inferred",
             ServerCatalogText::tr("no backup.info states the WAL segment size; %1 MiB was inferred from the segment "
                                   "names")
                 .arg(catalog.wals.segmentSize() / (1024 * 1024)));
    // PostgreSQL fixes the segment size at initdb: backup.infos that state different sizes are of
    // two clusters, or one of them is damaged. Every answer uses the newest's.
    QMap<quint64, QString> stated; // size -> the newest backup stating it
    for (const auto& b : catalog.backups)
        if (b.info && b.info->segmentSizeStated && wal::isValidSegmentSize(b.info->segmentSize))
            stated.insert(b.info->segmentSize, b.id);
    if (stated.size() > 1) {
        QStringList sizes;
        for (auto it = stated.cbegin(); it != stated.cend(); ++it)
            //: %1 is a size in MiB, %2 a backup id.
            sizes << ServerCatalogText::tr("%1 MiB (backup %2)").arg(QString::number(it.key() / (1024 * 1024)), it.value());
        warn("segment_size_conflict",
             ServerCatalogText::tr("backups state different WAL segment sizes: %1. One cluster has one size, so two "
                                   "clusters share this server name or a backup.info is damaged; %2 MiB, the newest "
                                   "backup's, is used")
                 .arg(sizes.join(QStringLiteral(", ")), QString::number(catalog.wals.segmentSize() / (1024 * 1024))));
    }
    if (catalog.walScope != WalScope::Archive)
        return; // the counts below would be of a fragment
    if (catalog.wals.ignoredKeys() > 0)
        warn("ignored_objects",
             ServerCatalogText::tr("%n objects under wals/ are not WAL files and were ignored", nullptr,
                                   catalog.wals.ignoredKeys()));
    if (catalog.wals.duplicates() > 0)
        warn("duplicate_wal",
             ServerCatalogText::tr("%n WAL segments are archived more than once (different "
                                   "compressions); the first copy counts",
                                   nullptr, catalog.wals.duplicates()));
}

} // namespace

Result<ServerCatalog> loadServerCatalog(storage::ObjectStore& store, const storage::SourceUrl& source, const QString& server,
                                        JobContext& context, const Clock& clock, int parallelism, WalScope scope)
{
    // Ranges pay on a paged store only; a local archive is read by directory in any case.
    const bool rangesOnly = scope == WalScope::BackupRanges && store.listingPageSize() > 0;
    const CancelToken& cancel = context.cancelToken();
    const QString serverPrefix = source.key(server) + QLatin1Char('/');
    const QString basePrefix = serverPrefix + QStringLiteral("base/");
    const QString walsPrefix = serverPrefix + QStringLiteral("wals/");

    ServerCatalog catalog;
    catalog.source = source;
    catalog.server = server;

    // The two halves of a catalog do not depend on each other: wals/ (its top level, then every
    // hash directory and history file) and base/ (one walk, then every backup.info and keep
    // annotation). They run side by side, each starting its second stage as soon as its own
    // listing is in, so the critical path is the longer half rather than the sum of two stages.
    // wals/ listings run `parallelism` at once, as ranges on a paged store and as directories on
    // a local one (their waves set the number of sequential round trips); the
    // small GETs of base/ get their own lane of 2 x parallelism so that hundreds of backup.info
    // files finish within that path instead of queueing behind the listings.
    //: Progress phase: listing the server's objects in the store.
    context.report({ServerCatalogText::tr("listing"), 0, 2, 0});
    Result<Listing> base = cancelled();
    Result<Listing> walsTop = base;
    QList<Task> walTasks;
    QList<WalListingPlan::Range> walRanges;
    QList<Task> baseTasks;
    QList<ObjectInfo> historyObjects;
    // Listings are parsed as they come and filed in key order (piece 0: wals/ itself, then one
    // per task): on a 2,000,000-segment archive, ObjectInfo for every key would be 640 MB.
    WalArchiveBuilder walBuilder(walsPrefix);
    QList<Result<int>> dirRequests;
    QList<Result<QByteArray>> historyBodies;
    QList<Result<QByteArray>> baseBodies;
    std::atomic<qint64> done{0};
    std::atomic<qint64> total{0};
    //: Progress phase: fetching backup.info and timeline history files.
    const QString readingPhase = ServerCatalogText::tr("reading catalog");
    const auto progress = [&] { context.report({readingPhase, ++done, total.load(), 0}); };

    const auto walsHalf = [&] {
        walsTop = store.list(walsPrefix, QStringLiteral("/"), cancel);
        if (!walsTop)
            return;
        // History files first: small GETs with lanes of their own beside the listings, rather
        // than a wave of their own after the last range or listing lanes taken from the ranges.
        for (const ObjectInfo& o : walsTop->objects) {
            const auto name = wal::WalFileName::parse(QStringView(o.key).mid(walsPrefix.size()));
            if (name && name->kind == wal::WalFileName::Kind::History) {
                walTasks.append({Task::Kind::GetHistory, o.key, historyObjects.size()});
                historyObjects.append(o);
            }
        }
        // A paged store lists the hash directories as ranges about a page long (a directory is
        // a quarter of a page): each range is one request, and their waves are the WAL half's
        // round trips. Only an archive of more than four waves gets more lanes: a store that walks
        // the whole prefix for a start-after (s3rver does) pays per range, and 32 at once made it
        // drop connections. A local directory, one by one.
        int lanes = parallelism;
        if (store.listingPageSize() > 0) {
            walRanges = WalListingPlan::plan(walsPrefix, walsTop->prefixes, store.listingPageSize(), parallelism);
            lanes = WalListingPlan::lanes(walRanges.size(), parallelism);
            for (qsizetype r = 0; r < walRanges.size(); ++r)
                walTasks.append({Task::Kind::ListWalRange, QString(), r});
        } else {
            for (const QString& dir : walsTop->prefixes)
                walTasks.append({Task::Kind::ListWalDir, dir, -1});
        }
        const qsizetype histories = historyObjects.size();
        {
            WalArchiveBuilder::Piece top;
            WalArchiveBuilder::parse(walsPrefix, walsTop->objects, top);
            walBuilder.add(0, std::move(top));
        }
        dirRequests.resize(walTasks.size(), 0);
        historyBodies.resize(walTasks.size(), Result<QByteArray>(QByteArray()));
        total += walTasks.size();
        const auto run = [&](qsizetype i) {
            const Task& t = walTasks[i];
            WalArchiveBuilder::Piece piece;
            if (t.kind == Task::Kind::ListWalDir) {
                auto listing = store.list(t.key, QString(), cancel);
                if (listing) {
                    WalArchiveBuilder::parse(walsPrefix, listing->objects, piece);
                    dirRequests[i] = listing->requests;
                } else {
                    dirRequests[i] = fail(listing.error());
                }
            } else if (t.kind == Task::Kind::ListWalRange) {
                // A range also passes over the files of wals/ itself, already listed above.
                dirRequests[i] = store.listRangePages(walsPrefix, walRanges[t.index].startAfter, walRanges[t.index].upTo,
                                                      cancel, [&](QList<ObjectInfo>& page) -> Result<void> {
                                                          page.removeIf([&](const ObjectInfo& o) {
                                                              return !WalListingPlan::inDirectory(walsPrefix, o.key);
                                                          });
                                                          WalArchiveBuilder::parse(walsPrefix, page, piece);
                                                          return {};
                                                      });
            } else {
                historyBodies[i] = store.get(t.key, cancel);
            }
            // Every task adds its piece, empty or not, so that the ones after it are filed.
            walBuilder.add(i + 1, std::move(piece));
            progress();
        };
        parallelFor(
            2, 2,
            [&](qsizetype side) {
                if (side == 0)
                    parallelFor(histories, parallelism, run, cancel);
                else
                    parallelFor(
                        walTasks.size() - histories, lanes, [&](qsizetype i) { run(histories + i); }, cancel);
            },
            cancel);
    };

    const auto baseHalf = [&] {
        base = store.list(basePrefix, QString(), cancel);
        if (!base)
            return;
        // Group base/ objects by backup directory.
        QHash<QString, qsizetype> backupIndex;
        for (const ObjectInfo& o : base->objects) {
            const QString rest = o.key.mid(basePrefix.size());
            const qsizetype slash = rest.indexOf(QLatin1Char('/'));
            if (slash <= 0)
                continue;
            const QString id = rest.left(slash);
            const QString file = rest.mid(slash + 1);
            auto it = backupIndex.constFind(id);
            if (it == backupIndex.cend()) {
                it = backupIndex.insert(id, catalog.backups.size());
                BackupEntry entry;
                entry.id = id;
                entry.firstUploadUsec = o.lastModifiedUsec;
                catalog.backups.append(entry);
            }
            BackupEntry& b = catalog.backups[*it];
            b.bytes += o.size;
            ++b.objects;
            b.objectList.append(o);
            b.firstUploadUsec = std::min(b.firstUploadUsec, o.lastModifiedUsec);
            b.lastUploadUsec = std::max(b.lastUploadUsec, o.lastModifiedUsec);
            if (file == QLatin1String("backup.info"))
                b.infoUploadedUsec = o.lastModifiedUsec;
            else if (file.contains(QLatin1String(".tar")))
                b.dataFiles.append(file);
        }
        std::sort(catalog.backups.begin(), catalog.backups.end(),
                  [](const BackupEntry& a, const BackupEntry& b) { return a.id < b.id; });

        for (qsizetype i = 0; i < catalog.backups.size(); ++i) {
            const BackupEntry& b = catalog.backups[i];
            if (b.infoUploadedUsec > 0)
                baseTasks.append({Task::Kind::GetBackupInfo, basePrefix + b.id + QStringLiteral("/backup.info"), i});
        }
        for (const ObjectInfo& o : base->objects)
            if (o.key.endsWith(QLatin1String("/annotations/keep"))) {
                // Exactly base/ID/annotations/keep of a listed backup: retention trusts what it says.
                const QString id = o.key.mid(basePrefix.size()).section(QLatin1Char('/'), 0, 0);
                auto it = std::lower_bound(catalog.backups.cbegin(), catalog.backups.cend(), id,
                                           [](const BackupEntry& b, const QString& k) { return b.id < k; });
                if (!id.isEmpty() && it != catalog.backups.cend() && it->id == id
                    && o.key == basePrefix + id + QStringLiteral("/annotations/keep"))
                    baseTasks.append({Task::Kind::GetKeep, o.key, it - catalog.backups.cbegin()});
            }
        baseBodies.resize(baseTasks.size(), Result<QByteArray>(QByteArray()));
        total += baseTasks.size();
        parallelFor(
            baseTasks.size(), 2 * std::max(1, parallelism),
            [&](qsizetype i) {
                baseBodies[i] = store.get(baseTasks[i].key, cancel);
                progress();
            },
            cancel);
    };

    if (rangesOnly) {
        walsTop = Listing{};
        baseHalf();
    } else {
        parallelFor(
            2, 2, [&](qsizetype half) { half == 0 ? walsHalf() : baseHalf(); }, cancel);
    }
    if (cancel.isCancelled())
        return cancelled();
    if (!base)
        return fail(base.error());
    if (!walsTop)
        return fail(walsTop.error());
    catalog.requests += base->requests + walsTop->requests;
    // No backups: whether the server exists at all, and its WAL, are the full load's to say.
    if (rangesOnly && base->objects.isEmpty())
        return loadServerCatalog(store, source, server, context, clock, parallelism, WalScope::Archive);
    if (base->objects.isEmpty() && walsTop->objects.isEmpty() && walsTop->prefixes.isEmpty())
        return fail(ErrorCode::MissingSource,
                    ServerCatalogText::tr("no backups or WAL for server '%1' in %2").arg(server, source.toString()),
                    ServerCatalogText::tr("List the server names with: tideline-cli servers %1").arg(source.toString()));

    for (qsizetype i = 0; i < walTasks.size(); ++i) {
        if (walTasks[i].kind == Task::Kind::GetHistory)
            continue;
        if (!dirRequests[i])
            return fail(dirRequests[i].error());
        catalog.requests += *dirRequests[i];
    }

    for (qsizetype i = 0; i < baseTasks.size(); ++i) {
        const Task& t = baseTasks[i];
        Result<QByteArray>& body = baseBodies[i];
        ++catalog.requests;
        if (t.kind == Task::Kind::GetBackupInfo) {
            BackupEntry& b = catalog.backups[t.index];
            if (!body) {
                // A backup.info that vanished between list and get was deleted by retention.
                if (body.error().code != ErrorCode::NotFound)
                    return fail(body.error());
                continue;
            }
            auto info = BackupInfo::parse(b.id, *body);
            if (info)
                b.info = std::move(*info);
            else
                b.infoError = info.error();
        } else if (t.index < catalog.backups.size()) {
            // A keep that cannot be read must not read as "no keep": retention would delete the
            // backup it protects. Gone since the listing is the only harmless failure.
            if (!body) {
                if (body.error().code != ErrorCode::NotFound)
                    return fail(body.error());
                continue;
            }
            // barman reads the first line as it is: "standalone" exactly is standalone, anything
            // else that is not empty ("standalone\n", " ") keeps in full.
            const qsizetype eol = body->indexOf('\n');
            catalog.backups[t.index].keep = QString::fromUtf8(eol < 0 ? *body : body->first(eol + 1));
        }
    }

    wal::TimelineGraph graph;
    for (qsizetype i = 0; i < walTasks.size(); ++i) {
        const Task& t = walTasks[i];
        if (t.kind != Task::Kind::GetHistory)
            continue;
        ++catalog.requests;
        const Result<QByteArray>& body = historyBodies[i];
        const ObjectInfo& o = historyObjects[t.index];
        const auto name = wal::WalFileName::parse(QStringView(o.key).mid(walsPrefix.size()));
        if (!body) {
            if (body.error().code != ErrorCode::NotFound)
                return fail(body.error());
            continue;
        }
        auto text = decompressAll(name->compression, *body);
        auto entries = text ? wal::parseHistoryFile(name->timeline, *text)
                            : Result<QList<wal::HistoryEntry>>(std::unexpected(text.error()));
        if (!entries) {
            catalog.warnings.append({QStringLiteral("unreadable_history"),
                                     ServerCatalogText::tr("%1 is unreadable: %2").arg(o.key, entries.error().message)});
            continue;
        }
        graph.addHistory(name->timeline, *entries);
    }
    if (rangesOnly) {
        // The backups are read: list what their ranges hold, in the lanes the full load's ranges
        // get (most ranges are one hash directory or less: one request each).
        const auto planned = backupWalRanges(walsPrefix, catalog.backups, statedSegmentSize(catalog));
        if (!planned)
            return loadServerCatalog(store, source, server, context, clock, parallelism, WalScope::Archive);
        const QList<WalListingPlan::Range>& ranges = *planned;
        QList<Result<int>> requests(ranges.size(), 0);
        walBuilder.add(0, {});
        parallelFor(
            ranges.size(), WalListingPlan::lanes(ranges.size(), parallelism),
            [&](qsizetype i) {
                WalArchiveBuilder::Piece piece;
                requests[i] = store.listRangePages(walsPrefix, ranges[i].startAfter, ranges[i].upTo, cancel,
                                                   [&](QList<ObjectInfo>& page) -> Result<void> {
                                                       page.removeIf([&](const ObjectInfo& o) {
                                                           return !WalListingPlan::inDirectory(walsPrefix, o.key);
                                                       });
                                                       WalArchiveBuilder::parse(walsPrefix, page, piece);
                                                       return {};
                                                   });
                walBuilder.add(i + 1, std::move(piece));
            },
            cancel);
        if (cancel.isCancelled())
            return cancelled();
        for (const Result<int>& r : requests) {
            if (!r)
                return fail(r.error());
            catalog.requests += *r;
        }
        catalog.walScope = WalScope::BackupRanges;
    }
    classifyBackups(catalog, clock);
    catalog.wals = walBuilder.finish(statedSegmentSize(catalog));
    catalog.wals.setGraph(std::move(graph));
    computeRestorability(catalog);
    if (!rangesOnly)
        catalog.wals.computeGaps(oldestBeginByTimeline(catalog));
    addWarnings(catalog);
    catalog.loadedAtUsec = clock.nowUsec();
    context.report({readingPhase, total.load(), total.load(), 0});
    return catalog;
}

ServerCatalog catalogWithout(const ServerCatalog& catalog, const QSet<QString>& removedKeys)
{
    ServerCatalog out = catalog;
    const QString basePrefix = catalog.source.key(catalog.server) + QStringLiteral("/base/");
    out.backups.removeIf([&](const BackupEntry& b) {
        return b.info && removedKeys.contains(basePrefix + b.id + QStringLiteral("/backup.info"));
    });
    for (BackupEntry& b : out.backups) {
        const qsizetype before = b.objectList.size();
        b.objectList.removeIf([&](const ObjectInfo& o) { return removedKeys.contains(o.key); });
        if (b.objectList.size() == before)
            continue;
        const QString prefix = basePrefix + b.id + QLatin1Char('/');
        b.dataFiles.removeIf([&](const QString& file) { return removedKeys.contains(prefix + file); });
        b.objects = int(b.objectList.size());
        b.bytes = 0;
        for (const ObjectInfo& o : b.objectList)
            b.bytes += o.size;
    }
    out.wals = catalog.wals.without(removedKeys);
    computeRestorability(out);
    out.wals.computeGaps(oldestBeginByTimeline(out));
    return out;
}

Result<QStringList> listServers(storage::ObjectStore& store, const storage::SourceUrl& source, JobContext& context,
                                int parallelism)
{
    const CancelToken& cancel = context.cancelToken();
    const QString root = source.prefix.isEmpty() ? QString() : source.prefix + QLatin1Char('/');
    auto top = store.list(root, QStringLiteral("/"), cancel);
    if (!top)
        return fail(top.error());
    const QStringList candidates = top->prefixes;
    QList<Result<Listing>> inner(candidates.size(), Result<Listing>(Listing{}));
    parallelFor(
        candidates.size(), parallelism,
        [&](qsizetype i) { inner[i] = store.list(candidates[i], QStringLiteral("/"), cancel); }, cancel);
    if (cancel.isCancelled())
        return cancelled();
    QStringList servers;
    for (qsizetype i = 0; i < candidates.size(); ++i) {
        if (!inner[i])
            return fail(inner[i].error());
        const QString& c = candidates[i];
        const bool isServer = inner[i]->prefixes.contains(c + QStringLiteral("base/"))
            || inner[i]->prefixes.contains(c + QStringLiteral("wals/"));
        if (isServer)
            servers.append(c.mid(root.size()).chopped(1));
    }
    if (servers.isEmpty())
        return fail(ErrorCode::MissingSource, ServerCatalogText::tr("no Barman Cloud server under %1").arg(source.toString()),
                    ServerCatalogText::tr("Check the path: it is CNPG's destinationPath, without the server name"));
    return servers;
}

} // namespace tideline::catalog
