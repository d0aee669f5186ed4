// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/JobContext.h"
#include "engine/k8s/ClusterComparison.h"
#include "engine/k8s/ClusterSource.h"
#include "engine/pitr/ServerStatus.h"

#include <functional>

namespace tideline::k8s {

/// One cluster as Kubernetes tells it and as its bucket allows it: what `k8s status` prints and
/// the window's cluster page shows. A value; copy it freely, read it from any thread.
struct ClusterHealth {
    ClusterBucket bucket;                 ///< the Cluster, its ObjectStore, the bucket and its credentials
    QList<CnpgBackup> backups;            ///< this cluster's Backup resources, newest first
    QList<CnpgScheduledBackup> schedules; ///< this cluster's ScheduledBackups
    BucketFacts facts;                    ///< the bucket's account (catalog and status)
    pitr::ServerStatus::Verdict verdict = pitr::ServerStatus::Verdict::NotRecoverable;
    QList<Discrepancy> discrepancies;
    QList<catalog::CatalogWarning> warnings; ///< the catalog's
    /// When the bucket received each WAL segment over the last 31 days, oldest first
    /// (ArchiveCadence::uploadsSince): the cadence the cluster page draws beside the lag.
    QList<qint64> recentUploadsUsec;
    qint64 readAtUsec = 0; ///< the clock reading schedules were judged against

    bool recoverable() const;
    /// The `k8s status` JSON (DESIGN.md).
    QJsonObject toJson() const;
};

/// Lists a collection and turns each item into T as its page arrives; an item T refuses is an
/// error (the API server sent what Kubernetes itself would not). Blocks: not on the GUI thread.
template <typename T> Result<QList<T>> listAs(KubeClient& client, const QString& path, const CancelToken& cancel)
{
    QList<T> out;
    auto listed = client.list(
        path, {}, cancel, 500,
        [&](const QJsonObject& item) -> Result<void> {
            auto value = T::fromJson(item);
            if (!value)
                return fail(value.error());
            out.append(std::move(*value));
            return {};
        },
        [&] { out.clear(); });
    if (!listed)
        return fail(listed.error());
    return out;
}

/// The clusters of a namespace (every namespace when `nameSpace` is empty) with the plugin's
/// ObjectStores they name, for their bucket and window.
struct ClusterListing {
    QList<CnpgCluster> clusters;
    QMap<QString, CnpgObjectStore> stores; ///< by "namespace/name"
    /// Why the ObjectStores could not be read (the plugin not installed, no right to list them):
    /// the clusters are still worth showing. Empty when they were read or none was needed.
    QString storesNote;

    const CnpgObjectStore* storeOf(const CnpgCluster& cluster) const;
};
/// Blocks: not on the GUI thread. Errors: listAs()'s for the clusters.
Result<ClusterListing> listClusters(KubeClient& client, const QString& nameSpace, const CancelToken& cancel);

/// Reads the Kubernetes side only: the cluster (resolveClusterBucket()), then this cluster's
/// Backups (newest first) and ScheduledBackups; the bucket's fields stay empty. Blocks on the API
/// server: never on the GUI thread. Errors: resolveClusterBucket()'s and listAs()'s; Cancelled.
Result<ClusterHealth> readClusterResources(KubeClient& client, const ClusterRef& ref, const CancelToken& cancel);

/// Fills the bucket's side of `health` (facts, verdict, warnings, cadence, discrepancies) from
/// its server's catalog, judged at clock's now. Pure; any thread.
void judgeAgainstBucket(ClusterHealth& health, const catalog::ServerCatalog& catalog, const Clock& clock = Clock::system());

/// readClusterResources(), then the bucket's catalog, then judgeAgainstBucket(). `tune` adjusts the
/// bucket's settings before it is opened (the CLI's --endpoint-url and friends). Blocks on the
/// API server and the bucket: never on the GUI thread. Errors: resolveClusterBucket()'s and
/// listAs()'s, storage::openStore()'s, catalog::loadServerCatalog()'s; Cancelled.
Result<ClusterHealth> readClusterHealth(KubeClient& client, const ClusterRef& ref,
                                        const std::function<void(storage::S3Options&)>& tune, JobContext& context,
                                        const Clock& clock = Clock::system());

} // namespace tideline::k8s
