// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <sys/types.h>

namespace tideline::restore {

/// Stops processes found by a scan of /proc, as a postmaster stops its children in an immediate
/// shutdown: SIGTERM first, SIGKILL for what is left. The drill's clean-up uses it for a killed
/// server's orphans and for the spool's WAL prefetchers. No Qt (the launcher's area).
class ProcessSweep {
public:
    struct Outcome {
        int signalled = 0; ///< processes that matched and were sent SIGTERM
        int left = 0;      ///< of those, still running when the sweep gave up (a zombie counts as gone)
    };

    /// Signals every process but this one for which `matches(pid)` holds. Each is held by a pidfd
    /// and matched again before it is signalled, so a pid reused meanwhile is never signalled.
    /// SIGTERM; SIGKILL to those still running after `graceMs`; gives up `killWithinMs` later
    /// (a process in uninterruptible I/O outlasts SIGKILL). `matches` reads /proc as it likes
    /// and is called twice for each process signalled. Any thread; blocks until done.
    static Outcome terminate(const std::function<bool(pid_t)>& matches, int graceMs, int killWithinMs);
};

} // namespace tideline::restore
