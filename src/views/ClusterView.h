// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/k8s/ClusterHealth.h"
#include "src/models/Format.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;
class QTableWidget;

namespace tideline::gui {

/// One CNPG cluster as Kubernetes tells it and as its bucket allows it: the backup half of
/// `kubectl cnpg status` with the bucket beside it, the discrepancies between the two, the
/// conditions, the Backup resources and the schedules. Every fact comes from k8s::ClusterHealth,
/// which `tideline-cli k8s status --json` prints. "Open bucket" asks the window to open the
/// cluster's archive in the bucket views.
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

signals:
    void openBucketRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void refresh();

    std::optional<k8s::ClusterHealth> m_health;
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
};

} // namespace tideline::gui
