// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "src/cli/Command.h"

namespace tideline::cli {

class WalsCommand final : public Command {
    Q_DECLARE_TR_FUNCTIONS(WalsCommand)

public:
    QString name() const override { return QStringLiteral("wals"); }
    QString synopsis() const override { return QStringLiteral("SOURCE_URL SERVER"); }
    QString description() const override { return tr("WAL archive per timeline: ranges, counts, bytes, gaps, history"); }
    std::pair<int, int> arity() const override { return {2, 2}; }
    int run(const Invocation& invocation) override;
};

} // namespace tideline::cli
