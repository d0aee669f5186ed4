// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/cli/WalRestoreCommand.h"

#include "engine/restore/WalFetcher.h"
#include "engine/restore/WalRestoreRequest.h"
#include "engine/storage/StoreFactory.h"
#include "src/cli/Output.h"
#include "src/cli/SourceAccess.h"

#include <QElapsedTimer>
#include <QFile>
#include <QUrl>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace tideline::cli {

using restore::WalName;
using restore::WalRestoreRequest;
using restore::WalSpool;

namespace {

constexpr int kWalRestoreFailure = 255; // DESIGN.md: above 125, so PostgreSQL stops instead of promoting
constexpr auto kPrefetcherIdleExit = std::chrono::milliseconds(5000);
constexpr int kMaxPrefetch = WalRestoreRequest::kMaxPrefetch;

bool parseInt(std::string_view text, int low, int high, int* out)
{
    if (text.empty() || text.size() > 9)
        return false;
    int value = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + (c - '0');
    }
    if (value < low || value > high)
        return false;
    *out = value;
    return true;
}

// wal-restore's command line in plain strings, before Qt exists: mirrors CommandLine's grammar
// for this one verb; anything it does not know sends the call to
// the full path, which parses properly and reports errors.
std::optional<WalRestoreRequest> parseRaw(int argc, char** argv)
{
    WalRestoreRequest a;
    std::vector<std::string_view> positional;
    bool optionsEnded = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg(argv[i]);
        if (optionsEnded || arg.empty() || arg.front() != '-' || arg == "-") {
            positional.push_back(arg);
            continue;
        }
        if (arg == "--") {
            optionsEnded = true;
            continue;
        }
        if (!arg.starts_with("--"))
            return std::nullopt;
        std::string_view optionName = arg.substr(2);
        std::optional<std::string_view> value;
        if (const auto eq = optionName.find('='); eq != std::string_view::npos) {
            value = optionName.substr(eq + 1);
            optionName = optionName.substr(0, eq);
        }
        if (optionName == "no-verify-tls" || optionName == "json" || optionName == "prefetch-worker") {
            if (value)
                return std::nullopt;
            a.noVerifyTls = a.noVerifyTls || optionName == "no-verify-tls";
            a.worker = a.worker || optionName == "prefetch-worker";
            continue;
        }
        std::string* target = nullptr;
        if (optionName == "endpoint-url")
            target = &a.endpoint;
        else if (optionName == "profile")
            target = &a.profile;
        else if (optionName == "region")
            target = &a.region;
        else if (optionName == "ca-bundle")
            target = &a.caBundle;
        else if (optionName == "spool")
            target = &a.spool;
        else if (optionName == "addressing-style")
            target = &a.addressingStyle;
        else if (optionName != "prefetch" && optionName != "retry-for")
            return std::nullopt; // --help, --version, another verb's option...
        if (!value) {
            if (i + 1 >= argc)
                return std::nullopt;
            value = std::string_view(argv[++i]);
        }
        if (target)
            *target = std::string(*value);
        else if (optionName == "prefetch" ? !parseInt(*value, 0, kMaxPrefetch, &a.prefetch)
                                          : !parseInt(*value, 0, 86400, &a.retryForSeconds))
            return std::nullopt;
    }
    if (positional.size() != 5 || positional[0] != "wal-restore")
        return std::nullopt;
    a.source = positional[1];
    a.server = positional[2];
    a.walName = positional[3];
    a.dest = positional[4];
    return a;
}

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

std::optional<int> walRestoreFastPath(int argc, char** argv)
{
    const auto args = parseRaw(argc, argv);
    if (!args || args->worker)
        return std::nullopt;
    const auto name = WalName::parse(args->walName);
    if (!name)
        return std::nullopt;
    return args->serveFromSpool(*name);
}

} // namespace tideline::cli
