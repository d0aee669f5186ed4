// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/retention/RetentionJob.h"
#include "engine/retention/RetentionTiers.h"

#include <optional>

namespace tideline::retention {

/// Everything a retention run is asked to do: the tiers' keep annotations first (optional),
/// then the policy on the catalog as those annotations leave it. A value; any thread.
struct RetentionRequest {
    RetentionPolicy policy;
    int minimumRedundancy = 0;
    std::optional<RetentionTiers> tiers;
    qint64 nowUsec = 0;
};

/// A request planned on one catalog.
struct RequestPlan {
    std::optional<TierPlan> tiers; ///< set when the request has tiers
    RetentionPlan plan;            ///< on the catalog with the tiers' annotations in place

    /// Whether applying either would write and delete the same: the same keys deleted, the same
    /// backups kept and released for the tiers.
    bool sameEffect(const RequestPlan& other) const;
    bool changesTiers() const { return tiers && (!tiers->toKeep.isEmpty() || !tiers->toRelease.isEmpty()); }
};

/// Tiers, then the policy. Pure; any thread.
RequestPlan planRequest(const catalog::ServerCatalog& catalog, const RetentionRequest& request);

/// What applying a previewed plan did.
struct RetentionRun {
    /// The bucket no longer gives the previewed plan: nothing was written or deleted; `found` is
    /// what it gives now, for a new preview.
    bool changed = false;
    RequestPlan found;
    RetentionOutcome outcome;
};

/// Applies exactly what the user saw: plans `request` on `current` (a catalog the caller has just
/// read) and goes on only if that has the previewed effect; writes the tiers' annotations, reads
/// the server again and plans again, which must delete the previewed keys; then deletes them
/// (applyRetention()). Whatever the bucket did meanwhile, nothing is deleted that was not shown.
/// Errors: Refused when the plan has blockers (nothing written) or when the bucket changed between
/// writing the annotations and deleting (annotations written, nothing deleted); the store's and
/// the catalog loader's; Cancelled. Thread: not the GUI thread (it blocks on the store).
Result<RetentionRun> applyPreviewed(storage::ObjectStore& store, const catalog::ServerCatalog& current,
                                    const RetentionRequest& request, const RequestPlan& previewed, JobContext& context);

} // namespace tideline::retention
