// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/monitor/ArchiverHealth.h"

#include "engine/core/Units.h"
#include "engine/wal/WalSegment.h"

#include <QCoreApplication>

namespace tideline::monitor {

namespace {

struct ArchiverHealthText {
    Q_DECLARE_TR_FUNCTIONS(ArchiverHealth)
};

constexpr qint64 kUsec = 1'000'000;

} // namespace

ArchiverHealth assessArchiver(ArchiverFacts facts, std::optional<BucketWalPosition> bucket,
                              const ArchiverThresholds& thresholds)
{
    ArchiverHealth h;
    h.facts = std::move(facts);
    h.bucket = std::move(bucket);
    const ArchiverFacts& f = h.facts;
    const AlertThresholds& t = thresholds.rules;

    if (f.archiveMode == QLatin1String("off"))
        h.warnings.append(
            ArchiverHealthText::tr("archive_mode is off: this server archives no WAL, so no point in time after its "
                                   "last backup can be restored"));
    if (!f.readyCount)
        h.warnings.append(
            ArchiverHealthText::tr("role %1 may not list pg_wal/archive_status: WAL waiting to be archived is unknown "
                                   "(GRANT pg_monitor TO %1)")
                .arg(f.user));

    // CNPGClusterWALArchivingFailing: last_failed_time - last_archived_time > 1 (a server that
    // never archived counts its first failure).
    if (f.lastFailedUsec && (!f.lastArchivedUsec || *f.lastFailedUsec - *f.lastArchivedUsec > kUsec))
        h.alerts.append(
            {QStringLiteral("CNPGClusterWALArchivingFailing"), QStringLiteral("critical"),
             //: %1 a WAL file name, %2 a count of failures
             ArchiverHealthText::tr("archiving is failing: %1 failed after the last success (%2 failures since the "
                                    "statistics were reset)")
                 .arg(f.lastFailedWal)
                 .arg(f.failedCount),
             ArchiverHealthText::tr("Read the server's log for archive_command's error; check the bucket's credentials, "
                                    "endpoint and free space.")});
    if (f.readyCount && *f.readyCount > t.walReadySegments)
        h.alerts.append(
            {QStringLiteral("CNPGClusterWALArchiveBacklog"), QStringLiteral("warning"),
             //: %1 a count of WAL files, %2 the threshold
             ArchiverHealthText::tr("%1 WAL files are waiting to be archived (more than %2)")
                 .arg(*f.readyCount)
                 .arg(t.walReadySegments),
             ArchiverHealthText::tr("Archiving is slower than WAL is written, or failing: compare pg_stat_archiver's "
                                    "counts over a minute.")});
    if (f.readyCount && *f.readyCount > 0) {
        const qint64 since = f.lastArchivedUsec ? f.serverNowUsec - *f.lastArchivedUsec : f.serverNowUsec;
        if (since > t.archiveDelaySeconds * kUsec)
            h.alerts.append(
                {QStringLiteral("CNPGClusterWALArchiveDelayed"), QStringLiteral("warning"),
                 //: %1 a duration
                 ArchiverHealthText::tr("WAL is waiting and nothing was archived for %1")
                     .arg(f.lastArchivedUsec ? units::duration(since) : ArchiverHealthText::tr("ever")),
                 ArchiverHealthText::tr("A primary lost now loses that much WAL. Check the archiver and the bucket.")});
    }

    if (!h.bucket)
        return h;
    const BucketWalPosition& b = *h.bucket;
    if (b.lastSegno) {
        h.segmentsNotInBucket = f.currentSegno - *b.lastSegno;
        const quint64 end = wal::segmentStartLsn(*b.lastSegno + 1, f.segmentSize).value();
        const quint64 behind = f.currentLsn.value() - qMin(f.currentLsn.value(), end);
        h.bytesNotInBucket = static_cast<qint64>(behind);
        // Finished: wholly written. The one being written is not archivable yet; after a switch
        // (the LSN on a boundary) every one of them is finished.
        h.completeSegmentsNotInBucket = behind / f.segmentSize;
        if (*h.completeSegmentsNotInBucket > static_cast<quint64>(thresholds.bucketBehindSegments))
            h.alerts.append(
                {QStringLiteral("TidelineBucketBehindServer"), QStringLiteral("critical"),
                 //: %1 a count of segments, %2 a size, %3 a WAL file name
                 ArchiverHealthText::tr("the bucket lacks %1 finished WAL segments (%2 written in all) after %3")
                     .arg(*h.completeSegmentsNotInBucket)
                     .arg(units::bytes(*h.bytesNotInBucket, QLocale::c()), b.lastWal),
                 ArchiverHealthText::tr("If the primary were lost now, that WAL would be lost with it. Check the "
                                        "archiver, and that archive_command writes to this bucket and server name.")});
    } else {
        h.warnings.append(ArchiverHealthText::tr("the bucket holds no WAL segment of this server up to its current one (%1)")
                              .arg(f.currentWal));
    }
    if (b.lastArchivedFound == false)
        h.alerts.append(
            {QStringLiteral("TidelineArchivedWalNotInBucket"), QStringLiteral("critical"),
             //: %1 a WAL file name
             ArchiverHealthText::tr("PostgreSQL says it archived %1, but the bucket has no such object under this server")
                 .arg(f.lastArchivedWal),
             ArchiverHealthText::tr("archive_command writes elsewhere: another bucket, path or serverName (in CNPG, "
                                    "the serverName of the cluster's backup or plugin configuration).")});
    if (!b.aheadWal.isEmpty())
        h.warnings.append(
            ArchiverHealthText::tr("the bucket holds %1, beyond the server's current WAL %2: another server archives "
                                   "under this name, or this one went back without a new timeline")
                .arg(b.aheadWal, f.currentWal));
    return h;
}

namespace {

// What the badge says when archiving alerts fire, the operator's worse-or-equal reason after them.
QString alertReason(const QStringList& names, const QString& operatorReason)
{
    return operatorReason.isEmpty()
        ? ArchiverHealthText::tr("archiving alert: %1").arg(names.join(QStringLiteral(", ")))
        : ArchiverHealthText::tr("archiving alert: %1; %2").arg(names.join(QStringLiteral(", ")), operatorReason);
}

} // namespace

k8s::CnpgCluster::Health clusterBadge(const k8s::CnpgCluster& cluster, const ArchiverHealth* archiving, QString* reason)
{
    QString operatorReason;
    const k8s::CnpgCluster::Health operatorHealth = cluster.health(&operatorReason);
    QStringList names;
    bool critical = false;
    if (archiving)
        for (const FiringAlert& a : archiving->alerts) {
            names.append(a.name);
            critical = critical || a.severity == QLatin1String("critical");
        }
    if (names.isEmpty()) {
        if (reason)
            *reason = operatorReason;
        return operatorHealth;
    }
    const bool operatorFine =
        operatorHealth == k8s::CnpgCluster::Health::Healthy || operatorHealth == k8s::CnpgCluster::Health::Unknown;
    if (reason)
        *reason = alertReason(names, operatorFine ? QString() : operatorReason);
    if (critical)
        return k8s::CnpgCluster::Health::Failing;
    return operatorFine ? k8s::CnpgCluster::Health::Warning : operatorHealth;
}

} // namespace tideline::monitor
