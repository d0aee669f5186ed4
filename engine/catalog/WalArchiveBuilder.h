// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/catalog/WalArchive.h"

#include <QMap>
#include <QMutex>

namespace tideline::catalog {

/// Builds a WalArchive from a listing that comes in pieces (hash directories, ranges of pages),
/// listed on many threads at once. Each piece is parsed where it was listed and filed as soon as
/// every piece before it is, so the listing is never held as ObjectInfo (a key and an ETag as text
/// per object: 640 MB at two million segments) nor twice over.
class WalArchiveBuilder {
public:
    /// WAL files parsed from one stretch of the listing, in listing order; segnos not set yet
    /// (the segment size may only be known once every piece is in).
    struct Piece {
        QList<WalObject> objects;
        int ignored = 0; ///< keys that are not barman's WAL files
    };

    /// Parses the WAL files among `objects` (keys under `walsPrefix`, in key order) onto the end of
    /// `piece`. Only walsPrefix + HASHDIR + "/" + name counts (history files: walsPrefix + name),
    /// exactly the key WalArchive::keyOf() gives back: retention deletes by that key, so a copy
    /// anywhere else (a deeper directory, a longer one) is counted in piece.ignored, never
    /// mistaken for the canonical one. Pure; any thread.
    static void parse(const QString& walsPrefix, const QList<storage::ObjectInfo>& objects, Piece& piece);

    explicit WalArchiveBuilder(QString walsPrefix);

    /// Files piece number `sequence` (0, 1, 2, …: its place in the listing; of two copies of a
    /// segment the one listed first counts). Pieces may come in any order and from any thread;
    /// each is filed, and freed, once every piece before it has come. Each number once.
    void add(qsizetype sequence, Piece piece);

    /// The archive of every piece added, as WalArchive::build() would make it from the whole
    /// listing. Pieces still waiting for an earlier one that never came are filed in order after
    /// the rest. Call once, after the last add() has returned.
    WalArchive finish(std::optional<quint64> segmentSize);

private:
    void file(Piece& piece); // with m_mutex held

    QMutex m_mutex;
    qsizetype m_next = 0;
    QMap<qsizetype, Piece> m_waiting;
    QMap<wal::TimelineId, TimelineWal> m_byTimeline;
    WalArchive m_archive;
    quint32 m_highestSegmentPart = 0; ///< of segment names, to infer the segment size
};

} // namespace tideline::catalog
