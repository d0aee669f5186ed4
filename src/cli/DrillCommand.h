// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "src/cli/Command.h"

namespace tideline::cli {

class DrillCommand final : public Command {
    Q_DECLARE_TR_FUNCTIONS(DrillCommand)

public:
    QString name() const override { return QStringLiteral("drill"); }
    QString synopsis() const override
    {
        return QStringLiteral("SOURCE_URL SERVER TARGET [--check-sql SQL]... [--report FILE] [--keep]");
    }
    QString description() const override
    {
        return tr("a timed restore into a scratch directory, started, promoted and checked (exit 7 when it fails)");
    }
    QMap<QString, bool> options() const override;
    std::pair<int, int> arity() const override { return {2, 2}; }
    int run(const Invocation& invocation) override;
};

} // namespace tideline::cli
