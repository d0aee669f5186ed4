// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/cli/SourceAccess.h"

#include "engine/pitr/RecoveryPlanner.h"
#include "engine/restore/PostgresRestoreCommand.h"
#include "src/cli/Interrupt.h"
#include "src/cli/Output.h"
#include "src/cli/PlanJson.h"
#include "src/cli/TargetOptions.h"

#include <QCoreApplication>
#include <QUrl>

namespace tideline::cli {

namespace {
struct SourceAccessText {
    Q_DECLARE_TR_FUNCTIONS(SourceAccess)
};
} // namespace

Result<storage::S3Options> s3Options(const Invocation& invocation)
{
    storage::S3Options options;
    if (!invocation.endpointUrl.isEmpty()) {
        auto endpoint = storage::parseEndpointUrl(invocation.endpointUrl);
        if (!endpoint)
            return fail(endpoint.error());
        options.endpoint = *endpoint;
    }
    options.profile = invocation.profile;
    options.region = invocation.region;
    options.caBundlePath = invocation.caBundle;
    options.verifyTls = !invocation.noVerifyTls;
    return options;
}

Result<OpenedSource> openSource(const Invocation& invocation, const QString& url)
{
    auto parsed = storage::SourceUrl::parse(url);
    if (!parsed)
        return fail(parsed.error());
    auto options = s3Options(invocation);
    if (!options)
        return fail(options.error());
    auto store = storage::openStore(*parsed, *options);
    if (!store)
        return fail(store.error());
    return OpenedSource{*parsed, std::move(*store)};
}

Result<catalog::ServerCatalog> loadCatalog(const Invocation& invocation, const QString& url, const QString& server)
{
    auto source = openSource(invocation, url);
    if (!source)
        return fail(source.error());
    JobContext context(interruptToken());
    return catalog::loadServerCatalog(*source->store, source->url, server, context);
}

Result<PlannedSource> openAndPlan(const Invocation& invocation, const pitr::RecoveryTarget& target)
{
    auto source = openSource(invocation, invocation.args[0]);
    if (!source)
        return fail(source.error());
    JobContext context(interruptToken());
    auto catalog = catalog::loadServerCatalog(*source->store, source->url, invocation.args[1], context);
    if (!catalog)
        return fail(catalog.error());
    pitr::RecoveryPlan plan = pitr::planRecovery(*catalog, target);
    if (!plan.ok()) {
        if (invocation.json)
            printJson({{QStringLiteral("plan"), planJson(plan)}});
        return fail(ErrorCode::Refused, SourceAccessText::tr("refused: %1").arg(plan.reason), plan.hint);
    }
    return PlannedSource{std::move(*source), std::move(*catalog), std::move(plan)};
}

QString restoreCommandFor(const Invocation& inv, const QString& url, const QString& server)
{
    return restore::walRestoreCommand({QCoreApplication::applicationFilePath(), url, server, inv.endpointUrl, inv.profile,
                                       inv.region, inv.caBundle, inv.noVerifyTls});
}

} // namespace tideline::cli
