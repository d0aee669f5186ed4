// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/monitor/ClusterArchiving.h"

#include "engine/k8s/CnpgCluster.h"
#include "engine/k8s/KubeClient.h"
#include "engine/k8s/ObjectMeta.h"
#include "engine/monitor/PrometheusText.h"
#include "engine/wal/WalName.h"
#include "engine/wal/WalSegment.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <cmath>

namespace tideline::monitor {

namespace {

struct ClusterArchivingText {
    Q_DECLARE_TR_FUNCTIONS(ClusterArchiving)
};

constexpr int kMetricsPort = 9187; // CNPG's instance manager: /metrics
constexpr int kStatusPort = 8000;  // CNPG's instance manager: /pg/status
constexpr qint64 kUsec = 1'000'000;

// A gauge CNPG sets to -1 (never) or 0 (no entry in the store) means "not known".
// A duration in seconds: at most a century, so that microseconds of it never overflow.
std::optional<qint64> seconds(std::optional<double> v)
{
    if (!v || !std::isfinite(*v) || *v < 0 || *v > 100.0 * 366 * 86'400)
        return std::nullopt;
    return static_cast<qint64>(std::llround(*v));
}

std::optional<qint64> count(std::optional<double> v)
{
    if (!v || !std::isfinite(*v) || *v < 0 || *v > 1e15)
        return std::nullopt;
    return static_cast<qint64>(std::llround(*v));
}

std::optional<qint64> usecOf(std::optional<double> seconds)
{
    if (!seconds || !std::isfinite(*seconds) || *seconds <= 0 || *seconds > 1e12)
        return std::nullopt;
    return static_cast<qint64>(std::llround(*seconds * 1e6));
}

QString proxyPath(const QString& nameSpace, const QString& pod, bool https, int port, const QString& path)
{
    return QStringLiteral("/api/v1/namespaces/%1/pods/%2%3:%4/proxy%5")
        .arg(nameSpace, https ? QStringLiteral("https:") : QString(), pod)
        .arg(port)
        .arg(path);
}

// The segment size the current WAL name and LSN agree on (pg_walfile_name's rule: an LSN on a
// boundary belongs to the segment before it); 0 when none does.
quint64 segmentSizeOf(const wal::WalName& name, wal::Lsn lsn)
{
    std::optional<quint64> found;
    for (quint64 size = 1ULL << 20; size <= 1ULL << 30; size <<= 1) {
        const auto segno = name.segno(size);
        const quint64 expected = lsn.value() == 0 ? 0 : (lsn.value() - 1) / size;
        if (segno && *segno == expected) {
            // Several sizes fit only at the very start of the WAL (segment 0): prefer the default.
            if (!found || size == 16ULL << 20)
                found = size;
        }
    }
    return found.value_or(0);
}

} // namespace

void readInstanceMetrics(const PrometheusMetrics& m, InstanceArchiving& i)
{
    i.archivedCount = count(m.value(u"cnpg_pg_stat_archiver_archived_count"));
    i.failedCount = count(m.value(u"cnpg_pg_stat_archiver_failed_count"));
    i.lastArchivedUsec = usecOf(m.value(u"cnpg_pg_stat_archiver_last_archived_time"));
    i.lastFailedUsec = usecOf(m.value(u"cnpg_pg_stat_archiver_last_failed_time"));
    i.secondsSinceLastArchival = seconds(m.value(u"cnpg_pg_stat_archiver_seconds_since_last_archival"));
    i.walReady = count(m.value(u"cnpg_collector_pg_wal_archive_status", {{QStringLiteral("value"), QStringLiteral("ready")}}));
    i.walDone = count(m.value(u"cnpg_collector_pg_wal_archive_status", {{QStringLiteral("value"), QStringLiteral("done")}}));

    // Grafana 20417 takes max() over both families: the plugin's and the deprecated in-tree one.
    auto newest = [&](QLatin1StringView name) -> std::pair<std::optional<qint64>, QString> {
        const auto plugin = usecOf(m.value(QLatin1StringView("barman_cloud_cloudnative_pg_io_") + name));
        const auto inTree = usecOf(m.value(QLatin1StringView("cnpg_collector_") + name));
        if (plugin && (!inTree || *plugin >= *inTree))
            return {plugin, QStringLiteral("plugin")};
        if (inTree)
            return {inTree, QStringLiteral("in-tree")};
        return {std::nullopt, QString()};
    };
    const auto last = newest(QLatin1StringView("last_available_backup_timestamp"));
    i.lastBackupUsec = last.first;
    i.backupMetricsFamily = last.second;
    i.firstRecoverabilityUsec = newest(QLatin1StringView("first_recoverability_point")).first;
    i.lastFailedBackupUsec = newest(QLatin1StringView("last_failed_backup_timestamp")).first;
    if (i.backupMetricsFamily.isEmpty())
        i.backupMetricsFamily = newest(QLatin1StringView("first_recoverability_point")).second;
}

Result<ArchiverFacts> archiverFactsFromInstance(const QJsonObject& status, const InstanceArchiving& metrics, qint64 nowUsec)
{
    if (!status.value(QStringLiteral("isPrimary")).toBool())
        return fail(ErrorCode::Corrupt, ClusterArchivingText::tr("the instance's status does not say it is the primary"),
                    ClusterArchivingText::tr("A switchover may be under way: read the cluster again."));
    const QString lsnText = status.value(QStringLiteral("currentLsn")).toString();
    const QString walText = status.value(QStringLiteral("currentWAL")).toString();
    const auto lsn = wal::Lsn::parse(lsnText);
    const auto name = wal::WalName::parse(walText.toStdString());
    if (!lsn || !name || name->kind != wal::WalName::Kind::Segment)
        return fail(ErrorCode::Corrupt,
                    ClusterArchivingText::tr("the primary's status gives no usable WAL position ('%1', '%2')")
                        .arg(lsnText.left(40), walText.left(40)),
                    ClusterArchivingText::tr("Check the instance manager's version (kubectl cnpg status)."));
    ArchiverFacts f;
    f.segmentSize = segmentSizeOf(*name, *lsn);
    if (!f.segmentSize)
        return fail(ErrorCode::Corrupt,
                    ClusterArchivingText::tr("the primary's current WAL %1 does not fit its LSN %2").arg(walText, lsnText),
                    ClusterArchivingText::tr("Check the instance manager's version (kubectl cnpg status)."));
    f.currentLsn = *lsn;
    f.currentWal = QString::fromStdString(name->text);
    f.timeline = name->timeline;
    f.currentSegno = *name->segno(f.segmentSize);
    f.archiveMode = QStringLiteral("on");
    // WAL names come from the status (metrics carry none); the status spells them as PostgreSQL.
    auto walName = [&](const char* key) {
        const QString text = status.value(QLatin1StringView(key)).toString();
        return wal::WalName::parse(text.toStdString()) ? text : QString();
    };
    f.lastArchivedWal = walName("lastArchivedWAL");
    f.lastFailedWal = walName("lastFailedWAL");
    f.archivedCount = metrics.archivedCount.value_or(0);
    f.failedCount = metrics.failedCount.value_or(0);
    f.lastArchivedUsec = metrics.lastArchivedUsec;
    f.lastFailedUsec = metrics.lastFailedUsec;
    f.readyCount = metrics.walReady ? metrics.walReady
                                    : std::optional<qint64>(status.value(QStringLiteral("readyWalFiles")).toInteger(0));
    // The server's clock: the metric's age added to the time it measures from, as CNPG computes it.
    f.serverNowUsec = metrics.lastArchivedUsec && metrics.secondsSinceLastArchival
        ? *metrics.lastArchivedUsec + *metrics.secondsSinceLastArchival * kUsec
        : nowUsec;
    f.user = QStringLiteral("postgres");
    return f;
}

Result<ClusterArchiving> readClusterArchiving(k8s::KubeClient& client, const k8s::CnpgCluster& cluster,
                                              const CancelToken& cancel, const Clock& clock)
{
    ClusterArchiving out;
    out.nameSpace = cluster.meta.nameSpace;
    out.cluster = cluster.meta.name;
    out.primary = k8s::isDnsSubdomain(cluster.currentPrimary) ? cluster.currentPrimary : QString();
    QStringList pods;
    for (const QString& pod : cluster.instanceNames) {
        if (k8s::isDnsSubdomain(pod) && !pods.contains(pod))
            pods.append(pod);
        else if (!k8s::isDnsSubdomain(pod))
            out.warnings.append(
                ClusterArchivingText::tr("status.instanceNames holds '%1', which is not a pod name: skipped").arg(pod.left(80)));
    }
    if (!out.primary.isEmpty() && !pods.contains(out.primary))
        pods.prepend(out.primary);
    if (pods.isEmpty())
        return fail(ErrorCode::MissingSource,
                    ClusterArchivingText::tr("cluster %1/%2 lists no instance").arg(out.nameSpace, out.cluster),
                    ClusterArchivingText::tr(
                        "Its status has neither instanceNames nor currentPrimary yet: is it still being created?"));

    int forbidden = 0;
    std::optional<Error> firstForbidden;
    QJsonObject primaryStatus;
    for (const QString& pod : pods) {
        if (cancel.isCancelled())
            return fail(ErrorCode::Cancelled, ClusterArchivingText::tr("cancelled"));
        InstanceArchiving i;
        i.pod = pod;
        i.primary = pod == out.primary;
        auto text = client.getText(proxyPath(out.nameSpace, pod, cluster.metricsTls, kMetricsPort, QStringLiteral("/metrics")),
                                   cancel);
        if (text) {
            auto metrics = PrometheusMetrics::parse(*text);
            if (metrics)
                readInstanceMetrics(*metrics, i);
            else
                i.metricsError =
                    Error{ErrorCode::Corrupt,
                          ClusterArchivingText::tr("the metrics of %1 do not parse: %2").arg(pod, metrics.error().message),
                          ClusterArchivingText::tr("Check that port 9187 of the pod is CNPG's instance manager."),
                          {}};
        } else {
            i.metricsError = text.error();
            if (text.error().code == ErrorCode::Auth && ++forbidden && !firstForbidden)
                firstForbidden = text.error();
            if (text.error().code == ErrorCode::Cancelled)
                return fail(text.error());
        }
        if (i.primary) {
            // CNPG's instance manager speaks TLS on its status port unless it runs without
            // --status-port-tls (older instances): ask https first, as kubectl cnpg does.
            auto status =
                client.getText(proxyPath(out.nameSpace, pod, true, kStatusPort, QStringLiteral("/pg/status")), cancel);
            if (!status && status.error().code == ErrorCode::Network)
                status =
                    client.getText(proxyPath(out.nameSpace, pod, false, kStatusPort, QStringLiteral("/pg/status")), cancel);
            if (status) {
                QJsonParseError err{};
                const QJsonDocument doc = QJsonDocument::fromJson(*status, &err);
                if (doc.isObject())
                    primaryStatus = doc.object();
                else
                    i.statusError =
                        Error{ErrorCode::Corrupt, ClusterArchivingText::tr("the status of %1 is not JSON").arg(pod),
                              ClusterArchivingText::tr("Check that port 8000 of the pod is CNPG's instance manager."),
                              err.errorString()};
            } else {
                i.statusError = status.error();
            }
        }
        out.instances.append(std::move(i));
    }
    if (forbidden == pods.size() && firstForbidden)
        return fail(ErrorCode::Auth, firstForbidden->message,
                    ClusterArchivingText::tr(
                        "Reading an instance's metrics needs \"get\" on pods/proxy in %1 (kubectl cnpg status needs "
                        "it too): kubectl auth can-i get pods/proxy -n %1")
                        .arg(out.nameSpace),
                    firstForbidden->detail);

    for (const auto& i : std::as_const(out.instances)) {
        if (!i.primary)
            continue;
        if (i.metricsError || i.statusError) {
            out.warnings.append(ClusterArchivingText::tr("the primary %1 could not be read: %2")
                                    .arg(i.pod, (i.metricsError ? i.metricsError : i.statusError)->message));
            break;
        }
        auto facts = archiverFactsFromInstance(primaryStatus, i, clock.nowUsec());
        if (facts)
            out.primaryFacts = std::move(*facts);
        else
            out.warnings.append(facts.error().message);
    }
    if (out.primary.isEmpty())
        out.warnings.append(
            ClusterArchivingText::tr("the cluster names no current primary: archiving is read from no instance"));
    return out;
}

} // namespace tideline::monitor
