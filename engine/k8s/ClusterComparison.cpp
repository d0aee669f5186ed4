// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/k8s/ClusterComparison.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSet>

namespace tideline::k8s {

namespace {
struct ComparisonText {
    Q_DECLARE_TR_FUNCTIONS(ClusterComparison)
};

QString iso(const std::optional<Timestamp>& t)
{
    return t ? t->toIso() : ComparisonText::tr("none");
}

// CNPG writes these times to the second; the bucket has microseconds.
bool sameSecond(const std::optional<Timestamp>& a, const std::optional<Timestamp>& b)
{
    if (!a || !b)
        return !a && !b;
    return a->usecUtc / 1'000'000 == b->usecUtc / 1'000'000;
}
} // namespace

QList<Discrepancy> compareWithBucket(const CnpgCluster& cluster, const CnpgObjectStore* store,
                                     const QList<CnpgBackup>& backups, const QList<CnpgScheduledBackup>& schedules,
                                     const BucketFacts& bucket, qint64 nowUsec, qint64 graceSeconds)
{
    QList<Discrepancy> out;
    const QString clusterResource = QStringLiteral("Cluster/") + cluster.meta.qualifiedName();
    QSet<QString> inBucket;
    for (const auto& b : bucket.backups)
        inBucket.insert(b.id);

    QSet<QString> withResource;
    const CnpgBackup* newestResource = nullptr;
    for (const CnpgBackup& b : backups) {
        if (b.cluster != cluster.meta.name || b.meta.nameSpace != cluster.meta.nameSpace || !b.completed())
            continue;
        // An in-tree Backup records where it went; one that went to another server is not ours.
        if (!b.serverName.isEmpty() && b.serverName != bucket.server)
            continue;
        withResource.insert(b.backupId);
        if (!b.backupId.isEmpty() && (!newestResource || b.backupId > newestResource->backupId))
            newestResource = &b;
        if (!b.backupId.isEmpty() && !inBucket.contains(b.backupId))
            out.append({QStringLiteral("backup_missing_from_bucket"), b.backupId,
                        QStringLiteral("Backup/") + b.meta.qualifiedName(),
                        ComparisonText::tr("Backup %1 says completed, but backup %2 is not in %3 (server %4): nothing "
                                           "can be restored from it")
                            .arg(b.meta.qualifiedName(), b.backupId, bucket.source, bucket.server)});
    }
    for (const auto& b : bucket.backups)
        if (b.done && !withResource.contains(b.id))
            out.append({QStringLiteral("backup_without_resource"),
                        b.id,
                        {},
                        ComparisonText::tr("backup %1 is in the bucket but no Backup resource names it (taken outside "
                                           "Kubernetes, or its resource was deleted); it still counts for recovery")
                            .arg(b.id)});

    // The cluster's own first point: the deprecated status field (in-tree), else the plugin's
    // ObjectStore window. Absent on the cluster side is no discrepancy: CNPG stopped filling it.
    std::optional<Timestamp> clusterFirst = cluster.firstRecoverabilityPoint;
    if (cluster.backupMethod == CnpgCluster::BackupMethod::Plugin && store) {
        clusterFirst = store->recoveryWindows.value(cluster.serverName()).firstRecoverabilityPoint;
    }
    if (clusterFirst && !sameSecond(clusterFirst, bucket.firstRecoverabilityPoint))
        out.append({QStringLiteral("first_recoverability_point_differs"),
                    {},
                    clusterResource,
                    ComparisonText::tr("the cluster says the first point of recoverability is %1; the bucket's is %2")
                        .arg(iso(clusterFirst), iso(bucket.firstRecoverabilityPoint))});
    if (newestResource && newestResource->backupId != bucket.lastBackupId)
        out.append({QStringLiteral("last_backup_differs"), newestResource->backupId,
                    QStringLiteral("Backup/") + newestResource->meta.qualifiedName(),
                    ComparisonText::tr("the newest completed Backup resource is %1; the bucket's newest backup is %2")
                        .arg(newestResource->backupId,
                             bucket.lastBackupId.isEmpty() ? ComparisonText::tr("none") : bucket.lastBackupId)});

    for (const CnpgScheduledBackup& s : schedules) {
        if (s.cluster != cluster.meta.name || s.meta.nameSpace != cluster.meta.nameSpace || s.suspend)
            continue;
        const QString resource = QStringLiteral("ScheduledBackup/") + s.meta.qualifiedName();
        if (!s.schedule) {
            out.append({QStringLiteral("schedule_unreadable"),
                        {},
                        resource,
                        ComparisonText::tr("schedule \"%1\" does not parse: %2").arg(s.scheduleText, s.scheduleError)});
            continue;
        }
        const std::optional<Timestamp> from = s.lastScheduleTime ? s.lastScheduleTime : s.meta.created;
        if (!from)
            continue;
        const auto due = s.schedule->nextAfter(from->usecUtc);
        if (due && *due + graceSeconds * 1'000'000 < nowUsec)
            out.append({QStringLiteral("schedule_missed"),
                        {},
                        resource,
                        ComparisonText::tr("%1 should have run at %2; its last run was %3")
                            .arg(s.meta.qualifiedName(), Timestamp::fromUsec(*due).toIso(), iso(s.lastScheduleTime))});
    }
    return out;
}

QJsonObject clusterStatusJson(const CnpgCluster& cluster, const CnpgObjectStore* store, const BucketFacts& bucket,
                              const QList<Discrepancy>& discrepancies)
{
    QJsonArray list;
    for (const Discrepancy& d : discrepancies)
        list.append(QJsonObject{{QStringLiteral("kind"), d.kind},
                                {QStringLiteral("backup_id"), json::orNull(d.backupId)},
                                {QStringLiteral("resource"), json::orNull(d.resource)},
                                {QStringLiteral("message"), d.message}});
    return {
        {QStringLiteral("cluster"), cluster.toJson(store)},
        {QStringLiteral("bucket"),
         QJsonObject{{QStringLiteral("source"), bucket.source},
                     {QStringLiteral("server"), bucket.server},
                     {QStringLiteral("first_recoverability_point"), json::orNull(bucket.firstRecoverabilityPoint)},
                     {QStringLiteral("last_backup_id"), json::orNull(bucket.lastBackupId)},
                     {QStringLiteral("restorable_until"), json::orNull(bucket.restorableUntil)}}},
        {QStringLiteral("discrepancies"), list},
    };
}

} // namespace tideline::k8s
