// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace tideline::restore {

/// Where a restored data directory's restore_command fetches WAL from: this Tideline's own
/// `tideline-cli wal-restore` and the source's settings — never its credentials, which come from
/// PostgreSQL's environment or a profile.
struct WalRestoreCall {
    QString cliPath;   ///< absolute path of tideline-cli
    QString sourceUrl; ///< s3://bucket/path or file:///dir
    QString server;
    QString endpointUrl;
    QString profile;
    QString region;
    QString caBundle;
    QString addressingStyle; ///< "path" or "virtual"; empty: the child decides as the parent would
    bool noVerifyTls = false;
    QString kubeconfig; ///< a cnpg:// source's --kubeconfig (absolute)
    QString context;    ///< and --context
};

/// The restore_command line: shell-quoted (PostgreSQL runs it through /bin/sh), every % in the
/// arguments doubled (PostgreSQL expands %f, %p, %r even inside quotes), ending in "%f %p".
/// Pure; any thread.
QString walRestoreCommand(const WalRestoreCall& call);

} // namespace tideline::restore
