// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/catalog/ServerCatalog.h"
#include "engine/pitr/RecoveryWindow.h"

namespace tideline::pitr {

/// The five-second answer for one server, the one the overview shows and `tideline-cli status`
/// prints: can it be restored, from when to when, on which timeline, the newest backup and WAL,
/// and counts. Chooses and counts from the catalog and the windows; computes no new fact.
struct ServerStatus {
    enum class Verdict {
        Recoverable,          ///< a restorable backup and WAL up to the last archived segment
        LimitedByGap,         ///< restorable, but a gap stops replay before the archive's end
        NotRecoverable,       ///< no Done and restorable backup reaches any timeline
        LatestNotRecoverable, ///< an older timeline is, but not the one a restore follows (latest)
    };
    Verdict verdict = Verdict::NotRecoverable;
    /// The headline: latest's window when it is recoverable, else the newest window that is
    /// (under LatestNotRecoverable); nullptr for NotRecoverable.
    const TimelineWindow* window = nullptr;
    wal::TimelineId latestTimeline = 0; ///< what recovery_target_timeline='latest' follows
    qint64 untilUsec = 0;               ///< where the headline window ends (gap or last WAL)
    QString untilWal;

    const catalog::BackupEntry* lastDone = nullptr; ///< newest Done backup
    const catalog::BackupEntry* newest = nullptr;   ///< newest backup of any state
    qint64 lastDoneEndUsec = 0;

    QString lastWal; ///< newest archived segment over every timeline (by upload time)
    qint64 lastWalUsec = 0;
    wal::TimelineId lastWalTimeline = 0;

    int gaps = 0;
    int harmlessGaps = 0;
    quint64 missingSegments = 0; ///< in gaps that are not harmless
    int done = 0, failed = 0, inProgress = 0, incomplete = 0, unreadable = 0, unrestorable = 0;

    /// True for Recoverable and LimitedByGap: a restore following 'latest' can work.
    bool recoverable() const { return verdict == Verdict::Recoverable || verdict == Verdict::LimitedByGap; }
    /// The JSON token: "recoverable", "limited_by_gap", "not_recoverable" (both kinds).
    static QString verdictName(Verdict v);
};

/// Pure; any thread. The result points into `catalog` and `windows`, which must outlive it.
ServerStatus computeStatus(const catalog::ServerCatalog& catalog, const QList<TimelineWindow>& windows);

} // namespace tideline::pitr
