// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/views/PitrTimeline.h"

#include "engine/wal/WalSegment.h"

#include <QDateTime>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QTimeZone>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace tideline::gui {

namespace {
constexpr qint64 kSecond = 1'000'000;
constexpr qint64 kMinute = 60 * kSecond;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;

struct Palette {
    QColor background, text, grid, recoverable, backup, backupBad, backupOther, band, gap, gapHarmless, marker, branch;
};

Palette paletteFor(bool dark)
{
    if (dark)
        return {QColor(0x23, 0x26, 0x2b), QColor(0xdd, 0xdd, 0xdd), QColor(0x40, 0x44, 0x4a), QColor(0x3a, 0x9a, 0x5b),
                QColor(0x4a, 0x8f, 0xd8), QColor(0xd0, 0x70, 0x70), QColor(0x80, 0x80, 0x80), QColor(0x5b, 0x7f, 0xa6),
                QColor(0xe0, 0x40, 0x40), QColor(0x90, 0x90, 0x90), QColor(0xff, 0xc4, 0x00), QColor(0xc0, 0x80, 0xe0)};
    return {QColor(0xff, 0xff, 0xff), QColor(0x20, 0x20, 0x20), QColor(0xe2, 0xe4, 0xe8), QColor(0x4c, 0xaf, 0x6e),
            QColor(0x2f, 0x6f, 0xc0), QColor(0xa8, 0x4a, 0x4a), QColor(0xa0, 0xa0, 0xa0), QColor(0x8f, 0xb3, 0xd9),
            QColor(0xd0, 0x20, 0x20), QColor(0xb0, 0xb0, 0xb0), QColor(0xe0, 0x8a, 0x00), QColor(0x8a, 0x3f, 0xb0)};
}

QDateTime inZone(qint64 usec, TimeZoneMode zone)
{
    const QDateTime utc = QDateTime::fromMSecsSinceEpoch(usec / 1000, QTimeZone::utc());
    return zone == TimeZoneMode::Local ? utc.toLocalTime() : utc;
}

// A tick step from a fixed ladder, so labels land on round wall times.
struct Step {
    qint64 usec; ///< fixed steps
    int months;  ///< calendar steps (0: fixed)
};
constexpr std::array kSteps{
    Step{kSecond, 0},     Step{5 * kSecond, 0},  Step{15 * kSecond, 0}, Step{30 * kSecond, 0},    Step{kMinute, 0},
    Step{5 * kMinute, 0}, Step{15 * kMinute, 0}, Step{30 * kMinute, 0}, Step{kHour, 0},           Step{3 * kHour, 0},
    Step{6 * kHour, 0},   Step{12 * kHour, 0},   Step{kDay, 0},         Step{2 * kDay, 0},        Step{7 * kDay, 0},
    Step{31 * kDay, 1},   Step{92 * kDay, 3},    Step{366 * kDay, 12},  Step{2 * 366 * kDay, 24}, Step{5 * 366 * kDay, 60},
};

// Day and month without the year, in the order and with the separator of the locale's date
// ("MM-dd" in English, "dd.MM" in Russian): midnight ticks inside a day-wide view.
QString dayMonthPattern()
{
    QString pattern = Format::datePattern();
    const qsizetype y = pattern.indexOf(QLatin1String("yyyy"));
    if (y < 0)
        return pattern;
    pattern.remove(y, 4);
    // Drop the separator the year leaves behind, at either end.
    while (!pattern.isEmpty() && !pattern.front().isLetter())
        pattern.remove(0, 1);
    while (!pattern.isEmpty() && !pattern.back().isLetter())
        pattern.chop(1);
    return pattern;
}

// Whether tickLabel() names the day (so the first sub-day label needs no date in front).
bool tickHasDate(const QDateTime& t, const Step& step)
{
    return step.months > 0 || step.usec >= kDay || (step.usec >= kMinute && t.time() == QTime(0, 0));
}

// Short labels in the locale: "2026", "Nov 2026" ("нояб. 2026"), the locale's date, "MM-dd"
// ("dd.MM") for midnight, else a 24-hour time.
QString tickLabel(const QDateTime& t, const Step& step)
{
    const QLocale locale;
    if (step.months >= 12)
        return locale.toString(t, u"yyyy");
    if (step.months > 0)
        return locale.toString(t, u"MMM yyyy");
    if (step.usec >= kDay)
        return locale.toString(t, Format::datePattern());
    if (step.usec >= kMinute)
        return t.time() == QTime(0, 0) ? locale.toString(t, dayMonthPattern()) : locale.toString(t, u"HH:mm");
    return locale.toString(t, u"HH:mm:ss");
}
} // namespace

QList<PitrTimeline::Band> PitrTimeline::computeBands(const catalog::WalArchive& wals)
{
    QList<Band> bands;
    for (const catalog::TimelineWal& t : wals.timelines()) {
        const auto& segs = t.segments;
        qsizetype i = 0;
        while (i < segs.size()) {
            Band b;
            b.timeline = t.timeline;
            b.firstSegno = segs[i].segno;
            b.beginUsec = segs[i].uploadedUsec;
            b.endUsec = segs[i].uploadedUsec;
            qsizetype j = i;
            // Upload times are not strictly ordered (parallel archiving), so keep min and max.
            while (j + 1 < segs.size() && segs[j + 1].segno == segs[j].segno + 1) {
                ++j;
                b.beginUsec = std::min(b.beginUsec, segs[j].uploadedUsec);
                b.endUsec = std::max(b.endUsec, segs[j].uploadedUsec);
            }
            b.lastSegno = segs[j].segno;
            bands.append(b);
            i = j + 1;
        }
    }
    return bands;
}

PitrTimeline::PitrTimeline(QWidget* parent) : QWidget(parent)
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setCursor(Qt::CrossCursor);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    updateGutter();
    m_scale.setWidth(std::max(1, width() - m_gutter));
}

PitrTimeline::~PitrTimeline() = default;

void PitrTimeline::setSnapshot(SnapshotPtr snapshot)
{
    m_snapshot = std::move(snapshot);
    rebuild();
    updateGutter();
    fitAll();
}

QString PitrTimeline::rowLabel(int row) const
{
    if (row == 0)
        return tr("Restorable");
    if (row == 1)
        return tr("Backups");
    if (row == 2 + m_timelines.size())
        return tr("Commits/min");
    return tr("TL %1 WAL").arg(m_timelines.value(row - 2));
}

void PitrTimeline::updateGutter()
{
    // The labels are drawn from x = 4 in a rect m_gutter - 8 wide: a language with longer
    // words gets a wider gutter instead of clipped labels.
    const QFontMetrics fm(font());
    int widest = 0;
    for (int row = 0; row < rowCount(); ++row)
        widest = std::max(widest, fm.horizontalAdvance(rowLabel(row)));
    const int gutter = std::max(kMinGutter, widest + 12);
    if (gutter == m_gutter)
        return;
    m_gutter = gutter;
    m_scale.setWidth(std::max(1, width() - m_gutter));
    if (m_autoFit && m_dataEnd > m_dataBegin)
        m_scale.fit(m_dataBegin, m_dataEnd);
    emit viewChanged();
    update();
}

void PitrTimeline::changeEvent(QEvent* event)
{
    // Labels, hover texts and the legend are made in paintTo() and describeAt(): a new language
    // or locale only needs the gutter resized for the new row labels and a repaint.
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::LocaleChange
        || event->type() == QEvent::FontChange) {
        updateGutter();
        QToolTip::hideText();
        update();
    }
    QWidget::changeEvent(event);
}

void PitrTimeline::setTimeZone(TimeZoneMode zone)
{
    m_zone = zone;
    update();
}

void PitrTimeline::setDark(bool dark)
{
    m_dark = dark;
    update();
}

void PitrTimeline::setRetentionPreview(std::optional<RetentionPreview> preview)
{
    m_preview = std::move(preview);
    update();
}

void PitrTimeline::setTarget(std::optional<qint64> usecUtc)
{
    m_target = usecUtc;
    // Keep the marker in sight: a target typed far away brings the view to it.
    if (m_target && (*m_target < m_scale.startUsec() || *m_target > m_scale.endUsec())) {
        m_scale.pan(m_scale.xForTime(m_scale.startUsec() + static_cast<qint64>(m_scale.spanUsec() / 2))
                    - m_scale.xForTime(*m_target));
        emit viewChanged();
    }
    update();
}

void PitrTimeline::rebuild()
{
    m_bands.clear();
    m_timelines.clear();
    m_branches.clear();
    m_backupSpans.clear();
    m_recoverable.clear();
    m_marks.clear();
    m_commitMinutes.clear();
    m_maxPerMinute = 0;
    m_widestBackupUsec = 0;
    m_dataBegin = m_dataEnd = 0;
    if (!m_snapshot)
        return;
    const catalog::ServerCatalog& cat = m_snapshot->catalog;
    m_bands = computeBands(cat.wals);
    qint64 lo = std::numeric_limits<qint64>::max();
    qint64 hi = std::numeric_limits<qint64>::min();
    for (const Band& b : std::as_const(m_bands)) {
        lo = std::min(lo, b.beginUsec);
        hi = std::max(hi, b.endUsec);
    }
    for (const catalog::TimelineWal& t : cat.wals.timelines())
        m_timelines.append(t.timeline);
    for (qsizetype i = 0; i < cat.backups.size(); ++i) {
        const catalog::BackupEntry& e = cat.backups[i];
        BackupSpan s;
        s.index = static_cast<int>(i);
        s.beginUsec = e.info && e.info->beginTime ? e.info->beginTime->usecUtc : e.firstUploadUsec;
        s.endUsec = e.info && e.info->endTime ? e.info->endTime->usecUtc : e.lastUploadUsec;
        if (s.beginUsec == 0 && s.endUsec == 0)
            continue;
        if (s.endUsec < s.beginUsec)
            s.endUsec = s.beginUsec;
        s.done = e.state == catalog::BackupEntry::State::Done;
        s.restorable = e.restorable;
        m_widestBackupUsec = std::max(m_widestBackupUsec, s.endUsec - s.beginUsec);
        lo = std::min(lo, s.beginUsec);
        hi = std::max(hi, s.endUsec);
        m_backupSpans.append(s);
    }
    std::sort(m_backupSpans.begin(), m_backupSpans.end(),
              [](const BackupSpan& a, const BackupSpan& b) { return a.beginUsec < b.beginUsec; });
    for (quint32 tli : std::as_const(m_timelines))
        if (const auto when = cat.wals.branchTimeUsec(tli))
            m_branches.append({*cat.wals.graph().parent(tli), tli, *when});
    m_recoverable = pitr::mergedRecoverableRanges(m_snapshot->windows);
    if (const auto& events = m_snapshot->events) {
        using K = wal::WalEvent::Kind;
        for (const wal::WalEvent& e : events->events) {
            const auto when = e.timeUsec ? e.timeUsec : e.notBeforeUsec;
            if (when && (e.kind == K::RestorePoint || e.kind == K::Drop || e.kind == K::Truncate))
                m_marks.append({e, *when});
        }
        std::stable_sort(m_marks.begin(), m_marks.end(), [](const Mark& a, const Mark& b) { return a.usec < b.usec; });
        m_commitMinutes = events->commitsPerMinute;
        for (int n : std::as_const(m_commitMinutes))
            m_maxPerMinute = std::max(m_maxPerMinute, n);
    }
    if (lo <= hi) {
        m_dataBegin = lo;
        m_dataEnd = hi;
    }
}

void PitrTimeline::fitAll()
{
    if (m_dataEnd > m_dataBegin)
        m_scale.fit(m_dataBegin, m_dataEnd);
    m_autoFit = true;
    emit viewChanged();
    update();
}

std::optional<double> PitrTimeline::markerX() const
{
    if (!m_target)
        return std::nullopt;
    return widgetXForTime(*m_target);
}

QPair<int, int> PitrTimeline::backupRow() const
{
    return {rowTop(1), rowTop(1) + kRowHeight - 4};
}

QPair<int, int> PitrTimeline::timelineRow(quint32 timeline) const
{
    const int row = static_cast<int>(m_timelines.indexOf(timeline));
    if (row < 0)
        return {-1, -1};
    return {rowTop(2 + row), rowTop(2 + row) + kRowHeight - 4};
}

QPair<int, int> PitrTimeline::commitsRow() const
{
    if (m_commitMinutes.isEmpty())
        return {-1, -1};
    const int row = 2 + static_cast<int>(m_timelines.size());
    return {rowTop(row), rowTop(row) + kRowHeight - 4};
}

const PitrTimeline::Mark* PitrTimeline::markAt(QPoint pos) const
{
    const Mark* best = nullptr;
    double bestDistance = 6;
    for (const Mark& m : m_marks) {
        const auto [top, bottom] = timelineRow(m.event.timeline);
        if (pos.y() < top || pos.y() > bottom)
            continue;
        const double d = std::abs(widgetXForTime(m.usec) - pos.x());
        if (d <= bestDistance) {
            bestDistance = d;
            best = &m;
        }
    }
    return best;
}

int PitrTimeline::backupIndexAt(QPoint pos) const
{
    QList<TimelineScale::Item> items;
    items.reserve(m_backupSpans.size());
    const auto [top, bottom] = backupRow();
    for (const BackupSpan& s : m_backupSpans)
        items.append({s.beginUsec, s.endUsec, double(top), double(bottom)});
    const int hit = m_scale.hitTest(items, QPointF(pos.x() - m_gutter, pos.y()));
    return hit < 0 ? -1 : m_backupSpans[hit].index;
}

QString PitrTimeline::describeAt(QPoint pos) const
{
    if (!m_snapshot || pos.x() < m_gutter)
        return {};
    const catalog::ServerCatalog& cat = m_snapshot->catalog;
    const qint64 t = timeForWidgetX(pos.x());
    if (const int b = backupIndexAt(pos); b >= 0) {
        const catalog::BackupEntry& e = cat.backups[b];
        QString text = tr("Backup %1 (%2)").arg(e.id, e.statusText());
        if (e.info && e.info->beginTime && e.info->endTime)
            text += QStringLiteral("\n%1 → %2")
                        .arg(Format::time(e.info->beginTime->usecUtc, m_zone), Format::time(e.info->endTime->usecUtc, m_zone));
        if (e.info)
            text += QLatin1Char('\n')
                + tr("timeline %1, %2 → %3").arg(QString::number(e.info->timeline), e.info->beginWal, e.info->endWal);
        text += QLatin1Char('\n')
            + (e.restorable ? tr("%1 in the bucket, restorable") : tr("%1 in the bucket, not restorable"))
                  .arg(Format::bytes(e.bytes));
        return text;
    }
    if (const Mark* m = markAt(pos)) {
        const wal::WalEvent& e = m->event;
        const QString at = e.timeUsec ? Format::time(*e.timeUsec, m_zone) : tr("after %1").arg(Format::time(m->usec, m_zone));
        switch (e.kind) {
        case wal::WalEvent::Kind::RestorePoint:
            return tr("Restore point '%1'\n%2, timeline %3, LSN %4")
                .arg(e.name, at, QString::number(e.timeline), e.lsn.toString());
        case wal::WalEvent::Kind::Drop:
            return tr("Relation files dropped at commit (DROP, TRUNCATE or a rewrite): %1\n%2, xid %3, "
                      "timeline %4, LSN %5\nClick it in the list below to restore to just before it")
                .arg(e.relations.join(QStringLiteral(", ")), at, QString::number(e.xid), QString::number(e.timeline),
                     e.lsn.toString());
        default:
            return tr("%1 truncated to %2 blocks\n%3, timeline %4, LSN %5")
                .arg(e.relations.value(0), e.name, at, QString::number(e.timeline), e.lsn.toString());
        }
    }
    if (const auto [top, bottom] = commitsRow(); top >= 0 && pos.y() >= top && pos.y() <= bottom) {
        constexpr qint64 kMinuteUsec = 60 * kSecond;
        const qint64 minute = (t / kMinuteUsec) * kMinuteUsec;
        return tr("%Ln commit(s) in the minute from %1", nullptr, m_commitMinutes.value(minute)).arg(Format::time(minute, m_zone));
    }
    if (pos.y() >= rowTop(0) && pos.y() < rowTop(1)) {
        for (const auto& r : m_recoverable)
            if (t >= r.fromUsec && t <= r.toUsec)
                return tr("Recoverable: %1 → %2").arg(Format::time(r.fromUsec, m_zone), Format::time(r.toUsec, m_zone));
        return tr("Not recoverable at %1").arg(Format::time(t, m_zone));
    }
    for (quint32 tli : m_timelines) {
        const auto [top, bottom] = timelineRow(tli);
        if (pos.y() < top || pos.y() > bottom)
            continue;
        const catalog::TimelineWal* tw = cat.wals.timeline(tli);
        if (!tw || tw->segments.isEmpty())
            return {};
        const double tolerance = 4 * m_scale.usecPerPixel();
        // Segments come in segno order and their upload times nearly so: a binary search by
        // time finds the one under the cursor without walking a million of them.
        const auto& segs = tw->segments;
        auto it = std::lower_bound(segs.begin(), segs.end(), t,
                                   [](const catalog::WalObject& o, qint64 v) { return o.uploadedUsec < v; });
        const catalog::WalObject* best = nullptr;
        for (auto c : {it, it == segs.begin() ? it : it - 1})
            if (c != segs.end() && (!best || std::abs(c->uploadedUsec - t) < std::abs(best->uploadedUsec - t)))
                best = &*c;
        if (best && std::abs(best->uploadedUsec - t) <= tolerance)
            return tr("Timeline %1: segment %2\nuploaded %3, %4")
                .arg(QString::number(tli), best->name.baseName(), Format::time(best->uploadedUsec, m_zone),
                     Format::bytes(best->size));
        // Between bands: a gap.
        for (qsizetype i = 0; i + 1 < m_bands.size(); ++i) {
            const Band& a = m_bands[i];
            const Band& b = m_bands[i + 1];
            if (a.timeline != tli || b.timeline != tli || t < a.endUsec || t > b.beginUsec)
                continue;
            return tr("Timeline %1: gap, %Ln segment(s) missing\n%2 … %3", nullptr,
                      Format::count(b.firstSegno - a.lastSegno - 1))
                .arg(QString::number(tli), wal::segmentName(tli, a.lastSegno + 1, cat.wals.segmentSize()),
                     wal::segmentName(tli, b.firstSegno - 1, cat.wals.segmentSize()));
        }
        return tr("Timeline %1 at %2").arg(QString::number(tli), Format::time(t, m_zone));
    }
    return {};
}

void PitrTimeline::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    paintTo(p, size());
}

// The scale is the one paintTo() sized for this frame: a widget rendered off screen (screenshots,
// the benchmark) may never have had a resize event that sized scale.
void PitrTimeline::paintAxis(QPainter& p, QSize size, const TimelineScale& scale) const
{
    const Palette pal = paletteFor(m_dark);
    const double minTickPx = 110;
    Step step = kSteps.back();
    for (const Step& s : kSteps)
        if (static_cast<double>(s.usec) / scale.usecPerPixel() >= minTickPx) {
            step = s;
            break;
        }
    const qint64 start = scale.startUsec();
    const qint64 end = scale.endUsec();
    // Tick instants: round wall times in the shown zone.
    QList<qint64> ticks;
    const QDateTime first = inZone(start, m_zone);
    if (step.months > 0) {
        QDate d(first.date().year(), 1, 1);
        const int stepMonths = step.months;
        while (true) {
            const QDateTime dt(d, QTime(0, 0), m_zone == TimeZoneMode::Local ? QTimeZone::systemTimeZone() : QTimeZone::utc());
            const qint64 u = dt.toMSecsSinceEpoch() * 1000;
            if (u > end || ticks.size() > 400)
                break;
            if (u >= start)
                ticks.append(u);
            d = d.addMonths(stepMonths);
        }
    } else {
        const qint64 offset = static_cast<qint64>(first.offsetFromUtc()) * kSecond;
        qint64 u = ((start + offset) / step.usec) * step.usec - offset;
        if (step.usec == 7 * kDay) // weeks start on Monday: 1970-01-05 was one
            u = ((start + offset - 4 * kDay) / step.usec) * step.usec + 4 * kDay - offset;
        for (; u <= end && ticks.size() < 400; u += step.usec)
            if (u >= start)
                ticks.append(u);
    }
    p.setPen(pal.grid);
    for (qint64 u : std::as_const(ticks)) {
        const double x = (m_gutter + scale.xForTime(u));
        p.drawLine(QPointF(x, kAxisHeight - 6), QPointF(x, size.height()));
    }
    p.setPen(pal.text);
    const QFontMetrics fm(p.font());
    bool dated = false;
    for (qint64 u : std::as_const(ticks)) {
        const double x = (m_gutter + scale.xForTime(u));
        QString label = tickLabel(inZone(u, m_zone), step);
        // Sub-day labels carry the date once, so "01:05" is never read on the wrong day.
        // (A midnight tick is labelled with its date already.)
        if (!dated && step.months == 0 && step.usec < kDay && x - 40 >= m_gutter && !tickHasDate(inZone(u, m_zone), step)) {
            label = QStringLiteral("%1 %2").arg(QLocale().toString(inZone(u, m_zone), Format::datePattern()), label);
            dated = true;
        }
        const int w = fm.horizontalAdvance(label);
        if (x - w / 2.0 < m_gutter)
            continue;
        p.drawText(QPointF(x - w / 2.0, kAxisHeight - 12), label);
    }
}

namespace {
// A key in the bottom right corner: the colours say restorable or not, harmful or harmless.
void paintLegend(QPainter& p, QSize size, const Palette& pal, int rowsBottom, bool previewing, bool marks)
{
    QList<std::pair<QColor, QString>> entries{{pal.recoverable, PitrTimeline::tr("restorable", "legend")},
                                              {pal.backup, PitrTimeline::tr("backup", "legend")},
                                              {pal.backupBad, PitrTimeline::tr("backup not restorable", "legend")},
                                              {pal.band, PitrTimeline::tr("WAL archived", "legend")},
                                              {pal.gap, PitrTimeline::tr("gap", "legend")},
                                              {pal.gapHarmless, PitrTimeline::tr("harmless gap", "legend")},
                                              {pal.branch, PitrTimeline::tr("timeline switch", "legend")},
                                              {pal.marker, PitrTimeline::tr("target", "legend")}};
    if (previewing)
        entries.prepend({pal.gapHarmless, PitrTimeline::tr("removed by retention", "legend")});
    if (marks) {
        entries.append({pal.recoverable.darker(140), PitrTimeline::tr("restore point", "legend")});
        entries.append({pal.gap, PitrTimeline::tr("files dropped", "legend")});
    }
    const QFontMetrics fm(p.font());
    constexpr int kSwatch = 10;
    constexpr int kSpacing = 14;
    int width = 0;
    for (const auto& [colour, text] : entries)
        width += kSwatch + 4 + fm.horizontalAdvance(text) + kSpacing;
    int x = std::max(4, size.width() - width - 4);
    const int y = size.height() - fm.height() - 4;
    if (y < rowsBottom + 4)
        return; // no room below the rows: the hover text and row labels must do
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const auto& [colour, text] = entries[i];
        const QRect swatch(x, y + (fm.height() - kSwatch) / 2, kSwatch, kSwatch);
        p.fillRect(swatch, colour);
        if (previewing && i == 0) // hatched, as the backups that go are drawn
            p.fillRect(swatch, QBrush(pal.text, Qt::BDiagPattern));
        x += kSwatch + 4;
        p.setPen(pal.text);
        p.drawText(QPoint(x, y + fm.ascent()), text);
        x += fm.horizontalAdvance(text) + kSpacing;
    }
}
} // namespace

void PitrTimeline::paintTo(QPainter& p, QSize size) const
{
    const Palette pal = paletteFor(m_dark);
    p.fillRect(QRect(QPoint(0, 0), size), pal.background);
    if (!m_snapshot) {
        p.setPen(pal.text);
        p.drawText(QRect(QPoint(0, 0), size), Qt::AlignCenter, tr("No server loaded"));
        return;
    }
    TimelineScale scale = m_scale;
    scale.setWidth(std::max(1, size.width() - m_gutter));
    const qint64 viewStart = scale.startUsec();
    const qint64 viewEnd = scale.endUsec();
    p.save();
    p.setClipRect(QRect(m_gutter, 0, size.width() - m_gutter, size.height()));
    paintAxis(p, size, scale);

    auto spanRect = [&](qint64 b, qint64 e, int top, int h, double minW) {
        double x0 = scale.xForTime(std::max(b, viewStart - kDay)) + m_gutter;
        double x1 = scale.xForTime(std::min(e, viewEnd + kDay)) + m_gutter;
        if (x1 - x0 < minW) {
            const double c = (x0 + x1) / 2;
            x0 = c - minW / 2;
            x1 = c + minW / 2;
        }
        return QRectF(x0, top, x1 - x0, h);
    };

    // Row 0: what can be restored.
    const int h = kRowHeight - 6;
    for (const auto& r : m_recoverable)
        if (r.toUsec >= viewStart && r.fromUsec <= viewEnd)
            p.fillRect(spanRect(r.fromUsec, r.toUsec, rowTop(0) + 3, h - 4, 2), pal.recoverable);
    // A retention preview greys what stops being restorable.
    const bool previewing = m_preview.has_value();
    const qint64 lostUntil = previewing ? m_preview->newStartUsec.value_or(m_dataEnd) : 0;
    if (previewing)
        for (const auto& r : m_recoverable)
            if (r.fromUsec < lostUntil && r.toUsec >= viewStart && r.fromUsec <= viewEnd)
                p.fillRect(spanRect(r.fromUsec, std::min(r.toUsec, lostUntil), rowTop(0) + 3, h - 4, 2), pal.gapHarmless);

    // Row 1: backups. Sorted by begin, so the visible ones are a slice; several backups falling
    // on one pixel are painted once, which keeps 5,000 of them cheap at a yearly zoom.
    {
        const qint64 from = viewStart - m_widestBackupUsec;
        auto it = std::lower_bound(m_backupSpans.begin(), m_backupSpans.end(), from,
                                   [](const BackupSpan& s, qint64 v) { return s.beginUsec < v; });
        double lastRight = -1e9;
        QColor lastColor;
        for (; it != m_backupSpans.end() && it->beginUsec <= viewEnd; ++it) {
            if (it->endUsec < viewStart)
                continue;
            const QRectF r = spanRect(it->beginUsec, it->endUsec, rowTop(1) + 2, h, 3);
            const bool goes = previewing && m_preview->removedBackups.contains(m_snapshot->catalog.backups[it->index].id);
            const QColor c = goes ? pal.gapHarmless
                : it->restorable  ? pal.backup
                : it->done        ? pal.backupBad
                                  : pal.backupOther;
            if (r.right() <= lastRight + 1 && c == lastColor)
                continue;
            p.fillRect(r, c);
            if (goes)
                p.fillRect(r, QBrush(pal.text, Qt::BDiagPattern));
            lastRight = r.right();
            lastColor = c;
        }
    }

    // Timeline rows: bands of contiguous segments, red gaps between them.
    for (qsizetype i = 0; i < m_bands.size(); ++i) {
        const Band& b = m_bands[i];
        const int row = static_cast<int>(m_timelines.indexOf(b.timeline));
        const int top = rowTop(2 + row) + 2;
        if (b.endUsec >= viewStart && b.beginUsec <= viewEnd)
            p.fillRect(spanRect(b.beginUsec, b.endUsec, top, h, 2), pal.band);
        if (i + 1 < m_bands.size() && m_bands[i + 1].timeline == b.timeline) {
            const Band& n = m_bands[i + 1];
            bool harmless = false;
            if (const auto* tw = m_snapshot->catalog.wals.timeline(b.timeline))
                for (const catalog::WalGap& g : tw->gaps)
                    if (g.firstMissing == b.lastSegno + 1)
                        harmless = g.harmless;
            if (n.beginUsec >= viewStart && b.endUsec <= viewEnd)
                p.fillRect(spanRect(b.endUsec, n.beginUsec, top, h, 3), harmless ? pal.gapHarmless : pal.gap);
        }
    }

    // Commits per minute: a bar per minute, as high as its share of the busiest minute.
    if (const auto [top, bottom] = commitsRow(); top >= 0 && m_maxPerMinute > 0) {
        const double full = bottom - top - 2;
        for (auto it = m_commitMinutes.lowerBound(viewStart - 60 * kSecond);
             it != m_commitMinutes.end() && it.key() <= viewEnd; ++it) {
            const double height = std::max(1.0, full * it.value() / m_maxPerMinute);
            const QRectF r = spanRect(it.key(), it.key() + 60 * kSecond, top, 0, 1);
            p.fillRect(QRectF(r.left(), bottom - height, std::max(1.0, r.width() - 0.5), height), pal.band.darker(130));
        }
    }

    // What the WAL says happened: restore points as flags, dropped or truncated files in red.
    p.setRenderHint(QPainter::Antialiasing, true);
    for (const Mark& m : m_marks) {
        if (m.usec < viewStart || m.usec > viewEnd)
            continue;
        const int row = static_cast<int>(m_timelines.indexOf(m.event.timeline));
        if (row < 0)
            continue;
        const double x = scale.xForTime(m.usec) + m_gutter;
        const int top = rowTop(2 + row);
        if (m.event.kind == wal::WalEvent::Kind::RestorePoint) {
            p.setPen(QPen(pal.text, 1));
            p.drawLine(QPointF(x, top + 1), QPointF(x, top + kRowHeight - 4));
            p.setPen(Qt::NoPen);
            p.setBrush(pal.recoverable.darker(140));
            p.drawPolygon(QPolygonF{QPointF(x, top + 1), QPointF(x + 8, top + 4.5), QPointF(x, top + 8)});
        } else {
            const double y = top + (kRowHeight - 4) / 2.0;
            p.setPen(QPen(pal.background, 1));
            p.setBrush(pal.gap);
            p.drawPolygon(QPolygonF{QPointF(x, y - 6), QPointF(x + 5, y), QPointF(x, y + 6), QPointF(x - 5, y)});
        }
        p.setBrush(Qt::NoBrush);
    }
    p.setRenderHint(QPainter::Antialiasing, false);

    // Branch points: a connector from the parent's row down to the child's.
    p.setRenderHint(QPainter::Antialiasing, true);
    for (const Branch& br : std::as_const(m_branches)) {
        const int pr = static_cast<int>(m_timelines.indexOf(br.parent));
        const int cr = static_cast<int>(m_timelines.indexOf(br.child));
        if (pr < 0 || cr < 0 || br.usec < viewStart || br.usec > viewEnd)
            continue;
        const double x = scale.xForTime(br.usec) + m_gutter;
        const double y0 = rowTop(2 + pr) + kRowHeight / 2.0;
        const double y1 = rowTop(2 + cr) + kRowHeight / 2.0;
        p.setPen(QPen(pal.branch, 2));
        p.drawLine(QPointF(x, y0), QPointF(x, y1));
        p.setBrush(pal.branch);
        p.drawEllipse(QPointF(x, y0), 4, 4);
        p.drawEllipse(QPointF(x, y1), 4, 4);
        p.setBrush(Qt::NoBrush);
    }

    // Where the window starts once the previewed retention is applied.
    if (previewing && m_preview->newStartUsec && *m_preview->newStartUsec >= viewStart && *m_preview->newStartUsec <= viewEnd) {
        const double x = scale.xForTime(*m_preview->newStartUsec) + m_gutter;
        p.setPen(QPen(pal.text, 1.5, Qt::DashLine));
        p.drawLine(QPointF(x, kAxisHeight), QPointF(x, rowTop(2 + static_cast<int>(m_timelines.size()))));
    }

    // The target.
    if (m_target && *m_target >= viewStart && *m_target <= viewEnd) {
        const double x = scale.xForTime(*m_target) + m_gutter;
        p.setPen(QPen(pal.marker, 2));
        p.drawLine(QPointF(x, kAxisHeight - 4), QPointF(x, size.height()));
        p.setBrush(pal.marker);
        p.drawPolygon(
            QPolygonF{QPointF(x - 6, kAxisHeight - 10), QPointF(x + 6, kAxisHeight - 10), QPointF(x, kAxisHeight - 2)});
        p.setBrush(Qt::NoBrush);
    }
    p.setRenderHint(QPainter::Antialiasing, false);
    p.restore();

    // Row labels, over a gutter that never scrolls.
    p.fillRect(QRect(0, kAxisHeight, m_gutter, size.height() - kAxisHeight), pal.background);
    p.setPen(pal.grid);
    p.drawLine(m_gutter - 1, 0, m_gutter - 1, size.height());
    p.setPen(pal.text);
    auto label = [&](int row, const QString& text) {
        p.drawText(QRect(4, rowTop(row), m_gutter - 8, kRowHeight - 2), Qt::AlignLeft | Qt::AlignVCenter, text);
    };
    for (int row = 0; row < rowCount(); ++row)
        label(row, rowLabel(row));
    // The zone in the corner: every label on the axis is a wall time in it.
    QFont bold = p.font();
    bold.setBold(true);
    p.save();
    p.setFont(bold);
    p.drawText(QRect(4, 2, m_gutter - 6, kAxisHeight - 6), Qt::AlignLeft | Qt::AlignVCenter, Format::zoneName(m_zone));
    p.restore();
    paintLegend(p, size, pal, rowTop(rowCount()), m_preview.has_value(), !m_marks.isEmpty());
}

void PitrTimeline::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    m_scale.setWidth(std::max(1, width() - m_gutter));
    // A snapshot set while the tab was hidden was fitted to a width it never had.
    if (m_autoFit)
        fitAll();
}

void PitrTimeline::wheelEvent(QWheelEvent* event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0)
        return;
    m_scale.zoomAround(event->position().x() - m_gutter, std::pow(1.25, steps));
    m_autoFit = false;
    emit viewChanged();
    update();
    event->accept();
}

void PitrTimeline::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    m_pressed = true;
    m_dragging = false;
    m_pressPos = m_lastDrag = event->position().toPoint();
}

void PitrTimeline::mouseMoveEvent(QMouseEvent* event)
{
    const QPoint pos = event->position().toPoint();
    if (m_pressed) {
        if (!m_dragging && (pos - m_pressPos).manhattanLength() > 4)
            m_dragging = true;
        if (m_dragging) {
            m_scale.pan(pos.x() - m_lastDrag.x());
            m_autoFit = false;
            m_lastDrag = pos;
            setCursor(Qt::ClosedHandCursor);
            emit viewChanged();
            update();
            return;
        }
    }
    const QString text = describeAt(pos);
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, this);
}

void PitrTimeline::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || !m_pressed)
        return;
    m_pressed = false;
    setCursor(Qt::CrossCursor);
    if (m_dragging) {
        m_dragging = false;
        return;
    }
    const double x = event->position().x();
    if (x < m_gutter)
        return;
    // Whole seconds: nobody types a microsecond, and the time edit shows seconds.
    const qint64 t = timeForWidgetX(x) / kSecond * kSecond;
    setTarget(t);
    emit targetPicked(Timestamp::fromUsec(t));
}

void PitrTimeline::leaveEvent(QEvent* event)
{
    QToolTip::hideText();
    QWidget::leaveEvent(event);
}

} // namespace tideline::gui
