// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/monitor/AlertRules.h"
#include "src/cli/Command.h"

namespace tideline::cli {

/// --backup-age, --wal-ready and --archive-delay over the runbook's defaults (alerts and archiver
/// share them). Errors: Usage.
Result<monitor::AlertThresholds> alertThresholds(const Invocation& invocation);

/// `alerts export [--cluster NAME] [-n NS] [--backup-age D] [--wal-ready N] [--archive-delay D]`:
/// the runbook's backup and archiving alerts as a PrometheusRule (YAML on stdout; --json prints
/// the rules as JSON).
class AlertsCommand final : public Command {
    Q_DECLARE_TR_FUNCTIONS(AlertsCommand)

public:
    QString name() const override { return QStringLiteral("alerts"); }
    QString synopsis() const override
    {
        return QStringLiteral("export [--cluster NAME] [-n NS] [--backup-age 24h] [--wal-ready 10] [--archive-delay 15m]");
    }
    QString description() const override
    {
        return tr("the runbook's backup and archiving alerts as a PrometheusRule (the CNPG chart ships none)");
    }
    QMap<QString, bool> options() const override
    {
        return {{QStringLiteral("cluster"), true},
                {QStringLiteral("backup-age"), true},
                {QStringLiteral("wal-ready"), true},
                {QStringLiteral("archive-delay"), true}};
    }
    std::pair<int, int> arity() const override { return {1, 1}; }
    int run(const Invocation& invocation) override;
};

} // namespace tideline::cli
