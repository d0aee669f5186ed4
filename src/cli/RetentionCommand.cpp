// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/cli/RetentionCommand.h"

#include "engine/core/Clock.h"
#include "engine/pitr/RecoveryTarget.h"
#include "engine/retention/RetentionRun.h"
#include "src/cli/Interrupt.h"
#include "src/cli/Output.h"
#include "src/cli/SourceAccess.h"

#include <QJsonArray>

namespace tideline::cli {

namespace {

using retention::RetentionPlan;

QJsonValue timeOrNull(const std::optional<Timestamp>& t)
{
    return t ? QJsonValue(t->toIso()) : QJsonValue(QJsonValue::Null);
}

QJsonArray keysJson(const QList<storage::ObjectInfo>& objects)
{
    QJsonArray out;
    for (const auto& o : objects)
        out.append(o.key);
    return out;
}

QJsonObject planJson(const QString& server, const RetentionPlan& plan)
{
    QJsonArray backups;
    for (const auto& b : plan.backups)
        backups.append(QJsonObject{{QStringLiteral("backup_id"), b.backupId},
                                   {QStringLiteral("status"), b.status.isEmpty() ? QJsonValue() : QJsonValue(b.status)},
                                   {QStringLiteral("action"), b.remove ? QStringLiteral("delete") : QStringLiteral("keep")},
                                   {QStringLiteral("reason"), b.reason}});
    QJsonArray steps;
    for (const auto& s : plan.steps)
        steps.append(QJsonObject{{QStringLiteral("backup_id"), s.backupId},
                                 {QStringLiteral("files"), keysJson(s.files)},
                                 {QStringLiteral("backup_info"), s.backupInfo.key},
                                 {QStringLiteral("wal_cleanup"), s.walCleanup},
                                 {QStringLiteral("wal_cleanup_skipped"),
                                  s.walCleanupSkipped.isEmpty() ? QJsonValue() : QJsonValue(s.walCleanupSkipped)},
                                 {QStringLiteral("remove_until"),
                                  s.removeUntilWal.isEmpty() ? QJsonValue() : QJsonValue(s.removeUntilWal)},
                                 {QStringLiteral("wals"), keysJson(s.wals)},
                                 {QStringLiteral("bytes"), double(s.bytes())}});
    return {
        {QStringLiteral("server"), server},
        {QStringLiteral("policy"), plan.policy.barmanText()},
        {QStringLiteral("minimum_redundancy"), plan.minimumRedundancy},
        {QStringLiteral("now"), Timestamp::fromUsec(plan.nowUsec).toIso()},
        {QStringLiteral("point_of_recoverability"),
         plan.pointOfRecoverabilityUsec ? QJsonValue(Timestamp::fromUsec(*plan.pointOfRecoverabilityUsec).toIso())
                                        : QJsonValue()},
        {QStringLiteral("backups"), backups},
        {QStringLiteral("wals"),
         QJsonObject{{QStringLiteral("delete_count"), double(plan.walDeleteCount)},
                     {QStringLiteral("delete_bytes"), double(plan.walDeleteBytes)},
                     {QStringLiteral("remove_until"),
                      plan.removeUntilWal.isEmpty() ? QJsonValue() : QJsonValue(plan.removeUntilWal)}}},
        {QStringLiteral("freed_bytes"), double(plan.freedBytes)},
        {QStringLiteral("restorable_from_before"), timeOrNull(plan.restorableFromBefore)},
        {QStringLiteral("restorable_from_after"), timeOrNull(plan.restorableFromAfter)},
        {QStringLiteral("steps"), steps},
        {QStringLiteral("blockers"), QJsonArray::fromStringList(plan.blockers)},
        {QStringLiteral("applied"), false},
    };
}

QString planText(const RetentionPlan& plan)
{
    QList<std::pair<QString, QString>> rows{{RetentionCommand::tr("Policy"), plan.policy.barmanText()},
                                            {RetentionCommand::tr("Minimum redundancy"),
                                             QString::number(plan.minimumRedundancy)},
                                            {RetentionCommand::tr("Now"), Timestamp::fromUsec(plan.nowUsec).toIso()}};
    if (plan.pointOfRecoverabilityUsec)
        rows.append(
            {RetentionCommand::tr("Point of recoverability"), Timestamp::fromUsec(*plan.pointOfRecoverabilityUsec).toIso()});
    QString text = labelledLines(rows, 26) + u'\n';
    TextTable table({RetentionCommand::tr("BACKUP ID"), RetentionCommand::tr("STATUS"), RetentionCommand::tr("ACTION"),
                     RetentionCommand::tr("REASON")});
    for (const auto& b : plan.backups)
        table.addRow({b.backupId, b.status.isEmpty() ? QStringLiteral("?") : b.status,
                      b.remove ? RetentionCommand::tr("delete") : RetentionCommand::tr("keep"), b.reason});
    text += table.render() + u'\n';
    const auto when = [](const std::optional<Timestamp>& t) {
        return t ? t->toIso() : RetentionCommand::tr("nothing restorable");
    };
    QList<std::pair<QString, QString>> totals{
        {RetentionCommand::tr("Backups to delete"), QString::number(plan.steps.size())},
        {RetentionCommand::tr("WAL files to delete"),
         plan.walDeleteCount == 0
             ? QStringLiteral("0")
             : RetentionCommand::tr("%1 (%2), below %3")
                   .arg(QString::number(plan.walDeleteCount), formatBytes(plan.walDeleteBytes), plan.removeUntilWal)},
        {RetentionCommand::tr("Freed"), formatBytes(plan.freedBytes)},
        {RetentionCommand::tr("Restorable from"),
         plan.restorableFromBefore == plan.restorableFromAfter
             ? when(plan.restorableFromBefore)
             : RetentionCommand::tr("%1, then %2").arg(when(plan.restorableFromBefore), when(plan.restorableFromAfter))}};
    for (const auto& s : plan.steps)
        if (!s.walCleanup)
            totals.append({RetentionCommand::tr("WAL of %1").arg(s.backupId),
                           RetentionCommand::tr("stays: %1").arg(s.walCleanupSkipped)});
    return text + labelledLines(totals, 26);
}

QJsonObject tiersJson(const retention::TierPlan& tiers)
{
    QJsonArray backups;
    for (const auto& v : tiers.backups) {
        const QJsonValue change = v.change == retention::TierVerdict::Change::Keep ? QJsonValue(QStringLiteral("keep"))
            : v.change == retention::TierVerdict::Change::Release                  ? QJsonValue(QStringLiteral("release"))
                                                                                   : QJsonValue();
        backups.append(QJsonObject{{QStringLiteral("backup_id"), v.backupId},
                                   {QStringLiteral("tiers"), QJsonArray::fromStringList(v.tiers)},
                                   {QStringLiteral("change"), change}});
    }
    return {{QStringLiteral("spec"), tiers.tiers.text()},
            {QStringLiteral("backups"), backups},
            {QStringLiteral("keep"), QJsonArray::fromStringList(tiers.toKeep)},
            {QStringLiteral("release"), QJsonArray::fromStringList(tiers.toRelease)}};
}

QString tiersText(const retention::TierPlan& tiers)
{
    TextTable table({RetentionCommand::tr("BACKUP ID"), RetentionCommand::tr("TIERS"), RetentionCommand::tr("ANNOTATION")});
    for (const auto& v : tiers.backups) {
        if (v.tiers.isEmpty() && v.change == retention::TierVerdict::Change::None)
            continue;
        table.addRow({v.backupId, v.tiers.join(u','),
                      v.change == retention::TierVerdict::Change::Keep ? RetentionCommand::tr("keep:standalone (new)")
                          : v.change == retention::TierVerdict::Change::Release
                          ? RetentionCommand::tr("release (out of every tier)")
                          : RetentionCommand::tr("already kept")});
    }
    return RetentionCommand::tr("Tiers %1:").arg(tiers.tiers.text()) + u'\n' + table.render();
}

} // namespace

int RetentionCommand::run(const Invocation& invocation)
{
    if (!invocation.has(QStringLiteral("policy")))
        return reportError({ErrorCode::Usage,
                            tr("retention needs --policy"),
                            tr("Give the cluster's retentionPolicy, e.g. --policy 30d (also 4w, 6m)."),
                            {}});
    auto policy = retention::RetentionPolicy::parse(invocation.value(QStringLiteral("policy")));
    if (!policy)
        return reportError(policy.error());
    int minimumRedundancy = 0;
    if (invocation.has(QStringLiteral("minimum-redundancy"))) {
        bool ok = false;
        minimumRedundancy = invocation.value(QStringLiteral("minimum-redundancy")).toInt(&ok);
        if (!ok || minimumRedundancy < 0 || minimumRedundancy > 100'000)
            return reportError({ErrorCode::Usage,
                                tr("--minimum-redundancy needs a whole number of backups, got '%1'")
                                    .arg(invocation.value(QStringLiteral("minimum-redundancy")).left(40)),
                                tr("For example --minimum-redundancy 2."),
                                {}});
    }
    qint64 nowUsec = Clock::system().nowUsec();
    if (invocation.has(QStringLiteral("now"))) {
        auto now = pitr::RecoveryTarget::parseTime(invocation.value(QStringLiteral("now")));
        if (!now)
            return reportError(now.error());
        nowUsec = now->usecUtc;
    }
    std::optional<retention::RetentionTiers> tiers;
    if (invocation.has(QStringLiteral("tiers"))) {
        auto parsed = retention::RetentionTiers::parse(invocation.value(QStringLiteral("tiers")));
        if (!parsed)
            return reportError(parsed.error());
        tiers = *parsed;
    }
    const bool apply = invocation.has(QStringLiteral("apply"));
    if (apply && !invocation.has(QStringLiteral("confirm")))
        return reportError({ErrorCode::Usage,
                            tr("--apply deletes backups and WAL: it needs --confirm with the server's name"),
                            tr("Run without --apply first to see what goes, then add --apply --confirm SERVER."),
                            {}});
    if (!apply && invocation.has(QStringLiteral("confirm")))
        return reportError({ErrorCode::Usage,
                            tr("--confirm goes with --apply"),
                            tr("Without --apply, retention only shows what would go."),
                            {}});
    if (apply && invocation.has(QStringLiteral("now")))
        return reportError({ErrorCode::Usage,
                            tr("--now previews a future date; it cannot be applied"),
                            tr("Drop --now to apply the policy as of today."),
                            {}});

    auto source = openSource(invocation, invocation.args[0]);
    if (!source)
        return reportError(source.error());
    const QString server = serverFor(*source, invocation.args.value(1));
    if (apply && invocation.value(QStringLiteral("confirm")) != server)
        return reportError(
            {ErrorCode::Usage,
             tr("--confirm '%1' does not name the server '%2'").arg(invocation.value(QStringLiteral("confirm")).left(80), server),
             tr("Type the server's name exactly: --confirm %1").arg(server),
             {}});
    JobContext context(interruptToken());
    auto catalog = catalog::loadServerCatalog(*source->store, source->url, server, context);
    if (!catalog)
        return reportError(catalog.error());
    for (const QString& note : source->notes)
        printNote(note);
    // Tiers first: their keep annotations are what the policy then sees.
    const retention::RetentionRequest request{*policy, minimumRedundancy, tiers, nowUsec};
    const retention::RequestPlan planned = retention::planRequest(*catalog, request);
    const RetentionPlan& plan = planned.plan;
    const std::optional<retention::TierPlan>& tierPlan = planned.tiers;
    QJsonObject json = planJson(server, plan);
    json.insert(QStringLiteral("tiers"), tierPlan ? QJsonValue(tiersJson(*tierPlan)) : QJsonValue());
    if (!apply) {
        if (invocation.json) {
            printJson(json);
        } else {
            printText(planText(plan) + u'\n' + (tierPlan ? u'\n' + tiersText(*tierPlan) + u'\n' : QString()));
            if (!plan.steps.isEmpty())
                printNote(tr("dry run: nothing was deleted; to delete, add --apply --confirm %1").arg(server));
        }
        for (const QString& blocker : plan.blockers)
            printNote(tr("retention cannot be applied: %1").arg(blocker));
        return 0;
    }

    // The catalog was read a moment ago: what is applied is the plan just computed on it.
    auto run = retention::applyPreviewed(*source->store, *catalog, request, planned, context);
    if (!run) {
        if (invocation.json)
            printJson(json);
        return reportError(run.error());
    }
    if (run->changed) // the same catalog planned twice: only a bug gets here
        return reportError({ErrorCode::Internal, tr("the plan changed between planning and applying"), {}, {}});
    const retention::RetentionOutcome& outcome = run->outcome;
    QJsonArray failed;
    for (const auto& [key, error] : outcome.failed)
        failed.append(QJsonObject{{QStringLiteral("key"), key}, {QStringLiteral("error"), error.oneLine()}});
    json.insert(QStringLiteral("applied"), true);
    json.insert(QStringLiteral("deleted_count"), double(outcome.deleted.size()));
    json.insert(QStringLiteral("backups_deleted"), QJsonArray::fromStringList(outcome.backupsDeleted));
    json.insert(QStringLiteral("failed"), failed);
    json.insert(QStringLiteral("stopped_at"), outcome.stoppedAt.isEmpty() ? QJsonValue() : QJsonValue(outcome.stoppedAt));
    json.insert(QStringLiteral("batch_refused"), outcome.batchRefused);
    json.insert(QStringLiteral("complete"), outcome.complete());
    if (invocation.json)
        printJson(json);
    else
        printText(
            planText(plan) + u'\n'
            + tr("Deleted %n objects (%1 backups).", nullptr, int(outcome.deleted.size())).arg(outcome.backupsDeleted.size())
            + u'\n');
    if (outcome.batchRefused)
        printNote(tr("the store refused multi-object deletes; objects were deleted one request each"));
    if (outcome.complete())
        return 0;
    for (const auto& [key, error] : outcome.failed)
        printNote(tr("not deleted: %1: %2").arg(key, error.oneLine()));
    const Error first = outcome.failed.isEmpty() ? Error{ErrorCode::Refused, {}, {}, {}} : outcome.failed.constFirst().second;
    return reportError(
        {first.code == ErrorCode::Cancelled     ? ErrorCode::Cancelled
             : first.code == ErrorCode::Auth    ? ErrorCode::Auth
             : first.code == ErrorCode::Network ? ErrorCode::Network
                                                : ErrorCode::Refused,
         outcome.stoppedAt.isEmpty()
             ? tr("retention deleted the backups but %n WAL files stayed", nullptr, int(outcome.failed.size()))
             : tr("retention stopped at backup %1: %n objects could not be deleted", nullptr, int(outcome.failed.size()))
                   .arg(outcome.stoppedAt),
         tr("Fix the cause above and run the same command again: it finishes what is left."),
         {}});
}

} // namespace tideline::cli
