// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/dialogs/RestoreWizard.h"

#include "engine/core/Timestamp.h"
#include "engine/pitr/RecoveryPlanner.h"
#include "engine/restore/PostgresRestoreCommand.h"
#include "src/jobs/JobRunner.h"
#include "src/models/Format.h"
#include "ui_RestoreWizard.h"

#include <QApplication>
#include <QButtonGroup>
#include <QClipboard>
#include <QComboBox>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTextBrowser>

#include <algorithm>
#include <limits>

namespace tideline::gui {

namespace {
GatePage* gate(QWizard* w, int id)
{
    return static_cast<GatePage*>(w->page(id));
}

} // namespace

RestoreWizard::Text RestoreWizard::fixed(const QString& text)
{
    return [text] { return text; };
}

QString RestoreWizard::locateCli()
{
    const QString env = qEnvironmentVariable("TIDELINE_CLI");
    if (!env.isEmpty())
        return QFileInfo(env).isExecutable() ? QFileInfo(env).absoluteFilePath() : QString();
    const QDir dir(QCoreApplication::applicationDirPath());
    for (const QString& candidate :
         {dir.filePath(QStringLiteral("tideline-cli")), dir.filePath(QStringLiteral("../cli/tideline-cli"))}) {
        const QFileInfo fi(candidate);
        if (fi.isFile() && fi.isExecutable())
            return fi.canonicalFilePath();
    }
    return {};
}

QString RestoreWizard::restoreCommand(const QString& cli, const Source& source)
{
    return restore::walRestoreCommand({cli, source.url, source.server, source.endpoint, source.profile, source.region,
                                       QString(), QString(), false, QString(), QString()});
}

RestoreWizard::RestoreWizard(JobRunner& runner, SnapshotPtr snapshot, std::shared_ptr<storage::ObjectStore> store,
                             Source source, const pitr::RecoveryTarget& target, std::optional<pitr::RecoveryPlan> plan,
                             QWidget* parent)
    : QWizard(parent), m_runner(runner), m_snapshot(std::move(snapshot)), m_store(std::move(store)),
      m_source(std::move(source)), m_target(target), m_ui(new Ui::RestoreWizard)
{
    setWindowTitle(tr("Restore %1").arg(m_source.server));
    setOption(QWizard::NoBackButtonOnLastPage, true);
    if (plan)
        m_plan = std::move(*plan);
    else if (m_snapshot)
        m_plan = pitr::planRecovery(m_snapshot->catalog, m_target, {}, m_snapshot->events.get());
    buildPages();
    connect(&m_runner, &JobRunner::jobProgress, this, [this](quint64 id, const Progress& p) {
        if (id != m_jobId)
            return;
        setRunStatus(fixed(p.phase)); // the engine's, in the language of the moment
        if (p.total > 0) {
            m_progress->setRange(0, 1000);
            m_progress->setValue(static_cast<int>(1000.0 * static_cast<double>(p.done) / static_cast<double>(p.total)));
        } else {
            m_progress->setRange(0, 0);
        }
    });
}

RestoreWizard::~RestoreWizard()
{
    // A job outliving the wizard keeps running to its own end (its result is dropped), unless
    // cancelled here: a closed wizard must not leave a restore going unseen.
    if (m_running)
        m_runner.cancel(m_jobId);
}

void RestoreWizard::buildPages()
{
    // The object name, size, style and the pages (under their PageId) come from the form.
    m_ui->setupUi(this);

    // Target.
    m_targetSummary = m_ui->targetSummary;
    m_ui->targetPage->complete = [this] { return m_plan.ok(); };

    // What to do.
    GatePage* actionPage = m_ui->actionPage;
    m_actions = new QButtonGroup(actionPage);
    for (int i = 0; QRadioButton * r : {m_ui->action0, m_ui->action1, m_ui->action2})
        m_actions->addButton(r, i++);
    m_actions->button(0)->setChecked(true);
    m_options = m_ui->actionOptions;

    m_mode = m_ui->manifestMode;
    m_cluster = m_ui->clusterName;
    m_cluster->setText(m_source.server + QStringLiteral("-restored"));
    m_namespace = m_ui->nameSpace;
    m_secret = m_ui->secretName;
    m_plugin = m_ui->pluginObjectStore;
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this](int i) {
        // In place recreates the cluster under its own name.
        if (i == 1)
            m_cluster->setText(m_source.server);
    });

    m_destination = m_ui->destination;
    connect(m_ui->browseDestination, &QPushButton::clicked, this, [this] {
        auto* dialog = new QFileDialog(this, tr("Restore into"));
        dialog->setFileMode(QFileDialog::Directory);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QFileDialog::fileSelected, m_destination, &QLineEdit::setText);
        dialog->open();
    });
    m_jobs = m_ui->jobs;
    m_targetAction = m_ui->targetAction;

    m_checks = m_ui->checkQueries;
    connect(m_actions, &QButtonGroup::idClicked, m_options, &QStackedWidget::setCurrentIndex);
    actionPage->complete = [this] {
        if (action() == Action::LocalRestore)
            return QDir::isAbsolutePath(m_destination->text().trimmed());
        if (action() == Action::Manifest)
            return !m_cluster->text().trimmed().isEmpty();
        return true;
    };
    connect(m_destination, &QLineEdit::textChanged, actionPage, &GatePage::recheck);
    connect(m_cluster, &QLineEdit::textChanged, actionPage, &GatePage::recheck);
    connect(m_actions, &QButtonGroup::idClicked, actionPage, &GatePage::recheck);

    // Review.
    GatePage* reviewPage = m_ui->reviewPage;
    m_review = m_ui->review;
    m_confirmLabel = m_ui->confirmLabel;
    m_confirm = m_ui->confirmServer;
    reviewPage->complete = [this] { return !isDestructive() || m_confirm->text() == m_source.server; };
    connect(m_confirm, &QLineEdit::textChanged, reviewPage, &GatePage::recheck);

    // Run and result.
    GatePage* runPage = m_ui->runPage;
    runPage->setFinalPage(true);
    m_runStatus = m_ui->runStatus;
    m_progress = m_ui->runProgress;
    m_cancel = m_ui->cancelRun;
    connect(m_cancel, &QPushButton::clicked, this, &RestoreWizard::cancelRun);
    m_results = m_ui->results;
    m_yaml = m_ui->yamlView;
    m_yaml->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_notes = m_ui->manifestNotes;
    connect(m_ui->copyManifest, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_yaml->toPlainText()); });
    connect(m_ui->saveManifest, &QPushButton::clicked, this, &RestoreWizard::saveManifest);
    m_report = m_ui->reportView;
    m_history = m_ui->historyLabel;
    runPage->complete = [this] { return m_finished; };
    connect(this, &RestoreWizard::runFinished, runPage, &GatePage::recheck);
}

void RestoreWizard::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange && m_targetSummary) {
        // The form's titles, labels and placeholders; the combo boxes keep their choice and the
        // line edits (no text in the form but notr values) what was typed.
        m_ui->retranslateUi(this);
        retranslate();
    }
    QWizard::changeEvent(event);
}

void RestoreWizard::retranslate()
{
    setWindowTitle(tr("Restore %1").arg(m_source.server));
    if (hasVisitedPage(TargetPage))
        updateTargetSummary();
    if (hasVisitedPage(ReviewPage))
        updateReview();
    if (m_runStatusText)
        m_runStatus->setText(m_runStatusText());
    if (m_manifest)
        showManifestNotes();
    if (m_restoreReport)
        m_report->setMarkdown(m_restoreReport->toMarkdown());
    if (m_drillReport)
        m_report->setMarkdown(m_drillReport->toMarkdown());
    if (m_historyRead)
        showHistory();
}

RestoreWizard::Action RestoreWizard::action() const
{
    return static_cast<Action>(std::max(0, m_actions->checkedId()));
}

void RestoreWizard::setAction(Action a)
{
    m_actions->button(static_cast<int>(a))->setChecked(true);
    m_options->setCurrentIndex(static_cast<int>(a));
    gate(this, ActionPage)->recheck();
}

bool RestoreWizard::isDestructive() const
{
    return action() == Action::Manifest && m_mode->currentIndex() == 1;
}

QString RestoreWizard::reviewText() const
{
    QString html = QStringLiteral("<h3>%1</h3><p>%2</p>")
                       .arg(tr("Plan", "review heading"),
                            tr("%1 — verdict <b>%2</b>")
                                .arg(m_target.describe().toHtmlEscaped(),
                                     pitr::RecoveryPlan::verdictText(m_plan.verdict).toHtmlEscaped()));
    QStringList path;
    for (auto t : m_plan.timelinePath)
        path << QString::number(t);
    html += QStringLiteral("<p>%1</p>")
                .arg(tr("Base backup <b>%1</b>; timelines %2; WAL %Ln segment(s) from %3; download %4; estimated %5.",
                        nullptr, Format::count(m_plan.requiredWal.count))
                         .arg(m_plan.backupId.toHtmlEscaped(), path.join(QStringLiteral(" → ")), m_plan.requiredWal.first,
                              Format::bytes(m_plan.downloadBytes), Format::duration(m_plan.estimatedSeconds * 1'000'000)));
    for (const QString& w : m_plan.warnings)
        html += QStringLiteral("<p style='color:#d07a10'>⚠ %1</p>").arg(w.toHtmlEscaped());
    html += QStringLiteral("<h3>%1</h3>").arg(tr("What will be written where"));
    switch (action()) {
    case Action::Manifest:
        html += QStringLiteral("<p>%1</p>")
                    .arg(tr("Nothing is written anywhere: the manifest is shown, to copy or save, for cluster <b>%1</b> "
                            "in namespace <b>%2</b> (%3). Apply it yourself with kubectl or through GitOps.")
                             .arg(m_cluster->text().toHtmlEscaped(), m_namespace->text().toHtmlEscaped(),
                                  isDestructive() ? tr("in place: the cluster must be deleted first") : tr("a new cluster")));
        break;
    case Action::LocalRestore:
        html += QStringLiteral("<p>%1</p><pre>%2</pre>")
                    .arg(tr("The base backup is extracted into <b>%1</b> (it must be absent or empty: the engine "
                            "refuses a non-empty one), with recovery.signal and a restore_command:")
                             .arg(m_destination->text().toHtmlEscaped()),
                         restoreCommand(locateCli(), m_source).toHtmlEscaped());
        break;
    case Action::Drill:
        html += QStringLiteral("<p>%1</p>")
                    .arg(tr("A scratch directory under %1 is restored into, PostgreSQL 15 is started on it (no TCP "
                            "port, archive_mode=off), checked, stopped and removed. The report is added to this "
                            "server's drill history.")
                             .arg(QDir::tempPath().toHtmlEscaped()));
        break;
    }
    if (!m_plan.ok())
        html += QStringLiteral("<h3>%1</h3><p>%2</p><p><i>%3</i></p>")
                    .arg(tr("Refused"), m_plan.reason.toHtmlEscaped(), m_plan.hint.toHtmlEscaped());
    if (action() != Action::Manifest && locateCli().isEmpty())
        html += QStringLiteral("<h3>%1</h3><p>%2</p>")
                    .arg(tr("Refused"),
                         tr("tideline-cli was not found next to this program nor in ../cli; set "
                            "TIDELINE_CLI to its path."));
    return html;
}

void RestoreWizard::updateTargetSummary()
{
    QString html =
        QStringLiteral("<p>%1</p><p>%2</p>")
            .arg(tr("<b>%1</b> of <b>%2</b> (%3)")
                     .arg(m_target.describe().toHtmlEscaped(), m_source.server.toHtmlEscaped(), m_source.url.toHtmlEscaped()),
                 tr("Verdict: <b>%1</b>; base backup %2.")
                     .arg(pitr::RecoveryPlan::verdictText(m_plan.verdict).toHtmlEscaped(),
                          m_plan.backupId.isEmpty() ? tr("none", "no base backup") : m_plan.backupId.toHtmlEscaped()));
    if (!m_plan.ok())
        html += QStringLiteral("<p style='color:#d02020'>%1</p><p>%2</p>")
                    .arg(tr("Refused: %1<br><i>%2</i>").arg(m_plan.reason.toHtmlEscaped(), m_plan.hint.toHtmlEscaped()),
                         tr("Pick another target on the timeline."));
    m_targetSummary->setText(html);
}

void RestoreWizard::updateReview()
{
    m_review->setHtml(reviewText());
    m_confirmLabel->setText(tr("<b>In place</b> replaces the cluster %1. Type the server name <b>%1</b> to go on.")
                                .arg(m_source.server.toHtmlEscaped()));
}

void RestoreWizard::initializePage(int id)
{
    switch (id) {
    case TargetPage: updateTargetSummary(); break;
    case ReviewPage:
        updateReview();
        m_confirm->clear();
        m_confirm->setVisible(isDestructive());
        m_confirmLabel->setVisible(isDestructive());
        gate(this, ReviewPage)->recheck();
        break;
    case RunPage: startRun(); break;
    default: break;
    }
}

bool RestoreWizard::validateCurrentPage()
{
    // Going back from the result to run again would leave the first run's output in sight.
    return !m_running && QWizard::validateCurrentPage();
}

void RestoreWizard::done(int result)
{
    if (m_running)
        cancelRun();
    QWizard::done(result);
}

void RestoreWizard::startRun()
{
    m_finished = m_succeeded = false;
    m_manifest.reset();
    m_restoreReport.reset();
    m_drillReport.reset();
    m_resultText = nullptr;
    m_runStatusText = nullptr;
    m_historyRead = false;
    m_yaml->clear();
    m_report->clear();
    m_history->clear();
    m_progress->setRange(0, 0);
    m_progress->show();
    m_cancel->show();
    if (!m_snapshot || !m_plan.ok()) {
        showResult(false, [this] { return tr("Refused: %1").arg(m_plan.reason); });
        return;
    }
    if (action() == Action::Manifest) {
        // Pure and quick: no job needed.
        m_results->setCurrentIndex(0);
        pitr::ManifestOptions o;
        o.clusterName = m_cluster->text().trimmed();
        o.nameSpace = m_namespace->text().trimmed();
        o.mode = isDestructive() ? pitr::ManifestOptions::Mode::InPlace : pitr::ManifestOptions::Mode::New;
        o.endpointUrl = m_source.endpoint;
        if (!m_secret->text().trimmed().isEmpty())
            o.secretName = m_secret->text().trimmed();
        o.pluginObjectStore = m_plugin->text().trimmed();
        o.existingServers = m_source.servers;
        auto m = pitr::writeManifest(m_snapshot->catalog, m_plan, o);
        if (!m) {
            showResult(false, fixed(m.error().oneLine()));
            return;
        }
        m_manifest = *m;
        m_yaml->setPlainText(m->yaml);
        showManifestNotes();
        showResult(true, [this] {
            return tr("The manifest recovers backup %1; the recovered cluster archives as %2.")
                .arg(m_plan.backupId, m_manifest ? m_manifest->archiveServer : QString());
        });
        return;
    }
    const QString cli = locateCli();
    if (cli.isEmpty() || !m_store) {
        const bool noCli = cli.isEmpty();
        showResult(false, [noCli] {
            return noCli ? tr("tideline-cli not found; set TIDELINE_CLI to its path.") : tr("The source is not open.");
        });
        return;
    }
    m_results->setCurrentIndex(1);
    auto store = m_store;
    auto snapshot = m_snapshot;
    const pitr::RecoveryPlan plan = m_plan;
    m_running = true;
    if (action() == Action::LocalRestore) {
        restore::RestoreOptions o;
        o.destination = QDir(m_destination->text().trimmed()).absolutePath();
        o.jobs = m_jobs->value();
        o.action = static_cast<restore::RestoreOptions::TargetAction>(m_targetAction->currentIndex());
        o.restoreCommand = restoreCommand(cli, m_source);
        setRunStatus([destination = o.destination] { return tr("Restoring into %1 …").arg(destination); });
        m_jobId = m_runner.run<restore::RestoreReport>(
            tr("Restore %1 into %2").arg(plan.backupId, o.destination),
            [store, snapshot, plan, o](JobContext& ctx) {
                return restore::runRestore(*store, snapshot->catalog, plan, o, ctx);
            },
            this,
            [this](Result<restore::RestoreReport> r) {
                m_running = false;
                if (!r) {
                    showResult(false, fixed(r.error().oneLine()));
                    return;
                }
                m_restoreReport = *r;
                m_report->setMarkdown(r->toMarkdown());
                showResult(true, [destination = r->destination] { return tr("Restored into %1.").arg(destination); });
            });
    } else {
        restore::DrillOptions o;
        o.restoreCommand = restoreCommand(cli, m_source);
        o.environment = m_source.environment;
        for (const QString& line : m_checks->toPlainText().split(QLatin1Char('\n')))
            if (!line.trimmed().isEmpty())
                o.checkSql << line.trimmed();
        setRunStatus([backupId = plan.backupId] { return tr("Drilling %1 …").arg(backupId); });
        m_jobId = m_runner.run<restore::DrillReport>(
            tr("Drill %1 of %2").arg(plan.target.describe(), m_source.server),
            [store, snapshot, plan, o](JobContext& ctx) -> Result<restore::DrillReport> {
                auto r = restore::runDrill(*store, snapshot->catalog, plan, o, ctx);
                // The history file is written here, off the GUI thread: it is I/O too.
                if (r)
                    (void)restore::appendDrillHistory(*r);
                return r;
            },
            this,
            [this](Result<restore::DrillReport> r) {
                m_running = false;
                if (!r) {
                    showResult(false, fixed(r.error().oneLine()));
                    return;
                }
                m_drillReport = *r;
                m_report->setMarkdown(r->toMarkdown());
                updateHistory();
                const bool passed = r->passed;
                const qint64 usec = static_cast<qint64>(r->totalSeconds * 1e6);
                const QString reasons = r->reasons.join(QStringLiteral("; "));
                showResult(passed, [passed, usec, reasons] {
                    return passed ? tr("The drill passed in %1.").arg(Format::duration(usec))
                                  : tr("The drill failed: %1").arg(reasons);
                });
            });
    }
}

void RestoreWizard::updateHistory()
{
    // A small JSON-lines file in the user's data directory; read after the job, like settings.
    const restore::DrillHistorySummary history = restore::summarizeDrills(
        restore::drillHistory(m_source.server, m_snapshot ? m_snapshot->catalog.source.toString() : QString()));
    const auto lastPassed = Timestamp::parse(history.lastPassedAt);
    const qint64 lastPass = lastPassed ? lastPassed->usecUtc : 0;
    const int passed = history.passed;
    m_historyRead = true;
    m_historyDrills = history.drills;
    m_historyPassed = passed;
    m_historyLastPass = lastPass;
    showHistory();
}

void RestoreWizard::setClock(const Clock& clock)
{
    m_clock = &clock;
    if (m_historyRead)
        showHistory();
}

void RestoreWizard::showHistory()
{
    QString text = tr("Drill history of %1: %Ln drill(s), %2 passed.", nullptr, Format::count(m_historyDrills))
                       .arg(m_source.server, QLocale().toString(m_historyPassed));
    if (m_historyLastPass > 0)
        text += QLatin1Char(' ') + tr("Last passing drill: %1.").arg(Format::age(m_historyLastPass, m_clock->nowUsec()));
    m_history->setText(text);
}

void RestoreWizard::showManifestNotes()
{
    if (!m_manifest)
        return;
    QString notes = QStringLiteral("<b>%1</b><ul>").arg(tr("Before applying:"));
    for (const QString& n : m_manifest->notes)
        notes += QStringLiteral("<li>%1</li>").arg(n.toHtmlEscaped());
    notes += QStringLiteral("</ul>");
    m_notes->setText(notes);
}

void RestoreWizard::setRunStatus(Text text)
{
    m_runStatusText = std::move(text);
    m_runStatus->setText(m_runStatusText());
}

void RestoreWizard::showResult(bool ok, Text message)
{
    m_finished = true;
    m_succeeded = ok;
    m_resultText = std::move(message);
    setRunStatus([this, ok] {
        const QString text = m_resultText ? m_resultText() : QString();
        return ok ? text : QStringLiteral("<span style='color:#d02020'>%1</span>").arg(text.toHtmlEscaped());
    });
    m_progress->hide();
    m_cancel->hide();
    emit runFinished(ok);
}

QString RestoreWizard::resultMessage() const
{
    return m_resultText ? m_resultText() : QString();
}

void RestoreWizard::cancelRun()
{
    if (m_running)
        m_runner.cancel(m_jobId);
}

void RestoreWizard::saveManifest()
{
    auto* dialog = new QFileDialog(this, tr("Save the manifest"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setNameFilter(QStringLiteral("YAML (*.yaml *.yml)"));
    dialog->selectFile(m_cluster->text().trimmed() + QStringLiteral(".yaml"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString& file) {
        // A few KiB to a local file the user just chose: not the network I/O the rule is about.
        QSaveFile out(file);
        if (out.open(QIODevice::WriteOnly) && out.write(m_yaml->toPlainText().toUtf8()) >= 0 && out.commit())
            setRunStatus([file] { return tr("Saved to %1.").arg(file); });
        else
            setRunStatus([file] { return tr("Cannot write %1.").arg(file); });
    });
    dialog->open();
}

} // namespace tideline::gui
