// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/wal/Lsn.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <functional>
#include <optional>

namespace tideline::wal {

/// One WAL record as it stands in the archive, header checked and CRC verified. The views point
/// into the reader's buffers and are valid only during the callback that receives the record.
struct WalRecord {
    Lsn lsn;  ///< where the record starts
    Lsn end;  ///< one past its last byte (the next record starts at this, 8-aligned)
    Lsn prev; ///< xl_prev
    quint32 xid = 0;
    quint8 rmid = 0;
    quint8 info = 0;             ///< xl_info with the rmgr's own bits (the low 4 are PostgreSQL's)
    TimelineId pageTimeline = 0; ///< xlp_tli of the page the record starts on
    QByteArrayView mainData;     ///< the record's main data (empty when it has none)
};

/// Why a segment could not be read to its end. Every kind means "nothing after `lsn` in this
/// segment was decoded"; nothing is ever guessed past it.
struct WalProblem {
    enum class Kind {
        NotWal,             ///< no PostgreSQL page header where one must be
        UnsupportedVersion, ///< a page magic of a PostgreSQL version this reader does not know
        WrongSystem,        ///< the long page header's system identifier is another cluster's
        WrongSegmentSize,   ///< the long header's segment or block size disagrees
        BadPageHeader,      ///< page address, timeline or flags inconsistent
        BadRecord,          ///< record header or block headers inconsistent
        BadCrc,             ///< the record's CRC-32C does not match
        Truncated,          ///< the segment is shorter than its segment size
        BadObject,          ///< the object does not decompress into a segment (set by its reader)
        Vanished,           ///< listed, then not found when read (set by its reader)
    };
    Kind kind = Kind::BadRecord;
    Lsn lsn;
    QString message; ///< one line, English, with the offending values
};

/// The PostgreSQL major version a page magic belongs to (13..17); nullopt for any other magic.
std::optional<int> postgresVersionOfMagic(quint16 magic);

/// A streaming reader of one timeline's WAL, segment by segment, for PostgreSQL 13 to 17 with
/// 8 KiB pages. Page headers are checked (magic, flags, page address, timeline never going
/// down, the long header's system id, segment and block size), records are reassembled across
/// pages and segments, their header and block headers checked and their CRC verified, as
/// PostgreSQL's own xlogreader does. Anything it cannot vouch for ends the segment with a
/// WalProblem; it never skips bad bytes to find a later record in the same segment.
///
/// Feed consecutive segments in order: a record that runs past the end of one segment is
/// completed from the next. A segment that does not follow the previous one (a gap), or one after
/// a problem, starts afresh: the continuation at its start is skipped, as PostgreSQL does when
/// it looks for the first record of a segment.
///
/// Not thread-safe: one reader per thread; distinct readers may run in parallel.
class WalReader {
public:
    struct Options {
        quint64 segmentSize = 16 * 1024 * 1024;
        TimelineId timeline = 0;         ///< the timeline in the segments' names
        std::optional<quint64> systemId; ///< from backup.info; else the first long header's
    };

    /// What one segment held.
    struct SegmentResult {
        int records = 0;
        bool endOfWal = false;  ///< the WAL stops inside this segment (zeros, a .partial's tail)
        bool switched = false;  ///< ended by an XLOG_SWITCH record
        bool continues = false; ///< the last record runs into the next segment
        std::optional<WalProblem> problem;
    };

    using RecordSink = std::function<void(const WalRecord&)>;

    explicit WalReader(Options options);

    /// Reads segment `segno` (its whole decompressed bytes) and calls `sink` for every record
    /// that ends in it, in LSN order. A record that started in the previous segment is delivered
    /// here when that segment was fed just before. Errors are in the result, never thrown.
    SegmentResult readSegment(quint64 segno, QByteArrayView bytes, const RecordSink& sink);

    /// The state a record running out of the last segment left (empty when none), and its
    /// restoration, so a cache can resume reading at the next segment without the previous one.
    /// restoreCarry() with bytes that saveCarry() did not produce is harmless: the next segment
    /// then starts afresh.
    QByteArray saveCarry() const;
    void restoreCarry(quint64 nextSegno, const QByteArray& carry);

    /// The PostgreSQL major version the pages showed (0 before the first page).
    int postgresVersion() const { return m_version; }
    std::optional<quint64> systemId() const { return m_systemId; }

private:
    bool deliver(QByteArrayView record, Lsn lsn, TimelineId pageTli, const RecordSink& sink, SegmentResult& result);
    std::optional<WalProblem> checkPage(const unsigned char* page, Lsn pageLsn, bool first, quint16& info, quint32& remLen,
                                        TimelineId& tli, qsizetype& headerSize);

    Options m_options;
    int m_version = 0;
    quint16 m_magic = 0;
    std::optional<quint64> m_systemId;
    TimelineId m_lastTli = 0;
    // The record being reassembled across pages: its bytes so far, its total length, where it
    // started. m_nextSegno is the segment the stream expects next (0 with m_synced false: none).
    QByteArray m_pending;
    quint32 m_pendingTotal = 0;
    Lsn m_pendingLsn;
    TimelineId m_pendingTli = 0;
    Lsn m_prevRecord; ///< the last delivered record's start, for xl_prev
    bool m_synced = false;
    quint64 m_nextSegno = 0;
};

} // namespace tideline::wal
