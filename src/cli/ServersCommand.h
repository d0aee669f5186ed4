// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "src/cli/Command.h"

namespace tideline::cli {

class ServersCommand final : public Command {
    Q_DECLARE_TR_FUNCTIONS(ServersCommand)

public:
    QString name() const override { return QStringLiteral("servers"); }
    QString synopsis() const override { return QStringLiteral("SOURCE_URL"); }
    QString description() const override { return tr("server names under a destination path"); }
    std::pair<int, int> arity() const override { return {1, 1}; }
    int run(const Invocation& invocation) override;
};

} // namespace tideline::cli
