// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/k8s/CnpgCluster.h"
#include "engine/monitor/AlertRules.h"
#include "engine/monitor/ArchiverProbe.h"
#include "engine/monitor/BucketWalPosition.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace tideline::monitor {

/// An alert that fires now, named as the exported rule that watches the same condition.
struct FiringAlert {
    QString name;     ///< "CNPGClusterWALArchivingFailing", "TidelineBucketBehindServer", …
    QString severity; ///< "warning" or "critical"
    QString message;  ///< what is wrong, with the figures
    QString hint;     ///< what to check
};

/// The `archiver` answer: the server's facts held against its bucket, and the alerts that fire.
struct ArchiverHealth {
    ArchiverFacts facts;
    std::optional<BucketWalPosition> bucket; ///< without a source: the server's side only
    /// From the segment after the bucket's last up to and including current_wal: what
    /// would be lost if the primary died now. nullopt without a source or with an empty bucket.
    std::optional<quint64> segmentsNotInBucket;
    std::optional<qint64> bytesNotInBucket; ///< current LSN minus the end of the bucket's last segment
    /// Of those, the ones wholly written (bytesNotInBucket / wal_segment_size): archivable now.
    std::optional<quint64> completeSegmentsNotInBucket;
    QList<FiringAlert> alerts;
    QStringList warnings;
};

/// The thresholds in-app evaluation adds to the exported rules'.
struct ArchiverThresholds {
    AlertThresholds rules;
    qint64 bucketBehindSegments = 10; ///< finished segments the server holds and the bucket does not
};

/// Holds the facts against the bucket and evaluates the runbook's archiving alerts on them with
/// the same conditions as the exported rules: archiving failing (the last failure after the last
/// success), WAL waiting over `walReadySegments`, waiting with nothing archived for longer than
/// `archiveDelaySeconds`; and two only Tideline can see: the bucket behind the server over
/// `bucketBehindSegments`, and pg_stat_archiver's last archived WAL missing from the bucket.
/// Ages use the server's clock. Pure; any thread.
ArchiverHealth assessArchiver(ArchiverFacts facts, std::optional<BucketWalPosition> bucket,
                              const ArchiverThresholds& thresholds);

/// A cluster's badge with its archiving laid over it, as the sidebar, the cluster page and
/// `k8s metrics` show it: a critical archiving alert makes the cluster failing, a warning one makes
/// a healthy or unknown cluster a warning; the reason then names the alerts (the operator's own
/// reason follows when it is worse or equal). Without alerts the operator's verdict stands.
/// Pure; any thread.
k8s::CnpgCluster::Health clusterBadge(const k8s::CnpgCluster& cluster, const ArchiverHealth* archiving,
                                      QString* reason = nullptr);

} // namespace tideline::monitor
