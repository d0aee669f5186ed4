// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/views/OverviewView.h"

#include "engine/core/Clock.h"
#include "engine/pitr/ServerStatus.h"
#include "src/views/ChartStyle.h"

#include <QEvent>
#include <QFrame>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace tideline::gui {

namespace {
QLabel* label(QWidget* parent, qreal scale = 1.0, bool bold = false)
{
    auto* l = new QLabel(parent);
    QFont f = l->font();
    if (scale != 1.0)
        f.setPointSizeF(f.pointSizeF() * scale);
    f.setBold(bold);
    l->setFont(f);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return l;
}

QTableWidgetItem* cell(const QString& text, Qt::Alignment align = Qt::AlignLeft | Qt::AlignVCenter)
{
    auto* item = new QTableWidgetItem(text);
    item->setTextAlignment(align);
    return item;
}
} // namespace

OverviewView::OverviewView(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(10);

    m_title = label(this, 1.6, true);
    m_subtitle = label(this);
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_title);
    layout->addWidget(m_subtitle);

    m_banner = new QFrame(this);
    m_banner->setObjectName(QStringLiteral("verdictBanner"));
    auto* bannerLayout = new QVBoxLayout(m_banner);
    bannerLayout->setContentsMargins(14, 10, 14, 10);
    m_verdict = label(m_banner, 1.35, true);
    m_verdict->setWordWrap(true);
    m_verdictDetail = label(m_banner);
    m_verdictDetail->setWordWrap(true);
    bannerLayout->addWidget(m_verdict);
    bannerLayout->addWidget(m_verdictDetail);
    layout->addWidget(m_banner);

    auto* grid = new QGridLayout;
    grid->setSpacing(10);
    m_lastBackup = makeCard();
    m_lastWal = makeCard();
    m_gaps = makeCard();
    m_backups = makeCard();
    m_storage = makeCard();
    m_warningsCard = makeCard();
    grid->addWidget(m_lastBackup.frame, 0, 0);
    grid->addWidget(m_lastWal.frame, 0, 1);
    grid->addWidget(m_gaps.frame, 0, 2);
    grid->addWidget(m_backups.frame, 1, 0);
    grid->addWidget(m_storage.frame, 1, 1);
    grid->addWidget(m_warningsCard.frame, 1, 2);
    for (int c = 0; c < 3; ++c)
        grid->setColumnStretch(c, 1);
    layout->addLayout(grid);

    m_warnings = label(this);
    m_warnings->setWordWrap(true);
    m_warnings->setTextFormat(Qt::RichText);
    layout->addWidget(m_warnings);

    m_timelinesCaption = label(this, 1.0, true);
    layout->addWidget(m_timelinesCaption);
    m_timelines = new QTableWidget(this);
    m_timelines->setObjectName(QStringLiteral("timelineWindows"));
    m_timelines->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_timelines->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_timelines->verticalHeader()->hide();
    m_timelines->horizontalHeader()->setStretchLastSection(true);
    m_timelines->setAlternatingRowColors(true);
    m_timelines->setWordWrap(false);
    layout->addWidget(m_timelines, 1);

    // Ages ("12 min ago") go stale while the window stays open.
    m_ageTimer = new QTimer(this);
    m_ageTimer->setInterval(30'000);
    connect(m_ageTimer, &QTimer::timeout, this, &OverviewView::refresh);
    m_ageTimer->start();

    retranslateUi();
    showNoSource();
}

OverviewView::~OverviewView() = default;

void OverviewView::retranslateUi()
{
    m_lastBackup.caption->setText(tr("LAST BACKUP"));
    m_lastWal.caption->setText(tr("LAST ARCHIVED WAL"));
    m_gaps.caption->setText(tr("WAL ARCHIVE GAPS"));
    m_backups.caption->setText(tr("BACKUPS"));
    m_storage.caption->setText(tr("STORAGE"));
    m_warningsCard.caption->setText(tr("WARNINGS"));
    m_timelinesCaption->setText(tr("Recoverability window per timeline"));
}

void OverviewView::showNoSource()
{
    showMessage(tr("No source open"),
                tr("Add an object store in the sidebar (Ctrl+N), or start Tideline with a SOURCE_URL."), false);
    m_noSource = true;
}

void OverviewView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        // A message shown for the window (loading, a failure) is the window's to re-word.
        if (m_snapshot)
            refresh();
        else if (m_noSource)
            showNoSource();
    }
    QWidget::changeEvent(event);
}

OverviewView::Card OverviewView::makeCard()
{
    Card c;
    c.frame = new QFrame(this);
    c.frame->setFrameShape(QFrame::StyledPanel);
    c.frame->setAutoFillBackground(true);
    c.frame->setBackgroundRole(QPalette::Base);
    auto* l = new QVBoxLayout(c.frame);
    l->setContentsMargins(12, 8, 12, 10);
    l->setSpacing(2);
    c.caption = label(c.frame, 0.85, true);
    c.caption->setForegroundRole(QPalette::PlaceholderText);
    c.value = label(c.frame, 1.3, true);
    c.detail = label(c.frame);
    c.detail->setWordWrap(true);
    c.detail->setMinimumHeight(c.detail->fontMetrics().lineSpacing() * 2);
    c.detail->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    l->addWidget(c.caption);
    l->addWidget(c.value);
    l->addWidget(c.detail, 1);
    return c;
}

void OverviewView::setCard(Card& card, const QString& value, const QString& detail, const QColor& accent)
{
    card.value->setText(value);
    card.detail->setText(detail);
    // A style sheet, not a palette: the label sits on a Base-coloured card, so its text role is
    // derived, and a palette would also freeze the other roles across a theme switch.
    card.value->setStyleSheet(accent.isValid() ? QStringLiteral("color: %1;").arg(accent.name()) : QString());
}

void OverviewView::setSnapshot(SnapshotPtr snapshot)
{
    m_snapshot = std::move(snapshot);
    m_noSource = false;
    refresh();
}

void OverviewView::setTimeZone(TimeZoneMode zone)
{
    m_zone = zone;
    refresh();
}

void OverviewView::setClock(const Clock& clock)
{
    m_clock = &clock;
    refresh();
}

QString OverviewView::verdictText() const
{
    return m_verdict->text();
}

void OverviewView::showMessage(const QString& title, const QString& text, bool error)
{
    m_snapshot.reset();
    m_noSource = false;
    m_title->setText(title);
    m_subtitle->clear();
    m_verdict->setText(text);
    m_verdictDetail->clear();
    m_banner->setStyleSheet(error ? QStringLiteral("#verdictBanner { background: rgba(208,48,48,40); border-radius: 6px; }")
                                  : QStringLiteral("#verdictBanner { border-radius: 6px; }"));
    for (Card* c : {&m_lastBackup, &m_lastWal, &m_gaps, &m_backups, &m_storage, &m_warningsCard})
        setCard(*c, QStringLiteral("–"), QString(), QColor());
    m_warnings->clear();
    m_timelines->clear();
    m_timelines->setRowCount(0);
    m_timelines->setColumnCount(0);
}

void OverviewView::refresh()
{
    if (!m_snapshot)
        return;
    const ServerSnapshot& s = *m_snapshot;
    const auto& c = s.catalog;
    const pitr::ServerStatus f = pitr::computeStatus(s.catalog, s.windows);
    const qint64 now = m_clock->nowUsec();

    m_title->setText(c.server);
    QStringList sub{c.source.toString()};
    if (f.lastDone && f.lastDone->info) {
        sub << QStringLiteral("PostgreSQL %1").arg(f.lastDone->info->majorVersion());
        sub << tr("system id %1").arg(f.lastDone->info->systemId);
    }
    const QString segmentSize = Format::bytes(static_cast<qint64>(c.wals.segmentSize()));
    sub << (c.wals.segmentSizeInferred() ? tr("WAL segment %1 (inferred)").arg(segmentSize)
                                         : tr("WAL segment %1").arg(segmentSize));
    sub << tr("read %1 in %n request(s)", nullptr, c.requests).arg(Format::time(c.loadedAtUsec, m_zone));
    m_subtitle->setText(sub.join(QStringLiteral("   ·   ")));

    QColor bannerColor;
    switch (f.verdict) {
    case pitr::ServerStatus::Verdict::Recoverable:
        // The true end is the last commit the WAL holds; until it is read, the upload time stands in.
        if (const auto last = s.lastCommits.find(f.window->timeline); last != s.lastCommits.end()) {
            m_verdict->setText(tr("✔  Restorable from %1 to %2")
                                   .arg(Format::time(f.window->firstRecoverabilityPoint->usecUtc, m_zone),
                                        Format::time(last->timeUsec, m_zone)));
            m_verdictDetail->setText(
                tr("Timeline %1: from the end of backup %2 to the last commit (xid %3, LSN %4, "
                   "%5), in WAL archived up to %6 (uploaded %7).")
                    .arg(f.window->timeline)
                    .arg(f.window->firstRecoverabilityBackupId)
                    .arg(last->xid)
                    .arg(last->lsn.toString(), Format::age(last->timeUsec, now), f.untilWal, Format::age(f.untilUsec, now)));
        } else {
            m_verdict->setText(tr("✔  Restorable from %1 to %2")
                                   .arg(Format::time(f.window->firstRecoverabilityPoint->usecUtc, m_zone),
                                        Format::time(f.untilUsec, m_zone)));
            m_verdictDetail->setText(
                (s.events ? tr("Timeline %1: from the end of backup %2 to the last archived WAL %3 (uploaded %4); no "
                               "commit was found in its WAL.")
                     : !s.eventsUnread.isEmpty()
                     ? tr("Timeline %1: from the end of backup %2 to the last archived WAL %3 (uploaded %4). The last "
                          "commit is not known:")
                     : tr("Timeline %1: from the end of backup %2 to the last archived WAL %3 (uploaded %4); "
                          "reading the WAL for the last commit…"))
                    .arg(f.window->timeline)
                    .arg(f.window->firstRecoverabilityBackupId, f.untilWal, Format::age(f.untilUsec, now))
                + (s.events || s.eventsUnread.isEmpty() ? QString() : QLatin1Char(' ') + s.eventsUnread));
        }
        bannerColor = ChartStyle::ok();
        break;
    case pitr::ServerStatus::Verdict::LimitedByGap:
        m_verdict->setText(
            tr("▲  Restorable only from %1 to %2")
                .arg(Format::time(f.window->firstRecoverabilityPoint->usecUtc, m_zone), Format::time(f.untilUsec, m_zone)));
        m_verdictDetail->setText(
            tr("Timeline %1: a gap in the WAL archive stops replay at %2; WAL was "
               "archived until %3 (%4) but cannot be reached.")
                .arg(f.window->timeline)
                .arg(f.untilWal, f.window->lastArchivedWal, Format::time(f.window->lastArchivedUsec, m_zone)));
        bannerColor = ChartStyle::warning();
        break;
    case pitr::ServerStatus::Verdict::LatestNotRecoverable:
        m_verdict->setText(tr("✖  Nothing after the switch to timeline %1 is restorable").arg(f.latestTimeline));
        m_verdictDetail->setText(
            tr("A restore follows timeline %1 (latest) by default, and no backup reaches its "
               "archived WAL: a gap at its start, or nothing archived on it yet. Timeline %2 "
               "is restorable from %3 to %4 with --target-tli %2.")
                .arg(f.latestTimeline)
                .arg(f.window->timeline)
                .arg(Format::time(f.window->firstRecoverabilityPoint->usecUtc, m_zone), Format::time(f.untilUsec, m_zone)));
        bannerColor = ChartStyle::trouble();
        break;
    case pitr::ServerStatus::Verdict::NotRecoverable:
        m_verdict->setText(tr("✖  Nothing restorable"));
        m_verdictDetail->setText(tr("No DONE backup has all of its WAL in the archive. A restore from this "
                                    "bucket would fail; see the Backups tab for why."));
        bannerColor = ChartStyle::trouble();
        break;
    }
    m_banner->setStyleSheet(QStringLiteral("#verdictBanner { background: rgba(%1,%2,%3,40); border-left: 6px solid "
                                           "%4; border-radius: 4px; }")
                                .arg(bannerColor.red())
                                .arg(bannerColor.green())
                                .arg(bannerColor.blue())
                                .arg(bannerColor.name()));

    // Last backup: the newest DONE one; a newer failed or unfinished one is said too.
    if (f.lastDone) {
        const auto& i = *f.lastDone->info;
        const QString which =
            i.backupName.isEmpty() ? f.lastDone->id : QStringLiteral("%1 (%2)").arg(f.lastDone->id, i.backupName);
        QString detail =
            tr("%1 · ended %2 · %3").arg(which, Format::time(f.lastDoneEndUsec, m_zone), Format::bytes(f.lastDone->bytes));
        if (f.newest && f.newest != f.lastDone)
            detail += QLatin1Char('\n') + tr("newer: %1 is %2").arg(f.newest->id, f.newest->statusText());
        const bool old = now - f.lastDoneEndUsec > 26LL * 3600 * 1'000'000; // a daily schedule missed
        setCard(m_lastBackup, Format::age(f.lastDoneEndUsec, now), detail, old ? ChartStyle::warning() : QColor());
    } else {
        setCard(m_lastBackup, tr("none"), tr("no backup finished"), ChartStyle::trouble());
    }

    if (!f.lastWal.isEmpty())
        setCard(m_lastWal, Format::age(f.lastWalUsec, now),
                tr("%1 · uploaded %2").arg(f.lastWal, Format::time(f.lastWalUsec, m_zone)),
                now - f.lastWalUsec > 3600LL * 1'000'000 ? ChartStyle::warning() : QColor());
    else
        setCard(m_lastWal, tr("none"), tr("the WAL archive is empty"), ChartStyle::trouble());

    if (f.gaps == 0)
        setCard(m_gaps, tr("none"), tr("every segment from each timeline's first to its last"), ChartStyle::ok());
    else if (f.gaps == f.harmlessGaps)
        setCard(m_gaps, tr("%n harmless", nullptr, f.gaps), tr("older than every backup that needs them"),
                ChartStyle::muted());
    else
        setCard(m_gaps, tr("%1 missing").arg(QLocale().toString(f.missingSegments)),
                tr("%n gap(s), %1 harmless: see the WAL archive tab", nullptr, f.gaps).arg(f.harmlessGaps),
                ChartStyle::trouble());

    QStringList counts{tr("%1 done").arg(f.done)};
    if (f.failed)
        counts << tr("%1 failed").arg(f.failed);
    if (f.inProgress)
        counts << tr("%1 running").arg(f.inProgress);
    if (f.incomplete)
        counts << tr("%1 incomplete").arg(f.incomplete);
    if (f.unreadable)
        counts << tr("%1 unreadable").arg(f.unreadable);
    const int restorable = static_cast<int>(c.restorableBackups().size());
    setCard(m_backups, tr("%n restorable", nullptr, restorable), counts.join(QStringLiteral(" · ")),
            restorable == 0                                                 ? ChartStyle::trouble()
                : (f.failed + f.incomplete + f.unreadable + f.unrestorable) ? ChartStyle::warning()
                                                                            : QColor());

    setCard(m_storage, Format::bytes(s.usage.base.bytes + s.usage.wals.bytes),
            tr("base %1 in %2 objects · WAL %3 in %4 objects")
                .arg(Format::bytes(s.usage.base.bytes), QLocale().toString(s.usage.base.objects),
                     Format::bytes(s.usage.wals.bytes), QLocale().toString(s.usage.wals.objects)),
            QColor());

    QStringList warnings;
    for (const auto& w : c.warnings)
        warnings << QStringLiteral("<b>%1</b>: %2").arg(w.code.toHtmlEscaped(), w.message.toHtmlEscaped());
    setCard(m_warningsCard, c.warnings.isEmpty() ? tr("none") : QLocale().toString(c.warnings.size()),
            c.warnings.isEmpty() ? tr("no mixed system ids, no clock skew") : tr("listed below"),
            c.warnings.isEmpty() ? QColor() : ChartStyle::warning());
    m_warnings->setText(warnings.isEmpty() ? QString() : QStringLiteral("⚠ ") + warnings.join(QStringLiteral("<br>⚠ ")));
    m_warnings->setVisible(!warnings.isEmpty());

    const QStringList headers{tr("TL", "timeline, column header"),
                              tr("Parent", "parent timeline, column header"),
                              tr("Restorable from (%1)").arg(Format::zoneName(m_zone)),
                              tr("From backup"),
                              tr("Restorable until (%1)").arg(Format::zoneName(m_zone)),
                              tr("Last archived WAL"),
                              tr("Uploaded (%1)").arg(Format::zoneName(m_zone)),
                              tr("Status")};
    m_timelines->clear();
    m_timelines->setColumnCount(static_cast<int>(headers.size()));
    m_timelines->setHorizontalHeaderLabels(headers);
    m_timelines->setRowCount(static_cast<int>(s.windows.size()));
    int row = 0;
    // Newest timeline first: the one a restore to 'latest' ends on.
    for (auto it = s.windows.crbegin(); it != s.windows.crend(); ++it, ++row) {
        const auto& w = *it;
        const auto parent = c.wals.graph().parent(w.timeline);
        const auto lastCommit = w.limitedByGap ? s.lastCommits.end() : s.lastCommits.find(w.timeline);
        const bool commitKnown = lastCommit != s.lastCommits.end();
        const qint64 until =
            w.limitedByGap ? w.recoverableUntilUsec : (commitKnown ? lastCommit->timeUsec : w.lastArchivedUsec);
        m_timelines->setItem(row, 0, cell(QString::number(w.timeline), Qt::AlignRight | Qt::AlignVCenter));
        m_timelines->setItem(row, 1,
                             cell(parent ? QString::number(*parent) : QStringLiteral("-"), Qt::AlignRight | Qt::AlignVCenter));
        m_timelines->setItem(row, 2,
                             cell(w.firstRecoverabilityPoint ? Format::timeShort(w.firstRecoverabilityPoint->usecUtc, m_zone)
                                                             : QStringLiteral("-")));
        m_timelines->setItem(row, 3,
                             cell(w.firstRecoverabilityBackupId.isEmpty() ? QStringLiteral("-")
                                                                          : w.firstRecoverabilityBackupId));
        m_timelines->setItem(row, 4,
                             cell(w.firstRecoverabilityPoint ? Format::timeShort(until, m_zone) : QStringLiteral("-")));
        m_timelines->setItem(row, 5, cell(w.lastArchivedWal));
        m_timelines->setItem(row, 6, cell(Format::timeShort(w.lastArchivedUsec, m_zone)));
        QTableWidgetItem* status = nullptr;
        if (!w.firstRecoverabilityPoint) {
            status = cell(tr("no backup reaches it"));
            status->setForeground(ChartStyle::trouble());
        } else if (w.limitedByGap) {
            status = cell(tr("cut short by a gap at %1").arg(w.recoverableUntilWal));
            status->setForeground(ChartStyle::trouble());
        } else if (commitKnown) {
            status = cell(tr("to the last commit, xid %1").arg(lastCommit->xid));
        } else {
            status = cell(tr("to the last archived WAL"));
        }
        m_timelines->setItem(row, 7, status);
    }
    m_timelines->resizeColumnsToContents();
}

} // namespace tideline::gui
