// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "src/cli/Command.h"

namespace tideline::cli {

class PlanCommand final : public Command {
    Q_DECLARE_TR_FUNCTIONS(PlanCommand)

public:
    QString name() const override { return QStringLiteral("plan"); }
    QString synopsis() const override { return QStringLiteral("SOURCE_URL SERVER TARGET"); }
    QString description() const override
    {
        return tr("chosen backup, required WAL, size, warnings — or why not (exit 7 when refused)");
    }
    QMap<QString, bool> options() const override;
    std::pair<int, int> arity() const override { return {2, 2}; }
    int run(const Invocation& invocation) override;
};

} // namespace tideline::cli
