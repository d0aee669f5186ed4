// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/catalog/ServerCatalog.h"
#include "engine/catalog/WalEventIndex.h"
#include "engine/pitr/RecoveryPlan.h"

namespace tideline::pitr {

/// Answers "can I get back to this target, and how?" from a loaded catalog, before anything is
/// restored. Pure: no I/O; any thread; deterministic for a given catalog.
///
/// Backup choice (CNPG's rules, restricted to backups Tideline can prove restorable): --backup-id
/// when given; for a time target the newest restorable backup that ended at or before it, for an
/// LSN target the newest whose end LSN is before it; otherwise the newest restorable backup.
/// The backup's timeline must lie on the target timeline's path, and end before it branched off.
///
/// Required WAL: from the backup's begin_wal, on each timeline of the path up to the segment
/// before the switch, the switch segment from the new timeline; up to the segment holding an
/// LSN target, up to the first segment uploaded after a time target (the one that proves replay
/// can pass it), to the end of the archive for xid and name targets, to end_wal for immediate.
///
/// Verdicts as RecoveryPlan::Verdict says. A refusal names the reason, a hint, and the nearest
/// target that would be accepted.
///
/// With `events` (the server's WAL event index, buildWalEventIndex) whose segments on the target
/// timeline's path all read cleanly, the planner knows where the target is instead of guessing
/// from upload times (walChecked, stopEvent): a restore point or xid must exist on the path (a
/// missing name is refused with the names that do exist; an xid only seen as a subtransaction is
/// refused with its parent), and the backup chosen is the newest that ended before that record,
/// so PostgreSQL meets it after consistency; a time target is Ok only when a commit or abort
/// after it is archived (PostgreSQL stops only there), and one after the last commit is refused
/// with that commit, included, as the alternative (--target-lsn). Required WAL then ends at the
/// stop record's segment. Without events, or with damage on the path, the upload-time rules
/// above apply.
RecoveryPlan planRecovery(const catalog::ServerCatalog& catalog, const RecoveryTarget& target,
                          const PlanningRates& rates = {}, const catalog::WalEventIndex* events = nullptr);

/// Whether planRecovery() consults the event index for `target`: time, xid and name targets do
/// (and their alternatives); an LSN or immediate target is planned from the catalog alone, so
/// reading the WAL for it (a download of the whole archive when the cache is cold) is wasted.
/// Any thread.
bool planReadsWalEvents(const RecoveryTarget& target);

} // namespace tideline::pitr
