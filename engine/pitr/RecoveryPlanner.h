// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/catalog/ServerCatalog.h"
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
RecoveryPlan planRecovery(const catalog::ServerCatalog& catalog, const RecoveryTarget& target,
                          const PlanningRates& rates = {});

} // namespace tideline::pitr
