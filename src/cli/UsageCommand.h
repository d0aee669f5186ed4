// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "src/cli/Command.h"

namespace tideline::cli {

class UsageCommand final : public Command {
    Q_DECLARE_TR_FUNCTIONS(UsageCommand)

public:
    QString name() const override { return QStringLiteral("usage"); }
    QString synopsis() const override { return QStringLiteral("SOURCE_URL [SERVER]"); }
    QString description() const override { return tr("bytes and objects by server / base / wals / month"); }
    std::pair<int, int> arity() const override { return {1, 2}; }
    int run(const Invocation& invocation) override;
};

} // namespace tideline::cli
