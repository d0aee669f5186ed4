// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/views/TransfersView.h"

#include "src/models/TransferModel.h"

#include <QApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace tideline::gui {

namespace {
/// Draws the Progress column as a real progress bar (busy when the total is unknown).
class ProgressDelegate final : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        QStyledItemDelegate::paint(painter, option, QModelIndex()); // background and selection only
        const int percent = index.data(TransferModel::PercentRole).toInt();
        const auto state = static_cast<TransferModel::State>(index.data(TransferModel::StateRole).toInt());
        QStyleOptionProgressBar bar;
        bar.rect = option.rect.adjusted(3, 3, -3, -3);
        bar.minimum = 0;
        bar.maximum = 100;
        bar.progress = percent < 0 ? 0 : percent;
        bar.textVisible = true;
        bar.state = option.state | QStyle::State_Horizontal;
        if (percent < 0 && state == TransferModel::State::Running)
            bar.text = QStringLiteral("…");
        else if (state == TransferModel::State::Failed)
            bar.text = TransfersView::tr("failed");
        else if (state == TransferModel::State::Cancelled)
            bar.text = TransfersView::tr("cancelled");
        else
            bar.text = TransfersView::tr("%1%", "progress percent").arg(bar.progress);
        const QWidget* widget = option.widget;
        QStyle* style = widget ? widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
    }
};
} // namespace

TransfersView::TransfersView(TransferModel* model, QWidget* parent) : QWidget(parent), m_model(model)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    auto* buttons = new QHBoxLayout;
    m_cancel = new QToolButton(this);
    m_cancel->setObjectName(QStringLiteral("cancelJob"));
    m_cancel->setIcon(style()->standardIcon(QStyle::SP_BrowserStop));
    m_cancel->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_clear = new QToolButton(this);
    m_clear->setToolButtonStyle(Qt::ToolButtonTextOnly);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_clear);
    buttons->addStretch(1);
    layout->addLayout(buttons);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("transferTable"));
    m_table->setModel(m_model);
    m_table->setItemDelegateForColumn(TransferModel::ProgressBar, new ProgressDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    auto* header = m_table->horizontalHeader();
    header->setSectionResizeMode(TransferModel::Job, QHeaderView::Stretch);
    header->setSectionResizeMode(TransferModel::Status, QHeaderView::Interactive);
    m_table->setColumnWidth(TransferModel::Status, 240);
    m_table->setColumnWidth(TransferModel::ProgressBar, 160);
    for (int c : {TransferModel::Items, TransferModel::Rate, TransferModel::Eta, TransferModel::Elapsed})
        m_table->setColumnWidth(c, 90);
    layout->addWidget(m_table, 1);

    m_details = new QLabel(this);
    m_details->setObjectName(QStringLiteral("transferDetails"));
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->hide();
    layout->addWidget(m_details);

    m_tick = new QTimer(this);
    m_tick->setInterval(500);
    connect(m_tick, &QTimer::timeout, m_model, &TransferModel::tick);
    m_tick->start();

    connect(m_cancel, &QToolButton::clicked, this, &TransfersView::cancelSelected);
    connect(m_clear, &QToolButton::clicked, m_model, &TransferModel::clearFinished);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &TransfersView::updateButtons);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &TransfersView::updateButtons);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex&, int, int last) {
        m_table->scrollTo(m_model->index(last, 0));
        updateButtons();
    });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &TransfersView::updateButtons);
    retranslateUi();
    updateButtons();
}

TransfersView::~TransfersView() = default;

void TransfersView::retranslateUi()
{
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop the selected job (Del)"));
    m_clear->setText(tr("Clear finished"));
}

void TransfersView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        m_model->retranslate();
        updateButtons();
    }
    QWidget::changeEvent(event);
}

void TransfersView::cancelSelected()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    // Nothing selected: the newest running job, the one the user just started.
    int row = rows.isEmpty() ? -1 : rows.first().row();
    if (row < 0)
        for (int r = m_model->rowCount() - 1; r >= 0 && row < 0; --r)
            if (m_model->state(r) == TransferModel::State::Running)
                row = r;
    if (row >= 0 && m_model->state(row) == TransferModel::State::Running)
        emit cancelRequested(m_model->jobId(row));
}

void TransfersView::updateButtons()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    const int row = rows.isEmpty() ? -1 : rows.first().row();
    m_cancel->setEnabled(row >= 0 ? m_model->state(row) == TransferModel::State::Running : m_model->runningCount() > 0);
    // A failure explains itself where the user looks: under the list.
    int failed = row;
    if (failed < 0 || m_model->state(failed) != TransferModel::State::Failed) {
        failed = -1;
        for (int r = m_model->rowCount() - 1; r >= 0 && failed < 0; --r)
            if (m_model->state(r) == TransferModel::State::Failed)
                failed = r;
    }
    if (failed >= 0) {
        const QModelIndex status = m_model->index(failed, TransferModel::Status);
        const QString hint = status.data(TransferModel::HintRole).toString();
        m_details->setText(QStringLiteral("<b>%1</b><br>%2%3")
                               .arg(m_model->index(failed, TransferModel::Job).data().toString().toHtmlEscaped(),
                                    status.data().toString().toHtmlEscaped(),
                                    hint.isEmpty() ? QString() : tr("<br><i>Hint:</i> %1").arg(hint.toHtmlEscaped())));
        m_details->setStyleSheet(QStringLiteral("color: #d03030;"));
        m_details->show();
    } else {
        m_details->hide();
    }
}

} // namespace tideline::gui
