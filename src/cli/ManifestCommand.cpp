// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/cli/ManifestCommand.h"

#include "engine/pitr/ManifestWriter.h"
#include "src/cli/Interrupt.h"
#include "src/cli/Output.h"
#include "src/cli/PlanJson.h"
#include "src/cli/SourceAccess.h"
#include "src/cli/TargetOptions.h"

#include <QJsonArray>

#include <cstdio>

namespace tideline::cli {

QMap<QString, bool> ManifestCommand::options() const
{
    QMap<QString, bool> o = targetOptions();
    for (const char* valued : {"cluster", "namespace", "mode", "secret", "access-key-id-key", "secret-access-key-key",
                               "region-key", "plugin", "database", "owner", "instances", "image"})
        o.insert(QLatin1String(valued), true);
    o.insert(QStringLiteral("inherit-iam-role"), false);
    return o;
}

int ManifestCommand::run(const Invocation& inv)
{
    if (!inv.has(QStringLiteral("cluster")))
        return reportError({ErrorCode::Usage,
                            tr("manifest needs --cluster NAME"),
                            tr("Name the recovered cluster, e.g. --cluster pg-main-restored."),
                            {}});
    pitr::ManifestOptions options;
    options.clusterName = inv.value(QStringLiteral("cluster"));
    if (inv.has(QStringLiteral("namespace")))
        options.nameSpace = inv.value(QStringLiteral("namespace"));
    const QString mode = inv.value(QStringLiteral("mode"));
    if (mode == QLatin1String("in-place"))
        options.mode = pitr::ManifestOptions::Mode::InPlace;
    else if (!mode.isEmpty() && mode != QLatin1String("new"))
        return reportError({ErrorCode::Usage,
                            tr("unknown --mode '%1'").arg(mode),
                            tr("Use --mode new (a new cluster) or --mode in-place (replace the cluster)."),
                            {}});
    options.endpointUrl = inv.endpointUrl.isEmpty() ? qEnvironmentVariable("AWS_ENDPOINT_URL") : inv.endpointUrl;
    auto set = [&](const char* option, QString& field) {
        if (inv.has(QLatin1String(option)))
            field = inv.value(QLatin1String(option));
    };
    set("secret", options.secretName);
    set("access-key-id-key", options.accessKeyIdKey);
    set("secret-access-key-key", options.secretAccessKeyKey);
    set("region-key", options.regionKey);
    set("plugin", options.pluginObjectStore);
    set("database", options.database);
    set("owner", options.owner);
    set("image", options.imageName);
    options.inheritFromIamRole = inv.has(QStringLiteral("inherit-iam-role"));
    if (inv.has(QStringLiteral("instances"))) {
        bool ok = false;
        options.instances = inv.value(QStringLiteral("instances")).toInt(&ok);
        if (!ok || options.instances < 1)
            return reportError({ErrorCode::Usage, tr("--instances must be a positive number"), {}, {}});
    }

    auto target = parseTarget(inv);
    if (!target)
        return reportError(target.error());
    auto planned = openAndPlan(inv, *target);
    if (!planned)
        return reportError(planned.error());
    // The new serverName must be free in the bucket, so look at what is there.
    JobContext context(interruptToken());
    if (auto servers = catalog::listServers(*planned->source.store, planned->source.url, context))
        options.existingServers = *servers;
    const pitr::RecoveryPlan& plan = planned->plan;
    auto manifest = pitr::writeManifest(planned->catalog, plan, options);
    if (!manifest)
        return reportError(manifest.error());
    if (inv.json) {
        printJson({{QStringLiteral("yaml"), manifest->yaml},
                   {QStringLiteral("notes"), QJsonArray::fromStringList(manifest->notes)},
                   {QStringLiteral("archive_server"), manifest->archiveServer},
                   {QStringLiteral("storage_size"), manifest->storageSize},
                   {QStringLiteral("plan"), planJson(plan)}});
        return 0;
    }
    printText(manifest->yaml);
    for (const QString& note : manifest->notes)
        std::fputs((tr("note: %1").arg(note) + QLatin1Char('\n')).toUtf8().constData(), stderr);
    return 0;
}

} // namespace tideline::cli
