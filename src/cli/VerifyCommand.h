// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "src/cli/Command.h"

namespace tideline::cli {

/// Reads what the bucket holds for a server and says what is wrong with it, all of it: every
/// tar part of the backups decompressed and walked (nothing written), every WAL segment read
/// page by page, record by record, the history chain and the gaps. Remembers what passed (by
/// ETag), so a second run reads only what is new; --full reads everything again.
/// Exit 6 with the problem list when something is wrong.
class VerifyCommand final : public Command {
    Q_DECLARE_TR_FUNCTIONS(VerifyCommand)

public:
    QString name() const override { return QStringLiteral("verify"); }
    QString synopsis() const override
    {
        return QStringLiteral("SOURCE_URL SERVER [BACKUP_ID | --wals | --all] [--full] [--jobs N]");
    }
    QString description() const override
    {
        return tr("read every backup and WAL object and report what a restore would trip on (exit 6)");
    }
    QMap<QString, bool> options() const override
    {
        return {{QStringLiteral("wals"), false},
                {QStringLiteral("all"), false},
                {QStringLiteral("full"), false},
                {QStringLiteral("jobs"), true}};
    }
    std::pair<int, int> arity() const override { return {2, 3}; }
    int run(const Invocation& invocation) override;
};

} // namespace tideline::cli
