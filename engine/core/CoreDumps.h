// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Header-only and free of Qt: tideline-cli's launcher links no Qt and calls it too.

#include <sys/resource.h>

namespace tideline {

/// Turns core dumps off for this process and every process it starts, soft and hard limit both
/// 0, so that no child can turn them back on. A core holds the process's memory and environment,
/// and so its credentials: the keys a restore_command or the window read, and a drill's
/// postmaster, which carries them for its restore_command. A crash handler such as
/// systemd-coredump keeps cores on disk where an administrator (or a bug report) reads them.
/// KeePassXC does the same. Unlike PR_SET_DUMPABLE 0, it leaves /proc/PID readable by the same
/// user, which the spool's prefetcher checks rely on. Call it first thing in main(); returns
/// whether the limit was set (it fails only on a kernel without RLIMIT_CORE). Any thread.
inline bool forbidCoreDumps()
{
    const rlimit none{0, 0};
    return ::setrlimit(RLIMIT_CORE, &none) == 0;
}

} // namespace tideline
