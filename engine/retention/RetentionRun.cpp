// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/retention/RetentionRun.h"

#include <QCoreApplication>

namespace tideline::retention {

namespace {
struct RetentionRunText {
    Q_DECLARE_TR_FUNCTIONS(RetentionRun)
};
} // namespace

bool RequestPlan::sameEffect(const RequestPlan& other) const
{
    if (plan.keys() != other.plan.keys() || changesTiers() != other.changesTiers())
        return false;
    return !changesTiers() || (tiers->toKeep == other.tiers->toKeep && tiers->toRelease == other.tiers->toRelease);
}

RequestPlan planRequest(const catalog::ServerCatalog& catalog, const RetentionRequest& request)
{
    RequestPlan out;
    if (request.tiers)
        out.tiers = planTiers(catalog, *request.tiers, request.nowUsec);
    out.plan = planRetention(out.tiers ? withTierAnnotations(catalog, *out.tiers) : catalog, request.policy,
                             request.minimumRedundancy, request.nowUsec);
    return out;
}

Result<RetentionRun> applyPreviewed(storage::ObjectStore& store, const catalog::ServerCatalog& current,
                                    const RetentionRequest& request, const RequestPlan& previewed, JobContext& context)
{
    RetentionRun run;
    run.found = planRequest(current, request);
    if (!run.found.sameEffect(previewed)) {
        run.changed = true;
        return run;
    }
    if (!run.found.plan.blockers.isEmpty())
        return fail(ErrorCode::Refused,
                    RetentionRunText::tr("retention cannot run safely: %1")
                        .arg(run.found.plan.blockers.join(QStringLiteral("; "))),
                    RetentionRunText::tr("Fix or remove what is named, then run again."));
    if (run.found.changesTiers()) {
        if (auto written = applyTiers(store, current, *run.found.tiers, context.cancelToken()); !written)
            return fail(written.error());
        // The deletions are planned again on the bucket as it is now, and must be the ones shown.
        auto fresh = catalog::loadServerCatalog(store, current.source, current.server, context);
        if (!fresh)
            return fail(fresh.error());
        const RequestPlan again = planRequest(*fresh, request);
        if (again.plan.keys() != previewed.plan.keys())
            return fail(ErrorCode::Refused,
                        RetentionRunText::tr("the tiers' keep annotations are written, but the bucket changed meanwhile: "
                                             "nothing was deleted"),
                        RetentionRunText::tr("Look at the plan again, then apply."));
        run.found.plan = again.plan;
    }
    auto outcome = applyRetention(store, run.found.plan, context);
    if (!outcome)
        return fail(outcome.error());
    run.outcome = std::move(*outcome);
    return run;
}

} // namespace tideline::retention
