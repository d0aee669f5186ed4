// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/cli/PlanCommand.h"

#include "engine/pitr/RecoveryPlanner.h"
#include "src/cli/Interrupt.h"
#include "src/cli/Output.h"
#include "src/cli/PlanJson.h"
#include "src/cli/SourceAccess.h"
#include "src/cli/TargetOptions.h"

namespace tideline::cli {

QMap<QString, bool> PlanCommand::options() const
{
    return targetOptions();
}

int PlanCommand::run(const Invocation& invocation)
{
    auto target = parseTarget(invocation);
    if (!target)
        return reportError(target.error());
    JobContext context(interruptToken());
    auto loaded = openAndLoad(invocation, invocation.args[0], invocation.args[1], context);
    if (!loaded)
        return reportError(loaded.error());
    auto events = walEventsForPlanning(loaded->source, loaded->catalog, *target, context);
    if (!events)
        return reportError(events.error());
    const pitr::RecoveryPlan plan =
        pitr::planRecovery(loaded->catalog, *target, {}, events->has_value() ? &**events : nullptr);
    if (invocation.json) {
        printJson(planJson(plan));
    } else {
        // Labels and values; the value column starts after the longest (translated) label.
        QList<std::pair<QString, QString>> rows;
        auto row = [&](const QString& k, const QString& v) { rows.append({k, v}); };
        row(tr("Verdict"), pitr::RecoveryPlan::verdictName(plan.verdict).toUpper());
        row(tr("Target"), plan.target.describe());
        if (!plan.backupId.isEmpty()) {
            //: %1 is a backup ID, %2 its timeline
            row(tr("Backup"), tr("%1 (timeline %2)").arg(plan.backupId, QString::number(plan.backupTimeline)));
            QStringList path;
            for (auto t : plan.timelinePath)
                path.append(QString::number(t));
            row(tr("Timeline path"), path.join(QStringLiteral(" -> ")));
            //: %n segments, from %1 to %2, %3 bytes in all
            row(tr("WAL needed"),
                tr("%n segment(s), %1 .. %2, %3", nullptr, static_cast<int>(plan.requiredWal.count))
                    .arg(plan.requiredWal.first, plan.requiredWal.last.isEmpty() ? QStringLiteral("?") : plan.requiredWal.last,
                         formatBytes(plan.requiredWal.bytes)));
            if (plan.requiredWal.missingCount > 0)
                //: %1 is how many WAL segments are missing, %2 the first missing one
                row(tr("WAL missing"),
                    tr("%1, first %2").arg(QString::number(plan.requiredWal.missingCount), plan.requiredWal.missing.value(0)));
            row(tr("Download"), formatBytes(plan.downloadBytes));
            row(tr("Estimated time"), tr("about %1 s").arg(plan.estimatedSeconds));
        }
        if (!plan.reason.isEmpty())
            row(tr("Reason"), plan.reason);
        if (!plan.hint.isEmpty())
            row(tr("Hint"), plan.hint);
        if (plan.alternative)
            row(tr("Try instead"), targetArgs(*plan.alternative));
        for (const QString& w : plan.warnings)
            row(tr("Warning"), w);
        printText(labelledLines(rows, 18));
    }
    if (!plan.ok())
        return reportError({ErrorCode::Refused, tr("refused: %1").arg(plan.reason), plan.hint, {}});
    return 0;
}

} // namespace tideline::cli
