// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/dialogs/VerifyDialog.h"

#include "engine/catalog/WalEventIndex.h"
#include "src/jobs/JobRunner.h"
#include "src/models/Format.h"
#include "src/views/ChartStyle.h"
#include "ui_VerifyDialog.h"

#include <QEvent>
#include <QHeaderView>
#include <QLocale>
#include <QPushButton>

namespace tideline::gui {

namespace {
enum Column { KindColumn, ObjectColumn, ProblemColumn, ColumnCount };
} // namespace

VerifyDialog::VerifyDialog(JobRunner& runner, SnapshotPtr snapshot, std::shared_ptr<storage::ObjectStore> store,
                           QWidget* parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::VerifyDialog>()), m_runner(runner), m_snapshot(std::move(snapshot)),
      m_store(std::move(store))
{
    m_ui->setupUi(this);
    m_ui->problemTable->setColumnCount(ColumnCount);
    m_ui->problemTable->verticalHeader()->hide();
    m_ui->problemTable->horizontalHeader()->setStretchLastSection(true);
    connect(m_ui->runButton, &QPushButton::clicked, this, &VerifyDialog::run);
    connect(m_ui->cancelButton, &QPushButton::clicked, this, [this] {
        if (m_job)
            m_runner.cancel(m_job);
    });
    connect(m_ui->closeButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(&m_runner, &JobRunner::jobProgress, this, [this](quint64 id, const Progress& p) {
        if (id != m_job)
            return;
        m_ui->statusLabel->setText(p.phase);
        if (p.total > 0) {
            // Bytes or segments: scaled so a terabyte still fits an int.
            const double scale = p.total > 1'000'000 ? 1'000'000.0 / double(p.total) : 1.0;
            m_ui->progressBar->setRange(0, static_cast<int>(double(p.total) * scale));
            m_ui->progressBar->setValue(static_cast<int>(double(std::min(p.done, p.total)) * scale));
        }
    });
    showReport();
    run();
}

VerifyDialog::~VerifyDialog()
{
    if (m_job)
        m_runner.cancel(m_job);
}

void VerifyDialog::run()
{
    if (m_job)
        m_runner.cancel(m_job); // its answer is dropped: m_job no longer names it
    setRunning(true);
    m_error.clear();
    const catalog::ServerCatalog& catalog = m_snapshot->catalog;
    restore::VerifyOptions options;
    options.allBackups = true;
    options.wals = true;
    options.stateFile =
        catalog::defaultServerCacheDir(catalog.source, catalog.server) + QStringLiteral("/verified-backups.json");
    options.walCacheDir = catalog::defaultWalEventCacheDir(catalog.source, catalog.server);
    options.full = m_ui->fullCheck->isChecked();
    const SnapshotPtr snapshot = m_snapshot;
    const std::shared_ptr<storage::ObjectStore> store = m_store;
    m_job = m_runner.run<restore::VerifyReport>(
        tr("Verify: %1").arg(catalog.server),
        [snapshot, store, options](JobContext& context) {
            return restore::runVerify(*store, snapshot->catalog, options, context);
        },
        this,
        [this](Result<restore::VerifyReport> report) {
            m_job = 0;
            setRunning(false);
            if (report) {
                m_report = std::move(*report);
                m_ui->statusLabel->setText(tr("Done."));
            } else {
                m_report.reset();
                m_error = report.error().code == ErrorCode::Cancelled ? tr("Stopped.")
                                                                      : report.error().message + u' ' + report.error().hint;
                m_ui->statusLabel->setText(m_error);
            }
            showReport();
            emit finished();
        });
}

void VerifyDialog::setRunning(bool running)
{
    m_ui->runButton->setEnabled(!running);
    m_ui->fullCheck->setEnabled(!running);
    m_ui->cancelButton->setEnabled(running);
    m_ui->progressBar->setVisible(running);
    if (running) {
        m_ui->progressBar->setRange(0, 0);
        m_ui->statusLabel->setText(tr("Reading…"));
    }
}

void VerifyDialog::showReport()
{
    const catalog::ServerCatalog& catalog = m_snapshot->catalog;
    m_ui->sourceLabel->setText(tr("Reads every backup and WAL segment of server %1 in %2 as a restore would, writing "
                                  "nothing, and lists what a restore would trip on.")
                                   .arg(catalog.server, catalog.source.toString()));
    m_ui->problemTable->setHorizontalHeaderLabels({tr("Kind"), tr("Object"), tr("Problem")});
    QTableWidget* table = m_ui->problemTable;
    table->setRowCount(0);
    if (!m_report) {
        m_ui->summaryLabel->setText(m_error.toHtmlEscaped());
        return;
    }
    const restore::VerifyReport& r = *m_report;
    table->setRowCount(static_cast<int>(r.problems.size()));
    for (int row = 0; row < table->rowCount(); ++row) {
        const restore::VerifyProblem& p = r.problems.at(row);
        auto* kind = new QTableWidgetItem(p.kind);
        kind->setForeground(ChartStyle::trouble());
        table->setItem(row, KindColumn, kind);
        table->setItem(row, ObjectColumn, new QTableWidgetItem(p.key));
        auto* problem = new QTableWidgetItem(p.message);
        problem->setToolTip(Format::plainTip(p.message));
        table->setItem(row, ProblemColumn, problem);
    }
    table->resizeColumnsToContents();
    const QLocale locale;
    QString verdict = r.ok()
        ? QStringLiteral("<b style=\"color:%1\">%2</b>").arg(ChartStyle::ok().name(), tr("No problem found."))
        : QStringLiteral("<b style=\"color:%1\">%2</b>")
              .arg(ChartStyle::trouble().name(), tr("%n problem(s).", nullptr, int(r.problems.size())));
    //: %1 backups, %2 segments found, %3 missing but harmless, %4 missing where a restore needs them
    verdict += u' '
        + tr("%n backup(s); WAL: %1 found, %2 missing before every backup, %3 missing where a restore needs them.", nullptr,
             int(r.backups.size()))
              .arg(r.walFound)
              .arg(r.walMissingHarmless)
              .arg(r.walMissingFatal)
              .toHtmlEscaped();
    //: %1 objects, %2 a size, %3 objects unchanged since an earlier run
    verdict += QStringLiteral("<br>")
        + tr("Read now: %1 objects, %2. Unchanged since an earlier run: %3 objects.")
              .arg(r.objectsChecked)
              .arg(locale.formattedDataSize(r.bytesChecked, 1, QLocale::DataSizeTraditionalFormat))
              .arg(r.objectsRemembered)
              .toHtmlEscaped();
    if (r.backupsLeftOut > 0)
        verdict += QStringLiteral("<br>")
            + tr("%n failed or unfinished backup(s) left out.", nullptr, r.backupsLeftOut).toHtmlEscaped();
    m_ui->summaryLabel->setText(verdict);
}

void VerifyDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        showReport();
    }
    QDialog::changeEvent(event);
}

} // namespace tideline::gui
