// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/k8s/ClusterHealth.h"
#include "engine/monitor/ArchiverHealth.h"
#include "engine/monitor/ClusterArchiving.h"
#include "engine/monitor/LagHistory.h"
#include "src/models/Format.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace tideline::gui {

class ArchivingChart;

/// One CNPG cluster as Kubernetes tells it and as its bucket allows it: the backup half of
/// `kubectl cnpg status` with the bucket beside it, the discrepancies between the two, the
/// conditions, the Backup resources and the schedules. Every fact comes from k8s::ClusterHealth,
/// which `tideline-cli k8s status --json` prints. "Open bucket" asks the window to open the
/// cluster's archive in the bucket views. Below, the archiving as the instances report it through
/// pods/proxy (monitor::readClusterArchiving, `k8s metrics --json`) and the lag history chart.
class ClusterView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterView)

public:
    explicit ClusterView(QWidget* parent = nullptr);
    ~ClusterView() override;

    void setHealth(const k8s::ClusterHealth& health);
    /// A message in place of (or above, while a reload runs) the facts.
    void showMessage(const QString& title, const QString& text, bool error);
    void setLoading(const QString& clusterName);
    void setTimeZone(TimeZoneMode zone);
    const std::optional<k8s::ClusterHealth>& health() const { return m_health; }

    /// The latest archiving reading (KubeSession's sampler); health is the primary's assessment.
    void setArchiving(const monitor::ClusterArchiving& cluster, const std::optional<monitor::ArchiverHealth>& health);
    /// Why no reading can be shown (pods/proxy forbidden, …): replaces the last one, never kept stale.
    void setArchivingError(const QString& message);
    /// The stored samples for the chart, over the range picked, ending at nowUsec.
    void setLagHistory(const QList<monitor::LagSample>& samples, qint64 nowUsec);
    /// The chart's range in seconds (the combo box: 1 h, 24 h, 7 d, 30 d).
    qint64 lagRangeSeconds() const;
    ArchivingChart* lagChart() const { return m_lagChart; }

signals:
    void openBucketRequested();
    void lagRangeChanged();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void refresh();
    void showBadge();

    std::optional<k8s::ClusterHealth> m_health;
    std::optional<monitor::ArchiverHealth> m_archivingHealth; ///< the latest reading's, none after a failed one
    TimeZoneMode m_zone = TimeZoneMode::Utc;
    QLabel* m_title = nullptr;
    QLabel* m_subtitle = nullptr;
    QLabel* m_facts = nullptr;
    QPushButton* m_openBucket = nullptr;
    QLabel* m_discrepancyCaption = nullptr;
    QTableWidget* m_discrepancies = nullptr;
    QLabel* m_conditionCaption = nullptr;
    QTableWidget* m_conditions = nullptr;
    QLabel* m_backupCaption = nullptr;
    QTableWidget* m_backups = nullptr;
    QLabel* m_scheduleCaption = nullptr;
    QTableWidget* m_schedules = nullptr;
    QLabel* m_archivingCaption = nullptr;
    QLabel* m_archivingFacts = nullptr;
    QComboBox* m_lagRange = nullptr;
    ArchivingChart* m_lagChart = nullptr;
};

} // namespace tideline::gui
