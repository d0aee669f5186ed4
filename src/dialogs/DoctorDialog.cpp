// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/dialogs/DoctorDialog.h"

#include "src/jobs/JobRunner.h"
#include "src/models/Format.h"
#include "src/views/ChartStyle.h"
#include "ui_DoctorDialog.h"

#include <QEvent>
#include <QHeaderView>
#include <QPushButton>

namespace tideline::gui {

namespace {

enum Column { StatusColumn, CheckColumn, ServerColumn, FindingColumn, ColumnCount };

QString statusText(doctor::DoctorCheck::Status s)
{
    switch (s) {
    case doctor::DoctorCheck::Status::Ok: return DoctorDialog::tr("OK");
    case doctor::DoctorCheck::Status::Warn: return DoctorDialog::tr("Warning");
    case doctor::DoctorCheck::Status::Fail: return DoctorDialog::tr("Failure");
    case doctor::DoctorCheck::Status::Skipped: break;
    }
    return DoctorDialog::tr("Skipped");
}

QColor statusColor(doctor::DoctorCheck::Status s)
{
    switch (s) {
    case doctor::DoctorCheck::Status::Ok: return ChartStyle::ok();
    case doctor::DoctorCheck::Status::Warn: return ChartStyle::warning();
    case doctor::DoctorCheck::Status::Fail: return ChartStyle::trouble();
    case doctor::DoctorCheck::Status::Skipped: break;
    }
    return ChartStyle::muted();
}

} // namespace

DoctorDialog::DoctorDialog(JobRunner& runner, std::shared_ptr<storage::ObjectStore> store, doctor::DoctorOptions options,
                           const Clock& clock, QWidget* parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::DoctorDialog>()), m_runner(runner), m_store(std::move(store)),
      m_options(std::move(options)), m_clock(clock)
{
    m_ui->setupUi(this);
    m_ui->checkTable->setColumnCount(ColumnCount);
    m_ui->checkTable->verticalHeader()->hide();
    m_ui->checkTable->horizontalHeader()->setStretchLastSection(true);
    m_ui->probeCheck->setChecked(m_options.writeProbe);
    connect(m_ui->runButton, &QPushButton::clicked, this, &DoctorDialog::run);
    connect(m_ui->cancelButton, &QPushButton::clicked, this, [this] {
        if (m_job)
            m_runner.cancel(m_job);
    });
    connect(m_ui->closeButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_ui->checkTable, &QTableWidget::itemSelectionChanged, this, &DoctorDialog::showDetail);
    connect(&m_runner, &JobRunner::jobProgress, this, [this](quint64 id, const Progress& p) {
        if (id != m_job)
            return;
        m_ui->statusLabel->setText(p.phase);
        if (p.total > 0) {
            m_ui->progressBar->setRange(0, static_cast<int>(std::min<qint64>(p.total, 1'000'000)));
            m_ui->progressBar->setValue(static_cast<int>(std::min(p.done, p.total)));
        }
    });
    showReport();
    run();
}

DoctorDialog::~DoctorDialog()
{
    if (m_job)
        m_runner.cancel(m_job);
}

void DoctorDialog::run()
{
    if (m_job)
        m_runner.cancel(m_job); // its answer is dropped: m_job no longer names it
    m_options.writeProbe = m_ui->probeCheck->isChecked();
    setRunning(true);
    const std::shared_ptr<storage::ObjectStore> store = m_store;
    const doctor::DoctorOptions options = m_options;
    const Clock* clock = &m_clock;
    m_job = m_runner.run<doctor::DoctorReport>(
        tr("Doctor: %1").arg(options.source.toString()),
        [store, options, clock](JobContext& context) { return doctor::runDoctor(*store, options, context, {}, *clock); }, this,
        [this](Result<doctor::DoctorReport> report) {
            m_job = 0;
            setRunning(false);
            if (report) {
                m_report = std::move(*report);
                m_ui->statusLabel->setText(tr("Done."));
            } else {
                m_ui->statusLabel->setText(report.error().code == ErrorCode::Cancelled
                                               ? tr("Stopped.")
                                               : report.error().message + u' ' + report.error().hint);
            }
            showReport();
            emit finished();
        });
}

void DoctorDialog::setRunning(bool running)
{
    m_ui->runButton->setEnabled(!running);
    m_ui->probeCheck->setEnabled(!running);
    m_ui->cancelButton->setEnabled(running);
    m_ui->progressBar->setVisible(running);
    if (running) {
        m_ui->progressBar->setRange(0, 0);
        m_ui->statusLabel->setText(tr("Checking…"));
    }
}

void DoctorDialog::showReport()
{
    m_ui->sourceLabel->setText(m_options.server.isEmpty()
                                   ? tr("Checks %1 and every server under it.").arg(m_options.source.toString())
                                   : tr("Checks %1, server %2.").arg(m_options.source.toString(), m_options.server));
    m_ui->checkTable->setHorizontalHeaderLabels({tr("Status"), tr("Check"), tr("Server"), tr("Finding")});
    QTableWidget* table = m_ui->checkTable;
    table->setRowCount(0);
    if (!m_report) {
        m_ui->summaryLabel->clear();
        showDetail();
        return;
    }
    table->setRowCount(static_cast<int>(m_report->checks.size()));
    for (int row = 0; row < table->rowCount(); ++row) {
        const doctor::DoctorCheck& c = m_report->checks.at(row);
        auto* status = new QTableWidgetItem(statusText(c.status));
        status->setForeground(statusColor(c.status));
        QFont bold = status->font();
        bold.setBold(c.status == doctor::DoctorCheck::Status::Fail || c.status == doctor::DoctorCheck::Status::Warn);
        status->setFont(bold);
        table->setItem(row, StatusColumn, status);
        table->setItem(row, CheckColumn, new QTableWidgetItem(c.title));
        table->setItem(row, ServerColumn, new QTableWidgetItem(c.server));
        auto* finding = new QTableWidgetItem(c.message);
        finding->setToolTip(Format::plainTip(c.hint.isEmpty() ? c.message : c.message + u'\n' + c.hint));
        table->setItem(row, FindingColumn, finding);
    }
    table->resizeColumnsToContents();
    using S = doctor::DoctorCheck::Status;
    //: %1 checks passed, %2 warnings, %3 failures, %4 skipped
    m_ui->summaryLabel->setText(tr("<b>%1 ok</b>, %2 warning(s), %3 failure(s), %4 skipped")
                                    .arg(m_report->count(S::Ok))
                                    .arg(m_report->count(S::Warn))
                                    .arg(m_report->count(S::Fail))
                                    .arg(m_report->count(S::Skipped)));
    // The first failure (else warning) is what the user came for: select it.
    for (S wanted : {S::Fail, S::Warn}) {
        const auto it = std::find_if(m_report->checks.cbegin(), m_report->checks.cend(),
                                     [wanted](const doctor::DoctorCheck& c) { return c.status == wanted; });
        if (it != m_report->checks.cend()) {
            table->selectRow(static_cast<int>(it - m_report->checks.cbegin()));
            break;
        }
    }
    showDetail();
}

void DoctorDialog::showDetail()
{
    const auto rows =
        m_ui->checkTable->selectionModel() ? m_ui->checkTable->selectionModel()->selectedRows() : QModelIndexList{};
    if (!m_report || rows.isEmpty() || rows.first().row() >= m_report->checks.size()) {
        m_ui->detailLabel->setText(tr("Select a check to see what was found and what to do."));
        return;
    }
    const doctor::DoctorCheck& c = m_report->checks.at(rows.first().row());
    QString html = QStringLiteral("<b>%1</b><br>%2").arg(c.title.toHtmlEscaped(), c.message.toHtmlEscaped());
    if (!c.hint.isEmpty())
        html += QStringLiteral("<br><i>%1</i> %2").arg(tr("What to do:").toHtmlEscaped(), c.hint.toHtmlEscaped());
    m_ui->detailLabel->setText(html);
}

void DoctorDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        showReport();
    }
    QDialog::changeEvent(event);
}

} // namespace tideline::gui
