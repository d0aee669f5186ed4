// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "src/models/ServerSnapshot.h"

#include <optional>

namespace tideline::gui {

/// The five-second answer for one server, read off the engine's results (the same ones
/// `tideline-cli window` and `backups` print): which window to headline, the newest backup, the
/// newest archived WAL, and counts. Chooses and counts, computes nothing the engine does not.
struct OverviewFacts {
    enum class Verdict {
        Recoverable,    ///< a restorable backup and WAL up to the last archived segment
        LimitedByGap,   ///< restorable, but a gap stops replay before the archive's end
        NotRecoverable, ///< no Done and restorable backup reaches any timeline
        LatestNotRecoverable, ///< an older timeline is, but not the one a restore follows (latest)
    };
    Verdict verdict = Verdict::NotRecoverable;
    const pitr::TimelineWindow* window = nullptr; ///< the headline: latest's window, else the newest one
    wal::TimelineId latestTimeline = 0;            ///< what recovery_target_timeline='latest' follows
    qint64 untilUsec = 0;                          ///< where that window ends (gap or last WAL)
    QString untilWal;

    const catalog::BackupEntry* lastDone = nullptr;   ///< newest Done backup
    const catalog::BackupEntry* newest = nullptr;     ///< newest backup of any state
    qint64 lastDoneEndUsec = 0;

    QString lastWal;           ///< newest archived segment over every timeline (by upload time)
    qint64 lastWalUsec = 0;
    wal::TimelineId lastWalTimeline = 0;

    int gaps = 0;
    int harmlessGaps = 0;
    quint64 missingSegments = 0; ///< in gaps that are not harmless
    int done = 0, failed = 0, inProgress = 0, incomplete = 0, unreadable = 0, unrestorable = 0;

    /// Pure; the snapshot must outlive the result (it points into it).
    static OverviewFacts compute(const ServerSnapshot& snapshot);
};

} // namespace tideline::gui
