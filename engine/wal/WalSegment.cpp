// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/wal/WalSegment.h"

#include <algorithm>
#include <array>
#include <cstdio>

namespace tideline::wal {

namespace {

constexpr quint64 kMinSegmentSize = quint64(1) << 20;
constexpr quint64 kDefaultSegmentSize = quint64(1) << 24;
constexpr quint64 kLogIdSpan = quint64(1) << 32; // bytes of WAL one log id (the middle 8 digits) covers

QString hex8(quint64 value)
{
    return QStringLiteral("%1").arg(value, 8, 16, QLatin1Char('0')).toUpper();
}

} // namespace

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
    const SplitName split = splitCompressionSuffix(fileName);
    // The longest name WalName::parse takes is a backup history file's 40 characters; a stem
    // copied on the stack spares a catalog an allocation per listed object.
    std::array<char, 40> ascii;
    if (split.stem.size() > qsizetype(ascii.size()))
        return std::nullopt;
    for (qsizetype i = 0; i < split.stem.size(); ++i) {
        const char16_t c = split.stem[i].unicode();
        if (c > 0x7F)
            return std::nullopt;
        ascii[std::size_t(i)] = char(c);
    }
    const auto name = WalName::parse(std::string_view(ascii.data(), std::size_t(split.stem.size())));
    if (!name)
        return std::nullopt;
    WalFileName result;
    result.kind = name->kind;
    result.timeline = name->timeline;
    result.logId = name->logId;
    result.segInLog = name->segInLog;
    result.backupOffset = name->backupOffset;
    result.compression = split.compression;
    if (split.stem != QLatin1StringView(name->text.data(), qsizetype(name->text.size())))
        result.m_spelled = split.stem.toString();
    return result;
}

WalName WalFileName::walName() const
{
    WalName name;
    name.kind = kind;
    name.timeline = timeline;
    name.logId = logId;
    name.segInLog = segInLog;
    name.backupOffset = backupOffset;
    return name;
}

std::optional<quint64> WalFileName::segno(quint64 segmentSize) const
{
    return walName().segno(segmentSize);
}

QString WalFileName::hashDir() const
{
    return QString::fromStdString(walName().hashDir());
}

QString WalFileName::baseName() const
{
    if (!m_spelled.isEmpty())
        return m_spelled;
    char buffer[48];
    int length = 0;
    switch (kind) {
    case Kind::History: length = std::snprintf(buffer, sizeof buffer, "%08X.history", timeline); break;
    case Kind::Segment: length = std::snprintf(buffer, sizeof buffer, "%08X%08X%08X", timeline, logId, segInLog); break;
    case Kind::Partial:
        length = std::snprintf(buffer, sizeof buffer, "%08X%08X%08X.partial", timeline, logId, segInLog);
        break;
    case Kind::BackupHistory:
        length = std::snprintf(buffer, sizeof buffer, "%08X%08X%08X.%08X.backup", timeline, logId, segInLog, backupOffset);
        break;
    }
    return QString::fromLatin1(buffer, std::clamp(length, 0, int(sizeof buffer) - 1));
}

std::optional<quint64> inferSegmentSize(const QList<WalFileName>& names)
{
    quint32 highest = 0;
    for (const WalFileName& name : names)
        if (name.kind != WalFileName::Kind::History)
            highest = std::max(highest, name.segInLog);
    return inferSegmentSize(highest);
}

std::optional<quint64> inferSegmentSize(quint32 highest)
{

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
