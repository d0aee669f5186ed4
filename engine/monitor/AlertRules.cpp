// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/monitor/AlertRules.h"

#include "engine/k8s/ObjectMeta.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

namespace tideline::monitor {

namespace {

struct AlertRulesText {
    Q_DECLARE_TR_FUNCTIONS(AlertRules)
};

// Both families, as Grafana 20417 reads them: the in-tree collector's (deprecated, 0 for plugin
// clusters) and the Barman Cloud plugin's.
const QString kLastAvailable = QStringLiteral(
    "cnpg_collector_last_available_backup_timestamp|barman_cloud_cloudnative_pg_io_last_available_backup_timestamp");
const QString kLastFailed = QStringLiteral(
    "cnpg_collector_last_failed_backup_timestamp|barman_cloud_cloudnative_pg_io_last_failed_backup_timestamp");

QString selector(const AlertScope& scope, const QString& first = {})
{
    QStringList parts;
    if (!first.isEmpty())
        parts.append(first);
    if (!scope.nameSpace.isEmpty())
        parts.append(QStringLiteral("namespace=\"%1\"").arg(scope.nameSpace));
    // The CNPG chart's own pod selector: the cluster's instances are CLUSTER-1, CLUSTER-2, …
    // A '.' in the name is a literal dot: escaped for the regex, and again for PromQL's string.
    if (!scope.cluster.isEmpty())
        parts.append(QStringLiteral("pod=~\"%1-([1-9][0-9]*)$\"")
                         .arg(QString(scope.cluster).replace(QLatin1Char('.'), QStringLiteral("\\\\."))));
    return QLatin1Char('{') + parts.join(QStringLiteral(", ")) + QLatin1Char('}');
}

// The cluster a series belongs to, from its pod's name, so that every alert names it even when
// the rules watch a whole namespace.
QString withCluster(const QString& expr)
{
    return QStringLiteral("label_replace(%1, \"cnpg_cluster\", \"$1\", \"pod\", \"(.+)-[1-9][0-9]*\")").arg(expr);
}

QString byCluster(const QString& names, const AlertScope& scope)
{
    return QStringLiteral("max by (namespace, cnpg_cluster) (%1)")
        .arg(withCluster(selector(scope, QStringLiteral("__name__=~\"%1\"").arg(names))));
}

QString scopeName(const AlertScope& scope)
{
    if (!scope.cluster.isEmpty())
        return scope.cluster;
    return scope.nameSpace.isEmpty() ? QStringLiteral("cnpg") : scope.nameSpace;
}

} // namespace

Result<AlertScope> AlertScope::make(const QString& nameSpace, const QString& cluster)
{
    const QString hint = AlertRulesText::tr("Names are lower-case letters, digits and '-' (the cluster may hold '.').");
    if (!nameSpace.isEmpty() && !k8s::isDnsLabel(nameSpace))
        return fail(ErrorCode::Usage, AlertRulesText::tr("\"%1\" is not a namespace name").arg(nameSpace.left(80)), hint);
    if (!cluster.isEmpty() && !k8s::isDnsSubdomain(cluster))
        return fail(ErrorCode::Usage, AlertRulesText::tr("\"%1\" is not a cluster name").arg(cluster.left(80)), hint);
    if (!cluster.isEmpty() && nameSpace.isEmpty())
        return fail(ErrorCode::Usage, AlertRulesText::tr("--cluster needs its namespace"),
                    AlertRulesText::tr("Add -n NAMESPACE: two clusters of one name may live in two namespaces."));
    return AlertScope{nameSpace, cluster};
}

QList<AlertRule> backupAlertRules(const AlertScope& scope, const AlertThresholds& t)
{
    const QString where = QStringLiteral("{{ $labels.namespace }}/{{ $labels.cnpg_cluster }}");
    QList<AlertRule> rules;
    rules.append(
        {QStringLiteral("CNPGClusterNoRecentBackup"),
         QStringLiteral("time() - %1 > %2").arg(byCluster(kLastAvailable, scope)).arg(t.backupAgeSeconds),
         QStringLiteral("10m"), QStringLiteral("warning"),
         QStringLiteral("No successful base backup of a CNPG cluster for %1 h.").arg(double(t.backupAgeSeconds) / 3600.0),
         QStringLiteral("The newest successful backup of %1 is {{ $value | humanizeDuration }} old (decades: there has "
                        "never been one).")
             .arg(where),
         QStringLiteral("kubectl get backups -n NAMESPACE and kubectl get scheduledbackups -n NAMESPACE: is a schedule "
                        "suspended, are Backups stuck in pending or failed? tideline-cli k8s status CLUSTER -n "
                        "NAMESPACE holds the cluster against its bucket.")});
    rules.append({QStringLiteral("CNPGClusterLastBackupFailed"),
                  QStringLiteral("%1 > %2").arg(byCluster(kLastFailed, scope), byCluster(kLastAvailable, scope)),
                  QStringLiteral("5m"), QStringLiteral("warning"),
                  QStringLiteral("The last base backup of a CNPG cluster failed."),
                  QStringLiteral("The last backup of %1 failed after the last successful one.").arg(where),
                  QStringLiteral("kubectl describe backup for the newest failed Backup: its status.error; then the "
                                 "bucket's credentials and free space.")});
    rules.append(
        {QStringLiteral("CNPGClusterWALArchivingFailing"),
         withCluster(
             QStringLiteral("cnpg_pg_stat_archiver_last_failed_time%1 - cnpg_pg_stat_archiver_last_archived_time%1 > 1")
                 .arg(selector(scope))),
         QStringLiteral("1m"), QStringLiteral("critical"), QStringLiteral("WAL archiving of a CNPG cluster is failing."),
         QStringLiteral("{{ $labels.pod }} of %1 failed to archive WAL after its last success: WAL piles up "
                        "on its volume and the recovery window stops growing.")
             .arg(where),
         QStringLiteral("kubectl cnpg status CLUSTER (Working WAL archiving), the instance's log for "
                        "barman-cloud-wal-archive's error, the bucket's credentials and endpoint; "
                        "tideline-cli wals shows the last segment that reached the bucket.")});
    rules.append({QStringLiteral("CNPGClusterWALArchiveBacklog"),
                  withCluster(QStringLiteral("cnpg_collector_pg_wal_archive_status%1 > %2")
                                  .arg(selector(scope, QStringLiteral("value=\"ready\"")))
                                  .arg(t.walReadySegments)),
                  QStringLiteral("5m"), QStringLiteral("warning"),
                  QStringLiteral("WAL segments are waiting to be archived on a CNPG instance."),
                  QStringLiteral("{{ $labels.pod }} of %1 has {{ $value }} segments waiting to be archived.").arg(where),
                  QStringLiteral("A backlog that grows means archiving is slower than WAL is written or is failing: "
                                 "check the archiver (pg_stat_archiver) and the bucket's reachability.")});
    rules.append({QStringLiteral("CNPGClusterWALArchiveDelayed"),
                  withCluster(QStringLiteral("cnpg_pg_stat_archiver_seconds_since_last_archival%1 * on (namespace, pod) "
                                             "(cnpg_collector_pg_wal_archive_status%2 > bool 0) > %3")
                                  .arg(selector(scope), selector(scope, QStringLiteral("value=\"ready\"")))
                                  .arg(t.archiveDelaySeconds)),
                  QStringLiteral("5m"), QStringLiteral("warning"),
                  QStringLiteral("WAL is waiting and nothing was archived for a while on a CNPG instance."),
                  QStringLiteral("{{ $labels.pod }} of %1 has WAL waiting and archived nothing for {{ $value | "
                                 "humanizeDuration }}: a primary lost now loses that much.")
                      .arg(where),
                  QStringLiteral("An idle database does not fire this (no WAL waiting). Check the archiver and the "
                                 "bucket, as for CNPGClusterWALArchivingFailing.")});
    return rules;
}

QByteArray prometheusRuleYaml(const QList<AlertRule>& rules, const AlertScope& scope)
{
    const std::string name = (scopeName(scope) + QStringLiteral("-tideline-backup-alerts")).toStdString();
    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "apiVersion" << YAML::Value << "monitoring.coreos.com/v1";
    out << YAML::Key << "kind" << YAML::Value << "PrometheusRule";
    out << YAML::Key << "metadata" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value << name;
    if (!scope.nameSpace.isEmpty())
        out << YAML::Key << "namespace" << YAML::Value << scope.nameSpace.toStdString();
    out << YAML::Key << "labels" << YAML::Value << YAML::BeginMap;
    if (!scope.cluster.isEmpty())
        out << YAML::Key << "cnpg.io/cluster" << YAML::Value << scope.cluster.toStdString();
    out << YAML::Key << "app.kubernetes.io/part-of" << YAML::Value << "cloudnative-pg";
    out << YAML::Key << "app.kubernetes.io/managed-by" << YAML::Value << "tideline";
    out << YAML::EndMap << YAML::EndMap;
    out << YAML::Key << "spec" << YAML::Value << YAML::BeginMap << YAML::Key << "groups" << YAML::Value << YAML::BeginSeq;
    out << YAML::BeginMap << YAML::Key << "name" << YAML::Value
        << (QStringLiteral("tideline/") + scopeName(scope)).toStdString();
    out << YAML::Key << "rules" << YAML::Value << YAML::BeginSeq;
    for (const AlertRule& r : rules) {
        out << YAML::BeginMap;
        out << YAML::Key << "alert" << YAML::Value << r.name.toStdString();
        out << YAML::Key << "expr" << YAML::Value << r.expr.toStdString();
        out << YAML::Key << "for" << YAML::Value << r.forDuration.toStdString();
        out << YAML::Key << "labels" << YAML::Value << YAML::BeginMap << YAML::Key << "severity" << YAML::Value
            << r.severity.toStdString() << YAML::EndMap;
        out << YAML::Key << "annotations" << YAML::Value << YAML::BeginMap;
        out << YAML::Key << "summary" << YAML::Value << r.summary.toStdString();
        out << YAML::Key << "description" << YAML::Value << r.description.toStdString();
        out << YAML::Key << "runbook" << YAML::Value << r.runbook.toStdString();
        out << YAML::Key << "dashboard" << YAML::Value << "https://grafana.com/grafana/dashboards/20417";
        out << YAML::EndMap << YAML::EndMap;
    }
    out << YAML::EndSeq << YAML::EndMap << YAML::EndSeq << YAML::EndMap << YAML::EndMap;
    return QByteArray(out.c_str()) + '\n';
}

Result<qint64> parseDurationSeconds(const QString& text)
{
    static const QRegularExpression form(QStringLiteral("^([0-9]{1,9})(s|m|h|d|w)$"));
    const auto m = form.match(text);
    const qint64 n = m.hasMatch() ? m.captured(1).toLongLong() : 0;
    if (n <= 0)
        return fail(ErrorCode::Usage, AlertRulesText::tr("\"%1\" is not a duration").arg(text.left(40)),
                    AlertRulesText::tr("Write a number and one unit: 90m, 24h, 2d, 1w."));
    const QChar unit = m.captured(2).front();
    const qint64 scale = unit == u's' ? 1 : unit == u'm' ? 60 : unit == u'h' ? 3600 : unit == u'd' ? 86400 : 7 * 86400;
    return n * scale;
}

} // namespace tideline::monitor
