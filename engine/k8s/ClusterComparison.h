// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/k8s/CnpgBackup.h"
#include "engine/k8s/CnpgCluster.h"
#include "engine/k8s/CnpgScheduledBackup.h"

#include <QList>

namespace tideline::k8s {

/// What the bucket says, as the catalog and the status computed it (the caller fills it in, so
/// this area needs no catalog).
struct BucketFacts {
    QString source;
    QString server;
    struct Backup {
        QString id;
        bool done = false; ///< status DONE (restorable or not)
        std::optional<Timestamp> end;
    };
    QList<Backup> backups; ///< oldest first
    std::optional<Timestamp> firstRecoverabilityPoint;
    std::optional<Timestamp> restorableUntil;
    QString lastBackupId; ///< the newest DONE backup
};

struct Discrepancy {
    QString kind; ///< backup_missing_from_bucket, backup_without_resource, first_recoverability_point_differs,
                  ///< last_backup_differs, schedule_missed, schedule_unreadable
    QString backupId;
    QString resource; ///< "Backup/db/name", "ScheduledBackup/db/name", "Cluster/db/name"
    QString message;
};

/// The cluster's account held against the bucket's. `backups` and `schedules` may hold other
/// clusters' resources (they are filtered by spec.cluster.name). A schedule counts as missed
/// when its next run after the last one (or after its creation) is more than `graceSeconds`
/// before `nowUsec`. Pure; any thread.
QList<Discrepancy> compareWithBucket(const CnpgCluster& cluster, const CnpgObjectStore* store,
                                     const QList<CnpgBackup>& backups, const QList<CnpgScheduledBackup>& schedules,
                                     const BucketFacts& bucket, qint64 nowUsec, qint64 graceSeconds = 3600);

/// The `k8s status` JSON (DESIGN.md).
QJsonObject clusterStatusJson(const CnpgCluster& cluster, const CnpgObjectStore* store, const BucketFacts& bucket,
                              const QList<Discrepancy>& discrepancies);

} // namespace tideline::k8s
