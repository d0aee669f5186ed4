// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "src/cli/Command.h"

namespace tideline::cli {

class WindowCommand final : public Command {
    Q_DECLARE_TR_FUNCTIONS(WindowCommand)

public:
    QString name() const override { return QStringLiteral("window"); }
    QString synopsis() const override { return QStringLiteral("SOURCE_URL SERVER"); }
    QString description() const override { return tr("recoverability window per timeline"); }
    std::pair<int, int> arity() const override { return {2, 2}; }
    int run(const Invocation& invocation) override;
};

} // namespace tideline::cli
