// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/catalog/WalArchive.h"

#include "engine/catalog/WalArchiveBuilder.h"

#include <algorithm>

namespace tideline::catalog {

using wal::TimelineId;
using wal::WalFileName;

WalArchive WalArchive::build(const QString& walsPrefix, const QList<storage::ObjectInfo>& objects,
                             std::optional<quint64> segmentSize)
{
    WalArchiveBuilder builder(walsPrefix);
    WalArchiveBuilder::Piece piece;
    WalArchiveBuilder::parse(walsPrefix, objects, piece);
    builder.add(0, std::move(piece));
    return builder.finish(segmentSize);
}

WalArchive WalArchive::without(const QSet<QString>& keys) const
{
    WalArchive out = *this;
    const auto gone = [&](const WalObject& o) { return keys.contains(keyOf(o)); };
    out.m_history.removeIf(gone);
    out.m_duplicateCopies.removeIf(gone);
    for (TimelineWal& t : out.m_timelines) {
        t.segments.removeIf(gone);
        t.partials.removeIf(gone);
        t.backupLabels.removeIf(gone);
        t.gaps.clear();
        t.bytes = 0;
        for (const auto* list : {&t.segments, &t.partials, &t.backupLabels})
            for (const WalObject& o : *list)
                t.bytes += o.size;
    }
    out.m_timelines.removeIf(
        [](const TimelineWal& t) { return t.segments.isEmpty() && t.partials.isEmpty() && t.backupLabels.isEmpty(); });
    return out;
}

void WalArchive::setGraph(wal::TimelineGraph graph)
{
    m_graph = std::move(graph);
    for (const auto& t : m_timelines)
        m_graph.addTimeline(t.timeline);
}

void WalArchive::computeGaps(const QMap<TimelineId, quint64>& oldestBeginByTimeline)
{
    for (auto& t : m_timelines) {
        t.gaps.clear();
        const auto oldest = oldestBeginByTimeline.constFind(t.timeline);
        // A child timeline begins at its switch segment (replay reads that segment from the child):
        // archived segments that start later leave a gap right after the failover.
        if (const auto branch = m_graph.branchPoint(t.timeline); branch && !t.segments.isEmpty()) {
            const quint64 start = branch->value() / m_segmentSize;
            if (t.firstSegno() > start) {
                WalGap gap{start, t.firstSegno() - 1, false};
                gap.harmless = oldest != oldestBeginByTimeline.cend() && gap.lastMissing < *oldest;
                t.gaps.append(gap);
            }
        }
        for (qsizetype i = 1; i < t.segments.size(); ++i) {
            const quint64 prev = t.segments[i - 1].segno;
            const quint64 cur = t.segments[i].segno;
            if (cur <= prev + 1)
                continue;
            WalGap gap{prev + 1, cur - 1, false};
            gap.harmless = oldest != oldestBeginByTimeline.cend() && gap.lastMissing < *oldest;
            t.gaps.append(gap);
        }
    }
}

const TimelineWal* WalArchive::timeline(TimelineId tli) const
{
    auto it = std::lower_bound(m_timelines.cbegin(), m_timelines.cend(), tli,
                               [](const TimelineWal& t, TimelineId id) { return t.timeline < id; });
    return it != m_timelines.cend() && it->timeline == tli ? &*it : nullptr;
}

QString WalArchive::keyOf(const WalObject& object) const
{
    const QString file = object.name.baseName() + compressionSuffix(object.name.compression);
    if (object.name.kind == WalFileName::Kind::History)
        return m_prefix + file;
    return m_prefix + object.name.hashDir() + QLatin1Char('/') + file;
}

std::optional<qint64> WalArchive::branchTimeUsec(TimelineId tli) const
{
    if (!m_graph.parent(tli))
        return std::nullopt;
    for (const WalObject& h : m_history)
        if (h.name.timeline == tli && h.uploadedUsec != 0)
            return h.uploadedUsec;
    const TimelineWal* t = timeline(tli);
    if (!t || t->segments.isEmpty())
        return std::nullopt;
    qint64 first = t->segments.first().uploadedUsec;
    for (const WalObject& s : t->segments)
        first = std::min(first, s.uploadedUsec);
    return first;
}

const WalObject* WalArchive::find(TimelineId tli, quint64 segno) const
{
    const TimelineWal* t = timeline(tli);
    if (!t)
        return nullptr;
    auto it = std::lower_bound(t->segments.cbegin(), t->segments.cend(), segno,
                               [](const WalObject& w, quint64 s) { return w.segno < s; });
    return it != t->segments.cend() && it->segno == segno ? &*it : nullptr;
}

std::optional<quint64> WalArchive::firstMissing(TimelineId tli, quint64 from, quint64 to) const
{
    if (to < from)
        return std::nullopt;
    const TimelineWal* t = timeline(tli);
    if (!t || t->segments.isEmpty() || from < t->firstSegno())
        return from;
    // Between first and last, segments are missing exactly where a gap is; gaps are few, so this
    // is a search over gaps, not over segments (the window asks it for every backup).
    for (const WalGap& g : t->gaps) {
        if (g.lastMissing < from)
            continue;
        if (g.firstMissing > to)
            break;
        return std::max(from, g.firstMissing);
    }
    if (to > t->lastSegno())
        return std::max(from, t->lastSegno() + 1);
    return std::nullopt;
}

QList<WalArchive::Leg> WalArchive::legs(TimelineId fromTli, quint64 fromSegno, TimelineId toTli, quint64 toSegno) const
{
    QList<Leg> result;
    const QList<TimelineId> path = m_graph.path(toTli);
    const qsizetype start = path.indexOf(fromTli);
    if (start < 0)
        return result;
    quint64 from = fromSegno;
    for (qsizetype i = start; i < path.size(); ++i) {
        const TimelineId tli = path[i];
        if (i + 1 < path.size()) {
            // The segment holding the switch point is read from the new timeline.
            const auto branch = m_graph.branchPoint(path[i + 1]);
            const quint64 switchSeg = branch ? wal::segnoOfLsn(*branch, m_segmentSize) : from;
            if (switchSeg > from)
                result.append({tli, from, switchSeg - 1});
            from = std::max(from, switchSeg);
        } else {
            result.append({tli, from, toSegno});
        }
    }
    return result;
}

std::optional<ChainPoint> WalArchive::firstMissingOnPath(TimelineId fromTli, quint64 fromSegno, TimelineId toTli,
                                                         quint64 toSegno) const
{
    const QList<Leg> path = legs(fromTli, fromSegno, toTli, toSegno);
    if (path.isEmpty())
        return ChainPoint{fromTli, fromSegno};
    for (const Leg& leg : path) {
        if (leg.to < leg.from)
            continue;
        if (auto missing = firstMissing(leg.timeline, leg.from, leg.to))
            return ChainPoint{leg.timeline, *missing};
    }
    return std::nullopt;
}

std::optional<ChainPoint> WalArchive::lastReachable(TimelineId fromTli, quint64 fromSegno, TimelineId toTli) const
{
    const TimelineWal* target = timeline(toTli);
    if (!target || target->segments.isEmpty())
        return std::nullopt;
    const QList<Leg> path = legs(fromTli, fromSegno, toTli, target->lastSegno());
    std::optional<ChainPoint> last;
    for (const Leg& leg : path) {
        if (leg.to < leg.from)
            continue;
        if (auto missing = firstMissing(leg.timeline, leg.from, leg.to)) {
            if (*missing > leg.from)
                return ChainPoint{leg.timeline, *missing - 1};
            return last;
        }
        last = ChainPoint{leg.timeline, leg.to};
    }
    return last;
}

} // namespace tideline::catalog
