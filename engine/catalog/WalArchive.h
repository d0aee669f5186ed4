// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/catalog/ListedEtag.h"
#include "engine/storage/ObjectStore.h"
#include "engine/wal/TimelineHistory.h"
#include "engine/wal/WalSegment.h"

#include <QList>
#include <QMap>
#include <QSet>
#include <QString>

#include <optional>

namespace tideline::catalog {

/// One archived WAL file (segment, .partial, .backup or .history) as listed.
struct WalObject {
    wal::WalFileName name;
    quint64 segno = 0; ///< for segments, partials and backup labels, at the archive's segment size
    qint64 size = 0;
    qint64 uploadedUsec = 0; ///< the object's LastModified
    ListedEtag etag;         ///< as listed; empty for local files
};

} // namespace tideline::catalog

// Lets a growing list of millions of them move by realloc() (mremap for large blocks) rather than
// holding the old and the new copy at once.
Q_DECLARE_TYPEINFO(tideline::catalog::WalObject, Q_RELOCATABLE_TYPE);

namespace tideline::catalog {

/// A run of missing segments between two archived ones on one timeline.
struct WalGap {
    quint64 firstMissing = 0; ///< segno
    quint64 lastMissing = 0;  ///< segno
    bool harmless = false;    ///< older than every backup that could need it
    quint64 count() const { return lastMissing - firstMissing + 1; }
};

/// The archive of one timeline: segments sorted by segno, one per segno.
struct TimelineWal {
    wal::TimelineId timeline = 0;
    QList<WalObject> segments;
    QList<WalObject> partials;
    QList<WalObject> backupLabels; ///< SEG.OFFSET.backup history files
    QList<WalGap> gaps;
    qint64 bytes = 0; ///< of segments, partials and backup labels

    quint64 firstSegno() const { return segments.isEmpty() ? 0 : segments.first().segno; }
    quint64 lastSegno() const { return segments.isEmpty() ? 0 : segments.last().segno; }
};

/// A segment PostgreSQL would ask for: which timeline's copy, which segno.
struct ChainPoint {
    wal::TimelineId timeline = 0;
    quint64 segno = 0;
};

/// Index of a server's wals/ directory. Built from a listing (pure), then given the parsed
/// history files. Read-only after building: safe to share between threads.
class WalArchive {
public:
    /// Files the objects under `walsPrefix` ("path/server/wals/") by timeline. Names that are not
    /// WAL names are counted in ignoredKeys (barman-cloud ignores them too). When segmentSize is
    /// nullopt it is inferred from the names (segmentSizeInferred() says so). Duplicate copies of
    /// one segment (two compressions) keep the first in key order and are counted in duplicates.
    /// WalArchiveBuilder does the same for a listing that comes in pieces.
    static WalArchive build(const QString& walsPrefix, const QList<storage::ObjectInfo>& objects,
                            std::optional<quint64> segmentSize);

    /// Adds the timeline tree from parsed history files; timelines with segments but no
    /// history file are roots. Call before computeGaps().
    void setGraph(wal::TimelineGraph graph);
    /// Finds every gap per timeline and marks as harmless those whose last missing segment lies
    /// before `oldestBeginByTimeline[t]` (the earliest begin segno of any backup that can replay
    /// into t: its timeline is on t's path).
    void computeGaps(const QMap<wal::TimelineId, quint64>& oldestBeginByTimeline);
    /// This archive once the objects with these keys are gone: same prefix, segment size and
    /// timeline tree, gaps to be computed again. Pure.
    WalArchive without(const QSet<QString>& keys) const;

    quint64 segmentSize() const { return m_segmentSize; }
    bool segmentSizeInferred() const { return m_segmentSizeInferred; }
    const QList<TimelineWal>& timelines() const { return m_timelines; }
    const TimelineWal* timeline(wal::TimelineId tli) const;
    const QList<WalObject>& historyFiles() const { return m_history; }
    /// The second and later copies of a segment archived twice (other compressions), which the
    /// timelines leave out; retention deletes them with the segment.
    const QList<WalObject>& duplicateCopies() const { return m_duplicateCopies; }
    const wal::TimelineGraph& graph() const { return m_graph; }
    int ignoredKeys() const { return m_ignored; }
    int duplicates() const { return m_duplicates; }
    QString walsPrefix() const { return m_prefix; }
    /// The full key of an archived file.
    QString keyOf(const WalObject& object) const;

    /// When `tli` branched off its parent, as the bucket shows it: the upload of its history
    /// file (written at promotion), else of its first segment; nullopt for a root timeline or
    /// when neither is archived.
    std::optional<qint64> branchTimeUsec(wal::TimelineId tli) const;

    /// The archived copy of a segment, or nullptr.
    const WalObject* find(wal::TimelineId tli, quint64 segno) const;
    /// The first segment missing among segnos [from, to] of one timeline; nullopt if all exist.
    std::optional<quint64> firstMissing(wal::TimelineId tli, quint64 from, quint64 to) const;
    /// The segments replay reads going from (fromTli, fromSegno) to (toTli, toSegno), following
    /// the history: on each timeline of the path up to the segment before the switch, the switch
    /// segment from the new timeline. Returns the first missing one, or nullopt when all exist.
    /// Refuses (returns {fromTli, fromSegno}) when fromTli is not on toTli's path.
    std::optional<ChainPoint> firstMissingOnPath(wal::TimelineId fromTli, quint64 fromSegno, wal::TimelineId toTli,
                                                 quint64 toSegno) const;
    /// The last segno replay can reach on `toTli` starting from (fromTli, fromSegno) without
    /// meeting a missing segment; nullopt when even the first segment is missing.
    std::optional<ChainPoint> lastReachable(wal::TimelineId fromTli, quint64 fromSegno, wal::TimelineId toTli) const;

    /// One timeline's stretch of a replay: segnos [from, to] read from that timeline.
    struct Leg {
        wal::TimelineId timeline;
        quint64 from;
        quint64 to; ///< inclusive
    };
    /// The stretches replay reads going from (fromTli, fromSegno) to (toTli, toSegno), in order:
    /// on each timeline of the path up to the segment before the switch. Empty when fromTli is
    /// not on toTli's path. The last leg ends at toSegno (and may be empty if toSegno < from).
    QList<Leg> legs(wal::TimelineId fromTli, quint64 fromSegno, wal::TimelineId toTli, quint64 toSegno) const;

private:
    friend class WalArchiveBuilder;

    QString m_prefix;
    quint64 m_segmentSize = 16 * 1024 * 1024;
    bool m_segmentSizeInferred = false;
    QList<TimelineWal> m_timelines; // ascending timeline
    QList<WalObject> m_history;
    QList<WalObject> m_duplicateCopies;
    wal::TimelineGraph m_graph;
    int m_ignored = 0;
    int m_duplicates = 0;
};

} // namespace tideline::catalog
