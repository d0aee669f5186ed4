// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "src/cli/Command.h"

namespace tideline::cli {

class RestoreCommand final : public Command {
    Q_DECLARE_TR_FUNCTIONS(RestoreCommand)

public:
    QString name() const override { return QStringLiteral("restore"); }
    QString synopsis() const override
    {
        return QStringLiteral("SOURCE_URL SERVER DEST TARGET [--jobs N] [--target-action pause|promote|shutdown] "
                              "[--tablespace NAME=DIR] [--no-sync]");
    }
    QString description() const override { return tr("base backup + recovery config, ready to start here"); }
    QMap<QString, bool> options() const override;
    std::pair<int, int> arity() const override { return {3, 3}; }
    int run(const Invocation& invocation) override;
};

} // namespace tideline::cli
