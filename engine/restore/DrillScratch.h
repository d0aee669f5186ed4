// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/Error.h"

#include <QString>

namespace tideline::restore {

/// Who owns a drill's scratch directory while the drill runs, and how a later drill clears
/// what a drill killed with -9 (or a machine reset) left behind: a server replaying with
/// durability off, WAL prefetchers, gigabytes of a copy nobody will look at.
///
/// The owner stamp (`drill.pid` in the directory) names the drill's process by pid, its start
/// time, the boot, the pid namespace and the host. A directory is taken for abandoned only when
/// the stamp names this host and this pid namespace, and that process is gone (or the machine
/// has booted since). A directory on a shared mount, or seen from another container, is never
/// taken. All functions may be called from any thread; none of them follows a symbolic link.
class DrillScratch {
public:
    static constexpr const char* kOwnerFile = "drill.pid";
    /// Set (to 1) in the environment of a drill's PostgreSQL. What its backends start inherits
    /// it, which tells what a server killed outright left running from an owner's shell that
    /// happens to stand in the same directory. (The backends themselves do not show it: PostgreSQL
    /// writes its process title over the environment the kernel shows.)
    static constexpr const char* kServerVariable = "TIDELINE_DRILL_SERVER";

    /// Writes the owner stamp of this process in `dir`. Returns false, writing nothing, when this
    /// process cannot name itself (no /proc): such a drill is simply never reaped.
    static bool stamp(const QString& dir);

    /// Removes the stamp: the directory is the user's now (kept, or left with a reason given),
    /// and no later drill may take it.
    static void release(const QString& dir);

    /// Whether `dir` is a drill's directory whose drill is gone: a directory (not a link) owned
    /// by this user, in a parent where no one else can rename entries (owned by root or us, not
    /// writable by others unless sticky), not on a network or FUSE filesystem, with a stamp that
    /// is a regular file of ours, parses, and names a process of this host and pid namespace that
    /// no longer runs. Anything else is false.
    static bool abandoned(const QString& dir);

    /// Stops a server running on `dir`/data, then the WAL prefetchers, then removes `dir`.
    /// The server is signalled (SIGQUIT, PostgreSQL's immediate shutdown) only when the process
    /// its postmaster.pid names has that very directory as its working directory and runs as
    /// the directory's owner (as PostgreSQL must); a stale pid file whose pid now belongs to
    /// another process, another PostgreSQL or another user's shell standing there, is ignored.
    /// When the postmaster postmaster.pid names is gone, what it left running (backends run on
    /// until they notice, holding the files) gets SIGTERM, then SIGKILL after `graceMs` or five
    /// seconds, whichever is shorter: the processes that stand in `dir`/data, run as its owner
    /// and are PostgreSQL or carry kServerVariable, never in a directory root owns.
    /// Errors: Refused when the server or those processes do not end in time, when
    /// postmaster.pid is not a regular file, when whether its process runs cannot be told (no
    /// pidfds), or naming what could not be removed. Nothing is removed under a server.
    static Result<void> reap(const QString& dir, int graceMs = 15'000);

    /// The first step of reap() alone, for a drill's own `data` directory once pg_ctl could not
    /// stop it: pg_ctl believes postmaster.pid, and a postmaster killed outright (the OOM killer,
    /// kill -9) leaves one behind with nothing running. Returns whether a server stood in `data`
    /// (and has now stopped, by SIGQUIT): false when none did, once what a killed one left running
    /// has ended too. Errors as reap(); nothing is removed.
    static Result<bool> stopServer(const QString& data, int graceMs = 15'000);
};

} // namespace tideline::restore
