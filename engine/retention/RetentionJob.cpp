// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/retention/RetentionJob.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>

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
    };
    // Three rounds of batches across every backup rather than three requests per backup:
    // the tar parts of all, then the backup.info of those whose parts are all gone (a backup
    // never loses backup.info while data remains), then the WAL of the steps that are done in
    // order from the oldest (each step's WAL assumes the older backups gone, as barman's does).
    QStringList files;
    for (const RetentionStep& step : plan.steps)
        files += keysOf(step.files);
    take(store.deleteObjects(files, context.cancelToken()));
    QSet<QString> failedKeys;
    for (const auto& f : out.failed)
        failedKeys.insert(f.first);
    // Every backup that lost all its parts loses backup.info too, so none is left looking whole.
    const auto partsGone = [&](const RetentionStep& step) {
        return std::none_of(step.files.cbegin(), step.files.cend(),
                            [&](const storage::ObjectInfo& o) { return failedKeys.contains(o.key); });
    };
    QStringList infos;
    for (const RetentionStep& step : plan.steps)
        if (partsGone(step))
            infos.append(step.backupInfo.key);
    take(store.deleteObjects(infos, context.cancelToken()));
    for (const auto& f : out.failed)
        failedKeys.insert(f.first);
    qsizetype done = 0; // steps [0, done) are gone entirely
    for (const RetentionStep& step : plan.steps) {
        const bool gone = partsGone(step) && !failedKeys.contains(step.backupInfo.key);
        if (gone)
            out.backupsDeleted.append(step.backupId);
        if (gone && done == out.backupsDeleted.size() - 1)
            ++done;
    }
    if (done < plan.steps.size())
        out.stoppedAt = plan.steps[done].backupId;
    QStringList wals;
    for (qsizetype i = 0; i < done; ++i)
        wals += keysOf(plan.steps[i].wals);
    take(store.deleteObjects(wals, context.cancelToken()));
    return out;
}

} // namespace tideline::retention
