// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "src/cli/Command.h"

namespace tideline::cli {

class ManifestCommand final : public Command {
    Q_DECLARE_TR_FUNCTIONS(ManifestCommand)

public:
    QString name() const override { return QStringLiteral("manifest"); }
    QString synopsis() const override
    {
        return QStringLiteral("SOURCE_URL SERVER TARGET --cluster NAME [--namespace NS] [--mode new|in-place] "
                              "[--secret NAME] [--plugin OBJECTSTORE]");
    }
    QString description() const override { return tr("a CNPG Cluster that recovers the plan"); }
    QMap<QString, bool> options() const override;
    std::pair<int, int> arity() const override { return {2, 2}; }
    int run(const Invocation& invocation) override;
};

} // namespace tideline::cli
