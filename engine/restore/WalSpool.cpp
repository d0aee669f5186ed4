// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/restore/WalSpool.h"

#include "engine/restore/ProcessSweep.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>

#include <dirent.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

extern char** environ;

namespace tideline::restore {

namespace {

constexpr std::uint16_t kLongHeader = 0x0002;   // XLP_LONG_HEADER
constexpr std::uint16_t kAllPageFlags = 0x000F; // XLP_ALL_FLAGS since PostgreSQL 14 (0x0007 before)

std::string formatLsn(std::uint64_t lsn)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%X/%X", unsigned(lsn >> 32), unsigned(lsn & 0xFFFFFFFFu));
    return buffer;
}

template <typename T> T readLe(const unsigned char* p)
{
    T value = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i)
        value |= T(p[i]) << (8 * i);
    return value;
}

// xlp_magic of every PostgreSQL major CNPG has run (9.6 0xD093, 10 0xD097, 11 0xD098) and the
// 0xD1xx series that 12 (0xD101) through 18 (0xD118) use; a later major keeps counting up
// within it, so the range stays open at the top rather than rejecting the next release.
bool plausibleMagic(std::uint16_t magic)
{
    return magic == 0xD093 || magic == 0xD097 || magic == 0xD098 || (magic >= 0xD101 && magic <= 0xD1FF);
}

bool fileExists(const std::string& path)
{
    struct stat st;
    return ::stat(path.c_str(), &st) == 0;
}

std::string errnoText(int error)
{
    return std::strerror(error);
}

// Copies src to a temporary file next to dest, fsyncs it and renames it over dest.
bool copyInto(const std::string& src, const std::string& dest, std::string* why)
{
    const int in = ::open(src.c_str(), O_RDONLY | O_CLOEXEC);
    if (in < 0) {
        if (why)
            *why = "cannot open " + src + ": " + errnoText(errno);
        return false;
    }
    // Named as WalFetcher names its temporaries (".NAME.tideline-PID.tmp"), so that
    // WalRestoreRequest::removeStaleTemps() finds one a killed restore_command left behind.
    const auto slash = dest.rfind('/');
    const std::string temp = directoryOf(dest) + "/." + dest.substr(slash == std::string::npos ? 0 : slash + 1)
        + ".tideline-" + std::to_string(::getpid()) + ".tmp";
    const int out = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (out < 0) {
        if (why)
            *why = "cannot create " + temp + ": " + errnoText(errno);
        ::close(in);
        return false;
    }
    std::vector<char> buffer(1 << 20);
    bool ok = true;
    for (;;) {
        const ssize_t n = ::read(in, buffer.data(), buffer.size());
        if (n == 0)
            break;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            ok = false;
            break;
        }
        for (ssize_t done = 0; done < n && ok;) {
            const ssize_t w = ::write(out, buffer.data() + done, std::size_t(n - done));
            if (w < 0 && errno != EINTR)
                ok = false;
            else if (w > 0)
                done += w;
        }
        if (!ok)
            break;
    }
    const int savedErrno = errno;
    ok = ok && ::fsync(out) == 0;
    ::close(out);
    ::close(in);
    if (!ok || ::rename(temp.c_str(), dest.c_str()) != 0) {
        if (why)
            *why = "cannot copy to " + dest + ": " + errnoText(ok ? errno : savedErrno);
        ::unlink(temp.c_str());
        return false;
    }
    return true;
}

} // namespace

// ---- first page check ---------------------------------------------------------------------------

std::optional<WalPageHeader> WalPageHeader::read(const void* data, std::size_t size)
{
    if (size < kSize)
        return std::nullopt;
    const auto* p = static_cast<const unsigned char*>(data);
    WalPageHeader h;
    h.magic = readLe<std::uint16_t>(p);
    h.info = readLe<std::uint16_t>(p + 2);
    h.timeline = readLe<std::uint32_t>(p + 4);
    h.pageAddress = readLe<std::uint64_t>(p + 8);
    // xlp_rem_len at 16 and four bytes of alignment padding: the long part starts at 24.
    h.systemId = readLe<std::uint64_t>(p + 24);
    h.segmentSize = readLe<std::uint32_t>(p + 32);
    h.blockSize = readLe<std::uint32_t>(p + 36);
    return h;
}

std::string checkSegment(const WalName& name, const WalPageHeader& header, std::uint64_t fileSize)
{
    char buffer[160];
    if (!plausibleMagic(header.magic)) {
        std::snprintf(buffer, sizeof buffer, "its first page has magic 0x%04X, which no PostgreSQL version writes",
                      unsigned(header.magic));
        return buffer;
    }
    if ((header.info & kLongHeader) == 0 || (header.info & ~kAllPageFlags) != 0) {
        std::snprintf(buffer, sizeof buffer, "its first page has flags 0x%04X, not a segment's long header",
                      unsigned(header.info));
        return buffer;
    }
    if (!wal::isValidSegmentSize(header.segmentSize)) {
        std::snprintf(buffer, sizeof buffer, "its first page claims a segment size of %u bytes", header.segmentSize);
        return buffer;
    }
    if (header.blockSize < 1024 || header.blockSize > 65536 || (header.blockSize & (header.blockSize - 1)) != 0) {
        std::snprintf(buffer, sizeof buffer, "its first page claims a WAL block size of %u bytes", header.blockSize);
        return buffer;
    }
    if (fileSize != header.segmentSize)
        return std::to_string(fileSize) + " bytes where a segment has " + std::to_string(header.segmentSize);
    const auto segno = name.segno(header.segmentSize);
    if (!segno)
        return "the name cannot exist with " + std::to_string(header.segmentSize) + "-byte segments";
    const std::uint64_t start = *segno * header.segmentSize;
    if (header.pageAddress != start)
        return "its first page is at " + formatLsn(header.pageAddress) + ", but " + name.text + " starts at "
            + formatLsn(start);
    if (header.timeline == 0 || header.timeline > name.timeline)
        return "its first page is on timeline " + std::to_string(header.timeline) + ", newer than the name's "
            + std::to_string(name.timeline);
    return {};
}

std::string checkPages(int fd, const WalName& name, const WalPageHeader& first)
{
    constexpr std::size_t kShortSize = 24; // SizeOfXLogShortPHD
    std::uint32_t timeline = first.timeline;
    for (std::uint64_t at = first.blockSize; at + kShortSize <= first.segmentSize; at += first.blockSize) {
        unsigned char page[kShortSize];
        if (::pread(fd, page, sizeof page, off_t(at)) != ssize_t(sizeof page))
            return "its page at offset " + std::to_string(at) + " cannot be read back: " + errnoText(errno);
        if (std::all_of(std::begin(page), std::end(page), [](unsigned char c) { return c == 0; }))
            continue;
        const auto magic = readLe<std::uint16_t>(page);
        const auto info = readLe<std::uint16_t>(page + 2);
        const auto tli = readLe<std::uint32_t>(page + 4);
        const auto address = readLe<std::uint64_t>(page + 8);
        const std::uint64_t expected = first.pageAddress + at;
        char buffer[200];
        if (magic != first.magic || (info & kLongHeader) != 0 || (info & ~kAllPageFlags) != 0) {
            std::snprintf(buffer, sizeof buffer, "its page at offset %llu has magic 0x%04X and flags 0x%04X, not a page of it",
                          static_cast<unsigned long long>(at), unsigned(magic), unsigned(info));
            return buffer;
        }
        if (address != expected)
            return "its page at offset " + std::to_string(at) + " claims to be at " + formatLsn(address) + ", not at "
                + formatLsn(expected);
        if (tli < timeline || tli > name.timeline)
            return "its page at offset " + std::to_string(at) + " is on timeline " + std::to_string(tli) + " after "
                + std::to_string(timeline);
        timeline = tli;
    }
    return {};
}

// ---- spool --------------------------------------------------------------------------------------

WalSpool::WalSpool(std::string dir) : m_dir(std::move(dir))
{}

std::string WalSpool::keyedDir(const std::string& base, std::string_view identity)
{
    // FNV-1a: stable across builds and versions (std::hash is not), and nothing to initialise.
    std::uint64_t hash = 0xcbf29ce484222325ull;
    for (unsigned char c : identity) {
        hash ^= c;
        hash *= 0x100000001b3ull;
    }
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
    return base + '/' + buffer;
}

std::string WalSpool::defaultBase(std::string_view destPath)
{
    std::string dir = directoryOf(destPath);
    if (dir.empty() || dir.front() != '/') {
        // PostgreSQL runs restore_command in PGDATA with %p relative to it; the prefetcher gets
        // the spool by absolute path so that its own working directory never matters.
        char cwd[4096];
        if (::getcwd(cwd, sizeof cwd))
            dir = dir == "." ? std::string(cwd) : std::string(cwd) + '/' + dir;
    }
    return dir + '/' + kDefaultDirName;
}

namespace {

// A spool directory is trusted only when it is a real directory of this user that nobody else
// may write: a --spool in a shared place could otherwise be planted with forged segments or
// symlinks by another local user.
bool isPrivateDirectory(const std::string& path)
{
    struct stat st;
    return ::lstat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == ::geteuid()
        && (st.st_mode & (S_IWGRP | S_IWOTH)) == 0;
}

} // namespace

bool WalSpool::exists() const
{
    return isPrivateDirectory(directoryOf(m_dir)) && isPrivateDirectory(m_dir);
}

bool WalSpool::ensureExists() const
{
    if (exists())
        return true;
    // Create the base and the keyed directory; 0700 like PGDATA: the spool holds WAL.
    const std::string base = directoryOf(m_dir);
    if (::mkdir(base.c_str(), 0700) != 0 && errno != EEXIST)
        return false;
    // Nothing is created inside a base another user could write to: they could swap it.
    if (!isPrivateDirectory(base))
        return false;
    return (::mkdir(m_dir.c_str(), 0700) == 0 || errno == EEXIST) && exists();
}

WalSpool::Take WalSpool::take(const WalName& name, const std::string& destPath, std::string* why,
                              std::uint64_t* segmentSize) const
{
    const std::string path = pathOf(name.text);
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return Take::Absent;
    struct stat st;
    unsigned char head[WalPageHeader::kSize];
    const bool readOk = ::fstat(fd, &st) == 0 && ::pread(fd, head, sizeof head, 0) == ssize_t(sizeof head);
    ::close(fd);
    // The prefetcher checked it before publishing; checking again costs one read and catches a
    // spool someone copied into or a disk that lost the tail.
    const auto header = readOk ? WalPageHeader::read(head, sizeof head) : std::nullopt;
    const std::string problem =
        header ? checkSegment(name, *header, std::uint64_t(st.st_size)) : std::string("it is shorter than a page header");
    if (!problem.empty()) {
        ::unlink(path.c_str());
        if (why)
            *why = "spooled " + name.text + " was discarded: " + problem;
        return Take::Rejected;
    }
    if (segmentSize)
        *segmentSize = header->segmentSize;
    recordRequest(name, header->segmentSize);
    if (::rename(path.c_str(), destPath.c_str()) == 0)
        return Take::Taken;
    if (errno != EXDEV) {
        if (why)
            *why = "cannot move " + path + " to " + destPath + ": " + errnoText(errno);
        return Take::Failed;
    }
    if (!copyInto(path, destPath, why))
        return Take::Failed;
    ::unlink(path.c_str());
    return Take::Taken;
}

bool WalSpool::inFlight(const WalName& name) const
{
    return fileExists(partPathOf(name.text)) && prefetcherRunning();
}

bool WalSpool::waitWhileInFlight(const WalName& name, int timeoutMs) const
{
    const std::string path = pathOf(name.text);
    const std::string part = partPathOf(name.text);
    timespec start;
    ::clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        if (fileExists(path))
            return true;
        // The part goes away either by its rename (checked next round) or because the
        // prefetcher gave up on it; a lock nobody holds means nobody will finish it.
        if (!fileExists(part) || !prefetcherRunning())
            return fileExists(path);
        timespec now;
        ::clock_gettime(CLOCK_MONOTONIC, &now);
        const long elapsedMs = long(now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1'000'000;
        if (elapsedMs >= timeoutMs)
            return false;
        ::usleep(3000);
    }
}

bool WalSpool::recordRequest(const WalName& name, std::uint64_t segmentSize) const
{
    // Not fsynced: after a crash replay asks again and the request is rewritten.
    return writeFileAtomically(m_dir + "/request", name.text + ' ' + std::to_string(segmentSize) + '\n', false);
}

std::optional<WalSpool::Request> WalSpool::readRequest() const
{
    const int fd = ::open((m_dir + "/request").c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return std::nullopt;
    char buffer[128];
    const ssize_t n = ::read(fd, buffer, sizeof buffer - 1);
    ::close(fd);
    if (n <= 0)
        return std::nullopt;
    const std::string_view text(buffer, std::size_t(n));
    const auto space = text.find(' ');
    if (space == std::string_view::npos)
        return std::nullopt;
    auto name = WalName::parse(text.substr(0, space));
    const std::uint64_t size = std::strtoull(std::string(text.substr(space + 1)).c_str(), nullptr, 10);
    if (!name || name->kind != WalName::Kind::Segment || !wal::isValidSegmentSize(size))
        return std::nullopt;
    return Request{*name, size};
}

bool WalSpool::passed(const WalName& name) const
{
    const auto request = readRequest();
    if (!request)
        return false;
    const auto requested = request->name.segno(request->segmentSize);
    const auto segno = name.segno(request->segmentSize);
    return requested && segno && *segno <= *requested;
}

void WalSpool::removeOlderThan(const WalName& current, std::uint64_t segmentSize) const
{
    const auto currentSegno = current.segno(segmentSize);
    if (!currentSegno)
        return;
    DIR* dir = ::opendir(m_dir.c_str());
    if (!dir)
        return;
    while (const dirent* entry = ::readdir(dir)) {
        const std::string_view fileName(entry->d_name);
        if (fileName.size() != 24)
            continue;
        const auto name = WalName::parse(fileName);
        if (!name || name->kind != WalName::Kind::Segment)
            continue;
        const auto segno = name->segno(segmentSize);
        if (!segno || *segno < *currentSegno || (*segno == *currentSegno && name->timeline != current.timeline))
            ::unlinkat(::dirfd(dir), entry->d_name, 0);
    }
    ::closedir(dir);
}

void WalSpool::removeParts() const
{
    DIR* dir = ::opendir(m_dir.c_str());
    if (!dir)
        return;
    while (const dirent* entry = ::readdir(dir)) {
        const std::string_view fileName(entry->d_name);
        if (fileName.size() > 6 && fileName.front() == '.' && fileName.ends_with(".part"))
            ::unlinkat(::dirfd(dir), entry->d_name, 0);
    }
    ::closedir(dir);
}

bool WalSpool::windowFilled(const WalName& current, std::uint64_t segmentSize, int count) const
{
    for (int i = 1; i <= count; ++i) {
        const auto next = current.advanced(segmentSize, std::uint64_t(i));
        if (!next || !fileExists(pathOf(next->text)))
            return false;
    }
    return true;
}

int WalSpool::tryLock() const
{
    const int fd = ::open((m_dir + "/prefetch.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return -1;
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

bool WalSpool::prefetcherRunning() const
{
    const int fd = ::open((m_dir + "/prefetch.lock").c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    // A shared probe: it conflicts with the prefetcher's exclusive lock but not with another
    // probe, and it is dropped at once.
    const bool held = ::flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
    ::close(fd);
    return held;
}

namespace {

std::string readLink(const std::string& path)
{
    char buf[4096];
    const ssize_t n = ::readlink(path.c_str(), buf, sizeof buf - 1);
    return n > 0 ? std::string(buf, std::size_t(n)) : std::string();
}

std::string baseName(const std::string& path)
{
    const std::size_t slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Whether process `pid` is a prefetcher of `base`: its arguments hold --prefetch-worker and
// `--spool base`, it runs tideline-cli (or this very program), as one of `uids`.
bool isPrefetcherOf(pid_t pid, const std::string& base, const std::vector<uid_t>& uids)
{
    const std::string dir = "/proc/" + std::to_string(pid);
    struct stat st;
    if (::stat(dir.c_str(), &st) != 0 || std::find(uids.begin(), uids.end(), st.st_uid) == uids.end())
        return false;
    const std::string exe = readLink(dir + "/exe");
    if (exe.empty() || (baseName(exe) != "tideline-cli" && exe != readLink("/proc/self/exe")))
        return false;
    const int fd = ::open((dir + "/cmdline").c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    std::string cmdline(64 * 1024, '\0');
    const ssize_t n = ::read(fd, cmdline.data(), cmdline.size());
    ::close(fd);
    if (n <= 0)
        return false;
    cmdline.resize(std::size_t(n));
    std::vector<std::string_view> args;
    for (std::size_t at = 0; at < cmdline.size();) {
        const std::size_t zero = cmdline.find('\0', at);
        const std::size_t stop = zero == std::string::npos ? cmdline.size() : zero;
        args.emplace_back(cmdline.data() + at, stop - at);
        at = stop + 1;
    }
    bool worker = false;
    bool ours = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        worker = worker || args[i] == "--prefetch-worker";
        ours = ours || (args[i] == "--spool" && i + 1 < args.size() && args[i + 1] == base);
    }
    return worker && ours;
}

} // namespace

int WalSpool::stopPrefetchers(const std::string& base, uid_t owner, int graceMs)
{
    std::vector<uid_t> uids{::geteuid()};
    if (owner != ::geteuid())
        uids.push_back(owner);
    // Unkillable ones (uninterruptible I/O) are given 5 s after SIGKILL: the caller reports them.
    return ProcessSweep::terminate([&](pid_t pid) { return isPrefetcherOf(pid, base, uids); }, graceMs, 5000).left;
}

bool WalSpool::spawnDetached(const std::string& program, const std::vector<std::string>& arguments)
{
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(program.c_str()));
    for (const std::string& a : arguments)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attr);
    // Its own session: PostgreSQL (or a test harness) signalling the restore_command's process
    // group must not kill a prefetcher halfway; and no inherited output pipe, or whoever reads
    // this process's output would wait for the prefetcher too.
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID);
    for (int fd = 0; fd <= 2; ++fd)
        posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0);
    pid_t pid = 0;
    const int rc = ::posix_spawn(&pid, program.c_str(), &actions, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    return rc == 0;
}

void WalSpool::log(std::string_view line) const
{
    const std::string path = m_dir + "/prefetch.log";
    struct stat st;
    const bool tooBig = ::stat(path.c_str(), &st) == 0 && st.st_size > (1 << 20);
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW | (tooBig ? O_TRUNC : 0), 0600);
    if (fd < 0)
        return;
    char stamp[32];
    const std::time_t now = std::time(nullptr);
    std::tm tm;
    ::gmtime_r(&now, &tm);
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ ", &tm);
    const std::string text = stamp + std::string(line) + '\n';
    [[maybe_unused]] const ssize_t written = ::write(fd, text.data(), text.size());
    ::close(fd);
}

// ---- helpers ------------------------------------------------------------------------------------

std::string directoryOf(std::string_view path)
{
    const auto slash = path.rfind('/');
    if (slash == std::string_view::npos)
        return ".";
    if (slash == 0)
        return "/";
    return std::string(path.substr(0, slash));
}

void syncDirectory(const std::string& dir)
{
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

bool writeFileAtomically(const std::string& path, std::string_view data, bool durable)
{
    const std::string temp = directoryOf(path) + "/.tideline-" + std::to_string(::getpid()) + ".small.tmp";
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return false;
    bool ok = ::write(fd, data.data(), data.size()) == ssize_t(data.size());
    ok = ok && (!durable || ::fsync(fd) == 0);
    ok = ::close(fd) == 0 && ok;
    if (!ok || ::rename(temp.c_str(), path.c_str()) != 0) {
        ::unlink(temp.c_str());
        return false;
    }
    if (durable)
        syncDirectory(directoryOf(path));
    return true;
}

} // namespace tideline::restore
