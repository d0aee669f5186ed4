// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/restore/PostgresRestoreCommand.h"

#include <QStringList>

#include <algorithm>

namespace tideline::restore {

namespace {
// Single quotes protect everything but a single quote; plain words stay readable.
QString shellQuote(const QString& s)
{
    if (!s.isEmpty() && std::all_of(s.begin(), s.end(), [](QChar c) {
            return (c.unicode() < 128 && c.isLetterOrNumber()) || QStringLiteral("@_-+=:,./").contains(c);
        }))
        return s;
    QString q = s;
    q.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + q + QLatin1Char('\'');
}

// PostgreSQL replaces %f, %p and %r in restore_command before the shell sees it, inside quotes
// too, and turns %% into %: every % of ours is doubled so that only the final "%f %p" is its.
QString arg(const QString& s)
{
    return shellQuote(s).replace(QLatin1Char('%'), QStringLiteral("%%"));
}
} // namespace

QString walRestoreCommand(const WalRestoreCall& call)
{
    QStringList parts{arg(call.cliPath), QStringLiteral("wal-restore")};
    if (!call.endpointUrl.isEmpty())
        parts << QStringLiteral("--endpoint-url") << arg(call.endpointUrl);
    if (!call.profile.isEmpty())
        parts << QStringLiteral("--profile") << arg(call.profile);
    if (!call.region.isEmpty())
        parts << QStringLiteral("--region") << arg(call.region);
    if (!call.caBundle.isEmpty())
        parts << QStringLiteral("--ca-bundle") << arg(call.caBundle);
    if (!call.addressingStyle.isEmpty())
        parts << QStringLiteral("--addressing-style") << arg(call.addressingStyle);
    if (call.noVerifyTls)
        parts << QStringLiteral("--no-verify-tls");
    if (!call.kubeconfig.isEmpty())
        parts << QStringLiteral("--kubeconfig") << arg(call.kubeconfig);
    if (!call.context.isEmpty())
        parts << QStringLiteral("--context") << arg(call.context);
    parts << arg(call.sourceUrl) << arg(call.server) << QStringLiteral("%f %p");
    return parts.join(QLatin1Char(' '));
}

} // namespace tideline::restore
