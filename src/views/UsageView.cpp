// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/views/UsageView.h"

#include "src/models/Format.h"
#include "src/models/UsageTableModel.h"
#include "src/views/ChartStyle.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedBarSeries>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>

namespace tideline::gui {

UsageView::UsageView(QWidget* parent) : QWidget(parent), m_model(new UsageTableModel(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("usageSplitter"));

    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_model);
    proxy->setSortRole(UsageTableModel::SortRole);
    m_table = new QTableView(splitter);
    m_table->setObjectName(QStringLiteral("usageTable"));
    m_table->setModel(proxy);
    m_table->horizontalHeader()->setResizeContentsPrecision(100); // widths from the first rows
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->setAlternatingRowColors(true);
    splitter->addWidget(m_table);

    auto* right = new QWidget(splitter);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    auto* pick = new QHBoxLayout;
    m_serverLabel = new QLabel(tr("Server:"), right);
    pick->addWidget(m_serverLabel);
    m_server = new QComboBox(right);
    m_serverLabel->setBuddy(m_server);
    m_server->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    pick->addWidget(m_server);
    pick->addStretch(1);
    rightLayout->addLayout(pick);
    m_chart = new QChart;
    m_chartView = new QChartView(m_chart, right);
    m_chartView->setRenderHint(QPainter::Antialiasing);
    rightLayout->addWidget(m_chartView, 1);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);

    connect(m_server, &QComboBox::currentTextChanged, this, &UsageView::rebuildChart);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
        if (current.isValid())
            setServer(current.data(UsageTableModel::ServerRole).toString());
    });
    ChartStyle::apply(m_chart, m_dark);
}

UsageView::~UsageView() = default;

void UsageView::setUsage(const QList<catalog::ServerUsage>& usage)
{
    const QString keep = m_server->currentText();
    m_model->setUsage(usage);
    m_table->resizeColumnsToContents();
    {
        const QSignalBlocker block(m_server);
        m_server->clear();
        for (const auto& u : usage)
            m_server->addItem(u.server);
        const int i = m_server->findText(keep);
        m_server->setCurrentIndex(i >= 0 ? i : 0);
    }
    rebuildChart();
}

void UsageView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_serverLabel->setText(tr("Server:"));
        m_model->retranslate();
        m_table->resizeColumnsToContents();
        ChartStyle::localize(m_chart);
        rebuildChart();
    }
    QWidget::changeEvent(event);
}

void UsageView::setServer(const QString& server)
{
    const int i = m_server->findText(server);
    if (i >= 0)
        m_server->setCurrentIndex(i);
}

void UsageView::setDark(bool dark)
{
    m_dark = dark;
    ChartStyle::apply(m_chart, dark);
    rebuildChart();
}

void UsageView::rebuildChart()
{
    m_chart->removeAllSeries();
    for (QAbstractAxis* axis : m_chart->axes())
        m_chart->removeAxis(axis);
    const QString server = m_server->currentText();
    const catalog::ServerUsage* usage = nullptr;
    for (const auto& u : m_model->usage())
        if (u.server == server)
            usage = &u;
    if (!usage || usage->months.isEmpty()) {
        m_chart->setTitle(tr("No objects"));
        return;
    }
    m_chart->setTitle(tr("%1: %2 (base %3, WAL %4)")
                          .arg(server, Format::bytes(usage->base.bytes + usage->wals.bytes),
                               Format::bytes(usage->base.bytes), Format::bytes(usage->wals.bytes)));
    // One unit for the whole axis, picked from the largest month, so bars compare directly.
    qint64 largest = 0;
    for (const auto& m : usage->months)
        largest = std::max(largest, m.base.bytes + m.wals.bytes);
    int unit = 0;
    double divisor = 1;
    while (unit < 4 && static_cast<double>(largest) / divisor >= 1024.0 * 10) {
        divisor *= 1024.0;
        ++unit;
    }
    auto* base = new QBarSet(tr("Base backups"));
    base->setColor(ChartStyle::base());
    auto* wals = new QBarSet(QStringLiteral("WAL"));
    wals->setColor(ChartStyle::wal());
    QStringList months;
    for (const auto& m : usage->months) {
        months << m.month;
        *base << static_cast<double>(m.base.bytes) / divisor;
        *wals << static_cast<double>(m.wals.bytes) / divisor;
    }
    auto* series = new QStackedBarSeries;
    series->append(base);
    series->append(wals);
    series->setBarWidth(months.size() == 1 ? 0.35 : 0.6);
    m_chart->addSeries(series);
    auto* monthAxis = new QBarCategoryAxis;
    monthAxis->append(months);
    monthAxis->setTitleText(tr("Month of upload (UTC)"));
    auto* bytesAxis = new QValueAxis;
    bytesAxis->setTitleText(tr("Size (%1)").arg(Format::unit(unit)));
    bytesAxis->setRange(0, std::max(1.0, static_cast<double>(largest) / divisor * 1.1));
    bytesAxis->setLabelFormat(QStringLiteral("%.0f"));
    bytesAxis->applyNiceNumbers();
    m_chart->addAxis(monthAxis, Qt::AlignBottom);
    m_chart->addAxis(bytesAxis, Qt::AlignLeft);
    series->attachAxis(monthAxis);
    series->attachAxis(bytesAxis);
}

} // namespace tideline::gui
