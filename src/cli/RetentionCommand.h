// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "src/cli/Command.h"

namespace tideline::cli {

/// retention SOURCE [SERVER] --policy P [--minimum-redundancy N] [--now T] [--apply --confirm SERVER]:
/// barman's verdict on every backup and what would go; deletes only with --apply and the server
/// name typed again.
class RetentionCommand final : public Command {
    Q_DECLARE_TR_FUNCTIONS(RetentionCommand)

public:
    QString name() const override { return QStringLiteral("retention"); }
    QString synopsis() const override
    {
        return QStringLiteral("SOURCE_URL [SERVER] --policy 30d|4w|6m [--tiers daily=N,weekly=N,monthly=N] "
                              "[--minimum-redundancy N] [--now TIME] [--apply --confirm SERVER]");
    }
    QString description() const override
    {
        return tr("what a retention policy keeps and deletes (a dry run unless --apply), with barman's semantics");
    }
    QMap<QString, bool> options() const override
    {
        return {{QStringLiteral("policy"), true}, {QStringLiteral("minimum-redundancy"), true},
                {QStringLiteral("now"), true},    {QStringLiteral("tiers"), true},
                {QStringLiteral("apply"), false}, {QStringLiteral("confirm"), true}};
    }
    std::pair<int, int> arity() const override { return {1, 2}; }
    int run(const Invocation& invocation) override;
};

} // namespace tideline::cli
