// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "src/cli/Command.h"

namespace tideline::cli {

/// The overview's five-second answer (pitr::ServerStatus). Exit 0 when a restore following
/// 'latest' can work (the JSON says whether a gap limits it), 7 when nothing is recoverable.
class StatusCommand final : public Command {
    Q_DECLARE_TR_FUNCTIONS(StatusCommand)

public:
    QString name() const override { return QStringLiteral("status"); }
    QString synopsis() const override { return QStringLiteral("SOURCE_URL SERVER"); }
    QString description() const override
    {
        return tr("the five-second answer: recoverable or not, from when to when (exit 7 when not)");
    }
    std::pair<int, int> arity() const override { return {2, 2}; }
    int run(const Invocation& invocation) override;
};

} // namespace tideline::cli
