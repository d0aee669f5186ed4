// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/catalog/ServerCatalog.h"
#include "engine/catalog/WalEventIndex.h"
#include "engine/k8s/ClusterSource.h"
#include "engine/pitr/RecoveryPlan.h"
#include "engine/storage/StoreFactory.h"
#include "src/cli/Command.h"

#include <functional>
#include <memory>

namespace tideline::cli {

/// PEM of extra trusted CAs for the store, read when the invocation holds none in memory: how a
/// drill hands its PostgreSQL's restore_command a CA that came from a Secret or a values file.
inline constexpr const char* kCaBundlePemVariable = "TIDELINE_CA_BUNDLE_PEM";

/// A store opened from a SOURCE_URL and the global options.
struct OpenedSource {
    storage::SourceUrl url;
    std::unique_ptr<storage::ObjectStore> store;
    QString serverName;         ///< a cnpg:// source's serverName in effect; empty otherwise
    QStringList notes;          ///< what a cnpg:// resolution wants the user to know
    storage::S3Options options; ///< what an S3 store was opened with (a cluster's Secret included; memory only)
};

/// With --helm-values, reads the values file and fills in what it stands for: SOURCE_URL (the
/// destinationPath), SERVER when left out (fullnameOverride), --endpoint-url and --region unless
/// given, and the access keys and endpoint CA the file holds (memory only). Prints the file's
/// notes. Call once, before the verb runs; without --helm-values it does nothing. Errors:
/// readHelmValues()'s, and Usage when SERVER is left out and the values do not name the cluster.
Result<void> applyHelmValues(Invocation& invocation);

/// The store settings of the global options (endpoint, profile, region, TLS). Errors: Usage.
Result<storage::S3Options> s3Options(const Invocation& invocation);

/// A cnpg:// cluster's bucket settings with the global options laid over them: --endpoint-url and
/// --region win when given; the profile, CA file and TLS check are always the invocation's.
void overrideClusterOptions(const storage::S3Options& globals, storage::S3Options& fromCluster);

/// Parses the URL and opens its store with the invocation's endpoint, profile, region and TLS
/// options. A cnpg://NAMESPACE/CLUSTER source is read through the kubeconfig first (the
/// cluster's destinationPath, endpoint, CA and the credentials of its Secret, in memory only);
/// global --endpoint-url and --region still win. `tune` adjusts the store's settings last.
Result<OpenedSource> openSource(const Invocation& invocation, const QString& url,
                                const std::function<void(storage::S3Options&)>& tune = {});

/// openSource() for a cluster whose bucket the caller has already resolved (one read of the
/// Cluster and its Secret, not two).
Result<OpenedSource> openClusterBucket(const Invocation& invocation, const k8s::ClusterBucket& bucket,
                                       const std::function<void(storage::S3Options&)>& tune = {});

/// The server a verb works on: SERVER as given, else (cnpg:// without SERVER) the cluster's.
QString serverFor(const OpenedSource& source, const QString& given);

/// Opens the source and loads one server's catalog (the work of most verbs); `scope` as
/// loadServerCatalog()'s.
Result<catalog::ServerCatalog> loadCatalog(const Invocation& invocation, const QString& url, const QString& server,
                                           catalog::WalScope scope = catalog::WalScope::Archive);

/// A source opened and one server's catalog loaded, the store kept for more reads.
struct LoadedSource {
    OpenedSource source;
    QString server; ///< serverFor() of the source and the SERVER given
    catalog::ServerCatalog catalog;
};

/// loadCatalog() keeping the store. Errors: openSource()'s and loadServerCatalog()'s.
Result<LoadedSource> openAndLoad(const Invocation& invocation, const QString& url, const QString& server, JobContext& context);

/// The server's WAL event index for planning `target` (read from the bucket, cached by ETag);
/// nullopt without reading when the planner has no use for it (pitr::planReadsWalEvents). A
/// failure is printed as a note and gives nullopt: the plan then stands on upload times.
/// Errors: only Cancelled.
Result<std::optional<catalog::WalEventIndex>> walEventsForPlanning(const OpenedSource& source,
                                                                   const catalog::ServerCatalog& catalog,
                                                                   const pitr::RecoveryTarget& target, JobContext& context);

/// A source opened, one server's catalog loaded, and a target planned on it.
struct PlannedSource {
    OpenedSource source;
    catalog::ServerCatalog catalog;
    pitr::RecoveryPlan plan;
};

/// What restore, drill and manifest start with. A refused plan is an ErrorCode::Refused error
/// (exit 7) with the plan's reason and hint; under --json the plan's JSON is printed first, as
/// `plan` prints it.
Result<PlannedSource> openAndPlan(const Invocation& invocation, const pitr::RecoveryTarget& target);

/// The restore_command a restored data directory calls: this same tideline-cli, by its absolute
/// path, as `wal-restore` with the source, server and the endpoint options of this invocation.
/// Credentials are never part of it: PostgreSQL's environment or a profile provides them.
QString restoreCommandFor(const Invocation& invocation, const QString& url, const QString& server);

} // namespace tideline::cli
