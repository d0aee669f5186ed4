// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/wal/WalSegment.h"

#include "engine/wal/internal/Hex.h"

#include <algorithm>

namespace tideline::wal {

namespace {

constexpr quint64 kMinSegmentSize = quint64(1) << 20;
constexpr quint64 kMaxSegmentSize = quint64(1) << 30;
constexpr quint64 kDefaultSegmentSize = quint64(1) << 24;
constexpr quint64 kLogIdSpan = quint64(1) << 32; // bytes of WAL one log id (the middle 8 digits) covers

QString hex8(quint64 value)
{
    return QStringLiteral("%1").arg(value, 8, 16, QLatin1Char('0')).toUpper();
}

} // namespace

bool isValidSegmentSize(quint64 bytes)
{
    return bytes >= kMinSegmentSize && bytes <= kMaxSegmentSize && (bytes & (bytes - 1)) == 0;
}

quint64 segmentsPerLogId(quint64 segmentSize)
{
    // 0 rather than a division trap: callers that skipped validation get an obviously wrong count.
    return segmentSize == 0 ? 0 : kLogIdSpan / segmentSize;
}

QString segmentName(TimelineId timeline, quint64 segno, quint64 segmentSize)
{
    if (!isValidSegmentSize(segmentSize))
        return {};
    const quint64 perLog = segmentsPerLogId(segmentSize);
    return hex8(timeline) + hex8(segno / perLog) + hex8(segno % perLog);
}

quint64 segnoOfLsn(Lsn lsn, quint64 segmentSize)
{
    Q_ASSERT(isValidSegmentSize(segmentSize));
    return segmentSize == 0 ? 0 : lsn.value() / segmentSize;
}

Lsn segmentStartLsn(quint64 segno, quint64 segmentSize)
{
    Q_ASSERT(isValidSegmentSize(segmentSize));
    return Lsn(segno * segmentSize);
}

std::optional<WalFileName> WalFileName::parse(QStringView fileName)
{
    // barman-cloud decides compression by suffix alone, and only after stripping it does the
    // name have to match its WAL regex; so "X.partial.gz" is a compressed partial.
    const SplitName split = splitCompressionSuffix(fileName);
    const QStringView stem = split.stem;

    WalFileName result;
    result.compression = split.compression;

    const auto timeline = internal::parseHex32(stem.first(std::min<qsizetype>(8, stem.size())), 8, 8);
    if (!timeline)
        return std::nullopt;
    result.timeline = *timeline;

    if (stem.size() == 16 && stem.sliced(8) == u".history") {
        result.kind = Kind::History;
        result.baseName = stem.toString();
        return result;
    }
    if (stem.size() < 24)
        return std::nullopt;
    const auto logId = internal::parseHex32(stem.sliced(8, 8), 8, 8);
    const auto segInLog = internal::parseHex32(stem.sliced(16, 8), 8, 8);
    if (!logId || !segInLog)
        return std::nullopt;
    result.logId = *logId;
    result.segInLog = *segInLog;

    // The words stay lower-case: barman's regex matches only the hex digits case-insensitively.
    const QStringView rest = stem.sliced(24);
    if (rest.isEmpty()) {
        result.kind = Kind::Segment;
    } else if (rest == u".partial") {
        result.kind = Kind::Partial;
    } else if (rest.size() == 16 && rest.front() == u'.' && rest.sliced(9) == u".backup") {
        const auto offset = internal::parseHex32(rest.sliced(1, 8), 8, 8);
        if (!offset)
            return std::nullopt;
        result.kind = Kind::BackupHistory;
        result.backupOffset = *offset;
    } else {
        return std::nullopt;
    }
    result.baseName = stem.toString();
    return result;
}

std::optional<quint64> WalFileName::segno(quint64 segmentSize) const
{
    if (kind == Kind::History || !isValidSegmentSize(segmentSize))
        return std::nullopt;
    const quint64 perLog = segmentsPerLogId(segmentSize);
    if (segInLog >= perLog)
        return std::nullopt;
    return quint64(logId) * perLog + segInLog;
}

QString WalFileName::hashDir() const
{
    // barman formats the directory from the decoded numbers ("%08X%08X"), so a name spelled in
    // lower-case hex still lives under an upper-case directory.
    if (kind == Kind::History)
        return {};
    return hex8(timeline) + hex8(logId);
}

std::optional<quint64> inferSegmentSize(const QList<WalFileName>& names)
{
    quint32 highest = 0;
    for (const WalFileName& name : names)
        if (name.kind != WalFileName::Kind::History)
            highest = std::max(highest, name.segInLog);

    // Guessing too small a segment only invents gaps (loud, and callers flag the size as
    // inferred); guessing too large would hide real ones. So: the default when it fits, else
    // the smallest size, whose 4096 segments per log id admit every name that can exist.
    if (highest < segmentsPerLogId(kDefaultSegmentSize))
        return kDefaultSegmentSize;
    if (highest < segmentsPerLogId(kMinSegmentSize))
        return kMinSegmentSize;
    return std::nullopt;
}

} // namespace tideline::wal
