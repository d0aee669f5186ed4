// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/CancelToken.h"
#include "engine/core/Clock.h"
#include "engine/core/Error.h"
#include "engine/monitor/ArchiverProbe.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace tideline::k8s {
class KubeClient;
struct CnpgCluster;
} // namespace tideline::k8s

namespace tideline::monitor {

class PrometheusMetrics;

/// One instance of a CNPG cluster as its instance manager reports itself through pods/proxy: the
/// metrics on port 9187 and, for the primary, the status endpoint `kubectl cnpg status` reads.
struct InstanceArchiving {
    QString pod;
    bool primary = false;
    std::optional<Error> metricsError; ///< why the metrics could not be read (nothing below is then set)
    std::optional<Error> statusError;  ///< the primary's status endpoint

    // cnpg_pg_stat_archiver_* (primary only; CNPG's -1 "never" is unset here)
    std::optional<qint64> archivedCount;
    std::optional<qint64> failedCount;
    std::optional<qint64> lastArchivedUsec;
    std::optional<qint64> lastFailedUsec;
    std::optional<qint64> secondsSinceLastArchival;
    // cnpg_collector_pg_wal_archive_status{value="ready"|"done"}
    std::optional<qint64> walReady;
    std::optional<qint64> walDone;
    // the newer of both families (the Barman Cloud plugin's and the in-tree collector's), as
    // Grafana 20417 reads them; 0 ("the store has no entry") is unset
    std::optional<qint64> firstRecoverabilityUsec;
    std::optional<qint64> lastBackupUsec;
    std::optional<qint64> lastFailedBackupUsec;
    QString backupMetricsFamily; ///< "plugin", "in-tree", or empty when neither reports
};

/// A cluster's archiving as its instances report it.
struct ClusterArchiving {
    QString nameSpace;
    QString cluster;
    QString primary; ///< status.currentPrimary
    QList<InstanceArchiving> instances;
    /// The primary's status endpoint and metrics as one ArchiverFacts (what `archiver` reads over
    /// libpq), when both could be read: held against the bucket and the alerts like those.
    std::optional<ArchiverFacts> primaryFacts;
    QStringList warnings;
};

/// Reads every instance of `cluster` (status.instanceNames, names checked as DNS subdomains
/// before they reach a URL) through the API server's pods/proxy subresource — no port-forward,
/// no exec: GET [https:]POD:9187/proxy/metrics (https when spec.monitoring.tls.enabled), and for
/// the primary GET https:POD:8000/proxy/pg/status (http when the pod speaks plain http). Each
/// endpoint is asked once: a value that could not be read now is reported missing, never an
/// older one. One instance failing is that instance's error, not the call's.
/// Errors: Auth when pods/proxy is forbidden for every instance (the hint names the RBAC rule),
/// MissingSource when the cluster lists no instance; Cancelled.
/// Thread: any thread but the GUI thread (it blocks on the network).
Result<ClusterArchiving> readClusterArchiving(k8s::KubeClient& client, const k8s::CnpgCluster& cluster,
                                              const CancelToken& cancel, const Clock& clock = Clock::system());

/// One instance's metrics exposition read into the InstanceArchiving fields. Pure; any thread.
void readInstanceMetrics(const PrometheusMetrics& metrics, InstanceArchiving& instance);

/// The primary's status JSON (CNPG's PostgresqlStatus) and its metrics as ArchiverFacts: WAL
/// names, current LSN and timeline from the status, counts and times from the metrics (exact
/// seconds, unlike the status's formatted times), the server's clock from the metric's age
/// (else nowUsec).
/// The segment size is the one the current WAL name and LSN agree on. Errors: Corrupt when the
/// status is not a primary's or its LSN and WAL name do not fit. Pure; any thread.
Result<ArchiverFacts> archiverFactsFromInstance(const QJsonObject& status, const InstanceArchiving& metrics, qint64 nowUsec);

} // namespace tideline::monitor
