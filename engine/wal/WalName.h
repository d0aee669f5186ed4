// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The one parser of WAL file names. Free of Qt on purpose: restore_command runs it in a process
// that answers from the spool without building an application object (engine/restore/WalSpool.h),
// and WalFileName (WalSegment.h) wraps it for the catalog, so both paths agree on every name.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tideline::wal {

/// wal_segment_size: a power of two from 1 MiB to 1 GiB (initdb --wal-segsize).
bool isValidSegmentSize(std::uint64_t bytes);

/// A WAL file name without compression suffix, as PostgreSQL asks its restore_command for it and
/// as barman's WAL regex accepts it. Pure, any thread.
struct WalName {
    enum class Kind { Segment, Partial, BackupHistory, History };
    Kind kind = Kind::Segment;
    std::uint32_t timeline = 0;
    std::uint32_t logId = 0;        ///< the middle 8 hex digits (not History)
    std::uint32_t segInLog = 0;     ///< the last 8 hex digits (not History)
    std::uint32_t backupOffset = 0; ///< BackupHistory: the start LSN's offset inside the segment
    std::string text;               ///< the name with every hex digit upper-cased

    /// Segments, "X.partial", "X.OOOOOOOO.backup" and "TTTTTTTT.history", hex digits in either
    /// case, the words in lower case only (barman's regex). nullopt for anything else.
    static std::optional<WalName> parse(std::string_view name);
    /// XLogSegNo for a segment size; nullopt when the name cannot exist with that size (its
    /// last 8 digits are out of range) or the size is invalid. Always nullopt for History.
    std::optional<std::uint64_t> segno(std::uint64_t segmentSize) const;
    /// The segment `steps` after this one on the same timeline (Segment names only); nullopt past
    /// the end of the WAL address space.
    std::optional<WalName> advanced(std::uint64_t segmentSize, std::uint64_t steps) const;
    /// "TTTTTTTTLLLLLLLL" upper-case, as barman names its directory under wals/ ("%08X%08X" of
    /// the decoded numbers); empty for history files.
    std::string hashDir() const;
};

} // namespace tideline::wal
