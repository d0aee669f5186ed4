// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/k8s/ObjectMeta.h"

namespace tideline::k8s {

/// postgresql.cnpg.io/v1 Backup. A resource, not the backup: it can outlive the data it names
/// (retention, a manual delete in the bucket) and `kubectl delete backup` frees nothing.
/// Pure value; any thread.
struct CnpgBackup {
    ObjectMeta meta;
    QString cluster;    ///< spec.cluster.name
    QString method;     ///< spec.method (CRD default barmanObjectStore), else status.method
    QString pluginName; ///< spec.pluginConfiguration.name
    QString phase;      ///< pending, started, running, finalizing, completed, failed, …
    QString backupId;   ///< the bucket's backup id (e.g. 20261203T063020); empty before it runs
    std::optional<Timestamp> startedAt;
    std::optional<Timestamp> stoppedAt;
    QString beginWal;
    QString endWal;
    QString error;
    QString serverName;      ///< in-tree only
    QString destinationPath; ///< in-tree only
    QString scheduledBackup; ///< the cnpg.io/scheduled-backup label: which schedule made it

    /// Errors: Corrupt (see ObjectMeta).
    static Result<CnpgBackup> fromJson(const QJsonObject& object);
    bool completed() const { return phase == u"completed"; }
    /// The `k8s backups` JSON (DESIGN.md).
    QJsonObject toJson() const;
};

} // namespace tideline::k8s
