// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/catalog/ServerCatalog.h"
#include "engine/core/Timestamp.h"

#include <QList>
#include <QString>

#include <optional>

namespace tideline::pitr {

/// A stretch of time on one timeline that a restore can reach: from the end of a restorable
/// backup to the last segment replay can read from it without meeting a missing one.
struct RecoverableRange {
    QString fromBackupId;   ///< the oldest backup that opens this range
    Timestamp from;         ///< that backup's end time (consistency is reached there)
    QString toWal;          ///< the last segment reachable without a gap
    qint64 toUploadedUsec;  ///< its upload time: the range ends no later than this
    bool endsAtGap = false; ///< a missing segment, not the archive's end, closes the range
};

/// What can be restored on one timeline.
struct TimelineWindow {
    wal::TimelineId timeline = 0;
    std::optional<Timestamp> firstRecoverabilityPoint; ///< end of the oldest restorable backup reaching it
    QString firstRecoverabilityBackupId;
    QString lastArchivedWal;
    qint64 lastArchivedUsec = 0;
    bool limitedByGap = false;   ///< a gap stops replay from the first recoverability point before the end
    QString recoverableUntilWal; ///< the end of the range that starts at the first recoverability point
    qint64 recoverableUntilUsec = 0;
    QList<RecoverableRange> ranges; ///< disjoint, oldest first
};

/// The recoverability window of every timeline that has archived segments. A backup counts for a
/// timeline when it is Done and restorable, its timeline is on the timeline's path, and (when it is
/// an ancestor) it ended before the branch point. Pure; any thread.
QList<TimelineWindow> computeRecoveryWindows(const catalog::ServerCatalog& catalog);

/// A stretch of time, µs UTC, both ends included.
struct TimeRange {
    qint64 fromUsec = 0;
    qint64 toUsec = 0;
};
/// Every recoverable range of every timeline merged where they touch or overlap, oldest first:
/// the times some restore can reach, whatever the timeline. Pure; any thread.
QList<TimeRange> mergedRecoverableRanges(const QList<TimelineWindow>& windows);

/// The timeline a restore follows by default (recovery_target_timeline='latest': the highest
/// timeline the history files and segments name) and its window among `windows`. After a
/// failover whose first segments are missing, an older timeline may still have a window while
/// nothing after the switch can be restored: the verdict is this timeline's, not the newest
/// window's. Pure; any thread; the result points into `windows`.
struct LatestWindow {
    wal::TimelineId timeline = 0;
    const TimelineWindow* window = nullptr; ///< nullptr when no segment of it is archived yet
    bool recoverable() const { return window && window->firstRecoverabilityPoint.has_value(); }
};
LatestWindow latestWindow(const catalog::ServerCatalog& catalog, const QList<TimelineWindow>& windows);

} // namespace tideline::pitr
