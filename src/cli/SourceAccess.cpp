// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/cli/SourceAccess.h"

#include "engine/k8s/ClusterSource.h"
#include "engine/k8s/HelmValues.h"
#include "engine/pitr/RecoveryPlanner.h"
#include "engine/restore/PostgresRestoreCommand.h"
#include "src/cli/Interrupt.h"
#include "src/cli/KubeAccess.h"
#include "src/cli/Output.h"
#include "src/cli/PlanJson.h"
#include "src/cli/TargetOptions.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QUrl>

namespace tideline::cli {

namespace {
struct SourceAccessText {
    Q_DECLARE_TR_FUNCTIONS(SourceAccess)
};
} // namespace

Result<void> applyHelmValues(Invocation& invocation)
{
    if (invocation.helmValues.isEmpty())
        return {};
    auto values = k8s::readHelmValues(invocation.helmValues);
    if (!values)
        return fail(values.error());
    invocation.args[0] = values->url.toString();
    if (invocation.args.size() >= 2 && invocation.args[1].isEmpty()) {
        if (values->clusterName.isEmpty())
            return fail(ErrorCode::Usage,
                        SourceAccessText::tr("SERVER is needed: %1 sets no fullnameOverride, so the Helm release names the "
                                             "cluster")
                            .arg(invocation.helmValues),
                        SourceAccessText::tr("Give the cluster's name (its serverName) after the options, e.g. "
                                             "tideline-cli backups --helm-values values.yaml pg-main."));
        invocation.args[1] = values->clusterName;
    }
    if (invocation.endpointUrl.isEmpty() && !values->options.endpoint.isEmpty())
        invocation.endpointUrl = values->options.endpoint.toString();
    if (invocation.region.isEmpty())
        invocation.region = values->options.region;
    invocation.accessKeyId = values->options.accessKeyId;
    invocation.secretAccessKey = values->options.secretAccessKey;
    invocation.caBundlePem = values->options.caBundlePem;
    for (const QString& note : values->notes)
        printNote(note);
    return {};
}

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
    auto addressing = storage::parseAddressingStyle(invocation.addressingStyle);
    if (!addressing)
        return fail(addressing.error());
    options.addressing = *addressing;
    // A drill hands its PostgreSQL a CA held in memory (a Secret's, a values file's) this way: a
    // certificate is no secret, but a file for it would be one more thing to clean up.
    // --ca-bundle wins over it.
    options.caBundlePem = !invocation.caBundlePem.isEmpty() ? invocation.caBundlePem
        : invocation.caBundle.isEmpty()                     ? qgetenv(kCaBundlePemVariable)
                                                            : QByteArray();
    options.accessKeyId = invocation.accessKeyId;
    options.secretAccessKey = invocation.secretAccessKey;
    options.verifyTls = !invocation.noVerifyTls;
    return options;
}

void overrideClusterOptions(const storage::S3Options& globals, storage::S3Options& fromCluster)
{
    if (!globals.endpoint.isEmpty())
        fromCluster.endpoint = globals.endpoint;
    if (!globals.region.isEmpty())
        fromCluster.region = globals.region;
    // The Secret's keys win over the desktop's; with inheritFromIAMRole there are none, and
    // the desktop's own credentials (environment, --profile) are used.
    fromCluster.profile = globals.profile;
    fromCluster.caBundlePath = globals.caBundlePath;
    if (globals.addressing != storage::S3Options::Addressing::Unset)
        fromCluster.addressing = globals.addressing;
    fromCluster.verifyTls = globals.verifyTls;
}

namespace {

Result<OpenedSource> openWith(storage::S3Options options, OpenedSource opened,
                              const std::function<void(storage::S3Options&)>& tune)
{
    if (tune)
        tune(options);
    auto store = storage::openStore(opened.url, options);
    opened.options = options;
    if (!store)
        return fail(store.error());
    opened.store = std::move(*store);
    for (const QString& note : opened.notes)
        printNote(note);
    return opened;
}

} // namespace

Result<OpenedSource> openClusterBucket(const Invocation& invocation, const k8s::ClusterBucket& bucket,
                                       const std::function<void(storage::S3Options&)>& tune)
{
    auto options = s3Options(invocation);
    if (!options)
        return fail(options.error());
    storage::S3Options fromCluster = bucket.options;
    overrideClusterOptions(*options, fromCluster);
    OpenedSource opened;
    opened.url = bucket.url;
    opened.serverName = bucket.serverName;
    opened.notes = bucket.notes;
    return openWith(std::move(fromCluster), std::move(opened), tune);
}

Result<OpenedSource> openSource(const Invocation& invocation, const QString& url,
                                const std::function<void(storage::S3Options&)>& tune)
{
    if (k8s::ClusterRef::looksLike(url)) {
        auto ref = k8s::ClusterRef::parse(url);
        if (!ref)
            return fail(ref.error());
        auto client = kubeClient(invocation);
        if (!client)
            return fail(client.error());
        auto bucket = k8s::resolveClusterBucket(**client, *ref, interruptToken());
        if (!bucket)
            return fail(bucket.error());
        return openClusterBucket(invocation, *bucket, tune);
    }
    auto options = s3Options(invocation);
    if (!options)
        return fail(options.error());
    auto parsed = storage::SourceUrl::parse(url);
    if (!parsed)
        return fail(parsed.error());
    return openWith(std::move(*options), OpenedSource{*parsed, {}, {}, {}, {}}, tune);
}

QString serverFor(const OpenedSource& source, const QString& given)
{
    return given.isEmpty() ? source.serverName : given;
}

Result<catalog::ServerCatalog> loadCatalog(const Invocation& invocation, const QString& url, const QString& server,
                                           catalog::WalScope scope)
{
    auto source = openSource(invocation, url);
    if (!source)
        return fail(source.error());
    JobContext context(interruptToken());
    return catalog::loadServerCatalog(*source->store, source->url, serverFor(*source, server), context, Clock::system(), 16,
                                      scope);
}

Result<LoadedSource> openAndLoad(const Invocation& invocation, const QString& url, const QString& server, JobContext& context)
{
    auto source = openSource(invocation, url);
    if (!source)
        return fail(source.error());
    const QString name = serverFor(*source, server);
    auto catalog = catalog::loadServerCatalog(*source->store, source->url, name, context);
    if (!catalog)
        return fail(catalog.error());
    return LoadedSource{std::move(*source), name, std::move(*catalog)};
}

Result<std::optional<catalog::WalEventIndex>> walEventsForPlanning(const OpenedSource& source,
                                                                   const catalog::ServerCatalog& catalog,
                                                                   const pitr::RecoveryTarget& target, JobContext& context)
{
    if (!pitr::planReadsWalEvents(target))
        return std::optional<catalog::WalEventIndex>();
    catalog::WalEventIndexOptions options;
    options.cacheDir = catalog::defaultWalEventCacheDir(source.url, catalog.server);
    options.limitAsUnasked();
    auto index = catalog::buildWalEventIndex(*source.store, catalog, options, context);
    if (index)
        return std::optional<catalog::WalEventIndex>(std::move(*index));
    if (index.error().code == ErrorCode::Cancelled)
        return fail(index.error());
    //: %1 is why the WAL could not be read
    printNote(SourceAccessText::tr("the WAL records could not be read, so the plan stands on upload times: %1")
                  .arg(index.error().oneLine()));
    return std::optional<catalog::WalEventIndex>();
}

Result<PlannedSource> openAndPlan(const Invocation& invocation, const pitr::RecoveryTarget& target)
{
    JobContext context(interruptToken());
    auto loaded = openAndLoad(invocation, invocation.args[0], invocation.args[1], context);
    if (!loaded)
        return fail(loaded.error());
    auto events = walEventsForPlanning(loaded->source, loaded->catalog, target, context);
    if (!events)
        return fail(events.error());
    pitr::RecoveryPlan plan = pitr::planRecovery(loaded->catalog, target, {}, events->has_value() ? &**events : nullptr);
    if (!plan.ok()) {
        if (invocation.json)
            printJson({{QStringLiteral("plan"), planJson(plan)}});
        return fail(ErrorCode::Refused, SourceAccessText::tr("refused: %1").arg(plan.reason), plan.hint);
    }
    return PlannedSource{std::move(loaded->source), std::move(loaded->catalog), std::move(plan)};
}

QString restoreCommandFor(const Invocation& inv, const QString& url, const QString& server)
{
    // A cnpg:// source stays one: each call reads the cluster's Secret again, so no credential
    // is ever written into the restored data directory.
    const bool cnpg = k8s::ClusterRef::looksLike(url);
    return restore::walRestoreCommand(
        {QCoreApplication::applicationFilePath(), url, server, inv.endpointUrl, inv.profile, inv.region, inv.caBundle,
         inv.addressingStyle.trimmed().toLower(), inv.noVerifyTls, // as parseAddressingStyle() read it
         cnpg && !inv.kubeconfig.isEmpty() ? QFileInfo(inv.kubeconfig).absoluteFilePath() : QString(),
         cnpg ? inv.context : QString()});
}

} // namespace tideline::cli
