// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "src/cli/Command.h"

namespace tideline::cli {

/// keep SOURCE [SERVER] BACKUP --target full|standalone | --release | --status: barman's keep
/// annotation, as barman-cloud-backup-keep writes and reads it.
class KeepCommand final : public Command {
    Q_DECLARE_TR_FUNCTIONS(KeepCommand)

public:
    QString name() const override { return QStringLiteral("keep"); }
    QString synopsis() const override
    {
        return QStringLiteral("SOURCE_URL [SERVER] BACKUP_ID --target full|standalone | --release | --status");
    }
    QString description() const override { return tr("keep a backup out of retention's reach, or release it"); }
    QMap<QString, bool> options() const override
    {
        return {{QStringLiteral("target"), true}, {QStringLiteral("release"), false}, {QStringLiteral("status"), false}};
    }
    std::pair<int, int> arity() const override { return {2, 3}; }
    int run(const Invocation& invocation) override;
};

} // namespace tideline::cli
