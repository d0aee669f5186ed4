// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "src/cli/Command.h"

namespace tideline::cli {

class BackupsCommand final : public Command {
    Q_DECLARE_TR_FUNCTIONS(BackupsCommand)

public:
    QString name() const override { return QStringLiteral("backups"); }
    QString synopsis() const override { return QStringLiteral("SOURCE_URL SERVER"); }
    QString description() const override { return tr("the backup catalog"); }
    std::pair<int, int> arity() const override { return {2, 2}; }
    int run(const Invocation& invocation) override;
};

} // namespace tideline::cli
