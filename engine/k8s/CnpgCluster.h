// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/k8s/CnpgObjectStore.h"

#include <QList>
#include <QStringList>

namespace tideline::k8s {

/// The plugin name CNPG clusters use for Barman Cloud.
inline constexpr QStringView kBarmanPluginName = u"barman-cloud.cloudnative-pg.io";

/// One entry of status.conditions.
struct ClusterCondition {
    QString type;
    QString status; ///< "True", "False", "Unknown"
    QString reason;
    QString message;
    std::optional<Timestamp> lastTransition;
};

/// postgresql.cnpg.io/v1 Cluster, both backup forms. Pure value; any thread.
struct CnpgCluster {
    enum class BackupMethod { None, BarmanObjectStore, Plugin };

    ObjectMeta meta;
    std::optional<qint64> instances;
    std::optional<qint64> readyInstances;
    QString phase; ///< CNPG's human sentence ("Cluster in healthy state"); shown, never enumerated
    QString phaseReason;
    QString currentPrimary;
    std::optional<qint64> timelineId;
    QStringList instanceNames; ///< status.instanceNames: the pods, primary and replicas
    bool metricsTls = false;   ///< spec.monitoring.tls.enabled: port 9187 speaks https

    BackupMethod backupMethod = BackupMethod::None;
    BarmanStoreConfig barmanObjectStore; ///< in-tree form only
    QString retentionPolicy;             ///< in-tree spec.backup.retentionPolicy
    /// spec.env: the instance pods' environment, where barman-cloud runs in the in-tree form.
    QMap<QString, std::optional<QString>> env;
    bool envFrom = false;      ///< spec.envFrom names ConfigMaps or Secrets: more variables than env shows
    QString archiveTimeout;    ///< spec.postgresql.parameters.archive_timeout as written ("5min"); empty: CNPG's 5min
    QString pluginObjectStore; ///< plugin form: parameters.barmanObjectName
    QString pluginServerName;  ///< plugin form: parameters.serverName (may be empty)
    bool pluginIsWalArchiver = false;

    /// Deprecated since 1.27 and never set for plugin clusters: absent is not "none".
    std::optional<Timestamp> firstRecoverabilityPoint;
    std::optional<Timestamp> lastSuccessfulBackup;
    std::optional<Timestamp> lastFailedBackup;
    QList<ClusterCondition> conditions;

    /// Errors: Corrupt (see ObjectMeta). Everything else is tolerant.
    static Result<CnpgCluster> fromJson(const QJsonObject& object);

    /// The serverName in effect: the explicit one of the form in use, else the cluster's name.
    QString serverName() const;
    /// "barmanObjectStore", "plugin" or "" (CNPG's own spelling).
    QString methodName() const;
    const ClusterCondition* condition(QStringView type) const;

    /// The backup side's health at a glance (the sidebar's badge, `health` in the JSON), from
    /// what the operator reports, worst first: Failing when ContinuousArchiving is False (WAL is
    /// not reaching the bucket); Warning when the last backup failed, no backup is configured,
    /// instances are not all ready, or the phase is not "Cluster in healthy state"; Unknown with no
    /// status at all; else Healthy. `reason` (if given) gets the sentence that decided it.
    enum class Health { Healthy, Warning, Failing, Unknown };
    Health health(QString* reason = nullptr) const;
    static QString healthName(Health h); ///< "healthy", "warning", "failing", "unknown"

    /// The `k8s clusters` JSON (DESIGN.md). `store`: the plugin's ObjectStore when read, for
    /// destination_path, endpoint_url and retention_policy.
    QJsonObject toJson(const CnpgObjectStore* store = nullptr) const;
};

} // namespace tideline::k8s
