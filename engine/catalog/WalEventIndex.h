// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/catalog/ServerCatalog.h"
#include "engine/core/Error.h"
#include "engine/core/JobContext.h"
#include "engine/wal/WalEvent.h"
#include "engine/wal/WalReader.h"

#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace tideline::catalog {

/// What one archived segment (or .partial) held, as read by wal::WalReader.
struct SegmentReading {
    wal::TimelineId timeline = 0; ///< of its name
    quint64 segno = 0;
    QString name; ///< its file name without compression suffix
    qint64 uploadedUsec = 0;
    int records = 0;
    int commits = 0;
    std::optional<qint64> lastRecordTimeUsec; ///< the newest commit, abort, restore point or checkpoint time
    bool endOfWal = false;
    std::optional<wal::WalProblem> problem; ///< nothing after problem->lsn in it was decoded
    bool fromCache = false;

    /// The archive delay this segment shows: upload time minus its last timed record (µs);
    /// nullopt without a timed record.
    std::optional<qint64> archiveDelayUsec() const;
};

/// The last commit on a timeline's history.
struct LastCommit {
    wal::TimelineId timeline = 0; ///< the timeline the commit itself was written on
    wal::Lsn lsn;
    wal::Lsn end;
    qint64 timeUsec = 0;
    quint32 xid = 0;
};

/// Everything the archive's WAL records say about one server.
struct WalEventIndex {
    QList<wal::WalEvent> events;    ///< by timeline, then LSN; copies of a parent's WAL counted once
    QList<SegmentReading> segments; ///< every segment and .partial read, by timeline then segno
    int postgresVersion = 0;
    /// The system identifier every segment's long header was held against: the newest backup's
    /// with one (backup.info system_id); nullopt when no backup states one (then not checked).
    std::optional<quint64> systemId;
    int segmentsDownloaded = 0;
    int segmentsFromCache = 0;
    qint64 bytesDownloaded = 0;
    int malformedRecords = 0; ///< records of a decoded kind whose data did not parse
    /// Commits per minute over every timeline read, keyed by the minute's start (µs since the
    /// epoch, UTC), minutes without a commit left out; all commits, whatever `kinds` kept.
    QMap<qint64, int> commitsPerMinute;

    /// Segments that could not be read to their end (their problem is set).
    QList<const SegmentReading*> problems() const;
    /// The newest commit a restore toward `timeline` replays (restoreReplays); nullopt when none
    /// is known.
    std::optional<LastCommit> lastCommit(const WalArchive& archive, wal::TimelineId timeline) const;
};

/// 2 GiB: what plan, restore, drill, manifest and the window read on their own before asking
/// the user to run `events` once (128 segments of 16 MiB, compressed sizes counted).
inline constexpr qint64 kAutomaticWalReadBytes = 2LL * 1024 * 1024 * 1024;
/// And at most this many objects: segments of an idle database compress to a few KiB, and
/// 100,000 of them are minutes of requests even when they weigh little.
inline constexpr int kAutomaticWalReadObjects = 4096;

struct WalEventIndexOptions {
    QString cacheDir;                 ///< where decoded segments are kept; empty: no cache
    int parallelism = 8;              ///< downloads at once (at most what the store says pays)
    QList<wal::TimelineId> timelines; ///< only these timelines' WAL (empty: every timeline)
    int tailSegments = 0;             ///< only each timeline's last N segments (0: all)
    /// .partial files too: what they hold happened, but a restore never reads them.
    bool includePartials = true;
    /// Refuse (ErrorCode::Refused, nothing read) when more than this many bytes, as listed,
    /// are not in the cache yet: a look the user did not ask for must not pull a whole archive
    /// down. 0: no limit (`events`, which the user runs to read it all).
    qint64 maxDownloadBytes = 0;
    int maxDownloadObjects = 0; ///< the same for the number of uncached objects (0: no limit)
    /// The limits of a read nobody asked for: kAutomaticWalReadBytes and kAutomaticWalReadObjects.
    void limitAsUnasked()
    {
        maxDownloadBytes = kAutomaticWalReadBytes;
        maxDownloadObjects = kAutomaticWalReadObjects;
    }
    /// Only events of these kinds are kept in `events` (empty: all). Every record is still read,
    /// checked, counted and cached; a look for restore points or drops over a busy archive then
    /// holds a handful of events instead of millions of commits.
    QList<wal::WalEvent::Kind> kinds;
};

/// Whether a restore toward `timeline` replays the event's record: the record is in the
/// timeline's history (TimelineGraph::holds) and every byte of it is in a full archived segment
/// that restore reads, the copy of the newest timeline on the path that had branched by then
/// (the switch segment comes from the new timeline), never a .partial. Pure; any thread.
bool restoreReplays(const WalArchive& archive, wal::TimelineId timeline, const wal::WalEvent& event);

/// What Tideline keeps on this machine about one server of one source: under the user's cache
/// location (XDG), a directory named by a hash of both (no bucket or path in the name). Losing
/// it costs only reading again. Any thread.
QString defaultServerCacheDir(const storage::SourceUrl& source, const QString& server);
/// The decoded-segment cache: wal-events/ in defaultServerCacheDir. Any thread.
QString defaultWalEventCacheDir(const storage::SourceUrl& source, const QString& server);

/// Reads every archived segment and .partial of the server (downloads in parallel, decompresses,
/// decodes each timeline in order with wal::WalReader and wal::WalEventDecoder) and indexes the
/// events. A segment already read, with the same ETag (size and time for local files) and the
/// same state left by the segment before it, is taken from the cache and not downloaded again.
/// The system identifier of the catalog's backups is enforced on every long page header.
///
/// A segment that is not WAL, of another system, torn or corrupt is not an error: it is listed
/// with its problem and the index says it is incomplete there.
/// Errors: the store's Network/Auth errors, NotFound for a segment gone since the listing,
/// Corrupt for one that does not decompress or is larger than the segment size; Cancelled;
/// Refused when maxDownloadBytes or maxDownloadObjects would be exceeded (the message says how
/// much is uncached). The limits for reads nobody asked for: kAutomaticWalRead*.
/// Thread: any thread but the GUI thread (it blocks on I/O).
Result<WalEventIndex> buildWalEventIndex(storage::ObjectStore& store, const ServerCatalog& catalog,
                                         const WalEventIndexOptions& options, JobContext& context);

/// The newest commit in each timeline's history that a restore can reach (full segments only,
/// no .partial), read from the end of its WAL backwards: the
/// last 2 segments, then 8, then 32, then 128, until a commit turns up; so the usual answer costs
/// two segments, and nothing once cached. A timeline without a commit in its last 128 segments
/// (or with a problem in them) is left out: its last commit is unknown. Errors and thread as
/// buildWalEventIndex().
Result<QMap<wal::TimelineId, LastCommit>> readLastCommits(storage::ObjectStore& store, const ServerCatalog& catalog,
                                                          const WalEventIndexOptions& options, JobContext& context);

} // namespace tideline::catalog
