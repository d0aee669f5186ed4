// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/restore/WalSpool.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace tideline::restore {

/// One restore_command call (`tideline-cli wal-restore`) and what it does around the fetch: the
/// spool it serves from and fills, the detached prefetcher it starts, the leftovers of killed
/// calls it removes. Plain strings on purpose: the spool hit runs before Qt exists (no Qt, no
/// network, no threads), so PostgreSQL's common case costs a rename. The fetch itself is
/// WalFetcher's. Functions are safe on any thread; the spool's own locks order concurrent calls.
struct WalRestoreRequest {
    static constexpr int kDefaultPrefetch = 8; ///< 128 MiB of 16 MiB segments: more than replay eats while one downloads
    static constexpr int kMaxPrefetch = 64;
    static constexpr int kDefaultRetryForSeconds = 60;

    std::string source; ///< the source URL as given
    std::string server;
    std::string walName; ///< PostgreSQL's %f
    std::string dest;    ///< PostgreSQL's %p
    std::string spool;   ///< --spool as given; empty: the default next to dest (pg_wal/tideline-spool)
    std::string endpoint;
    std::string profile;
    std::string region;
    std::string caBundle;
    std::string addressingStyle;
    bool noVerifyTls = false;
    bool worker = false; ///< this process is the detached prefetcher
    int prefetch = kDefaultPrefetch;
    int retryForSeconds = kDefaultRetryForSeconds;

    /// The spool's base directory, absolute.
    std::string spoolBase() const;
    /// The spool keyed by source URL and server: a spool directory shared by two restores never
    /// serves one the other's WAL. Not by endpoint: the same bucket through another URL (a
    /// proxy, a regional name) is the same archive, and what is verified on disk keeps serving.
    WalSpool spoolDir() const;

    /// The spool hit: `name` moved from the spool to dest (waiting for a download of it already
    /// running), then keepAhead(). Returns 0 when served, nullopt when the full path must fetch.
    std::optional<int> serveFromSpool(const WalName& name) const;
    /// After serving segment `name`: tells the prefetcher where replay is, drops what replay has
    /// passed, and starts a detached prefetcher when the window ahead is not full and none runs.
    void keepAhead(const WalName& name, std::uint64_t segmentSize) const;
    /// Removes the temporary files killed earlier calls left next to dest (their pid is gone).
    void removeStaleTemps() const;
    /// For the prefetcher of the default spool (in a data directory's pg_wal): true once
    /// PostgreSQL has removed recovery.signal and there is no standby.signal, when nothing will
    /// ask for that WAL again. Empty for a spool elsewhere, which is the caller's.
    std::function<bool()> recoveryOver() const;
    /// The detached prefetcher's command line (after the program name).
    std::vector<std::string> workerArguments() const;
};

} // namespace tideline::restore
