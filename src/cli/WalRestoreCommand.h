// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "src/cli/Command.h"

namespace tideline::cli {

/// wal-restore SOURCE_URL SERVER WAL_NAME DEST_PATH [--spool DIR] [--prefetch N] [--retry-for S]:
/// PostgreSQL's restore_command. Exit 0 when DEST_PATH holds the verified file, 1 only when the
/// store answered that no such file exists, 255 for anything else after retrying for
/// --retry-for seconds (PostgreSQL reads 1-125 as "not found" and could end recovery early).
///
/// Segments are fetched ahead of replay into a spool by one detached prefetcher process (this
/// same executable with the hidden --prefetch-worker flag); see engine/restore/WalSpool.h.
class WalRestoreCommand final : public Command {
    Q_DECLARE_TR_FUNCTIONS(WalRestoreCommand)

public:
    QString name() const override { return QStringLiteral("wal-restore"); }
    QString synopsis() const override
    {
        return QStringLiteral("SOURCE_URL SERVER WAL_NAME DEST_PATH [--spool DIR] [--prefetch N] [--retry-for S]");
    }
    QString description() const override
    {
        return tr("a restore_command: exit 1 only when the file is not archived, 255 on any other "
                  "failure (default spool: DEST_PATH's directory/tideline-spool, prefetch 8, retry 60 s)");
    }
    QMap<QString, bool> options() const override;
    std::pair<int, int> arity() const override { return {4, 4}; }
    int run(const Invocation& invocation) override;
};

} // namespace tideline::cli
