// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/k8s/ClusterHealth.h"

#include "engine/catalog/ArchiveCadence.h"
#include "engine/catalog/ServerCatalog.h"
#include "engine/pitr/RecoveryWindow.h"

#include <algorithm>

namespace tideline::k8s {

bool ClusterHealth::recoverable() const
{
    return verdict == pitr::ServerStatus::Verdict::Recoverable || verdict == pitr::ServerStatus::Verdict::LimitedByGap;
}

QJsonObject ClusterHealth::toJson() const
{
    const CnpgObjectStore* store = bucket.objectStore ? &*bucket.objectStore : nullptr;
    return clusterStatusJson(bucket.cluster, store, facts, discrepancies);
}

const CnpgObjectStore* ClusterListing::storeOf(const CnpgCluster& cluster) const
{
    const auto it = stores.constFind(cluster.meta.nameSpace + u'/' + cluster.pluginObjectStore);
    return it == stores.cend() ? nullptr : &*it;
}

Result<ClusterListing> listClusters(KubeClient& client, const QString& nameSpace, const CancelToken& cancel)
{
    auto clusters = listAs<CnpgCluster>(client, cnpgPath(nameSpace, QStringLiteral("clusters")), cancel);
    if (!clusters)
        return fail(clusters.error());
    ClusterListing out;
    out.clusters = std::move(*clusters);
    const bool anyPlugin = std::any_of(out.clusters.cbegin(), out.clusters.cend(), [](const CnpgCluster& c) {
        return c.backupMethod == CnpgCluster::BackupMethod::Plugin;
    });
    if (anyPlugin) {
        auto listed = listAs<CnpgObjectStore>(client, objectStorePath(nameSpace), cancel);
        if (listed) {
            for (const auto& s : *listed)
                out.stores.insert(s.meta.qualifiedName(), s);
        } else if (listed.error().code == ErrorCode::Cancelled) {
            return fail(listed.error());
        } else {
            out.storesNote = listed.error().oneLine();
        }
    }
    return out;
}

Result<ClusterHealth> readClusterResources(KubeClient& client, const ClusterRef& ref, const CancelToken& cancel)
{
    ClusterHealth health;
    auto bucket = resolveClusterBucket(client, ref, cancel);
    if (!bucket)
        return fail(bucket.error());
    health.bucket = std::move(*bucket);
    // Filtered by spec.cluster.name here, not by a label selector: Backups created by hand
    // (kubectl cnpg backup, a manifest) carry no cnpg.io/cluster label on older operators.
    auto backups = listAs<CnpgBackup>(client, cnpgPath(ref.nameSpace, QStringLiteral("backups")), cancel);
    if (!backups)
        return fail(backups.error());
    for (CnpgBackup& b : *backups)
        if (b.cluster == ref.name)
            health.backups.append(std::move(b));
    std::sort(health.backups.begin(), health.backups.end(), [](const CnpgBackup& a, const CnpgBackup& b) {
        const qint64 ta = a.meta.created ? a.meta.created->usecUtc : 0;
        const qint64 tb = b.meta.created ? b.meta.created->usecUtc : 0;
        return ta != tb ? ta > tb : a.meta.name > b.meta.name;
    });
    auto schedules = listAs<CnpgScheduledBackup>(client, cnpgPath(ref.nameSpace, QStringLiteral("scheduledbackups")), cancel);
    if (!schedules)
        return fail(schedules.error());
    for (CnpgScheduledBackup& s : *schedules)
        if (s.cluster == ref.name)
            health.schedules.append(std::move(s));
    return health;
}

void judgeAgainstBucket(ClusterHealth& health, const catalog::ServerCatalog& catalog, const Clock& clock)
{
    const auto windows = pitr::computeRecoveryWindows(catalog);
    const pitr::ServerStatus status = pitr::computeStatus(catalog, windows);
    health.verdict = status.verdict;
    health.warnings = catalog.warnings;
    BucketFacts& facts = health.facts;
    facts = {};
    facts.source = health.bucket.url.toString();
    facts.server = catalog.server;
    for (const auto& b : catalog.backups)
        facts.backups.append({b.id, b.state == catalog::BackupEntry::State::Done, b.info ? b.info->endTime : std::nullopt});
    if (status.window)
        facts.firstRecoverabilityPoint = status.window->firstRecoverabilityPoint;
    if (status.untilUsec)
        facts.restorableUntil = Timestamp::fromUsec(status.untilUsec);
    if (status.lastDone)
        facts.lastBackupId = status.lastDone->id;
    health.readAtUsec = clock.nowUsec();
    constexpr qint64 kUploadsKeptUsec = 31LL * 24 * 3600 * 1'000'000; // the longest chart range and a day
    health.recentUploadsUsec = catalog::ArchiveCadence::uploadsSince(catalog.wals, health.readAtUsec - kUploadsKeptUsec);
    const CnpgObjectStore* objectStore = health.bucket.objectStore ? &*health.bucket.objectStore : nullptr;
    health.discrepancies =
        compareWithBucket(health.bucket.cluster, objectStore, health.backups, health.schedules, facts, health.readAtUsec);
}

Result<ClusterHealth> readClusterHealth(KubeClient& client, const ClusterRef& ref,
                                        const std::function<void(storage::S3Options&)>& tune, JobContext& context,
                                        const Clock& clock)
{
    auto health = readClusterResources(client, ref, context.cancelToken());
    if (!health)
        return fail(health.error());
    storage::S3Options options = health->bucket.options;
    if (tune)
        tune(options);
    auto store = storage::openStore(health->bucket.url, options);
    if (!store)
        return fail(store.error());
    auto catalog = catalog::loadServerCatalog(**store, health->bucket.url, health->bucket.serverName, context, clock);
    if (!catalog)
        return fail(catalog.error());
    judgeAgainstBucket(*health, *catalog, clock);
    return health;
}

} // namespace tideline::k8s
