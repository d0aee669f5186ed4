// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/catalog/BucketUsage.h"

#include <QWidget>

class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QTableView;

namespace tideline::gui {

class UsageTableModel;

/// Where the bytes are: per server, base backups vs WAL, per month — the table of
/// `tideline-cli usage` beside a stacked bar chart of one server's months.
class UsageView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UsageView)

public:
    explicit UsageView(QWidget* parent = nullptr);
    ~UsageView() override;

    void setUsage(const QList<catalog::ServerUsage>& usage);
    /// The server the chart shows.
    void setServer(const QString& server);
    void setDark(bool dark);
    UsageTableModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    QChart* chart() const { return m_chart; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuildChart();

    UsageTableModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_serverLabel = nullptr;
    QComboBox* m_server = nullptr;
    QChart* m_chart = nullptr;
    QChartView* m_chartView = nullptr;
    bool m_dark = false;
};

} // namespace tideline::gui
