// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/retention/RetentionJob.h"

#include <QCoreApplication>

namespace tideline::retention {

namespace {
struct RetentionJobText {
    Q_DECLARE_TR_FUNCTIONS(RetentionJob)
};

QStringList keysOf(const QList<storage::ObjectInfo>& objects)
{
    QStringList out;
    out.reserve(objects.size());
    for (const auto& o : objects)
        out.append(o.key);
    return out;
}
} // namespace

Result<RetentionOutcome> applyRetention(storage::ObjectStore& store, const RetentionPlan& plan, JobContext& context)
{
    if (!plan.blockers.isEmpty())
        return fail(ErrorCode::Refused,
                    RetentionJobText::tr("retention cannot run safely: %1").arg(plan.blockers.join(QStringLiteral("; "))),
                    RetentionJobText::tr("Fix or remove what is named (barman-cloud-backup-delete refuses too), then run "
                                         "again."));
    if (context.isCancelled())
        return fail(ErrorCode::Cancelled, RetentionJobText::tr("retention cancelled before anything was deleted"));
    RetentionOutcome out;
    const qint64 total = plan.keys().size();
    const QString phase = RetentionJobText::tr("deleting");
    const auto take = [&](const storage::DeleteReport& r) {
        out.deleted += r.deleted;
        out.failed += r.failed;
        out.requests += r.requests;
        out.batchRefused = out.batchRefused || r.batchRefused;
        context.report({phase, out.deleted.size() + out.failed.size(), total, 0});
        return r.failed.isEmpty();
    };
    for (const RetentionStep& step : plan.steps) {
        if (!take(store.deleteObjects(keysOf(step.files), context.cancelToken()))
            || !take(store.deleteObjects({step.backupInfo.key}, context.cancelToken()))) {
            out.stoppedAt = step.backupId;
            break;
        }
        out.backupsDeleted.append(step.backupId);
        take(store.deleteObjects(keysOf(step.wals), context.cancelToken()));
    }
    return out;
}

} // namespace tideline::retention
