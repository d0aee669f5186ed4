// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/Error.h"

#include <QList>
#include <QString>

namespace tideline::monitor {

/// Which clusters the rules watch: one cluster (namespace and name), every cluster of a
/// namespace, or every cluster Prometheus scrapes (both empty).
struct AlertScope {
    QString nameSpace;
    QString cluster; ///< needs nameSpace

    /// Errors: Usage for a name Kubernetes would refuse, or a cluster without its namespace.
    static Result<AlertScope> make(const QString& nameSpace, const QString& cluster);
};

/// The thresholds the rules compare with (the defaults are the runbook's and Grafana 20417's).
struct AlertThresholds {
    qint64 backupAgeSeconds = 24 * 3600;  ///< no successful backup for longer: the runbook's 24 h
    qint64 walReadySegments = 10;         ///< segments waiting to be archived (.ready files)
    qint64 archiveDelaySeconds = 15 * 60; ///< WAL waiting and nothing archived for longer: 20417's "unsynced"
};

/// One alerting rule, as Prometheus reads it.
struct AlertRule {
    QString name;
    QString expr;
    QString forDuration; ///< "5m"
    QString severity;    ///< "warning" or "critical"
    QString summary;
    QString description; ///< with {{ $labels.… }} templates
    QString runbook;     ///< what to check, in the runbook's words
};

/// The runbook's backup and archiving alerts over the metrics CNPG and the Barman Cloud plugin
/// export (both metric families, as Grafana 20417 reads them): no recent successful backup, the
/// last backup failed, archiving failing, WAL waiting to be archived, archiving delayed while WAL
/// waits. Every alert carries `namespace`, `cnpg_cluster` (from the pod name, as the CNPG chart
/// selects pods) and `severity`. Pure; any thread.
QList<AlertRule> backupAlertRules(const AlertScope& scope, const AlertThresholds& thresholds);

/// A monitoring.coreos.com/v1 PrometheusRule holding `rules` in one group, named and labelled as
/// the CNPG cluster chart names and labels its own rules. Pure; any thread.
QByteArray prometheusRuleYaml(const QList<AlertRule>& rules, const AlertScope& scope);

/// "24h", "90m", "3600s", "2d" (Prometheus's duration units from seconds to weeks, one unit).
/// Errors: Usage with the accepted forms in the hint.
Result<qint64> parseDurationSeconds(const QString& text);

} // namespace tideline::monitor
