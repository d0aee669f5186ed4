// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/cli/WalRestoreCommand.h"

#include "engine/restore/WalFetcher.h"
#include "engine/restore/WalRestoreRequest.h"
#include "engine/storage/StoreFactory.h"
#include "src/cli/Output.h"
#include "src/cli/SourceAccess.h"
#include "src/cli/WalRestoreFastPath.h"

#include <QElapsedTimer>
#include <QFile>
#include <QUrl>

#include <algorithm>
#include <string>

namespace tideline::cli {

using restore::WalName;
using restore::WalRestoreRequest;
using restore::WalSpool;

namespace {

constexpr int kWalRestoreFailure = 255; // DESIGN.md: above 125, so PostgreSQL stops instead of promoting
constexpr auto kPrefetcherIdleExit = std::chrono::milliseconds(5000);
constexpr int kMaxPrefetch = WalRestoreRequest::kMaxPrefetch;

int failWalRestore(const QString& walName, Error error, int attempts = 0, double seconds = 0)
{
    if (attempts > 1)
        //: %1 is the error message, %2 how many attempts failed (always more than one), %3 over how many seconds.
        error.message = WalRestoreCommand::tr("%1 (still failing after %2 attempts in %3 s)")
                            .arg(error.message, QString::number(attempts), QString::number(seconds, 'f', 1));
    error.message = QStringLiteral("wal-restore %1: %2").arg(walName, error.message);
    reportError(error);
    return kWalRestoreFailure;
}

Result<WalRestoreRequest> argsFrom(const Invocation& inv)
{
    WalRestoreRequest a;
    a.source = inv.args[0].toStdString();
    a.server = inv.args[1].toStdString();
    a.walName = inv.args[2].toStdString();
    a.dest = QFile::encodeName(inv.args[3]).toStdString();
    a.spool = QFile::encodeName(inv.value(QStringLiteral("spool"))).toStdString();
    a.endpoint = inv.endpointUrl.toStdString();
    a.profile = inv.profile.toStdString();
    a.region = inv.region.toStdString();
    a.caBundle = QFile::encodeName(inv.caBundle).toStdString();
    a.addressingStyle = inv.addressingStyle.toStdString();
    a.noVerifyTls = inv.noVerifyTls;
    a.worker = inv.has(QStringLiteral("prefetch-worker"));
    if (inv.has(QStringLiteral("prefetch"))
        && !parseInt(inv.value(QStringLiteral("prefetch")).toStdString(), 0, kMaxPrefetch, &a.prefetch))
        return fail(ErrorCode::Usage,
                    WalRestoreCommand::tr("--prefetch takes a number of segments from 0 to %1").arg(kMaxPrefetch),
                    WalRestoreCommand::tr("For example --prefetch 8; 0 turns prefetching off."));
    if (inv.has(QStringLiteral("retry-for"))
        && !parseInt(inv.value(QStringLiteral("retry-for")).toStdString(), 0, 86400, &a.retryForSeconds))
        return fail(ErrorCode::Usage, WalRestoreCommand::tr("--retry-for takes seconds from 0 to 86400"),
                    WalRestoreCommand::tr("For example --retry-for 60."));
    return a;
}

// openSource()'s settings plus wal-restore's own retry budget: the store retries a failed request
// only briefly, because fetch() retries the whole lookup until --retry-for runs out.
Result<OpenedSource> openWalSource(const Invocation& inv, int retryForSeconds, bool worker)
{
    return openSource(inv, inv.args[0], [&](storage::S3Options& options) {
        options.maxAttempts = worker ? 3 : 2;
        options.requestTimeoutMs = worker ? 30'000 : std::clamp(retryForSeconds * 500, 2'000, 30'000);
    });
}

} // namespace

QMap<QString, bool> WalRestoreCommand::options() const
{
    return {{QStringLiteral("spool"), true},
            {QStringLiteral("prefetch"), true},
            {QStringLiteral("retry-for"), true},
            {QStringLiteral("prefetch-worker"), false}};
}

int WalRestoreCommand::run(const Invocation& invocation)
{
    const QString walNameText = invocation.args.value(2);
    auto args = argsFrom(invocation);
    if (!args)
        return failWalRestore(walNameText, args.error());
    if (args->worker) {
        // The detached prefetcher: nobody reads its exit status; problems go to the spool's log.
        const WalSpool spool = args->spoolDir();
        if (!spool.exists())
            return 0;
        auto source = openWalSource(invocation, args->retryForSeconds, true);
        if (!source) {
            spool.log(source.error().oneLine().toStdString());
            return 0;
        }
        WalSpool writable = spool;
        restore::WalFetcher(*source->store, source->url, serverFor(*source, invocation.args[1]))
            .runPrefetcher(writable, std::max(1, args->prefetch), kPrefetcherIdleExit, args->recoveryOver());
        return 0;
    }

    const auto name = WalName::parse(args->walName);
    if (!name)
        return failWalRestore(walNameText,
                              {ErrorCode::Usage,
                               tr("not a WAL file name"),
                               //: %f is PostgreSQL's placeholder in restore_command: keep it.
                               tr("PostgreSQL passes %f: a segment, .partial, .backup or .history name."),
                               {}});
    if (const auto served = args->serveFromSpool(*name))
        return *served;

    args->removeStaleTemps();
    auto source = openWalSource(invocation, args->retryForSeconds, false);
    if (!source)
        return failWalRestore(walNameText, source.error());
    restore::WalFetcher fetcher(*source->store, source->url, serverFor(*source, invocation.args[1]));
    QElapsedTimer clock;
    clock.start();
    int attempts = 0;
    auto fetched = fetcher.fetch(*name, invocation.args[3], std::chrono::seconds(args->retryForSeconds), &attempts);
    if (fetched) {
        args->keepAhead(*name, fetched->segmentSize);
        return 0;
    }
    if (fetched.error().code == ErrorCode::NotFound) {
        reportError(fetched.error());
        return 1;
    }
    return failWalRestore(walNameText, fetched.error(), attempts, double(clock.elapsed()) / 1000.0);
}

} // namespace tideline::cli
