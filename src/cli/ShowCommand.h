// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "src/cli/Command.h"

namespace tideline::cli {

class ShowCommand final : public Command {
    Q_DECLARE_TR_FUNCTIONS(ShowCommand)

public:
    QString name() const override { return QStringLiteral("show"); }
    QString synopsis() const override { return QStringLiteral("SOURCE_URL SERVER BACKUP_ID"); }
    QString description() const override { return tr("one backup (latest/oldest accepted as ids)"); }
    std::pair<int, int> arity() const override { return {3, 3}; }
    int run(const Invocation& invocation) override;
};

} // namespace tideline::cli
