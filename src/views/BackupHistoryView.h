// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "src/models/Format.h"
#include "src/models/ServerSnapshot.h"

#include <QWidget>

class QChart;
class QChartView;
class QLabel;
class QScatterSeries;
class QSortFilterProxyModel;
class QTableView;

namespace tideline::gui {

class BackupTableModel;

/// Every backup over time: size and duration on a chart (failures and unfinished ones in red),
/// with the sortable catalog table below. Hovering a point shows the backup; clicking it selects
/// its row, and selecting a row marks its point and shows its details.
class BackupHistoryView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BackupHistoryView)

public:
    explicit BackupHistoryView(QWidget* parent = nullptr);
    ~BackupHistoryView() override;

    void setSnapshot(SnapshotPtr snapshot);
    void setTimeZone(TimeZoneMode zone);
    void setDark(bool dark);

    QTableView* table() const { return m_table; }
    QSortFilterProxyModel* proxy() const { return m_proxy; }
    BackupTableModel* model() const { return m_model; }
    QChart* chart() const { return m_chart; }
    /// Selects a backup's row (and its point); false when the id is unknown.
    bool selectBackup(const QString& id);
    QString selectedBackup() const;
    QString detailsText() const;

signals:
    void backupSelected(const QString& id);

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuildChart();
    void updateSummary();
    void updateSelection();
    QString describe(const catalog::BackupEntry& entry) const;
    void pointHovered(const QPointF& point, bool state);
    void pointClicked(const QPointF& point);
    const catalog::BackupEntry* entryAt(const QPointF& point) const;

    BackupTableModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QTableView* m_table = nullptr;
    QChart* m_chart = nullptr;
    QChartView* m_chartView = nullptr;
    QScatterSeries* m_selected = nullptr;
    QLabel* m_details = nullptr;
    QLabel* m_summary = nullptr;
    TimeZoneMode m_zone = TimeZoneMode::Utc;
    bool m_dark = false;
};

} // namespace tideline::gui
