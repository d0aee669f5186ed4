// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/pitr/RecoveryTarget.h"
#include "engine/wal/Lsn.h"
#include "engine/wal/WalEvent.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace tideline::pitr {

/// The WAL a recovery must read, from the backup's begin_wal to the segment that holds (or
/// proves) the target, following the timeline switches.
struct RequiredWal {
    QString first;       ///< segment name
    QString last;        ///< segment name; empty when not known from the bucket alone
    quint64 count = 0;   ///< segments in [first, last] along the path
    QStringList missing; ///< the first missing segment names (at most 50)
    quint64 missingCount = 0;
    qint64 bytes = 0; ///< of the required segments that are archived
};

/// The planner's answer. A value type; any thread.
struct RecoveryPlan {
    enum class Verdict {
        Ok,         ///< every required segment is there and the target lies inside the window
        Refused,    ///< cannot work: reason, hint and (where one exists) the nearest valid alternative
        Uncertain,  ///< may stop short: the last commit before the target may not be archived yet
        Unverified, ///< xid and restore point targets: only replay can tell whether they exist
    };
    RecoveryTarget target;
    Verdict verdict = Verdict::Refused;
    QString backupId; ///< empty when no backup can serve
    wal::TimelineId backupTimeline = 0;
    wal::TimelineId targetTimeline = 0;
    QList<wal::TimelineId> timelinePath;
    RequiredWal requiredWal;
    qint64 baseBytes = 0;
    qint64 downloadBytes = 0; ///< base backup objects + required WAL
    qint64 estimatedSeconds = 0;
    QStringList warnings;
    QString reason; ///< why refused (or why uncertain)
    QString hint;
    std::optional<RecoveryTarget> alternative; ///< the nearest target that would be accepted
    /// Planned with the WAL's own records (a complete event index for the path): the verdict
    /// is then Ok or Refused, never Uncertain or Unverified.
    bool walChecked = false;
    /// The record replay stops at, when the WAL was read: the restore point, the xid's commit or
    /// abort, or for a time target the first commit or abort after it.
    std::optional<wal::WalEvent> stopEvent;

    /// The timeline replay is pinned to: the backup's for an immediate target (consistency comes
    /// before any switch), else the one 'latest', 'current' or a number resolved to when the WAL
    /// was checked. Written as recovery_target_timeline and CNPG's targetTLI, so that a history
    /// file that appears after planning cannot send replay down a timeline nobody checked.
    wal::TimelineId resolvedTimeline() const
    {
        return target.kind == RecoveryTarget::Kind::Immediate ? backupTimeline : targetTimeline;
    }
    /// True unless refused: the plan can be carried out (uncertain and unverified with their warnings).
    bool ok() const { return verdict != Verdict::Refused; }
    /// The JSON token: "ok", "refused", "uncertain", "unverified".
    static QString verdictName(Verdict v);
    /// The verdict in the user's language, for people. Any thread, once a catalogue is installed.
    static QString verdictText(Verdict v);
};

/// Rough speeds for the time estimate; the defaults are this project's measurements on a
/// 2-core machine and are shown to the user as an estimate, never as a promise.
struct PlanningRates {
    double downloadBytesPerSecond = 100e6;
    double replaySecondsPerSegment16MiB = 0.15; ///< PostgreSQL replay of a 16 MiB segment
    double startupSeconds = 5;
};

} // namespace tideline::pitr
