// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/cli/DrillsCommand.h"

#include "engine/restore/DrillJob.h"
#include "engine/storage/StoreFactory.h"
#include "src/cli/Output.h"

#include <QJsonArray>

namespace tideline::cli {

int DrillsCommand::run(const Invocation& inv)
{
    // The history is local: the source only says which drills are this bucket's, so it is
    // parsed (and normalised as the drill recorded it) but never opened.
    const auto url = storage::SourceUrl::parse(inv.args[0]);
    if (!url)
        return reportError(url.error());
    const QString server = inv.args[1];
    const QList<restore::DrillReport> history = restore::drillHistory(server, url->toString());
    const restore::DrillHistorySummary summary = restore::summarizeDrills(history);
    if (inv.json) {
        QJsonArray drills;
        for (const auto& r : history)
            drills.append(r.toJson());
        printJson({{QStringLiteral("server"), server},
                   {QStringLiteral("source"), url->toString()},
                   {QStringLiteral("count"), summary.drills},
                   {QStringLiteral("passed"), summary.passed},
                   {QStringLiteral("last_passed_at"),
                    summary.lastPassedAt.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(summary.lastPassedAt)},
                   {QStringLiteral("drills"), drills}});
        return 0;
    }
    TextTable table({tr("STARTED"), tr("BACKUP"), tr("TARGET"), tr("VERDICT"), tr("RTO (s)"), tr("DURABLE RTO (s)")}, {4, 5});
    for (const auto& r : history)
        table.addRow({r.startedAt, r.backupId, r.target,
                      r.passed ? tr("passed") : tr("failed: %1").arg(r.reasons.join(QStringLiteral("; "))),
                      QString::number(r.rtoSeconds, 'f', 1),
                      r.durableRtoSeconds > 0 ? QString::number(r.durableRtoSeconds, 'f', 1) : QStringLiteral("-")});
    printText(table.render());
    //: %n is the number of drills, %1 how many passed, %2 a date or "-".
    printText(tr("%n drill(s), %1 passed; last passing drill: %2\n", nullptr, summary.drills)
                  .arg(QString::number(summary.passed),
                       summary.lastPassedAt.isEmpty() ? QStringLiteral("-") : summary.lastPassedAt));
    return 0;
}

} // namespace tideline::cli
