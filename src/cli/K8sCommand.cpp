// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/cli/K8sCommand.h"

#include "engine/core/Clock.h"
#include "engine/k8s/ClusterHealth.h"
#include "src/cli/Interrupt.h"
#include "src/cli/K8sMetrics.h"
#include "src/cli/KubeAccess.h"
#include "src/cli/Output.h"
#include "src/cli/SourceAccess.h"

#include <QJsonArray>

namespace tideline::cli {

namespace {

QString orDash(const QString& s)
{
    return s.isEmpty() ? QStringLiteral("-") : s;
}

QString timeOrDash(const std::optional<Timestamp>& t)
{
    return t ? t->toIso() : QStringLiteral("-");
}

template <typename T> Result<QList<T>> listAs(k8s::KubeClient& client, const QString& path)
{
    return k8s::listAs<T>(client, path, interruptToken());
}

int contexts(const Invocation& inv)
{
    auto config = loadKubeconfig(inv);
    if (!config)
        return reportError(config.error());
    QJsonArray list;
    TextTable table({K8sCommand::tr("CURRENT"), K8sCommand::tr("NAME"), K8sCommand::tr("CLUSTER"),
                     K8sCommand::tr("NAMESPACE"), K8sCommand::tr("SERVER")});
    for (const k8s::KubeContext& c : config->contexts()) {
        const auto resolved = config->resolve(c.name);
        const QString server = resolved ? resolved->cluster.server : QString();
        const bool current = c.name == config->currentContext();
        list.append(QJsonObject{{QStringLiteral("name"), c.name},
                                {QStringLiteral("cluster"), c.cluster},
                                {QStringLiteral("user"), c.user},
                                {QStringLiteral("namespace"), c.nameSpace.isEmpty() ? QStringLiteral("default") : c.nameSpace},
                                {QStringLiteral("server"), k8s::json::orNull(server)},
                                {QStringLiteral("current"), current}});
        table.addRow({current ? QStringLiteral("*") : QString(), c.name, c.cluster,
                      c.nameSpace.isEmpty() ? QStringLiteral("default") : c.nameSpace, orDash(server)});
    }
    if (inv.json) {
        printJson({{QStringLiteral("current_context"), k8s::json::orNull(config->currentContext())},
                   {QStringLiteral("files"), QJsonArray::fromStringList(config->files())},
                   {QStringLiteral("contexts"), list}});
        return 0;
    }
    printText(table.render());
    return 0;
}

int clusters(const Invocation& inv, k8s::KubeClient& client, const QString& ns)
{
    auto listing = k8s::listClusters(client, ns, interruptToken());
    if (!listing)
        return reportError(listing.error());
    // Plugin clusters keep their bucket and window in ObjectStores; without them the clusters
    // are still worth showing.
    if (!listing->storesNote.isEmpty())
        printNote(listing->storesNote);
    QJsonArray list;
    TextTable table({K8sCommand::tr("NAMESPACE"), K8sCommand::tr("NAME"), K8sCommand::tr("READY"), K8sCommand::tr("PHASE"),
                     K8sCommand::tr("HEALTH"), K8sCommand::tr("BACKUP"), K8sCommand::tr("SERVER"),
                     K8sCommand::tr("FIRST RECOVERABILITY")});
    for (const auto& c : listing->clusters) {
        const QJsonObject json = c.toJson(listing->storeOf(c));
        list.append(json);
        table.addRow({c.meta.nameSpace, c.meta.name,
                      QStringLiteral("%1/%2").arg(c.readyInstances.value_or(0)).arg(c.instances.value_or(0)),
                      orDash(c.phase), json.value(QStringLiteral("health")).toString(), orDash(c.methodName()),
                      orDash(c.serverName()), orDash(json.value(QStringLiteral("first_recoverability_point")).toString())});
    }
    if (inv.json) {
        printJson({{QStringLiteral("clusters"), list}});
        return 0;
    }
    printText(table.render());
    return 0;
}

int backups(const Invocation& inv, k8s::KubeClient& client, const QString& ns)
{
    auto backups = listAs<k8s::CnpgBackup>(client, k8s::cnpgPath(ns, QStringLiteral("backups")));
    if (!backups)
        return reportError(backups.error());
    const QString only = inv.value(QStringLiteral("cluster"));
    QJsonArray list;
    TextTable table({K8sCommand::tr("NAMESPACE"), K8sCommand::tr("NAME"), K8sCommand::tr("CLUSTER"), K8sCommand::tr("METHOD"),
                     K8sCommand::tr("PHASE"), K8sCommand::tr("BACKUP ID"), K8sCommand::tr("STOPPED")});
    for (const auto& b : *backups) {
        if (!only.isEmpty() && b.cluster != only)
            continue;
        list.append(b.toJson());
        table.addRow({b.meta.nameSpace, b.meta.name, orDash(b.cluster), orDash(b.method), orDash(b.phase),
                      orDash(b.backupId), timeOrDash(b.stoppedAt)});
    }
    if (inv.json) {
        printJson({{QStringLiteral("backups"), list}});
        return 0;
    }
    printText(table.render());
    return 0;
}

int scheduled(const Invocation& inv, k8s::KubeClient& client, const QString& ns)
{
    auto schedules = listAs<k8s::CnpgScheduledBackup>(client, k8s::cnpgPath(ns, QStringLiteral("scheduledbackups")));
    if (!schedules)
        return reportError(schedules.error());
    const qint64 now = Clock::system().nowUsec();
    QJsonArray list;
    TextTable table({K8sCommand::tr("NAMESPACE"), K8sCommand::tr("NAME"), K8sCommand::tr("CLUSTER"), K8sCommand::tr("SCHEDULE"),
                     K8sCommand::tr("SUSPENDED"), K8sCommand::tr("LAST"), K8sCommand::tr("NEXT (UTC)")});
    for (const auto& s : *schedules) {
        list.append(s.toJson(now));
        table.addRow({s.meta.nameSpace, s.meta.name, orDash(s.cluster), s.scheduleText,
                      s.suspend ? K8sCommand::tr("yes") : K8sCommand::tr("no"), timeOrDash(s.lastScheduleTime),
                      s.schedule ? timeOrDash(s.nextRun(now)) : K8sCommand::tr("unreadable: %1").arg(s.scheduleError)});
        if (s.schedule && s.schedule->hadFiveFields())
            printNote(K8sCommand::tr("%1: \"%2\" has five fields; CNPG reads the first as seconds, not minutes "
                                     "(for the crontab meaning write \"0 %2\")")
                          .arg(s.meta.qualifiedName(), s.scheduleText));
    }
    if (inv.json) {
        printJson({{QStringLiteral("scheduled_backups"), list}});
        return 0;
    }
    printText(table.render());
    return 0;
}

int status(const Invocation& inv, k8s::KubeClient& client, const QString& ns)
{
    auto ref = clusterArgument(inv, ns);
    if (!ref)
        return reportError(ref.error());
    auto globals = s3Options(inv);
    if (!globals)
        return reportError(globals.error());
    JobContext context(interruptToken());
    auto health = k8s::readClusterHealth(
        client, *ref, [&](storage::S3Options& options) { overrideClusterOptions(*globals, options); }, context);
    if (!health)
        return reportError(health.error());
    for (const QString& note : health->bucket.notes)
        printNote(note);
    const int exitCode = health->recoverable() ? 0 : static_cast<int>(ErrorCode::Refused);
    if (inv.json) {
        printJson(health->toJson());
        return exitCode;
    }
    const k8s::BucketFacts& facts = health->facts;
    const auto& bucket = health->bucket;
    const auto& discrepancies = health->discrepancies;
    const k8s::CnpgObjectStore* store = bucket.objectStore ? &*bucket.objectStore : nullptr;
    reportWarnings(health->warnings);
    const QJsonObject cluster = bucket.cluster.toJson(store);
    QString text = labelledLines({{K8sCommand::tr("cluster"), bucket.cluster.meta.qualifiedName()},
                                  {K8sCommand::tr("phase"), orDash(bucket.cluster.phase)},
                                  {K8sCommand::tr("backup method"), bucket.cluster.methodName()},
                                  {K8sCommand::tr("bucket"), QStringLiteral("%1 (server %2)").arg(facts.source, facts.server)},
                                  {K8sCommand::tr("cluster says first point"),
                                   orDash(cluster.value(QStringLiteral("first_recoverability_point")).toString())},
                                  {K8sCommand::tr("bucket says first point"), timeOrDash(facts.firstRecoverabilityPoint)},
                                  {K8sCommand::tr("restorable until"), timeOrDash(facts.restorableUntil)},
                                  {K8sCommand::tr("last backup (bucket)"), orDash(facts.lastBackupId)}},
                                 26);
    if (discrepancies.isEmpty())
        text += K8sCommand::tr("The cluster and its bucket agree.") + u'\n';
    for (const auto& d : discrepancies)
        text += QStringLiteral("%1: %2\n").arg(d.kind, d.message);
    printText(text);
    return exitCode;
}

} // namespace

Result<k8s::ClusterRef> clusterArgument(const Invocation& inv, const QString& ns)
{
    if (ns.isEmpty())
        return fail(ErrorCode::Usage, K8sCommand::tr("k8s %1 reads one cluster: -A does not apply").arg(inv.args.value(0)),
                    K8sCommand::tr("Name its namespace with -n."));
    return k8s::ClusterRef::parse(QStringLiteral("cnpg://%1/%2").arg(ns, inv.args.value(1)));
}

int K8sCommand::run(const Invocation& inv)
{
    const QString sub = inv.args.value(0);
    const bool needsCluster = sub == u"status" || sub == u"metrics";
    const QStringList known{QStringLiteral("contexts"),  QStringLiteral("clusters"), QStringLiteral("backups"),
                            QStringLiteral("scheduled"), QStringLiteral("status"),   QStringLiteral("metrics")};
    if (!known.contains(sub))
        return reportError({ErrorCode::Usage,
                            tr("unknown k8s command '%1'").arg(sub),
                            tr("Use one of: %1.").arg(known.join(QStringLiteral(", "))),
                            {}});
    if (needsCluster != (inv.args.size() == 2))
        return reportError({ErrorCode::Usage,
                            needsCluster ? tr("k8s %1 needs a CLUSTER").arg(sub) : tr("k8s %1 takes no argument").arg(sub),
                            tr("Usage: tideline-cli k8s %1").arg(synopsis()),
                            {}});
    if (inv.has(QStringLiteral("cluster")) && sub != u"backups")
        return reportError({ErrorCode::Usage, tr("--cluster applies to k8s backups only"), {}, {}});
    for (const QString& option : {QStringLiteral("no-bucket"), QStringLiteral("wal-ready"), QStringLiteral("archive-delay"),
                                  QStringLiteral("max-behind")})
        if (inv.has(option) && sub != u"metrics")
            return reportError({ErrorCode::Usage, tr("--%1 applies to k8s metrics only").arg(option), {}, {}});
    if (sub == u"contexts")
        return contexts(inv);
    auto client = kubeClient(inv);
    if (!client)
        return reportError(client.error());
    auto ns = targetNamespace(inv, **client);
    if (!ns)
        return reportError(ns.error());
    if (sub == u"clusters")
        return clusters(inv, **client, *ns);
    if (sub == u"backups")
        return backups(inv, **client, *ns);
    if (sub == u"scheduled")
        return scheduled(inv, **client, *ns);
    if (sub == u"metrics")
        return k8sMetrics(inv, **client, *ns);
    return status(inv, **client, *ns);
}

} // namespace tideline::cli
