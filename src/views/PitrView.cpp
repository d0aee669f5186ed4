// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/views/PitrView.h"

#include "engine/pitr/RecoveryPlanner.h"
#include "src/views/ChartStyle.h"
#include "src/views/PitrTimeline.h"
#include "ui_PitrView.h"

#include <QCalendarWidget>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QEvent>
#include <QFutureWatcher>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTextCharFormat>
#include <QTimer>
#include <QTreeWidget>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <limits>

namespace tideline::gui {

namespace {
constexpr qint64 kSecond = 1'000'000;

// The kind combo's order.
const QList<pitr::RecoveryTarget::Kind>& kinds()
{
    using K = pitr::RecoveryTarget::Kind;
    static const QList<K> k{K::Time, K::Xid, K::Lsn, K::Name, K::Immediate};
    return k;
}

QString verdictColour(pitr::RecoveryPlan::Verdict v)
{
    switch (v) {
    case pitr::RecoveryPlan::Verdict::Ok: return QStringLiteral("#2e8b57");
    case pitr::RecoveryPlan::Verdict::Refused: return QStringLiteral("#d02020");
    default: return QStringLiteral("#d07a10");
    }
}
} // namespace

PitrView::WallTime PitrView::resolveWallTime(QDate date, QTime time, const QTimeZone& zone)
{
    // The wall time read as if it were UTC; an instant t shows it in `zone` iff t + offset(t)
    // equals it. The offsets in force a day either side cover every DST change (they are never
    // closer than that), so testing those two candidates finds 0, 1 or 2 instants.
    const qint64 wallSecs = QDateTime(date, time, QTimeZone::utc()).toSecsSinceEpoch();
    QList<int> offsets;
    for (qint64 probe : {wallSecs - 86400, wallSecs + 86400}) {
        const int o = zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(probe, QTimeZone::utc()));
        if (!offsets.contains(o))
            offsets.append(o);
    }
    QList<int> matches;
    for (int o : std::as_const(offsets))
        if (zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(wallSecs - o, QTimeZone::utc())) == o)
            matches.append(o);
    WallTime w;
    if (matches.isEmpty()) {
        w.status = WallTime::Status::Nonexistent;
        return w;
    }
    if (matches.size() > 1)
        w.status = WallTime::Status::Ambiguous;
    w.offsetSeconds = matches.first();
    w.usecUtc = (wallSecs - w.offsetSeconds) * kSecond + time.msec() * 1000;
    return w;
}

PitrView::PitrView(QWidget* parent) : QWidget(parent), m_ui(new Ui::PitrView)
{
    m_ui->setupUi(this);
    m_timeline = m_ui->pitrTimeline;
    m_calendar = m_ui->pitrCalendar;
    m_kind = m_ui->targetKind;
    // The edit holds a wall time; the zone label next to it says which zone it is read in.
    m_timeEdit = m_ui->targetTime;
    m_zoneLabel = m_ui->targetZone;
    m_value = m_ui->targetValue;
    m_tli = m_ui->targetTimeline;
    m_exclusive = m_ui->targetExclusive;
    m_inputMessage = m_ui->targetMessage;
    m_planLabel = m_ui->planText;
    m_alternative = m_ui->useAlternative;
    m_alternative->hide();
    m_restore = m_ui->restoreButton;
    m_happened = m_ui->happenedList;

    m_value->setEnabled(false);
    // "latest", "current" and numbers are recovery_target_timeline values, parsed back: not
    // translated.
    m_tli->addItems({QStringLiteral("latest"), QStringLiteral("current")});

    connect(m_timeline, &PitrTimeline::targetPicked, this, [this](const Timestamp& t) {
        if (m_kind->currentIndex() != 0)
            m_kind->setCurrentIndex(0);
        setTargetTime(t.usecUtc);
    });
    connect(m_timeline, &PitrTimeline::viewChanged, this, &PitrView::updateHappened);
    connect(m_happened, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem* item) {
        const int index = item->data(0, Qt::UserRole).toInt();
        if (!m_snapshot || !m_snapshot->events || index < 0 || index >= m_snapshot->events->events.size())
            return;
        if (const auto target = targetBefore(m_snapshot->events->events[index]))
            applyTarget(*target);
    });
    connect(m_calendar, &QCalendarWidget::selectionChanged, this, &PitrView::onCalendarChanged);
    connect(m_timeEdit, &QDateTimeEdit::dateTimeChanged, this, &PitrView::onInputChanged);
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        updateKindControls();
        onInputChanged();
    });
    connect(m_value, &QLineEdit::textChanged, this, &PitrView::onInputChanged);
    connect(m_tli, &QComboBox::currentTextChanged, this, &PitrView::onInputChanged);
    connect(m_exclusive, &QCheckBox::toggled, this, &PitrView::onInputChanged);
    connect(m_alternative, &QPushButton::clicked, this, [this] {
        if (m_plan.alternative)
            applyTarget(*m_plan.alternative);
    });
    connect(m_restore, &QPushButton::clicked, this, [this] {
        if (m_target)
            emit restoreRequested(*m_target);
    });
    setTimeZone(m_zone);
    retranslateTexts();
    replan();
}

PitrView::~PitrView() = default;

void PitrView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        // retranslateUi re-sets the kind combo's items by index, so the chosen kind survives.
        m_ui->retranslateUi(this);
        retranslate();
    }
    QWidget::changeEvent(event);
}

void PitrView::retranslate()
{
    retranslateTexts();
    // The input message and the plan: from the same input, in the new language. Before any
    // input was read (no server yet) there is none to redo.
    if (m_inputRead)
        updateTarget(false);
    else
        replan();
}

void PitrView::retranslateTexts()
{
    // The edit shows dates as the language writes them ("2026-11-24 23:55:53" in English,
    // "24.11.2026 23:55:53" in Russian) and parses what is typed by the same pattern; the value
    // (a naive wall time) is kept across the change.
    {
        const QDateTime keep = m_timeEdit->dateTime();
        const QSignalBlocker block(m_timeEdit);
        m_timeEdit->setLocale(QLocale());
        m_timeEdit->setDisplayFormat(Format::dateTimePattern());
        m_timeEdit->setDateTime(keep);
    }
    m_calendar->setLocale(QLocale()); // month and day names
    updateZoneTexts();
    updateKindControls();
}

QTimeZone PitrView::zone() const
{
    return m_zone == TimeZoneMode::Local ? QTimeZone::systemTimeZone() : QTimeZone::utc();
}

void PitrView::setSnapshot(SnapshotPtr snapshot)
{
    m_snapshot = std::move(snapshot);
    m_timeline->setSnapshot(m_snapshot);
    {
        const QSignalBlocker block(m_tli);
        const QString keep = m_tli->currentText();
        m_tli->clear();
        m_tli->addItems({QStringLiteral("latest"), QStringLiteral("current")});
        if (m_snapshot)
            for (const catalog::TimelineWal& t : m_snapshot->catalog.wals.timelines())
                m_tli->addItem(QString::number(t.timeline));
        m_tli->setCurrentText(keep.isEmpty() ? QStringLiteral("latest") : keep);
    }
    markBackupDays();
    updateHappened();
    // Start at the newest instant that can be restored: the question is usually "how close to
    // now can I get", and the plan for it is the quickest sanity check of the whole archive.
    qint64 latest = 0;
    if (m_snapshot)
        for (const pitr::TimelineWindow& w : m_snapshot->windows)
            for (const pitr::RecoverableRange& r : w.ranges)
                latest = std::max(latest, r.toUploadedUsec);
    latest = latest / kSecond * kSecond;
    // With the WAL read, the newest whole second PostgreSQL can stop at: before the last commit
    // (a time target stops only at a commit after it).
    if (m_snapshot)
        if (const pitr::LatestWindow lw = pitr::latestWindow(m_snapshot->catalog, m_snapshot->windows); lw.window)
            if (const auto last = m_snapshot->lastCommits.find(lw.window->timeline); last != m_snapshot->lastCommits.end()) {
                const qint64 before = (last->timeUsec - 1) / kSecond * kSecond;
                if (before >= (lw.window->firstRecoverabilityPoint ? lw.window->firstRecoverabilityPoint->usecUtc : 0))
                    latest = before;
            }
    if (latest > 0)
        setTargetTime(latest);
    else
        replan();
}

std::optional<pitr::RecoveryTarget> PitrView::targetBefore(const wal::WalEvent& event)
{
    using K = wal::WalEvent::Kind;
    pitr::RecoveryTarget t;
    // Pinned to the event's timeline: "just before" means on the history it happened in.
    t.timeline.kind = pitr::TimelineSpec::Kind::Number;
    t.timeline.number = event.timeline;
    switch (event.kind) {
    case K::RestorePoint:
        t.kind = pitr::RecoveryTarget::Kind::Name;
        t.name = event.name;
        return t;
    case K::Drop:
    case K::Truncate:
        if (event.xid != 0) {
            t.kind = pitr::RecoveryTarget::Kind::Xid;
            t.xid = QString::number(event.xid);
        } else {
            t.kind = pitr::RecoveryTarget::Kind::Lsn;
            t.lsn = event.lsn;
        }
        t.exclusive = true;
        return t;
    default: return std::nullopt;
    }
}

void PitrView::updateHappened()
{
    using K = wal::WalEvent::Kind;
    m_happened->clear();
    m_happened->setVisible(m_snapshot && m_snapshot->events);
    if (!m_snapshot || !m_snapshot->events)
        return;
    const auto& events = m_snapshot->events->events;
    const qint64 from = m_timeline->scale().startUsec();
    const qint64 to = m_timeline->scale().endUsec();
    // Data lost first: what a DBA looks for when something was dropped; then the named points.
    QList<qsizetype> shown;
    for (int pass = 0; pass < 3 && shown.size() < 200; ++pass)
        for (qsizetype i = 0; i < events.size() && shown.size() < 200; ++i) {
            const wal::WalEvent& e = events[i];
            const bool wanted = pass == 0 ? (e.kind == K::Drop || e.kind == K::Truncate)
                : pass == 1               ? e.kind == K::RestorePoint
                                          : e.kind == K::TimelineSwitch;
            const auto when = e.timeUsec ? e.timeUsec : e.notBeforeUsec;
            if (wanted && when && *when >= from && *when <= to)
                shown.append(i);
        }
    for (qsizetype i : shown) {
        const wal::WalEvent& e = events[i];
        QString what;
        QString detail;
        switch (e.kind) {
        case K::Drop:
            what = tr("files dropped (DROP, TRUNCATE or rewrite)");
            //: %1 is a transaction id, %2 relation file paths
            detail = tr("xid %1: %2").arg(e.xid).arg(e.relations.join(QStringLiteral(", ")));
            break;
        case K::Truncate:
            what = tr("relation truncated");
            //: %1 is a relation file path, %2 a number of 8 KiB blocks
            detail = tr("%1 to %2 blocks").arg(e.relations.value(0), e.name);
            break;
        case K::RestorePoint:
            what = tr("restore point");
            detail = e.name;
            break;
        default:
            what = tr("timeline switch");
            //: %1 is a timeline number
            detail = tr("from timeline %1").arg(e.name);
            break;
        }
        auto* item = new QTreeWidgetItem(m_happened);
        item->setText(0, what);
        item->setText(1,
                      e.timeUsec ? Format::time(*e.timeUsec, m_zone)
                                 //: %1 is a time: the event itself carries none
                                 : tr("after %1").arg(Format::time(*e.notBeforeUsec, m_zone)));
        item->setText(2, QString::number(e.timeline));
        item->setText(3, detail);
        item->setData(0, Qt::UserRole, static_cast<int>(i));
        if (e.kind == K::Drop || e.kind == K::Truncate)
            item->setForeground(0, ChartStyle::trouble());
        if (targetBefore(e))
            item->setToolTip(0, tr("Click: restore to just before this"));
    }
    for (int c = 0; c < m_happened->columnCount() - 1; ++c)
        m_happened->resizeColumnToContents(c);
}

void PitrView::setTimeZone(TimeZoneMode zoneMode)
{
    const std::optional<qint64> keep = m_target && m_target->kind == pitr::RecoveryTarget::Kind::Time
        ? std::optional<qint64>(m_target->time.usecUtc)
        : std::nullopt;
    m_zone = zoneMode;
    m_timeline->setTimeZone(zoneMode);
    updateZoneTexts();
    markBackupDays();
    if (keep)
        setTargetTime(*keep); // the same instant, shown in the new zone
}

void PitrView::updateZoneTexts()
{
    m_zoneLabel->setText(Format::zoneName(m_zone));
    m_zoneLabel->setToolTip(
        m_zone == TimeZoneMode::Local
            ? tr("Local time (%1); change it in View ▸ Times in").arg(QString::fromUtf8(QTimeZone::systemTimeZoneId()))
            : tr("Coordinated Universal Time, as barman and CNPG write it"));
}

void PitrView::setDark(bool dark)
{
    m_timeline->setDark(dark);
}

void PitrView::setTargetTime(qint64 usecUtc)
{
    const QDateTime wall = QDateTime::fromMSecsSinceEpoch(usecUtc / 1000, zone());
    // The edit keeps a naive wall time (its spec is UTC only as a container).
    m_timeEdit->setDateTime(QDateTime(wall.date(), wall.time(), QTimeZone::utc()));
    onInputChanged(); // also when the value did not change (a re-pick must still replan)
}

void PitrView::applyTarget(const pitr::RecoveryTarget& target)
{
    m_syncing = true;
    m_kind->setCurrentIndex(static_cast<int>(kinds().indexOf(target.kind)));
    switch (target.kind) {
    case pitr::RecoveryTarget::Kind::Xid: m_value->setText(target.xid); break;
    case pitr::RecoveryTarget::Kind::Lsn: m_value->setText(target.lsn.toString()); break;
    case pitr::RecoveryTarget::Kind::Name: m_value->setText(target.name); break;
    default: break;
    }
    m_tli->setCurrentText(target.timeline.toString());
    m_exclusive->setChecked(target.exclusive);
    m_syncing = false;
    if (target.kind == pitr::RecoveryTarget::Kind::Time)
        setTargetTime(target.time.usecUtc);
    else
        onInputChanged();
}

void PitrView::markBackupDays()
{
    m_calendar->setDateTextFormat(QDate(), QTextCharFormat()); // clears every format
    if (!m_snapshot)
        return;
    QTextCharFormat bold;
    bold.setFontWeight(QFont::Bold);
    bold.setForeground(QColor(0x2f, 0x6f, 0xc0));
    for (const catalog::BackupEntry& e : m_snapshot->catalog.backups)
        if (e.info && e.info->endTime)
            m_calendar->setDateTextFormat(QDateTime::fromMSecsSinceEpoch(e.info->endTime->usecUtc / 1000, zone()).date(),
                                          bold);
}

void PitrView::onCalendarChanged()
{
    if (m_syncing)
        return;
    const QDateTime current = m_timeEdit->dateTime();
    m_timeEdit->setDateTime(QDateTime(m_calendar->selectedDate(), current.time(), QTimeZone::utc()));
}

void PitrView::updateKindControls()
{
    const auto kind = kinds().value(m_kind->currentIndex());
    using K = pitr::RecoveryTarget::Kind;
    m_timeEdit->setEnabled(kind == K::Time);
    m_calendar->setEnabled(kind == K::Time);
    m_value->setEnabled(kind == K::Xid || kind == K::Lsn || kind == K::Name);
    m_exclusive->setEnabled(kind != K::Immediate && kind != K::Name);
    m_value->setPlaceholderText(kind == K::Xid        ? tr("e.g. %1").arg(QStringLiteral("1234567"))
                                    : kind == K::Lsn  ? tr("e.g. %1").arg(QStringLiteral("0/3000060"))
                                    : kind == K::Name ? tr("a pg_create_restore_point() name")
                                                      : QString());
}

void PitrView::onInputChanged()
{
    updateTarget(true);
}

void PitrView::updateTarget(bool followTarget)
{
    if (m_syncing)
        return;
    m_inputRead = true;
    using K = pitr::RecoveryTarget::Kind;
    m_target.reset();
    QString message;
    pitr::RecoveryTarget t;
    t.kind = kinds().value(m_kind->currentIndex());
    t.exclusive = m_exclusive->isEnabled() && m_exclusive->isChecked();
    if (auto spec = pitr::TimelineSpec::parse(m_tli->currentText().trimmed()))
        t.timeline = *spec;
    else
        message = spec.error().oneLine();
    const QString value = m_value->text().trimmed();
    switch (t.kind) {
    case K::Time: {
        const QDateTime wall = m_timeEdit->dateTime();
        const WallTime w = resolveWallTime(wall.date(), wall.time(), zone());
        if (w.status == WallTime::Status::Nonexistent)
            message = tr("%1 does not exist in %2: the clocks skipped it for daylight saving time. "
                         "Pick another time, or switch the window to UTC.")
                          .arg(wall.toString(Format::dateTimePattern()), Format::zoneName(m_zone));
        else if (w.status == WallTime::Status::Ambiguous)
            message = tr("%1 happened twice in %2 (daylight saving time ended): it cannot be a "
                         "target. Switch the window to UTC to say which one you mean.")
                          .arg(wall.toString(Format::dateTimePattern()), Format::zoneName(m_zone));
        else {
            t.time = Timestamp::fromUsec(w.usecUtc, w.offsetSeconds);
            if (followTarget || m_timeline->target() != w.usecUtc)
                m_timeline->setTarget(w.usecUtc);
            m_syncing = true;
            m_calendar->setSelectedDate(wall.date());
            m_syncing = false;
        }
        break;
    }
    case K::Xid:
        if (value.isEmpty() || !std::all_of(value.begin(), value.end(), [](QChar c) { return c.isDigit(); }))
            message = tr("A transaction id is a decimal number.");
        t.xid = value;
        break;
    case K::Lsn:
        if (auto lsn = wal::Lsn::parse(value))
            t.lsn = *lsn;
        else
            message = tr("An LSN looks like %1.").arg(QStringLiteral("0/3000060"));
        break;
    case K::Name:
        if (value.isEmpty())
            message = tr("Type the restore point's name.");
        t.name = value;
        break;
    case K::Immediate: break;
    }
    if (t.kind != K::Time)
        m_timeline->setTarget(std::nullopt);
    m_inputMessage->setText(message);
    m_inputMessage->setVisible(!message.isEmpty());
    if (message.isEmpty())
        m_target = t;
    replan();
}

void PitrView::replan()
{
    m_plan = pitr::RecoveryPlan{};
    m_alternative->hide();
    m_restore->setEnabled(false);
    const quint64 generation = ++m_planGeneration;
    m_planning = false;
    if (!m_snapshot) {
        m_planLabel->setText(tr("No server loaded."));
        return;
    }
    if (!m_target) {
        m_planLabel->setText(tr("<b>No target</b>: %1").arg(m_inputMessage->text().toHtmlEscaped()));
        return;
    }
    m_planning = true;
    // One plan at a time: a drag across the timeline asks for dozens, and each would run to its
    // end on the shared pool. The one running finishes; then only the newest target is planned.
    if (!m_planInFlight)
        startPlan();
    // Most plans come back before the next frame; a long one says so rather than show the last.
    QTimer::singleShot(150, this, [this, generation] {
        if (generation == m_planGeneration && m_planning)
            m_planLabel->setText(tr("Planning…"));
    });
}

void PitrView::startPlan()
{
    m_planInFlight = true;
    const quint64 generation = m_planGeneration;
    // The snapshot is immutable and shared: the worker holds its own reference, so a view that
    // closes or moves on meanwhile only drops the answer.
    auto* watcher = new QFutureWatcher<pitr::RecoveryPlan>(this);
    connect(watcher, &QFutureWatcher<pitr::RecoveryPlan>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        m_planInFlight = false;
        if (generation != m_planGeneration) {
            if (m_planning)
                startPlan(); // the target moved meanwhile
            return;
        }
        m_plan = watcher->result();
        m_planning = false;
        showPlan();
        emit planned();
    });
    watcher->setFuture(QtConcurrent::run([snapshot = m_snapshot, target = *m_target] {
        return pitr::planRecovery(snapshot->catalog, target, {}, snapshot->events.get());
    }));
}

void PitrView::showPlan()
{
    m_planLabel->setText(planText());
    m_restore->setEnabled(m_plan.ok());
    if (!m_plan.ok() && m_plan.alternative) {
        m_alternative->setText(tr("Use the nearest valid target: %1").arg(m_plan.alternative->describe()));
        m_alternative->show();
    }
}

QString PitrView::planText() const
{
    const pitr::RecoveryPlan& p = m_plan;
    if (!m_target)
        return {};
    QString html =
        QStringLiteral("<b>%1</b> — %2<br>")
            .arg(tr("Verdict: %1")
                     .arg(QStringLiteral("<span style='color:%1'>%2</span>")
                              .arg(verdictColour(p.verdict), pitr::RecoveryPlan::verdictText(p.verdict).toHtmlEscaped())),
                 m_target->describe().toHtmlEscaped());
    if (!p.reason.isEmpty())
        html += QStringLiteral("%1<br>").arg(p.reason.toHtmlEscaped());
    if (!p.hint.isEmpty())
        html += QStringLiteral("<i>%1</i><br>").arg(p.hint.toHtmlEscaped());
    if (!p.backupId.isEmpty()) {
        QStringList path;
        for (auto t : p.timelinePath)
            path << QString::number(t);
        html += tr("Base backup: %1 (timeline %2)")
                    .arg(QStringLiteral("<b>%1</b>").arg(p.backupId.toHtmlEscaped()), QString::number(p.backupTimeline))
            + QStringLiteral("<br>");
        html += tr("Timeline path: %1").arg(path.join(QStringLiteral(" → "))) + QStringLiteral("<br>");
        html += tr("WAL needed: %Ln segment(s), %1 → %2", nullptr, Format::count(p.requiredWal.count))
                    .arg(p.requiredWal.first, p.requiredWal.last.isEmpty() ? tr("end of archive") : p.requiredWal.last);
        if (p.requiredWal.missingCount > 0)
            html += QStringLiteral(" — <span style='color:#d02020'>%1</span>")
                        .arg(tr("%Ln missing (first %1)", nullptr, Format::count(p.requiredWal.missingCount))
                                 .arg(p.requiredWal.missing.value(0)));
        html += QStringLiteral("<br>%1<br>")
                    .arg(tr("Download: %1 · estimated time: %2")
                             .arg(Format::bytes(p.downloadBytes), Format::duration(p.estimatedSeconds * kSecond)));
    }
    for (const QString& w : p.warnings)
        html += QStringLiteral("<span style='color:#d07a10'>⚠ %1</span><br>").arg(w.toHtmlEscaped());
    return html;
}

QString PitrView::inputMessage() const
{
    return m_inputMessage->text();
}

} // namespace tideline::gui
