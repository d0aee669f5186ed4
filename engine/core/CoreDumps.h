// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Header-only and free of Qt: tideline-cli's launcher links no Qt and calls it too.

#include <sys/resource.h>

namespace tideline {

/// Turns core dumps off for this process and every process it starts, soft and hard limit both
/// 0. A core holds the process's memory and environment, and so its credentials: the keys a
/// restore_command or the window read, and a drill's postmaster, which carries them for its
/// restore_command. Plain core files, apport and systemd-coredump's stored cores honour the
/// limit; systemd-coredump still journals a crashed process's metadata, environment included,
/// which only PR_SET_DUMPABLE 0 (or keys kept out of the environment) prevents. That flag is not
/// set here: it makes /proc/PID unreadable to the same user, which the spool's prefetcher checks
/// rely on, and exec resets it anyway. A child can raise the limit again only with privilege
/// (runuser's pam_limits can, from limits.conf). Call it first thing in main(); returns whether
/// the limit was set. Any thread.
inline bool forbidCoreDumps()
{
    const rlimit none{0, 0};
    return ::setrlimit(RLIMIT_CORE, &none) == 0;
}

} // namespace tideline
