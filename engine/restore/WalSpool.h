// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Everything a restore_command call needs when the segment is already on local disk: the
// first-page check and the prefetch spool. Deliberately free of Qt: PostgreSQL starts
// one process per segment, and a spool hit must cost a few system calls, not an application
// object, an event loop or a thread pool.
//
// Its messages (checkSegment(), WalSpool::take()'s `why`) are plain English and never
// translated: the Qt-free restore_command path, which runs before any translator could exist,
// writes them to PostgreSQL's log.

#include "engine/wal/WalName.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace tideline::restore {

/// The names restore_command is asked for: the one parser, shared with the catalog.
using wal::WalName;

/// The fields of XLogLongPageHeaderData (PostgreSQL's access/xlog_internal.h) that identify a
/// segment: the first page of every segment carries the long header.
struct WalPageHeader {
    std::uint16_t magic = 0;
    std::uint16_t info = 0;
    std::uint32_t timeline = 0;
    std::uint64_t pageAddress = 0;
    std::uint64_t systemId = 0;
    std::uint32_t segmentSize = 0;
    std::uint32_t blockSize = 0;

    static constexpr std::size_t kSize = 40; ///< SizeOfXLogLongPHD on every 64-bit platform
    /// Reads the first kSize bytes (little-endian, as on every platform CNPG runs).
    static std::optional<WalPageHeader> read(const void* data, std::size_t size);
};

/// Why a decompressed segment is not the segment `name` (empty when it is): wrong size, an
/// xlp_magic of no supported PostgreSQL version, no long header, a page address other than the
/// segment's start LSN, a timeline newer than the name's. The timeline may be older: the first
/// segment of a new timeline is PostgreSQL's copy of its parent's segment up to the switch
/// point, so its first page carries the parent's timeline (seen in barman's own archives).
std::string checkSegment(const WalName& name, const WalPageHeader& header, std::uint64_t fileSize);

/// Why the pages after the first of a full segment already held by checkSegment() are not its
/// own (empty when they are), read from `fd` with pread: each page header carries the first
/// page's magic, a short header with known flags only, the page's own address, and a timeline
/// that never goes down nor past the name's; or is all zeros (PostgreSQL 12 and later zero the
/// headers of the pages an XLOG_SWITCH leaves unused, and replay never reads them). Catches a
/// store or a middlebox handing over other bytes with a 200, which PostgreSQL would take for the
/// end of the WAL. Not for a .partial, whose tail may be a recycled file's old pages. Any thread.
std::string checkPages(int fd, const WalName& name, const WalPageHeader& first);

/// A directory of verified segments fetched ahead of replay, one per source and server.
///
/// Layout (all names in one directory, so every publish is one rename):
///   NAME                 a complete, verified, fsynced segment (only ever created by rename)
///   .NAME.part           a download in progress by the prefetcher
///   request              "NAME SEGMENT_SIZE": the segment replay asked for last
///   prefetch.lock        flock()ed by the one running prefetcher for its whole life
///   prefetch.log         the prefetcher's failures, one line each (it has no terminal)
/// Any thread, any process; methods report failures by return value and never throw.
class WalSpool {
public:
    explicit WalSpool(std::string dir);

    /// `base` + "/" + a 16-hex-digit digest of what identifies the archive (the caller's choice:
    /// source URL and server), so a spool directory shared by two restores never mixes them.
    static std::string keyedDir(const std::string& base, std::string_view identity);
    /// The default base: "tideline-spool" inside the directory of DEST_PATH (pg_wal when PostgreSQL
    /// runs the command): the same filesystem as the destination, so a hit is a rename, and a
    /// directory base backups (pg_basebackup, barman) leave out.
    static std::string defaultBase(std::string_view destPath);
    /// The default base's own name, under pg_wal (a restore removes it when recovery ends).
    static constexpr const char* kDefaultDirName = "tideline-spool";

    const std::string& dir() const { return m_dir; }
    std::string pathOf(std::string_view name) const { return m_dir + '/' + std::string(name); }
    std::string partPathOf(std::string_view name) const { return m_dir + "/." + std::string(name) + ".part"; }
    bool exists() const;
    bool ensureExists() const;

    enum class Take { Taken, Absent, Rejected, Failed };
    /// Moves the spooled segment `name` to destPath after re-checking its size and first page:
    /// a rename when both are on one filesystem, else a copy through a temporary file next to
    /// destPath (fsynced, renamed). Rejected: the spooled file failed the check and was removed.
    /// Failed: the move itself failed (why says how); the spool is left as it was.
    /// segmentSize (if given) receives the size the segment's header states. Before the move it
    /// records `name` as replay's request, so a running prefetcher (which publishes nothing replay
    /// has passed, see passed()) cannot put back what is being handed over.
    Take take(const WalName& name, const std::string& destPath, std::string* why = nullptr,
              std::uint64_t* segmentSize = nullptr) const;

    /// True when a prefetcher holds the lock and is downloading `name` right now.
    bool inFlight(const WalName& name) const;
    /// Waits (polling, no threads) while `name` is in flight, up to timeoutMs; true once it is spooled.
    bool waitWhileInFlight(const WalName& name, int timeoutMs) const;

    struct Request {
        WalName name;
        std::uint64_t segmentSize = 0;
    };
    /// Records what replay asked for last (the prefetcher's window follows it).
    bool recordRequest(const WalName& name, std::uint64_t segmentSize) const;
    std::optional<Request> readRequest() const;
    /// Whether replay's last request is `name` or beyond it (a segment it will not ask for again).
    bool passed(const WalName& name) const;

    /// Removes spooled segments replay has moved past: lower segment numbers on any timeline, and
    /// other timelines' copies of `current`'s segment number. Leaves history files and parts alone.
    void removeOlderThan(const WalName& current, std::uint64_t segmentSize) const;
    /// Removes every ".part" file (only the lock holder may: nobody else writes them).
    void removeParts() const;

    /// Whether segments current+1 .. current+count are all spooled.
    bool windowFilled(const WalName& current, std::uint64_t segmentSize, int count) const;

    /// Takes the prefetch lock without waiting; returns its descriptor (released when it is closed
    /// or the process ends, so a killed prefetcher never leaves a stale lock), or -1.
    int tryLock() const;
    bool prefetcherRunning() const;

    /// Starts `program arguments...` detached: its own session, stdin/stdout/stderr on /dev/null,
    /// not waited for (it outlives this process, which PostgreSQL is waiting on).
    static bool spawnDetached(const std::string& program, const std::vector<std::string>& arguments);

    /// Stops every prefetcher working for the spool base `base`: a tideline-cli process run by
    /// us or by `owner` whose command line names `base` after --spool and holds
    /// --prefetch-worker. SIGTERM, then SIGKILL after graceMs, through pidfds (a pid reused
    /// meanwhile is never signalled). Returns how many are still running when it gives up
    /// (graceMs + 5 s): 0 when none is left, a zombie counting as gone. Reads /proc; any thread.
    static int stopPrefetchers(const std::string& base, uid_t owner, int graceMs);

    /// Appends one line to prefetch.log (kept short: truncated when it passes 1 MiB).
    void log(std::string_view line) const;

private:
    std::string m_dir;
};

/// Writes a small file atomically: data goes to a temporary file in the target's directory and is
/// renamed over the target; with durable, the file is fsynced first and the directory after.
bool writeFileAtomically(const std::string& path, std::string_view data, bool durable = true);
/// Fsyncs a directory so a rename inside it survives a crash.
void syncDirectory(const std::string& dir);
/// The directory part of a path ("." when it has none).
std::string directoryOf(std::string_view path);

} // namespace tideline::restore
