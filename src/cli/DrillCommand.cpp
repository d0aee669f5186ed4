// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/cli/DrillCommand.h"

#include "engine/restore/DrillJob.h"
#include "engine/storage/StoreFactory.h"
#include "src/cli/Interrupt.h"
#include "src/cli/Output.h"
#include "src/cli/SourceAccess.h"
#include "src/cli/TargetOptions.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>

namespace tideline::cli {

namespace {

// The drill's PostgreSQL runs as the data's owner (postgres when this runs as root), with that
// user's home: this user's profile files, kubeconfig, or keys read from a Helm values file or a
// cluster's Secret are out of its reach. Resolved here once, they reach it through its
// environment only, and its restore_command names the bucket, endpoint and region they resolved
// to, never a profile or a cnpg:// source (which would read the Secret again per segment).
Result<void> serverAccess(const Invocation& inv, const OpenedSource& source, const QString& server,
                          restore::DrillOptions& options)
{
    // The source as the user typed it, unless it is a cluster's (then its bucket): a parsed URL
    // printed again need not read back the same (file:///a%23b).
    const bool cnpg = k8s::ClusterRef::looksLike(inv.args[0]);
    const QString url = cnpg ? source.url.toString() : inv.args[0];
    if (source.url.scheme != storage::SourceUrl::Scheme::S3) {
        options.restoreCommand = restoreCommandFor(inv, url, server);
        return {};
    }
    auto resolved = storage::resolveS3(source.url, source.options);
    if (!resolved)
        return fail(resolved.error());
    options.environment = {{QStringLiteral("AWS_ACCESS_KEY_ID"), resolved->accessKeyId},
                           {QStringLiteral("AWS_SECRET_ACCESS_KEY"), resolved->secretAccessKey}};
    if (!resolved->sessionToken.isEmpty())
        options.environment.insert(QStringLiteral("AWS_SESSION_TOKEN"), resolved->sessionToken);
    if (!source.options.caBundlePem.isEmpty())
        options.environment.insert(QLatin1String(kCaBundlePemVariable), QString::fromLatin1(source.options.caBundlePem));
    Invocation child = inv;
    child.profile.clear();
    child.kubeconfig.clear();
    child.context.clear();
    child.endpointUrl = resolved->endpoint.toString();
    child.region = resolved->region;
    child.addressingStyle = resolved->virtualHost ? QStringLiteral("virtual") : QStringLiteral("path");
    // The store trusted the PEM over any file: so must the child, which reads a file first.
    child.caBundle = source.options.caBundlePem.isEmpty() ? resolved->caBundlePath : QString();
    options.restoreCommand = restoreCommandFor(child, url, server);
    return {};
}

} // namespace

QMap<QString, bool> DrillCommand::options() const
{
    QMap<QString, bool> o = targetOptions();
    for (const char* valued : {"check-sql", "check-timeout", "report", "jobs", "scratch", "timeout", "owner"})
        o.insert(QLatin1String(valued), true);
    o.insert(QStringLiteral("keep"), false);
    return o;
}

int DrillCommand::run(const Invocation& inv)
{
    auto target = parseTarget(inv);
    if (!target)
        return reportError(target.error());
    restore::DrillOptions options;
    options.checkSql = inv.options.value(QStringLiteral("check-sql"));
    options.scratchDirectory = inv.value(QStringLiteral("scratch"));
    options.keep = inv.has(QStringLiteral("keep"));
    options.owner = inv.value(QStringLiteral("owner"));
    if (inv.has(QStringLiteral("jobs")))
        options.jobs = std::max(1, inv.value(QStringLiteral("jobs")).toInt());
    if (inv.has(QStringLiteral("timeout")))
        options.timeoutSeconds = std::max(10, inv.value(QStringLiteral("timeout")).toInt());
    if (inv.has(QStringLiteral("check-timeout")))
        options.checkTimeoutSeconds = std::max(1, inv.value(QStringLiteral("check-timeout")).toInt());
    QElapsedTimer planning;
    planning.start();
    auto planned = openAndPlan(inv, *target);
    if (!planned)
        return reportError(planned.error());
    options.planSeconds = static_cast<double>(planning.nsecsElapsed()) / 1e9;
    auto command = serverAccess(inv, planned->source, planned->catalog.server, options);
    if (!command)
        return reportError(command.error());

    JobContext context(interruptToken());
    auto report = restore::runDrill(*planned->source.store, planned->catalog, planned->plan, options, context);
    if (!report)
        return reportError(report.error());
    if (auto saved = restore::appendDrillHistory(*report); !saved)
        reportError(saved.error());
    if (inv.has(QStringLiteral("report"))) {
        // FILE gets the Markdown report, FILE.json the same as JSON (or the other way round).
        QString path = inv.value(QStringLiteral("report"));
        const bool jsonFirst = path.endsWith(QLatin1String(".json"));
        const QString base = jsonFirst ? path.chopped(5) : path.endsWith(QLatin1String(".md")) ? path.chopped(3) : path;
        QFile md(base + QStringLiteral(".md"));
        QFile js(base + QStringLiteral(".json"));
        if (!md.open(QIODevice::WriteOnly | QIODevice::Truncate) || !js.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return reportError(
                {ErrorCode::Usage, tr("cannot write the report %1").arg(base), tr("Give a writable --report path."), {}});
        md.write(report->toMarkdown().toUtf8());
        js.write(QJsonDocument(report->toJson()).toJson());
    }
    if (inv.json)
        printJson(report->toJson());
    else
        printText(report->toMarkdown());
    if (!report->passed)
        return reportError({ErrorCode::Refused,
                            tr("the drill failed: %1").arg(report->reasons.join(QStringLiteral("; "))),
                            tr("Rerun with --keep and read postgres.log in the drill's directory (the report names it)."),
                            {}});
    return 0;
}

} // namespace tideline::cli
