// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/restore/WalRestoreRequest.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string_view>

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tideline::restore {

std::string WalRestoreRequest::spoolBase() const
{
    if (spool.empty())
        return WalSpool::defaultBase(dest);
    if (spool.front() == '/')
        return spool;
    char cwd[4096];
    return ::getcwd(cwd, sizeof cwd) ? std::string(cwd) + '/' + spool : spool;
}

WalSpool WalRestoreRequest::spoolDir() const
{
    return WalSpool(WalSpool::keyedDir(spoolBase(), source + '\n' + server));
}

std::vector<std::string> WalRestoreRequest::workerArguments() const
{
    std::vector<std::string> args;
    auto global = [&](const char* option, const std::string& value) {
        if (!value.empty()) {
            args.emplace_back(option);
            args.push_back(value);
        }
    };
    global("--endpoint-url", endpoint);
    global("--profile", profile);
    global("--region", region);
    global("--ca-bundle", caBundle);
    global("--addressing-style", addressingStyle);
    if (noVerifyTls)
        args.emplace_back("--no-verify-tls");
    args.insert(args.end(),
                {"wal-restore", source, server, walName, "-", "--spool", spoolBase(), "--prefetch", std::to_string(prefetch),
                 "--prefetch-worker"});
    return args;
}

void WalRestoreRequest::keepAhead(const WalName& name, std::uint64_t segmentSize) const
{
    const WalSpool s = spoolDir();
    if (prefetch <= 0 || name.kind != WalName::Kind::Segment || !s.ensureExists())
        return;
    s.recordRequest(name, segmentSize);
    s.removeOlderThan(name, segmentSize);
    if (s.windowFilled(name, segmentSize, prefetch) || s.prefetcherRunning())
        return;
    char exe[4096];
    const ssize_t n = ::readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return;
    WalSpool::spawnDetached(std::string(exe, std::size_t(n)), workerArguments());
}

std::optional<int> WalRestoreRequest::serveFromSpool(const WalName& name) const
{
    const WalSpool s = spoolDir();
    if (name.kind != WalName::Kind::Segment || !s.exists())
        return std::nullopt;
    std::uint64_t segmentSize = 0;
    auto taken = s.take(name, dest, nullptr, &segmentSize);
    // Replay caught up with a download still running: waiting for it beats downloading it twice.
    if (taken == WalSpool::Take::Absent && s.inFlight(name) && s.waitWhileInFlight(name, std::min(retryForSeconds, 30) * 1000))
        taken = s.take(name, dest, nullptr, &segmentSize);
    if (taken != WalSpool::Take::Taken)
        return std::nullopt; // rejected or unmovable: the full path fetches it and reports
    keepAhead(name, segmentSize);
    return 0;
}

void WalRestoreRequest::removeStaleTemps() const
{
    const std::string dir = directoryOf(dest);
    const auto slash = dest.rfind('/');
    const std::string prefix = '.' + dest.substr(slash == std::string::npos ? 0 : slash + 1) + ".tideline-";
    DIR* d = ::opendir(dir.c_str());
    if (!d)
        return;
    while (const dirent* entry = ::readdir(d)) {
        const std::string_view file(entry->d_name);
        if (!file.starts_with(prefix) || !file.ends_with(".tmp"))
            continue;
        const std::string pid(file.substr(prefix.size(), file.size() - prefix.size() - 4));
        const long value = std::strtol(pid.c_str(), nullptr, 10);
        if (value > 0 && ::kill(pid_t(value), 0) != 0 && errno == ESRCH)
            ::unlinkat(::dirfd(d), entry->d_name, 0);
    }
    ::closedir(d);
}

namespace {

// Whether the postmaster that postmaster.pid names still runs (EPERM: it runs as someone else).
bool postmasterAlive(const std::string& pgdata)
{
    FILE* f = std::fopen((pgdata + "/postmaster.pid").c_str(), "re");
    if (!f)
        return false;
    long pid = 0;
    const bool read = std::fscanf(f, "%ld", &pid) == 1;
    std::fclose(f);
    // A pid outside pid_t's positive range (a hostile file) would signal a group or everyone.
    return read && pid > 0 && pid <= std::numeric_limits<pid_t>::max() && (::kill(pid_t(pid), 0) == 0 || errno == EPERM);
}

} // namespace

std::function<bool()> WalRestoreRequest::recoveryOver() const
{
    // The worker always gets --spool; only the default one, inside pg_wal, is tied to recovery.
    const std::string base = spoolBase();
    const std::string suffix = std::string("/pg_wal/") + WalSpool::kDefaultDirName;
    if (base.size() <= suffix.size() || !base.ends_with(suffix))
        return {};
    const std::string pgdata = base.substr(0, base.size() - suffix.size());
    return [pgdata] {
        struct stat st;
        // Not a data directory (a spool someone pointed into a pg_wal of their own): not ours to
        // judge. In one, recovery finished or the server that asked gone (killed, or stopped):
        // nobody will ask for this WAL again.
        if (::stat((pgdata + "/PG_VERSION").c_str(), &st) != 0)
            return false;
        if (::stat((pgdata + "/recovery.signal").c_str(), &st) != 0 && ::stat((pgdata + "/standby.signal").c_str(), &st) != 0)
            return true;
        return !postmasterAlive(pgdata);
    };
}

} // namespace tideline::restore
