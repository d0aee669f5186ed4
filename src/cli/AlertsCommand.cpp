// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/cli/AlertsCommand.h"

#include "engine/monitor/AlertRules.h"
#include "src/cli/Output.h"

#include <QJsonArray>

#include <cstdio>

namespace tideline::cli {

Result<monitor::AlertThresholds> alertThresholds(const Invocation& inv)
{
    monitor::AlertThresholds thresholds;
    for (const auto& [option, target] : {std::pair{QStringLiteral("backup-age"), &thresholds.backupAgeSeconds},
                                         std::pair{QStringLiteral("archive-delay"), &thresholds.archiveDelaySeconds}})
        if (inv.has(option)) {
            auto seconds = monitor::parseDurationSeconds(inv.value(option));
            if (!seconds)
                return std::unexpected(seconds.error());
            *target = *seconds;
        }
    if (inv.has(QStringLiteral("wal-ready"))) {
        bool ok = false;
        thresholds.walReadySegments = inv.value(QStringLiteral("wal-ready")).toLongLong(&ok);
        if (!ok || thresholds.walReadySegments < 1 || thresholds.walReadySegments > 1'000'000)
            return fail(ErrorCode::Usage, AlertsCommand::tr("--wal-ready takes a number of segments from 1 to 1000000"),
                        AlertsCommand::tr("For example --wal-ready 10."));
    }
    return thresholds;
}

int AlertsCommand::run(const Invocation& inv)
{
    if (inv.args.value(0) != u"export")
        return reportError({ErrorCode::Usage,
                            tr("unknown alerts command '%1'").arg(inv.args.value(0)),
                            tr("Usage: tideline-cli alerts %1").arg(synopsis()),
                            {}});
    auto scope = monitor::AlertScope::make(inv.nameSpace, inv.value(QStringLiteral("cluster")));
    if (!scope)
        return reportError(scope.error());
    auto thresholds = alertThresholds(inv);
    if (!thresholds)
        return reportError(thresholds.error());
    const auto rules = monitor::backupAlertRules(*scope, *thresholds);
    if (inv.json) {
        QJsonArray list;
        for (const auto& r : rules)
            list.append(QJsonObject{{QStringLiteral("alert"), r.name},
                                    {QStringLiteral("expr"), r.expr},
                                    {QStringLiteral("for"), r.forDuration},
                                    {QStringLiteral("severity"), r.severity},
                                    {QStringLiteral("summary"), r.summary},
                                    {QStringLiteral("description"), r.description},
                                    {QStringLiteral("runbook"), r.runbook}});
        printJson({{QStringLiteral("rules"), list}});
        return 0;
    }
    const QByteArray yaml = monitor::prometheusRuleYaml(rules, *scope);
    std::fwrite(yaml.constData(), 1, std::size_t(yaml.size()), stdout);
    return 0;
}

} // namespace tideline::cli
