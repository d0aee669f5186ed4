// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/cli/PlanCommand.h"

#include "engine/pitr/RecoveryPlanner.h"
#include "src/cli/Output.h"
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
    auto catalog = loadCatalog(invocation, invocation.args[0], invocation.args[1]);
    if (!catalog)
        return reportError(catalog.error());
    const pitr::RecoveryPlan plan = pitr::planRecovery(*catalog, *target);
    if (invocation.json) {
        printJson(planJson(plan));
    } else {
        QString text;
        auto row = [&](const QString& k, const QString& v) { text += k.leftJustified(18) + v + QLatin1Char('\n'); };
        row(QStringLiteral("Verdict"), pitr::RecoveryPlan::verdictName(plan.verdict).toUpper());
        row(QStringLiteral("Target"), plan.target.describe());
        if (!plan.backupId.isEmpty()) {
            row(QStringLiteral("Backup"), QStringLiteral("%1 (timeline %2)").arg(plan.backupId).arg(plan.backupTimeline));
            QStringList path;
            for (auto t : plan.timelinePath)
                path.append(QString::number(t));
            row(QStringLiteral("Timeline path"), path.join(QStringLiteral(" -> ")));
            row(QStringLiteral("WAL needed"),
                QStringLiteral("%1 segment(s), %2 .. %3, %4")
                    .arg(plan.requiredWal.count)
                    .arg(plan.requiredWal.first,
                         plan.requiredWal.last.isEmpty() ? QStringLiteral("?") : plan.requiredWal.last,
                         formatBytes(plan.requiredWal.bytes)));
            if (plan.requiredWal.missingCount > 0)
                row(QStringLiteral("WAL missing"), QStringLiteral("%1, first %2")
                                                       .arg(plan.requiredWal.missingCount)
                                                       .arg(plan.requiredWal.missing.value(0)));
            row(QStringLiteral("Download"), formatBytes(plan.downloadBytes));
            row(QStringLiteral("Estimated time"), QStringLiteral("about %1 s").arg(plan.estimatedSeconds));
        }
        if (!plan.reason.isEmpty())
            row(QStringLiteral("Reason"), plan.reason);
        if (!plan.hint.isEmpty())
            row(QStringLiteral("Hint"), plan.hint);
        if (plan.alternative)
            row(QStringLiteral("Try instead"), targetArgs(*plan.alternative));
        for (const QString& w : plan.warnings)
            row(QStringLiteral("Warning"), w);
        printText(text);
    }
    if (!plan.ok())
        return reportError({ErrorCode::Refused, QStringLiteral("refused: %1").arg(plan.reason), plan.hint, {}});
    return 0;
}

} // namespace tideline::cli
