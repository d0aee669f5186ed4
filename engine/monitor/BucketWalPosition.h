// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/CancelToken.h"
#include "engine/core/Error.h"
#include "engine/monitor/ArchiverProbe.h"

#include <QString>

#include <optional>

namespace tideline::storage {
class ObjectStore;
struct SourceUrl;
} // namespace tideline::storage

namespace tideline::monitor {

/// Where a server's WAL stands in its bucket, seen from the server's own position.
struct BucketWalPosition {
    /// The newest segment in the bucket at or before the server's current segment (any timeline
    /// up to the server's, compared by number: a sibling branch with a lower number counts).
    QString lastWal;
    std::optional<quint64> lastSegno;
    wal::TimelineId lastTimeline = 0;
    qint64 lastUploadedUsec = 0;
    /// Whether pg_stat_archiver's last_archived_wal is an object in this bucket under this server;
    /// nullopt when the server archived nothing since its statistics were reset.
    std::optional<bool> lastArchivedFound;
    QString lastArchivedKey;
    /// A segment of the server's timeline beyond its current one: something else archives under
    /// this server name (or the server went back in time without a new timeline).
    QString aheadWal;
    int requests = 0; ///< store round trips it took
};

/// Looks up the bucket's side of `facts` with a few listings instead of a whole catalog: the hash
/// directory of the server's current segment, else the newest directories before it (found with
/// one delimiter listing of wals/), plus one listing for last_archived_wal. Cheap enough to poll.
/// Errors: the store's (MissingSource, Network, Auth, Corrupt, Cancelled).
/// Thread: any thread but the GUI thread (it blocks on I/O).
Result<BucketWalPosition> locateServerWal(storage::ObjectStore& store, const storage::SourceUrl& source,
                                          const QString& server, const ArchiverFacts& facts, const CancelToken& cancel);

} // namespace tideline::monitor
