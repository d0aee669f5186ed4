// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/dialogs/RetentionDialog.h"

#include "engine/retention/RetentionRun.h"
#include "src/jobs/JobRunner.h"
#include "src/models/Format.h"
#include "src/views/PitrTimeline.h"
#include "ui_RetentionDialog.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLocale>
#include <QPushButton>
#include <QTimer>

namespace tideline::gui {

namespace {

enum Column { Id, Status, Action, Keep, Reason, ColumnCount };

// The apply job's answer: what it did (nothing when the bucket no longer gives the plan the
// user saw), and the bucket as it is afterwards.
struct ApplyResult {
    bool changed = false;
    retention::RetentionOutcome outcome;
    SnapshotPtr snapshot;
};

Result<SnapshotPtr> reload(storage::ObjectStore& store, const catalog::ServerCatalog& catalog, JobContext& context)
{
    auto fresh = catalog::loadServerCatalog(store, catalog.source, catalog.server, context);
    if (!fresh)
        return fail(fresh.error());
    return ServerSnapshot::make(std::move(*fresh));
}

} // namespace

RetentionDialog::RetentionDialog(JobRunner& runner, SnapshotPtr snapshot, std::shared_ptr<storage::ObjectStore> store,
                                 QWidget* parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::RetentionDialog>()), m_runner(runner), m_snapshot(std::move(snapshot)),
      m_store(std::move(store))
{
    m_ui->setupUi(this);
    m_ui->backupTable->setColumnCount(ColumnCount);
    m_ui->backupTable->verticalHeader()->hide();
    m_ui->backupTable->horizontalHeader()->setStretchLastSection(true);
    m_ui->nowEdit->setDateTime(QDateTime::fromMSecsSinceEpoch(m_clock->nowUsec() / 1000, Qt::UTC));
    // The plan drawn on the server's timeline: what goes, and where restoring will start.
    m_timeline = new PitrTimeline(this);
    m_timeline->setObjectName(QStringLiteral("retentionTimeline"));
    m_timeline->setMinimumHeight(m_timeline->sizeHint().height() * 3 / 4);
    m_timeline->setSnapshot(m_snapshot);
    m_ui->mainLayout->insertWidget(m_ui->mainLayout->indexOf(m_ui->backupTable), m_timeline);

    // Typing settles before a preview starts: each one plans the whole catalog on a worker.
    auto* debounce = new QTimer(this);
    debounce->setSingleShot(true);
    debounce->setInterval(250);
    connect(debounce, &QTimer::timeout, this, &RetentionDialog::preview);
    // Whatever is on screen stops being applicable the moment an input changes.
    const auto changed = [this, debounce] {
        ++m_generation;
        updateButtons();
        debounce->start();
    };
    connect(m_ui->policyEdit, &QLineEdit::textChanged, this, changed);
    connect(m_ui->tiersEdit, &QLineEdit::textChanged, this, changed);
    connect(m_ui->redundancySpin, &QSpinBox::valueChanged, this, changed);
    connect(m_ui->nowEdit, &QDateTimeEdit::dateTimeChanged, this, changed);
    connect(m_ui->futureCheck, &QCheckBox::toggled, this, [this, changed](bool on) {
        m_ui->nowEdit->setEnabled(on);
        changed();
    });
    connect(m_ui->confirmEdit, &QLineEdit::textChanged, this, &RetentionDialog::updateButtons);
    connect(m_ui->backupTable, &QTableWidget::itemSelectionChanged, this, &RetentionDialog::updateButtons);
    connect(m_ui->keepFullButton, &QPushButton::clicked, this, [this] { changeKeep(retention::KeepTarget::Full); });
    connect(m_ui->keepStandaloneButton, &QPushButton::clicked, this,
            [this] { changeKeep(retention::KeepTarget::Standalone); });
    connect(m_ui->releaseButton, &QPushButton::clicked, this, [this] { changeKeep(std::nullopt); });
    connect(m_ui->applyButton, &QPushButton::clicked, this, &RetentionDialog::apply);
    setWindowTitle(tr("Retention of %1").arg(m_snapshot->catalog.server));
    updateButtons();
    preview();
}

RetentionDialog::~RetentionDialog() = default;

void RetentionDialog::setClock(const Clock& clock)
{
    m_clock = &clock;
    m_ui->nowEdit->setDateTime(QDateTime::fromMSecsSinceEpoch(m_clock->nowUsec() / 1000, Qt::UTC));
    preview();
}

void RetentionDialog::setPolicy(const QString& policy)
{
    m_ui->policyEdit->setText(policy);
    preview();
}

qint64 RetentionDialog::previewNowUsec() const
{
    return m_ui->futureCheck->isChecked() ? m_ui->nowEdit->dateTime().toMSecsSinceEpoch() * 1000 : m_clock->nowUsec();
}

std::optional<retention::RetentionRequest> RetentionDialog::request(qint64 nowUsec)
{
    auto policy = retention::RetentionPolicy::parse(m_ui->policyEdit->text().trimmed());
    if (!policy) {
        m_policyError = policy.error().message + u' ' + policy.error().hint;
        return std::nullopt;
    }
    std::optional<retention::RetentionTiers> tiers;
    if (const QString text = m_ui->tiersEdit->text().trimmed(); !text.isEmpty()) {
        auto parsed = retention::RetentionTiers::parse(text);
        if (!parsed) {
            m_policyError = parsed.error().message + u' ' + parsed.error().hint;
            return std::nullopt;
        }
        tiers = *parsed;
    }
    m_policyError.clear();
    return retention::RetentionRequest{*policy, m_ui->redundancySpin->value(), tiers, nowUsec};
}

void RetentionDialog::preview()
{
    const int generation = ++m_generation;
    const auto wanted = request(previewNowUsec());
    if (!wanted) {
        m_plan.reset();
        m_tierPlan.reset();
        showPlan();
        emit previewed();
        return;
    }
    const SnapshotPtr snapshot = m_snapshot;
    m_runner.run<retention::RequestPlan>(
        tr("Retention preview of %1").arg(snapshot->catalog.server),
        [snapshot, wanted = *wanted](JobContext&) -> Result<retention::RequestPlan> {
            return retention::planRequest(snapshot->catalog, wanted);
        },
        this,
        [this, generation](Result<retention::RequestPlan> planned) {
            if (generation != m_generation)
                return; // a newer preview is on its way
            m_shownGeneration = generation;
            if (planned) {
                m_plan = std::move(planned->plan);
                m_tierPlan = std::move(planned->tiers);
            } else {
                m_plan.reset();
                m_tierPlan.reset();
            }
            showPlan();
            emit previewed();
        });
}

void RetentionDialog::showPlan()
{
    QTableWidget* table = m_ui->backupTable;
    const QString keepSelected = selectedBackup();
    table->setHorizontalHeaderLabels({tr("Backup"), tr("Status"), tr("Action"), tr("Keep"), tr("Reason")});
    table->setRowCount(0);
    if (!m_plan) {
        m_timeline->setRetentionPreview(std::nullopt);
        m_ui->summaryLabel->setText(m_policyError.toHtmlEscaped());
        updateButtons();
        return;
    }
    const retention::RetentionPlan& plan = *m_plan;
    PitrTimeline::RetentionPreview drawn;
    for (const retention::BackupVerdict& v : plan.backups)
        if (v.remove)
            drawn.removedBackups.insert(v.backupId);
    if (plan.restorableFromAfter)
        drawn.newStartUsec = plan.restorableFromAfter->usecUtc;
    m_timeline->setRetentionPreview(std::move(drawn));
    QHash<QString, QString> keeps;
    for (const auto& b : m_snapshot->catalog.backups)
        keeps.insert(b.id, b.keepTarget());
    if (m_tierPlan)
        for (const retention::TierVerdict& t : m_tierPlan->backups) {
            //: %1 the keep a tier writes (standalone), %2 the tiers ("daily, weekly")
            if (t.change == retention::TierVerdict::Change::Keep)
                keeps.insert(t.backupId,
                             tr("%1 (new: %2)").arg(QStringLiteral("standalone"), t.tiers.join(QStringLiteral(", "))));
            else if (t.change == retention::TierVerdict::Change::Release)
                keeps.insert(t.backupId, tr("released (no tier keeps it)"));
            else if (!t.tiers.isEmpty())
                keeps.insert(t.backupId,
                             keeps.value(t.backupId) + QStringLiteral(" (%1)").arg(t.tiers.join(QStringLiteral(", "))));
        }
    table->setRowCount(int(plan.backups.size()));
    // Newest first, as the backups page lists them.
    for (qsizetype i = 0; i < plan.backups.size(); ++i) {
        const retention::BackupVerdict& v = plan.backups[plan.backups.size() - 1 - i];
        const QStringList cells{v.backupId, v.status.isEmpty() ? QStringLiteral("?") : v.status,
                                v.remove ? tr("delete") : tr("keep"), keeps.value(v.backupId), v.reason};
        for (int c = 0; c < ColumnCount; ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            if (v.remove) {
                item->setForeground(palette().brush(QPalette::Disabled, QPalette::Text));
                QFont f = item->font();
                f.setStrikeOut(c == Id);
                item->setFont(f);
            }
            item->setToolTip(v.reason);
            table->setItem(int(i), c, item);
        }
        if (v.backupId == keepSelected)
            table->selectRow(int(i));
    }
    table->resizeColumnsToContents();

    const QLocale locale;
    const auto when = [](const std::optional<Timestamp>& t) {
        return t ? Format::time(t->usecUtc, TimeZoneMode::Utc) : tr("nothing");
    };
    QString text = plan.steps.isEmpty()
        ? tr("<b>%1</b>: nothing to delete.").arg(plan.policy.barmanText().toHtmlEscaped())
        : tr("<b>%1</b>: %n backup(s) and %2 WAL file(s) go, freeing <b>%3</b>.", nullptr, int(plan.steps.size()))
              .arg(plan.policy.barmanText().toHtmlEscaped(), locale.toString(plan.walDeleteCount),
                   Format::bytes(plan.freedBytes));
    text += u' ';
    text += plan.restorableFromBefore == plan.restorableFromAfter
        ? tr("Restorable from %1.").arg(when(plan.restorableFromBefore))
        : tr("Restorable from %1, then from <b>%2</b>.").arg(when(plan.restorableFromBefore), when(plan.restorableFromAfter));
    if (m_tierPlan)
        //: %1 the tiers as typed; %n backups newly kept, %2 keeps released
        text += u' '
            + tr("Tiers %1 keep %n more backup(s) and release %2.", nullptr, int(m_tierPlan->toKeep.size()))
                  .arg(m_tierPlan->tiers.text().toHtmlEscaped())
                  .arg(m_tierPlan->toRelease.size());
    if (m_ui->futureCheck->isChecked())
        text += u' ' + tr("Previewed at %1: it cannot be applied.").arg(Format::time(plan.nowUsec, TimeZoneMode::Utc));
    for (const QString& blocker : plan.blockers)
        text += QStringLiteral("<br><span style=\"color:#c62828\">%1</span>")
                    .arg(tr("Cannot be applied: %1").arg(blocker).toHtmlEscaped());
    m_ui->summaryLabel->setText(text);
    updateButtons();
}

QString RetentionDialog::selectedBackup() const
{
    const auto rows = m_ui->backupTable->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    const QTableWidgetItem* item = m_ui->backupTable->item(rows.first().row(), Id);
    return item ? item->text() : QString();
}

void RetentionDialog::updateButtons()
{
    const QString selected = selectedBackup();
    const catalog::BackupEntry* entry = selected.isEmpty() ? nullptr : m_snapshot->catalog.findBackup(selected);
    const bool done = entry && entry->info && entry->info->status == u"DONE";
    m_ui->keepFullButton->setEnabled(!m_busy && done && entry->keepTarget() != u"full");
    m_ui->keepStandaloneButton->setEnabled(!m_busy && done && entry->keepTarget() != u"standalone");
    m_ui->releaseButton->setEnabled(!m_busy && entry && !entry->keep.isEmpty());
    const bool tiersChange = m_tierPlan && (!m_tierPlan->toKeep.isEmpty() || !m_tierPlan->toRelease.isEmpty());
    m_ui->applyButton->setEnabled(!m_busy && m_plan && m_shownGeneration == m_generation
                                  && (!m_plan->steps.isEmpty() || tiersChange) && m_plan->blockers.isEmpty()
                                  && !m_ui->futureCheck->isChecked()
                                  && m_ui->confirmEdit->text() == m_snapshot->catalog.server);
}

void RetentionDialog::setBusy(bool busy, const QString& status)
{
    m_busy = busy;
    m_ui->statusLabel->setText(status);
    updateButtons();
}

void RetentionDialog::reloaded(SnapshotPtr snapshot)
{
    m_snapshot = std::move(snapshot);
    m_timeline->setSnapshot(m_snapshot);
    emit bucketChanged();
    preview();
}

void RetentionDialog::changeKeep(std::optional<retention::KeepTarget> target)
{
    const QString id = selectedBackup();
    if (id.isEmpty())
        return;
    setBusy(true, target ? tr("Keeping %1…").arg(id) : tr("Releasing %1…").arg(id));
    const SnapshotPtr snapshot = m_snapshot;
    const std::shared_ptr<storage::ObjectStore> store = m_store;
    m_runner.run<SnapshotPtr>(
        tr("Keep annotation of %1").arg(id),
        [snapshot, store, id, target](JobContext& context) -> Result<SnapshotPtr> {
            const auto changed = target ? retention::setKeep(*store, snapshot->catalog, id, *target, context.cancelToken())
                                        : retention::releaseKeep(*store, snapshot->catalog, id, context.cancelToken());
            if (!changed)
                return fail(changed.error());
            return reload(*store, snapshot->catalog, context);
        },
        this,
        [this, id](Result<SnapshotPtr> result) {
            if (!result) {
                setBusy(false, result.error().oneLine());
                return;
            }
            setBusy(false, tr("%1: keep annotation saved.").arg(id));
            reloaded(std::move(*result));
        });
}

void RetentionDialog::apply()
{
    if (!m_plan || m_shownGeneration != m_generation || m_ui->confirmEdit->text() != m_snapshot->catalog.server)
        return;
    auto wanted = request(m_clock->nowUsec());
    if (!wanted)
        return;
    const retention::RequestPlan previewed{m_tierPlan, *m_plan};
    const SnapshotPtr snapshot = m_snapshot;
    const std::shared_ptr<storage::ObjectStore> store = m_store;
    setBusy(true, tr("Deleting…"));
    m_ui->confirmEdit->clear();
    m_runner.run<ApplyResult>(
        tr("Retention of %1").arg(snapshot->catalog.server),
        [previewed, snapshot, store, wanted = *wanted](JobContext& context) -> Result<ApplyResult> {
            // What is deleted is what a fresh read of the bucket gives now; it must be what the
            // user saw, or the user sees it again first.
            auto current = reload(*store, snapshot->catalog, context);
            if (!current)
                return fail(current.error());
            auto run = retention::applyPreviewed(*store, (*current)->catalog, wanted, previewed, context);
            if (!run)
                return fail(run.error());
            if (run->changed)
                return ApplyResult{true, {}, std::move(*current)};
            auto after = reload(*store, snapshot->catalog, context);
            if (!after)
                return fail(after.error());
            return ApplyResult{false, std::move(run->outcome), std::move(*after)};
        },
        this,
        [this](Result<ApplyResult> result) {
            if (!result) {
                setBusy(false, result.error().oneLine());
                preview();
                return;
            }
            if (result->changed) {
                setBusy(false,
                        tr("Nothing was deleted: the bucket changed since the preview. Look at the new "
                           "preview, then apply again."));
                reloaded(std::move(result->snapshot));
                return;
            }
            const retention::RetentionOutcome& o = result->outcome;
            QString text =
                tr("Deleted %n object(s): %1 backup(s).", nullptr, int(o.deleted.size())).arg(o.backupsDeleted.size());
            if (!o.complete())
                text += u' '
                    + tr("%n object(s) stayed (first: %1); apply again to finish.", nullptr, int(o.failed.size()))
                          .arg(o.failed.isEmpty() ? o.stoppedAt : o.failed.constFirst().second.oneLine());
            setBusy(false, text);
            emit applied(text);
            reloaded(std::move(result->snapshot));
        });
}

void RetentionDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        setWindowTitle(tr("Retention of %1").arg(m_snapshot->catalog.server));
        showPlan();
    }
    QDialog::changeEvent(event);
}

} // namespace tideline::gui
