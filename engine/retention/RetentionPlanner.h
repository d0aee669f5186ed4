// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/catalog/ServerCatalog.h"
#include "engine/core/Timestamp.h"
#include "engine/retention/RetentionPolicy.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace tideline::retention {

/// One backup under a policy, as barman would report it.
struct BackupVerdict {
    QString backupId;
    /// VALID, OBSOLETE, KEEP:FULL, KEEP:STANDALONE, OBSOLETE* (outside the policy, kept for the
    /// minimum redundancy), "-" (barman rates only DONE backups), or empty for a directory
    /// without a readable backup.info (barman does not see it at all).
    QString status;
    bool remove = false;
    QString reason; ///< one sentence, in the user's language
};

/// What deleting one backup means, in barman-cloud-backup-delete's order: the tar parts, then
/// backup.info, then the WAL its deletion releases.
struct RetentionStep {
    QString backupId;
    QList<storage::ObjectInfo> files; ///< tar parts (data first, then tablespaces)
    storage::ObjectInfo backupInfo;
    bool walCleanup = false;         ///< barman's should_remove_wals
    QString walCleanupSkipped;       ///< why not, when walCleanup is false
    QString removeUntilWal;          ///< WAL named below this (as strings) goes: the next backup's begin_wal
    QList<storage::ObjectInfo> wals; ///< by key
    qint64 bytes() const;
};

/// A policy applied to one catalog at one instant: every backup's verdict, the deletions, and
/// what the window looks like before and after. A value; any thread.
struct RetentionPlan {
    RetentionPolicy policy;
    int minimumRedundancy = 0;
    qint64 nowUsec = 0;
    std::optional<qint64> pointOfRecoverabilityUsec; ///< now minus the window (RecoveryWindow only)
    QList<BackupVerdict> backups;                    ///< every backup directory, oldest first
    QList<RetentionStep> steps;                      ///< oldest backup first
    qint64 walDeleteCount = 0;                       ///< every object under wals/ that goes
    qint64 walDeleteBytes = 0;
    QString removeUntilWal;                        ///< the highest remove-until of the steps that clean WAL
    qint64 freedBytes = 0;                         ///< tars, backup.info files and WAL
    std::optional<Timestamp> restorableFromBefore; ///< the earliest restorable point today
    std::optional<Timestamp> restorableFromAfter;  ///< the same once the plan is applied
    /// Why the plan must not be applied (barman refuses these too): unreadable backup.info
    /// files, a DONE backup without an end time. Empty when it may be.
    QStringList blockers;

    /// Every key to delete, in order.
    QStringList keys() const;
};

/// Applies barman's retention (barman/retention_policies.py and
/// clients/cloud_backup_delete.py, 3.4) to a catalog:
/// - Only backups with a readable backup.info count, walked newest to oldest by id. Only DONE
///   ones get a status; keep annotations give KEEP:FULL or KEEP:STANDALONE ("standalone", any
///   other value is full) and count toward the policy.
/// - Redundancy: the first max(N, minimumRedundancy) are VALID, older ones OBSOLETE.
/// - Recovery window: point of recoverability = now - window; VALID up to and including the first
///   backup whose end_time is before it; older ones OBSOLETE, or OBSOLETE* while fewer than
///   minimumRedundancy are kept.
/// - Each OBSOLETE backup, oldest first: its tar parts, then backup.info; then its WAL only when
///   no earlier DONE/WAITING_FOR_WALS backup remains or all earlier ones are keep:standalone
///   (their begin..end WAL protected). remove_until is the next such backup (else itself);
///   history files stay, as does WAL on the timeline of any remaining backup other than
///   remove_until's (the backup being deleted still counts, as barman's identity check makes
///   it); everything else whose compression-stripped name sorts below remove_until's begin_wal
///   goes. Copies of one segment under two compressions all go (barman keeps one name per
///   segment and would leave the other behind).
/// Pure; any thread.
RetentionPlan planRetention(const catalog::ServerCatalog& catalog, const RetentionPolicy& policy, int minimumRedundancy,
                            qint64 nowUsec);

} // namespace tideline::retention
