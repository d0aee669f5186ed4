// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/wal/TimelineHistory.h"

#include <QCoreApplication>

#include <algorithm>
#include <limits>

namespace tideline::wal {

namespace {

struct TimelineHistoryText {
    Q_DECLARE_TR_FUNCTIONS(TimelineHistory)
};

bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

QString historyFileName(TimelineId timeline)
{
    return QStringLiteral("%1").arg(timeline, 8, 16, QLatin1Char('0')).toUpper() + QStringLiteral(".history");
}

// Enough of the line to recognise it in a message, never a whole binary blob.
QString quoted(const QByteArray& line)
{
    constexpr qsizetype kMax = 60;
    QString text = QString::fromUtf8(line.left(kMax));
    if (line.size() > kMax)
        text += QStringLiteral("...");
    return u'"' + text + u'"';
}

} // namespace

Result<QList<HistoryEntry>> parseHistoryFile(TimelineId timeline, const QByteArray& text)
{
    const QString file = historyFileName(timeline);
    const QString hint =
        TimelineHistoryText::tr("The timeline history is damaged; PostgreSQL would refuse it too. Restore %1 from another "
                                "copy (the primary's pg_wal) or remove it so the timeline is treated as a root.")
            .arg(file);
    QList<HistoryEntry> entries;
    const QList<QByteArray> lines = text.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const int lineNo = int(i + 1);
        const QByteArray line = lines[i].trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        auto corrupt = [&](const QString& what) {
            return fail(ErrorCode::Corrupt,
                        TimelineHistoryText::tr("%1, line %2: %3 in %4").arg(file).arg(lineNo).arg(what, quoted(line)), hint);
        };

        qsizetype pos = 0;
        quint64 parent = 0;
        while (pos < line.size() && line[pos] >= '0' && line[pos] <= '9') {
            parent = parent * 10 + quint64(line[pos] - '0');
            if (parent > std::numeric_limits<TimelineId>::max())
                return corrupt(TimelineHistoryText::tr("parent timeline out of range"));
            ++pos;
        }
        if (pos == 0 || (pos < line.size() && !isBlank(line[pos])))
            return corrupt(TimelineHistoryText::tr("expected a decimal parent timeline"));
        while (pos < line.size() && isBlank(line[pos]))
            ++pos;
        const qsizetype lsnStart = pos;
        while (pos < line.size() && !isBlank(line[pos]))
            ++pos;
        const auto switchPoint = Lsn::parse(QString::fromLatin1(line.sliced(lsnStart, pos - lsnStart)));
        if (!switchPoint)
            return corrupt(TimelineHistoryText::tr("expected a switch point LSN (H/L)"));

        HistoryEntry entry;
        entry.parent = TimelineId(parent);
        entry.switchPoint = *switchPoint;
        // PostgreSQL ignores the reason; it is free text (restore point names may be UTF-8).
        entry.reason = QString::fromUtf8(line.sliced(pos).trimmed());

        if (entry.parent == 0)
            return corrupt(TimelineHistoryText::tr("timeline 0 does not exist"));
        if (entry.parent >= timeline)
            return corrupt(TimelineHistoryText::tr("parent timeline %1 is not below %2").arg(entry.parent).arg(timeline));
        if (!entries.isEmpty() && entry.parent <= entries.last().parent)
            return corrupt(TimelineHistoryText::tr("parent timelines must increase (%1 after %2)")
                               .arg(entry.parent)
                               .arg(entries.last().parent));
        if (!entries.isEmpty() && entry.switchPoint < entries.last().switchPoint)
            return corrupt(TimelineHistoryText::tr("switch point %1 is before the previous one, %2")
                               .arg(entry.switchPoint.toString(), entries.last().switchPoint.toString()));
        entries.append(entry);
    }
    // A timeline gets a history file only when it branches, so the file always names a parent
    // (barman rejects an empty one as well); an empty body means a truncated upload.
    if (entries.isEmpty())
        return fail(ErrorCode::Corrupt, TimelineHistoryText::tr("%1 names no parent timeline").arg(file), hint);
    return entries;
}

void TimelineGraph::addHistory(TimelineId timeline, const QList<HistoryEntry>& entries)
{
    m_histories.insert(timeline, entries);
    addTimeline(timeline);
    for (const HistoryEntry& entry : entries)
        addTimeline(entry.parent);
}

void TimelineGraph::addTimeline(TimelineId timeline)
{
    const auto it = std::lower_bound(m_known.begin(), m_known.end(), timeline);
    if (it == m_known.end() || *it != timeline)
        m_known.insert(it, timeline);
}

QList<TimelineId> TimelineGraph::timelines() const
{
    return m_known;
}

bool TimelineGraph::hasHistory(TimelineId timeline) const
{
    return m_histories.contains(timeline);
}

QList<HistoryEntry> TimelineGraph::ancestry(TimelineId timeline) const
{
    if (const auto it = m_histories.constFind(timeline); it != m_histories.cend())
        return *it;
    // A lost N.history does not orphan N when a descendant's file still spells out its lineage.
    for (const QList<HistoryEntry>& entries : m_histories) {
        for (qsizetype i = 0; i < entries.size(); ++i)
            if (entries[i].parent == timeline)
                return entries.first(i);
    }
    return {};
}

std::optional<TimelineId> TimelineGraph::parent(TimelineId timeline) const
{
    const QList<HistoryEntry> chain = ancestry(timeline);
    if (chain.isEmpty())
        return std::nullopt;
    return chain.last().parent;
}

std::optional<Lsn> TimelineGraph::branchPoint(TimelineId timeline) const
{
    const QList<HistoryEntry> chain = ancestry(timeline);
    if (chain.isEmpty())
        return std::nullopt;
    return chain.last().switchPoint;
}

std::optional<QString> TimelineGraph::reason(TimelineId timeline) const
{
    const QList<HistoryEntry> chain = ancestry(timeline);
    if (chain.isEmpty())
        return std::nullopt;
    return chain.last().reason;
}

QList<TimelineId> TimelineGraph::path(TimelineId timeline) const
{
    QList<TimelineId> result;
    for (const HistoryEntry& entry : ancestry(timeline))
        result.append(entry.parent);
    result.append(timeline);
    return result;
}

std::optional<Lsn> TimelineGraph::endOnPathTo(TimelineId ancestor, TimelineId timeline) const
{
    if (ancestor == timeline)
        return std::nullopt;
    // The entry naming `ancestor` as parent is where its child on this path took over.
    for (const HistoryEntry& entry : ancestry(timeline))
        if (entry.parent == ancestor)
            return entry.switchPoint;
    return std::nullopt;
}

bool TimelineGraph::isAncestor(TimelineId ancestor, TimelineId timeline) const
{
    if (ancestor == timeline)
        return true;
    const QList<HistoryEntry> chain = ancestry(timeline);
    return std::any_of(chain.cbegin(), chain.cend(), [&](const HistoryEntry& e) { return e.parent == ancestor; });
}

bool TimelineGraph::holds(TimelineId timeline, TimelineId writtenOn, Lsn lsn) const
{
    if (writtenOn == timeline)
        return true;
    const auto end = endOnPathTo(writtenOn, timeline);
    return isAncestor(writtenOn, timeline) && end && lsn < *end;
}

QList<TimelineId> TimelineGraph::children(TimelineId timeline) const
{
    QList<TimelineId> result;
    for (TimelineId candidate : m_known)
        if (candidate != timeline && parent(candidate) == timeline)
            result.append(candidate);
    return result;
}

TimelineId TimelineGraph::latest() const
{
    return m_known.isEmpty() ? 0 : m_known.last();
}

TimelineId TimelineGraph::latestFrom(TimelineId start) const
{
    TimelineId best = start;
    for (TimelineId candidate : m_known)
        if (candidate > best && isAncestor(start, candidate))
            best = candidate;
    return best;
}

TimelineId TimelineGraph::probeLatest(TimelineId start) const
{
    TimelineId newest = start;
    while (newest < std::numeric_limits<TimelineId>::max() && hasHistory(newest + 1))
        ++newest;
    return newest;
}

} // namespace tideline::wal
