// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/wal/WalName.h"

namespace tideline::wal {

namespace {

constexpr std::uint64_t kMinSegmentSize = std::uint64_t(1) << 20;
constexpr std::uint64_t kMaxSegmentSize = std::uint64_t(1) << 30;
constexpr std::uint64_t kLogIdSpan = std::uint64_t(1) << 32; // bytes of WAL one log id covers

std::optional<std::uint32_t> hex8(std::string_view text)
{
    if (text.size() != 8)
        return std::nullopt;
    std::uint32_t value = 0;
    for (char c : text) {
        std::uint32_t digit = 0;
        if (c >= '0' && c <= '9')
            digit = std::uint32_t(c - '0');
        else if (c >= 'A' && c <= 'F')
            digit = std::uint32_t(c - 'A' + 10);
        else if (c >= 'a' && c <= 'f')
            digit = std::uint32_t(c - 'a' + 10);
        else
            return std::nullopt;
        value = (value << 4) | digit;
    }
    return value;
}

// Appends value as eight upper-case hex digits: a catalog formats three for each of millions of
// names, and snprintf was a tenth of reading a listing.
void appendHex8(std::string& out, std::uint32_t value)
{
    static constexpr char kDigits[] = "0123456789ABCDEF";
    char buffer[8];
    for (int i = 7; i >= 0; --i, value >>= 4)
        buffer[i] = kDigits[value & 0xF];
    out.append(buffer, sizeof buffer);
}

std::string formatHex8(std::uint32_t value)
{
    std::string text;
    appendHex8(text, value);
    return text;
}

// The 24 digits of a segment name, with room for the longest suffix WalName::parse takes.
std::string segmentText(std::uint32_t timeline, std::uint32_t logId, std::uint32_t segInLog)
{
    std::string text;
    text.reserve(40);
    appendHex8(text, timeline);
    appendHex8(text, logId);
    appendHex8(text, segInLog);
    return text;
}

} // namespace

bool isValidSegmentSize(std::uint64_t bytes)
{
    return bytes >= kMinSegmentSize && bytes <= kMaxSegmentSize && (bytes & (bytes - 1)) == 0;
}

std::optional<WalName> WalName::parse(std::string_view name)
{
    WalName result;
    if (name.size() < 16)
        return std::nullopt;
    const auto timeline = hex8(name.substr(0, 8));
    if (!timeline)
        return std::nullopt;
    result.timeline = *timeline;
    if (name.size() == 16 && name.substr(8) == ".history") {
        result.kind = Kind::History;
        result.text = formatHex8(*timeline) + ".history";
        return result;
    }
    if (name.size() < 24)
        return std::nullopt;
    const auto logId = hex8(name.substr(8, 8));
    const auto seg = hex8(name.substr(16, 8));
    if (!logId || !seg)
        return std::nullopt;
    result.logId = *logId;
    result.segInLog = *seg;
    const std::string_view rest = name.substr(24);
    result.text = segmentText(result.timeline, result.logId, result.segInLog);
    if (rest.empty()) {
        result.kind = Kind::Segment;
    } else if (rest == ".partial") {
        result.kind = Kind::Partial;
        result.text += rest;
    } else if (rest.size() == 16 && rest.front() == '.' && rest.substr(9) == ".backup") {
        const auto offset = hex8(rest.substr(1, 8));
        if (!offset)
            return std::nullopt;
        result.kind = Kind::BackupHistory;
        result.backupOffset = *offset;
        result.text += '.';
        appendHex8(result.text, *offset);
        result.text += ".backup";
    } else {
        return std::nullopt;
    }
    return result;
}

std::optional<std::uint64_t> WalName::segno(std::uint64_t segmentSize) const
{
    if (kind == Kind::History || !isValidSegmentSize(segmentSize))
        return std::nullopt;
    const std::uint64_t perLog = kLogIdSpan / segmentSize;
    if (segInLog >= perLog)
        return std::nullopt;
    return std::uint64_t(logId) * perLog + segInLog;
}

std::optional<WalName> WalName::advanced(std::uint64_t segmentSize, std::uint64_t steps) const
{
    const auto current = segno(segmentSize);
    if (kind != Kind::Segment || !current)
        return std::nullopt;
    const std::uint64_t perLog = kLogIdSpan / segmentSize;
    if (steps > UINT64_MAX - *current)
        return std::nullopt;
    const std::uint64_t target = *current + steps;
    if (target / perLog > 0xFFFFFFFFu)
        return std::nullopt;
    WalName next = *this;
    next.logId = std::uint32_t(target / perLog);
    next.segInLog = std::uint32_t(target % perLog);
    next.text = segmentText(timeline, next.logId, next.segInLog);
    return next;
}

std::string WalName::hashDir() const
{
    if (kind == Kind::History)
        return {};
    std::string dir = formatHex8(timeline);
    appendHex8(dir, logId);
    return dir;
}

} // namespace tideline::wal
