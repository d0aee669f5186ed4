// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/k8s/CnpgBackup.h"

namespace tideline::k8s {

Result<CnpgBackup> CnpgBackup::fromJson(const QJsonObject& object)
{
    auto meta = ObjectMeta::fromJson(object);
    if (!meta)
        return fail(meta.error());
    CnpgBackup b;
    b.meta = *meta;
    b.cluster = json::string(object, u"spec.cluster.name");
    b.method = json::string(object, u"spec.method");
    if (b.method.isEmpty())
        b.method = json::string(object, u"status.method");
    b.pluginName = json::string(object, u"spec.pluginConfiguration.name");
    b.phase = json::string(object, u"status.phase");
    b.backupId = json::string(object, u"status.backupId");
    b.startedAt = json::time(object, u"status.startedAt");
    b.stoppedAt = json::time(object, u"status.stoppedAt");
    b.beginWal = json::string(object, u"status.beginWal");
    b.endWal = json::string(object, u"status.endWal");
    b.error = json::string(object, u"status.error");
    b.serverName = json::string(object, u"status.serverName");
    b.destinationPath = json::string(object, u"status.destinationPath");
    b.scheduledBackup = b.meta.labels.value(QStringLiteral("cnpg.io/scheduled-backup"));
    return b;
}

QJsonObject CnpgBackup::toJson() const
{
    return {
        {QStringLiteral("namespace"), meta.nameSpace},
        {QStringLiteral("name"), meta.name},
        {QStringLiteral("cluster"), json::orNull(cluster)},
        {QStringLiteral("method"), json::orNull(method)},
        {QStringLiteral("phase"), json::orNull(phase)},
        {QStringLiteral("backup_id"), json::orNull(backupId)},
        {QStringLiteral("started_at"), json::orNull(startedAt)},
        {QStringLiteral("stopped_at"), json::orNull(stoppedAt)},
        {QStringLiteral("begin_wal"), json::orNull(beginWal)},
        {QStringLiteral("end_wal"), json::orNull(endWal)},
        {QStringLiteral("error"), json::orNull(error)},
        {QStringLiteral("scheduled_backup"), json::orNull(scheduledBackup)},
    };
}

} // namespace tideline::k8s
