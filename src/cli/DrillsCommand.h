// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "src/cli/Command.h"

namespace tideline::cli {

/// The drill history the restore wizard shows: every drill of SERVER from SOURCE run on this
/// machine (date, backup, target, verdict, RTO, phases), oldest first.
class DrillsCommand final : public Command {
    Q_DECLARE_TR_FUNCTIONS(DrillsCommand)

public:
    QString name() const override { return QStringLiteral("drills"); }
    QString synopsis() const override { return QStringLiteral("SOURCE_URL SERVER"); }
    QString description() const override { return tr("the drill history: date, target, verdict, RTO, phases"); }
    std::pair<int, int> arity() const override { return {2, 2}; }
    int run(const Invocation& invocation) override;
};

} // namespace tideline::cli
