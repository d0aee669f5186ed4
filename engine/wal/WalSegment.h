// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/Compression.h"
#include "engine/wal/Lsn.h"
#include "engine/wal/WalName.h"

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace tideline::wal {

/// Segments per log id: 0x100000000 / size (16 MiB -> 256, 1 MiB -> 4096, 1 GiB -> 4).
quint64 segmentsPerLogId(quint64 segmentSize);

/// A segment number on a timeline (XLogSegNo), independent of how it is spelled.
struct SegmentId {
    TimelineId timeline = 0;
    quint64 segno = 0;
    friend constexpr auto operator<=>(const SegmentId&, const SegmentId&) = default;
};

/// "TTTTTTTTLLLLLLLLSSSSSSSS" (upper-case hex) for a segment.
QString segmentName(TimelineId timeline, quint64 segno, quint64 segmentSize);
/// The segment holding lsn.
quint64 segnoOfLsn(Lsn lsn, quint64 segmentSize);
/// The first LSN of a segment.
Lsn segmentStartLsn(quint64 segno, quint64 segmentSize);

/// A file name found under wals/, parsed: WalName (the one parser) plus barman's compression
/// suffix. Pure, any thread.
struct WalFileName {
    using Kind = WalName::Kind;
    Kind kind = Kind::Segment;
    TimelineId timeline = 0;
    quint32 logId = 0;        ///< the middle 8 hex digits (segments, partials, backup history)
    quint32 segInLog = 0;     ///< the last 8 hex digits
    quint32 backupOffset = 0; ///< BackupHistory: the start LSN's offset inside the segment
    Compression compression = Compression::None;

    /// WalName::parse after barman's compression suffix is taken off (barman decides compression
    /// by suffix alone, so "X.partial.gz" is a compressed partial). nullopt for anything else,
    /// non-ASCII included (barman-cloud ignores such objects; so does Tideline).
    static std::optional<WalFileName> parse(QStringView fileName);

    /// logId * segmentsPerLogId + segInLog; nullopt if segInLog is out of range for that size
    /// (the name cannot exist with that wal_segment_size). Not meaningful for History.
    std::optional<quint64> segno(quint64 segmentSize) const;
    /// The "hash dir" barman files it under: the first 16 hex digits; "" for history files.
    QString hashDir() const;
    /// The name without compression suffix, spelled as stored (hex digits in the case the
    /// object's key has them).
    QString baseName() const;

private:
    WalName walName() const;
    // Only for a name stored with lower-case hex digits; empty for the upper-case names every
    // archiver writes, which baseName() formats again. A catalog keeps one WalFileName per
    // archived file: two million copies of the name are 300 MB.
    QString m_spelled;
};

/// Infers wal_segment_size from segment names when no backup.info says it: the smallest valid
/// size for which every name's segment part is in range (names with a segment part of 0x100 or
/// more rule out 16 MiB, and so on). Returns nullopt when names contradict every size.
/// Larger sizes cannot be told apart from the names alone when all seen parts are small; the
/// result is then 16 MiB (the default) if it fits, which callers must report as inferred.
std::optional<quint64> inferSegmentSize(const QList<WalFileName>& names);
/// The same from the highest segment part (last 8 hex digits) of any segment name seen.
std::optional<quint64> inferSegmentSize(quint32 highestSegmentPart);

} // namespace tideline::wal
