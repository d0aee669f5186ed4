// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/restore/ProcessSweep.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <climits>
#include <csignal>
#include <cstdlib>
#include <dirent.h>
#include <poll.h>
#include <unistd.h>
#include <vector>

// glibc 2.36's header declares these without C linkage (fixed in 2.37).
extern "C" {
#include <sys/pidfd.h>
}

namespace tideline::restore {

namespace {

using Clock = std::chrono::steady_clock;

// Whether the process held by `pidfd` has ended (a zombie counts) by `deadline`.
bool endedBy(int pidfd, Clock::time_point deadline)
{
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        pollfd p{pidfd, POLLIN, 0};
        const int n = ::poll(&p, 1, int(std::clamp<long long>(left, 0, INT_MAX)));
        if (n > 0)
            return true;
        if (n == 0 || errno != EINTR)
            return false;
    }
}

// How many of `pidfds` are still running by `deadline`, waited for together.
int stillRunning(const std::vector<int>& pidfds, Clock::time_point deadline)
{
    return int(std::count_if(pidfds.begin(), pidfds.end(), [&](int fd) { return !endedBy(fd, deadline); }));
}

} // namespace

ProcessSweep::Outcome ProcessSweep::terminate(const std::function<bool(pid_t)>& matches, int graceMs, int killWithinMs)
{
    std::vector<int> pidfds;
    if (DIR* proc = ::opendir("/proc")) {
        while (const dirent* e = ::readdir(proc)) {
            char* end = nullptr;
            const long pid = std::strtol(e->d_name, &end, 10);
            if (pid <= 0 || *end != '\0' || pid == ::getpid() || !matches(pid_t(pid)))
                continue;
            const int pidfd = ::pidfd_open(pid_t(pid), 0);
            if (pidfd < 0)
                continue;
            // Asked again once the pidfd holds it: the pid may have been reused in between.
            if (matches(pid_t(pid)) && ::pidfd_send_signal(pidfd, SIGTERM, nullptr, 0) == 0)
                pidfds.push_back(pidfd);
            else
                ::close(pidfd);
        }
        ::closedir(proc);
    }
    Outcome outcome;
    outcome.signalled = int(pidfds.size());
    if (stillRunning(pidfds, Clock::now() + std::chrono::milliseconds(std::max(0, graceMs))) > 0) {
        for (const int fd : pidfds)
            ::pidfd_send_signal(fd, SIGKILL, nullptr, 0);
        outcome.left = stillRunning(pidfds, Clock::now() + std::chrono::milliseconds(std::max(0, killWithinMs)));
    }
    for (const int fd : pidfds)
        ::close(fd);
    return outcome;
}

} // namespace tideline::restore
