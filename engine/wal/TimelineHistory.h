// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/Error.h"
#include "engine/wal/Lsn.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace tideline::wal {

/// One line of a .history file: timeline `parent` ended (switched) at `switchPoint`.
struct HistoryEntry {
    TimelineId parent = 0;
    Lsn switchPoint;
    QString reason;
    friend bool operator==(const HistoryEntry&, const HistoryEntry&) = default;
};

/// Parses the text of TTTTTTTT.history: "parentTLI<TAB>switchpoint<TAB>reason" lines, parent in
/// decimal, '#' comments and blank lines skipped (PostgreSQL's own rules: whitespace separated,
/// reason optional). Entries must have strictly increasing parents and non-decreasing switch
/// points, each parent below `timeline`.
/// Errors: Corrupt with the line number on any malformed line.
Result<QList<HistoryEntry>> parseHistoryFile(TimelineId timeline, const QByteArray& text);

/// The tree of timelines an archive's history files describe. Timeline 1 (and any timeline
/// without a history file) is a root. Pure, value type, any thread.
class TimelineGraph {
public:
    /// Records the ancestry of `timeline` as its history file states it (the whole chain).
    void addHistory(TimelineId timeline, const QList<HistoryEntry>& entries);
    /// Makes a timeline known even without a history file (timeline 1, or a lost history).
    void addTimeline(TimelineId timeline);

    QList<TimelineId> timelines() const; ///< ascending
    bool hasHistory(TimelineId timeline) const;
    std::optional<TimelineId> parent(TimelineId timeline) const;
    /// The LSN at which `timeline` branched off its parent (the parent's switch point).
    std::optional<Lsn> branchPoint(TimelineId timeline) const;
    std::optional<QString> reason(TimelineId timeline) const;
    /// Root first: {1, 2, 5} for 5 whose parent is 2 whose parent is 1.
    QList<TimelineId> path(TimelineId timeline) const;
    /// The LSN where `ancestor` stops being part of `timeline`'s history: the switch point of the
    /// child of `ancestor` on the path; nullopt when ancestor == timeline (it never ends) or when
    /// ancestor is not on the path.
    std::optional<Lsn> endOnPathTo(TimelineId ancestor, TimelineId timeline) const;
    /// True when `ancestor` is on `timeline`'s path (a timeline is its own ancestor).
    bool isAncestor(TimelineId ancestor, TimelineId timeline) const;
    /// True when WAL written on `writtenOn` at `lsn` is part of `timeline`'s history: written on
    /// it, or on an ancestor before `timeline` branched away from that ancestor.
    bool holds(TimelineId timeline, TimelineId writtenOn, Lsn lsn) const;
    QList<TimelineId> children(TimelineId timeline) const;
    /// What recovery_target_timeline='latest' picks: the highest known timeline (0 when empty).
    TimelineId latest() const;
    /// The highest known timeline that has `start` as an ancestor (`start` itself when nothing
    /// descends from it): the newest timeline a recovery starting on `start` can follow.
    TimelineId latestFrom(TimelineId start) const;
    /// What PostgreSQL itself computes for 'latest' (findNewestTimeLine): probe start+1, start+2,
    /// ... for a history file and stop at the first one missing. It ignores ancestry: when the
    /// answer is not a descendant of `start` (a sibling fork), PostgreSQL refuses to start, and
    /// a lost history file in the middle stops the probe early.
    TimelineId probeLatest(TimelineId start) const;

private:
    /// `timeline`'s whole ancestry, root first: its own history, else the prefix a descendant's
    /// history states for it (history files repeat their ancestors' lines), else empty (a root).
    QList<HistoryEntry> ancestry(TimelineId timeline) const;

    QMap<TimelineId, QList<HistoryEntry>> m_histories;
    QList<TimelineId> m_known;
};

} // namespace tideline::wal
