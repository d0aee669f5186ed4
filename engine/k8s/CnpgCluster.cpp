// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/k8s/CnpgCluster.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace tideline::k8s {

namespace {
struct CnpgClusterText {
    Q_DECLARE_TR_FUNCTIONS(CnpgCluster)
};
} // namespace

Result<CnpgCluster> CnpgCluster::fromJson(const QJsonObject& object)
{
    auto meta = ObjectMeta::fromJson(object);
    if (!meta)
        return fail(meta.error());
    CnpgCluster c;
    c.meta = *meta;
    c.instances = json::integer(object, u"spec.instances");
    c.readyInstances = json::integer(object, u"status.readyInstances");
    c.phase = json::string(object, u"status.phase");
    c.phaseReason = json::string(object, u"status.phaseReason");
    c.currentPrimary = json::string(object, u"status.currentPrimary");
    c.timelineId = json::integer(object, u"status.timelineID");
    for (const QJsonValue& v : json::at(object, u"status.instanceNames").toArray())
        if (v.isString())
            c.instanceNames.append(v.toString());
    c.metricsTls = json::boolean(object, u"spec.monitoring.tls.enabled").value_or(false);
    c.firstRecoverabilityPoint = json::time(object, u"status.firstRecoverabilityPoint");
    c.lastSuccessfulBackup = json::time(object, u"status.lastSuccessfulBackup");
    c.lastFailedBackup = json::time(object, u"status.lastFailedBackup");

    for (const QJsonValue& v : json::at(object, u"spec.plugins").toArray()) {
        const QJsonObject p = v.toObject();
        if (p.value(QStringLiteral("name")).toString() != kBarmanPluginName)
            continue;
        if (!p.value(QStringLiteral("enabled")).toBool(true))
            continue;
        c.backupMethod = BackupMethod::Plugin;
        c.pluginObjectStore = json::string(p, u"parameters.barmanObjectName");
        c.pluginServerName = json::string(p, u"parameters.serverName");
        c.pluginIsWalArchiver = p.value(QStringLiteral("isWALArchiver")).toBool(false);
        break;
    }
    const QJsonObject inTree = json::at(object, u"spec.backup.barmanObjectStore").toObject();
    if (c.backupMethod == BackupMethod::None && !inTree.isEmpty()) {
        c.backupMethod = BackupMethod::BarmanObjectStore;
        c.barmanObjectStore = BarmanStoreConfig::fromJson(inTree);
    }
    c.retentionPolicy = json::string(object, u"spec.backup.retentionPolicy");
    c.env = json::env(object, u"spec.env");
    c.envFrom = !json::at(object, u"spec.envFrom").toArray().isEmpty();
    c.archiveTimeout = json::string(object, u"spec.postgresql.parameters.archive_timeout");

    for (const QJsonValue& v : json::at(object, u"status.conditions").toArray()) {
        const QJsonObject o = v.toObject();
        ClusterCondition cond{o.value(QStringLiteral("type")).toString(), o.value(QStringLiteral("status")).toString(),
                              o.value(QStringLiteral("reason")).toString(), o.value(QStringLiteral("message")).toString(),
                              json::time(o, u"lastTransitionTime")};
        if (!cond.type.isEmpty())
            c.conditions.append(cond);
    }
    return c;
}

QString CnpgCluster::serverName() const
{
    switch (backupMethod) {
    case BackupMethod::BarmanObjectStore:
        return barmanObjectStore.serverName.isEmpty() ? meta.name : barmanObjectStore.serverName;
    case BackupMethod::Plugin: return pluginServerName.isEmpty() ? meta.name : pluginServerName;
    case BackupMethod::None: break;
    }
    return {};
}

QString CnpgCluster::methodName() const
{
    switch (backupMethod) {
    case BackupMethod::BarmanObjectStore: return QStringLiteral("barmanObjectStore");
    case BackupMethod::Plugin: return QStringLiteral("plugin");
    case BackupMethod::None: break;
    }
    return {};
}

const ClusterCondition* CnpgCluster::condition(QStringView type) const
{
    for (const ClusterCondition& c : conditions)
        if (c.type == type)
            return &c;
    return nullptr;
}

QJsonObject CnpgCluster::toJson(const CnpgObjectStore* store) const
{
    QJsonValue backup = QJsonValue::Null;
    if (backupMethod != BackupMethod::None) {
        const bool plugin = backupMethod == BackupMethod::Plugin;
        const BarmanStoreConfig* config = plugin ? (store ? &store->configuration : nullptr) : &barmanObjectStore;
        backup = QJsonObject{
            {QStringLiteral("method"), methodName()},
            {QStringLiteral("destination_path"), config ? json::orNull(config->destinationPath) : QJsonValue::Null},
            {QStringLiteral("endpoint_url"), config ? json::orNull(config->endpointUrl) : QJsonValue::Null},
            {QStringLiteral("server_name"), serverName()},
            {QStringLiteral("object_store"), plugin ? json::orNull(pluginObjectStore) : QJsonValue::Null},
            {QStringLiteral("retention_policy"),
             json::orNull(plugin ? (store ? store->retentionPolicy : QString()) : retentionPolicy)},
        };
    }
    QJsonObject conds;
    for (const QString& type : {QStringLiteral("ContinuousArchiving"), QStringLiteral("LastBackupSucceeded")}) {
        const ClusterCondition* c = condition(type);
        conds.insert(type,
                     c ? QJsonValue(QJsonObject{{QStringLiteral("status"), c->status},
                                                {QStringLiteral("reason"), json::orNull(c->reason)},
                                                {QStringLiteral("message"), json::orNull(c->message)}})
                       : QJsonValue(QJsonValue::Null));
    }
    // A plugin cluster's window lives in its ObjectStore's status; CNPG leaves these unset.
    std::optional<Timestamp> first = firstRecoverabilityPoint;
    std::optional<Timestamp> lastOk = lastSuccessfulBackup;
    std::optional<Timestamp> lastFailed = lastFailedBackup;
    if (backupMethod == BackupMethod::Plugin && store) {
        const RecoveryWindow w = store->recoveryWindows.value(serverName());
        first = w.firstRecoverabilityPoint;
        lastOk = w.lastSuccessfulBackup;
        lastFailed = w.lastFailedBackup;
    }
    return {
        {QStringLiteral("namespace"), meta.nameSpace},
        {QStringLiteral("name"), meta.name},
        {QStringLiteral("phase"), json::orNull(phase)},
        {QStringLiteral("instances"), json::orNull(instances)},
        {QStringLiteral("ready_instances"), json::orNull(readyInstances)},
        {QStringLiteral("current_primary"), json::orNull(currentPrimary)},
        {QStringLiteral("timeline"), json::orNull(timelineId)},
        {QStringLiteral("backup"), backup},
        {QStringLiteral("first_recoverability_point"), json::orNull(first)},
        {QStringLiteral("last_successful_backup"), json::orNull(lastOk)},
        {QStringLiteral("last_failed_backup"), json::orNull(lastFailed)},
        {QStringLiteral("conditions"), conds},
        {QStringLiteral("health"), healthName(health())},
    };
}

CnpgCluster::Health CnpgCluster::health(QString* reason) const
{
    auto decide = [reason](Health h, const QString& why) {
        if (reason)
            *reason = why;
        return h;
    };
    const ClusterCondition* archiving = condition(u"ContinuousArchiving");
    if (archiving && archiving->status == u"False")
        return decide(Health::Failing,
                      CnpgClusterText::tr("WAL archiving is failing: %1")
                          .arg(archiving->message.isEmpty() ? archiving->reason : archiving->message));
    const ClusterCondition* lastBackup = condition(u"LastBackupSucceeded");
    if (lastBackup && lastBackup->status == u"False" && lastBackup->reason != u"BackupStarted")
        return decide(Health::Warning,
                      CnpgClusterText::tr("the last backup failed: %1")
                          .arg(lastBackup->message.isEmpty() ? lastBackup->reason : lastBackup->message));
    if (backupMethod == BackupMethod::None)
        return decide(Health::Warning, CnpgClusterText::tr("no backup is configured"));
    if (phase.isEmpty() && conditions.isEmpty())
        return decide(Health::Unknown, CnpgClusterText::tr("the operator has reported no status yet"));
    if (instances && readyInstances && *readyInstances < *instances)
        return decide(Health::Warning, CnpgClusterText::tr("%1 of %2 instances ready").arg(*readyInstances).arg(*instances));
    if (phase != u"Cluster in healthy state")
        return decide(Health::Warning, phase.isEmpty() ? CnpgClusterText::tr("no phase reported") : phase);
    return decide(Health::Healthy, phase);
}

QString CnpgCluster::healthName(Health h)
{
    switch (h) {
    case Health::Healthy: return QStringLiteral("healthy");
    case Health::Warning: return QStringLiteral("warning");
    case Health::Failing: return QStringLiteral("failing");
    case Health::Unknown: break;
    }
    return QStringLiteral("unknown");
}

} // namespace tideline::k8s
