// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/cli/K8sMetrics.h"

#include "engine/core/Timestamp.h"
#include "engine/k8s/ClusterSource.h"
#include "engine/k8s/CnpgCluster.h"
#include "engine/k8s/KubeClient.h"
#include "engine/monitor/ArchiverHealth.h"
#include "engine/monitor/ClusterArchiving.h"
#include "src/cli/ArchiverCommand.h"
#include "src/cli/Interrupt.h"
#include "src/cli/K8sCommand.h"
#include "src/cli/Output.h"
#include "src/cli/SourceAccess.h"

#include <QJsonArray>

namespace tideline::cli {

namespace {

QJsonValue orNull(const std::optional<qint64>& n)
{
    return n ? QJsonValue(*n) : QJsonValue(QJsonValue::Null);
}

QJsonValue timeOrNull(const std::optional<qint64>& usec)
{
    return usec ? QJsonValue(Timestamp::fromUsec(*usec).toIso()) : QJsonValue(QJsonValue::Null);
}

QJsonValue errorOrNull(const std::optional<Error>& e)
{
    return e ? QJsonValue(e->oneLine()) : QJsonValue(QJsonValue::Null);
}

QJsonObject instanceJson(const monitor::InstanceArchiving& i)
{
    return {{QStringLiteral("pod"), i.pod},
            {QStringLiteral("role"), i.primary ? QStringLiteral("primary") : QStringLiteral("replica")},
            {QStringLiteral("metrics_error"), errorOrNull(i.metricsError)},
            {QStringLiteral("status_error"), errorOrNull(i.statusError)},
            {QStringLiteral("archived_count"), orNull(i.archivedCount)},
            {QStringLiteral("failed_count"), orNull(i.failedCount)},
            {QStringLiteral("last_archived_time"), timeOrNull(i.lastArchivedUsec)},
            {QStringLiteral("last_failed_time"), timeOrNull(i.lastFailedUsec)},
            {QStringLiteral("seconds_since_last_archival"), orNull(i.secondsSinceLastArchival)},
            {QStringLiteral("wal_ready"), orNull(i.walReady)},
            {QStringLiteral("wal_done"), orNull(i.walDone)},
            {QStringLiteral("first_recoverability_point"), timeOrNull(i.firstRecoverabilityUsec)},
            {QStringLiteral("last_available_backup"), timeOrNull(i.lastBackupUsec)},
            {QStringLiteral("last_failed_backup"), timeOrNull(i.lastFailedBackupUsec)},
            {QStringLiteral("backup_metrics_family"),
             i.backupMetricsFamily.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(i.backupMetricsFamily)}};
}

QString dashed(const std::optional<qint64>& n)
{
    return n ? QString::number(*n) : QStringLiteral("-");
}

QString timeDashed(const std::optional<qint64>& usec)
{
    return usec ? Timestamp::fromUsec(*usec).toIso() : QStringLiteral("-");
}

} // namespace

int k8sMetrics(const Invocation& inv, k8s::KubeClient& client, const QString& ns)
{
    auto ref = clusterArgument(inv, ns);
    if (!ref)
        return reportError(ref.error());
    auto thresholds = archiverThresholds(inv);
    if (!thresholds)
        return reportError(thresholds.error());
    const CancelToken& cancel = interruptToken();
    // One read of the Cluster serves both sides: resolving its bucket reads it. Only a bucket
    // that cannot be resolved (its Secret forbidden, no backup section) costs a second read.
    std::optional<k8s::ClusterBucket> bucket;
    std::optional<Error> bucketError;
    if (!inv.has(QStringLiteral("no-bucket"))) {
        auto resolved = k8s::resolveClusterBucket(client, *ref, cancel);
        if (resolved)
            bucket = std::move(*resolved);
        else if (resolved.error().code == ErrorCode::Cancelled)
            return reportError(resolved.error());
        else
            bucketError = resolved.error();
    }
    std::optional<k8s::CnpgCluster> cluster;
    if (bucket) {
        cluster = bucket->cluster;
    } else {
        auto object = client.get(k8s::cnpgPath(ref->nameSpace, QStringLiteral("clusters"), ref->name), {}, cancel);
        if (!object)
            return reportError(object.error());
        auto parsed = k8s::CnpgCluster::fromJson(*object);
        if (!parsed)
            return reportError(parsed.error());
        cluster = std::move(*parsed);
    }
    auto archiving = monitor::readClusterArchiving(client, *cluster, cancel);
    if (!archiving)
        return reportError(archiving.error());
    QStringList warnings = archiving->warnings;

    // The primary's facts against the cluster's own bucket, as `archiver --source` does. A bucket
    // that cannot be opened leaves the server's side alone.
    std::optional<monitor::ArchiverHealth> health;
    QString source;
    QString server;
    if (archiving->primaryFacts) {
        std::optional<monitor::BucketWalPosition> position;
        if (bucket) {
            auto opened = openClusterBucket(inv, *bucket);
            auto located = opened
                ? monitor::locateServerWal(*opened->store, opened->url, bucket->serverName, *archiving->primaryFacts, cancel)
                : Result<monitor::BucketWalPosition>(std::unexpected(opened.error()));
            if (located) {
                position = std::move(*located);
                source = opened->url.toString();
                server = bucket->serverName;
            } else if (located.error().code == ErrorCode::Cancelled) {
                return reportError(located.error());
            } else {
                bucketError = located.error();
            }
        }
        if (bucketError)
            warnings.append(K8sCommand::tr("the bucket was not compared: %1").arg(bucketError->oneLine()));
        health = monitor::assessArchiver(*archiving->primaryFacts, std::move(position), *thresholds);
    }

    const int exitCode = health && !health->alerts.isEmpty() ? static_cast<int>(ErrorCode::Refused) : 0;
    QString badgeReason;
    const QString badge =
        k8s::CnpgCluster::healthName(monitor::clusterBadge(*cluster, health ? &*health : nullptr, &badgeReason));
    if (inv.json) {
        QJsonArray instances;
        for (const auto& i : std::as_const(archiving->instances))
            instances.append(instanceJson(i));
        printJson({{QStringLiteral("namespace"), archiving->nameSpace},
                   {QStringLiteral("cluster"), archiving->cluster},
                   {QStringLiteral("primary"), archiving->primary},
                   {QStringLiteral("health"), badge},
                   {QStringLiteral("health_reason"), badgeReason},
                   {QStringLiteral("instances"), instances},
                   {QStringLiteral("archiver"), health ? QJsonValue(archiverJson(*health, source, server)) : QJsonValue()},
                   {QStringLiteral("warnings"), QJsonArray::fromStringList(warnings)}});
        return exitCode;
    }
    for (const QString& w : std::as_const(warnings))
        printNote(w);
    QString text = QStringLiteral("%1/%2: %3 (%4)\n\n").arg(archiving->nameSpace, archiving->cluster, badge, badgeReason);
    TextTable table({K8sCommand::tr("POD"), K8sCommand::tr("ROLE"), K8sCommand::tr("ARCHIVED"), K8sCommand::tr("FAILED"),
                     K8sCommand::tr("READY"), K8sCommand::tr("LAST ARCHIVED"), K8sCommand::tr("LAST BACKUP")},
                    {2, 3, 4});
    for (const auto& i : std::as_const(archiving->instances)) {
        if (i.metricsError) {
            table.addRow({i.pod, i.primary ? K8sCommand::tr("primary") : K8sCommand::tr("replica"), QStringLiteral("-"),
                          QStringLiteral("-"), QStringLiteral("-"), i.metricsError->message, QStringLiteral("-")});
            continue;
        }
        table.addRow({i.pod, i.primary ? K8sCommand::tr("primary") : K8sCommand::tr("replica"), dashed(i.archivedCount),
                      dashed(i.failedCount), dashed(i.walReady), timeDashed(i.lastArchivedUsec), timeDashed(i.lastBackupUsec)});
    }
    text += table.render();
    if (health)
        text += QLatin1Char('\n') + archiverText(*health, source, server);
    printText(text);
    return exitCode;
}

} // namespace tideline::cli
