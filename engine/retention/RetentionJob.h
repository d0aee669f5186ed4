// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/JobContext.h"
#include "engine/retention/RetentionPlanner.h"
#include "engine/storage/ObjectStore.h"

#include <QList>
#include <QStringList>

#include <utility>

namespace tideline::retention {

/// What applying a plan did.
struct RetentionOutcome {
    QStringList deleted;                     ///< keys gone, in order
    QList<std::pair<QString, Error>> failed; ///< keys that stay, with why
    QStringList backupsDeleted;              ///< backups whose backup.info is gone
    QString stoppedAt;         ///< the backup whose files could not all be deleted (nothing after it was tried)
    bool batchRefused = false; ///< the store refused multi-object deletes
    int requests = 0;
    bool complete() const { return failed.isEmpty() && stoppedAt.isEmpty(); }
};

/// Deletes what the plan says in barman-cloud-backup-delete's order, batched across backups: the
/// tar parts of every obsolete backup, then the backup.info of every backup whose parts are all
/// gone (so no backup is left looking complete without its data; one whose parts stay keeps
/// backup.info, still OBSOLETE, and a rerun finishes it), then the WAL of the steps done without a
/// break from the oldest. The first backup not entirely gone is where the run stops (stoppedAt):
/// no WAL of it or of a newer step is deleted, as barman deletes none past the backup it stops
/// at. A WAL deletion that fails is reported. The same policy run again finishes the run.
///
/// Errors: Refused when the plan has blockers (nothing is deleted); Cancelled when cancelled
/// before the first deletion. Cancellation later ends the run with the keys not deleted
/// reported as failed (Cancelled). Thread: not the GUI thread (it blocks on the store).
Result<RetentionOutcome> applyRetention(storage::ObjectStore& store, const RetentionPlan& plan, JobContext& context);

} // namespace tideline::retention
