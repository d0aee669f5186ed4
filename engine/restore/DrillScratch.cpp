// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/restore/DrillScratch.h"

#include "engine/core/FileTree.h"
#include "engine/restore/ProcessSweep.h"
#include "engine/restore/WalSpool.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <optional>
#include <poll.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

// glibc 2.36's header declares these without C linkage (fixed in 2.37).
extern "C" {
#include <sys/pidfd.h>
}

namespace tideline::restore {

namespace {

struct DrillScratchText {
    Q_DECLARE_TR_FUNCTIONS(DrillScratch)
};

// A file of at most `limit` bytes, read without following a link or waiting on a FIFO: an
// empty result for anything that is not a regular file.
QByteArray readSmallFile(int dirFd, const char* name, qsizetype limit, bool* regular = nullptr)
{
    if (regular)
        *regular = false;
    const int fd = ::openat(dirFd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return {};
    QByteArray bytes;
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
        if (regular)
            *regular = true;
        bytes.resize(limit);
        const ssize_t n = ::read(fd, bytes.data(), std::size_t(limit));
        bytes.resize(n > 0 ? n : 0);
    }
    ::close(fd);
    return bytes;
}

QByteArray readProc(const char* path, qsizetype limit)
{
    return readSmallFile(AT_FDCWD, path, limit);
}

// A process's effective uid from /proc/PID/status (readable by anyone); nullopt once it is gone.
std::optional<uid_t> effectiveUid(qint64 pid)
{
    const QByteArray status = readProc(("/proc/" + QByteArray::number(pid) + "/status").constData(), 8192);
    const qsizetype at = status.indexOf("\nUid:");
    if (at < 0)
        return std::nullopt;
    // "Uid:" real, effective, saved, filesystem.
    const QList<QByteArray> fields = status.mid(at + 5, status.indexOf('\n', at + 1) - at - 5).simplified().split(' ');
    bool ok = false;
    const uint uid = fields.size() >= 2 ? fields[1].toUInt(&ok) : 0;
    return ok ? std::optional<uid_t>(uid_t(uid)) : std::nullopt;
}

// /proc/PID/stat field 22: the process's start time in clock ticks since boot. With the pid it
// names one process for the life of the boot.
std::optional<quint64> startTicks(qint64 pid)
{
    const QByteArray text = readProc(QStringLiteral("/proc/%1/stat").arg(pid).toLatin1().constData(), 4096);
    // The command name (field 2) may hold spaces and parentheses: fields are counted after the last ')'.
    const qsizetype close = text.lastIndexOf(')');
    if (close < 0)
        return std::nullopt;
    const QList<QByteArray> fields = text.mid(close + 2).split(' ');
    bool ok = false;
    const quint64 ticks = fields.value(19).toULongLong(&ok);
    return ok ? std::optional<quint64>(ticks) : std::nullopt;
}

struct Identity {
    qint64 pid = 0;
    quint64 ticks = 0;
    QByteArray bootId;
    quint64 pidNamespace = 0;
    QByteArray host;

    QByteArray toStamp() const
    {
        return QByteArray::number(pid) + ' ' + QByteArray::number(ticks) + ' ' + bootId + ' '
            + QByteArray::number(pidNamespace) + ' ' + host + '\n';
    }
};

QByteArray bootId()
{
    return readProc("/proc/sys/kernel/random/boot_id", 64).trimmed();
}

quint64 pidNamespace()
{
    struct stat st {};
    return ::stat("/proc/self/ns/pid", &st) == 0 ? quint64(st.st_ino) : 0;
}

QByteArray hostName()
{
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0)
        return {};
    return QByteArray(name);
}

const QRegularExpression& stampPattern()
{
    // pid, start ticks, boot id (a UUID), pid namespace inode, host name.
    static const QRegularExpression p(
        QStringLiteral("^([1-9][0-9]{0,9}) ([0-9]{1,20}) ([0-9a-f-]{36}) ([1-9][0-9]{0,19}) ([A-Za-z0-9._-]{1,255})$"));
    return p;
}

std::optional<Identity> parseStamp(const QByteArray& text)
{
    const auto m = stampPattern().match(QString::fromLatin1(text.trimmed()));
    if (!m.hasMatch())
        return std::nullopt;
    Identity id;
    bool ok[3] = {};
    id.pid = m.captured(1).toLongLong(&ok[0]);
    id.ticks = m.captured(2).toULongLong(&ok[1]);
    id.bootId = m.captured(3).toLatin1();
    id.pidNamespace = m.captured(4).toULongLong(&ok[2]);
    id.host = m.captured(5).toLatin1();
    if (!ok[0] || !ok[1] || !ok[2])
        return std::nullopt;
    return id;
}

// Whether the process ended (a zombie counts) within `waitMs`: its pidfd reads as ready.
bool exited(int pidfd, int waitMs)
{
    QElapsedTimer timer;
    timer.start();
    for (;;) {
        pollfd p{pidfd, POLLIN, 0};
        const int left = int(std::max<qint64>(0, waitMs - timer.elapsed()));
        const int n = ::poll(&p, 1, left);
        if (n > 0)
            return true;
        if (n == 0 || errno != EINTR)
            return false;
    }
}

// Where a process stands, as the drill's checks need it: in `dataSt` and running as its owner
// (PostgreSQL runs only as its data directory's owner, and changes into it), elsewhere (gone
// included), or unknown when /proc refuses us (root without CAP_SYS_PTRACE in a container), which
// says nothing either way. `err` is the refusal's errno.
enum class Where { Here, Elsewhere, Unknown };

Where standsWhere(qint64 pid, const struct stat& dataSt, int& err)
{
    const QByteArray cwd = QByteArray("/proc/") + QByteArray::number(pid) + "/cwd";
    struct stat cwdSt {};
    if (::stat(cwd.constData(), &cwdSt) != 0) {
        err = errno;
        return err == ENOENT || err == ESRCH ? Where::Elsewhere : Where::Unknown;
    }
    if (cwdSt.st_dev != dataSt.st_dev || cwdSt.st_ino != dataSt.st_ino)
        return Where::Elsewhere;
    // Another user's process standing there (root's shell, say) is no server, however the owner
    // filled in postmaster.pid.
    const auto uid = effectiveUid(pid);
    return uid && *uid == dataSt.st_uid ? Where::Here : Where::Elsewhere;
}

// How long processes SIGKILL-ed may take to go (one in uninterruptible I/O can take longer).
constexpr int kKilledWithinMs = 2000;
// When a postmaster SIGKILLs children that outlast its immediate shutdown (PostgreSQL's
// SIGKILL_CHILDREN_AFTER_SECS, since 14).
constexpr int kSigkillAfterMs = 5000;

// Ends what a postmaster killed outright left running on `data`: its backends run on until they
// next notice (a long query may not for a while), and what it started in the background runs
// on, holding the files a removal would free. Only processes that stand there as the owner and
// are PostgreSQL (the backends) or carry DrillScratch::kServerVariable (what the server started:
// exec hands it on) are signalled: not an owner's shell or pager in the directory, nor this
// process; nothing in a directory root owns (no PostgreSQL runs as root). SIGTERM (a backend's
// "terminate", a prefetcher's clean exit), then SIGKILL after `graceMs` or five seconds,
// whichever is shorter (ProcessSweep). Processes /proc will not show us (root without
// CAP_SYS_PTRACE) are left alone. Error: Refused when some do not end.
Result<void> stopOrphans(const QString& data, const struct stat& dataSt, int graceMs)
{
    if (dataSt.st_uid == 0)
        return {};
    const QByteArray marker = QByteArray(DrillScratch::kServerVariable) + "=1";
    const auto ours = [&](pid_t pid) {
        int err = 0;
        if (standsWhere(pid, dataSt, err) != Where::Here)
            return false;
        // Backends are the postmaster's forks, not new programs: PostgreSQL writes its process
        // title over the environment strings the kernel shows, so they are known by their binary.
        const QByteArray proc = "/proc/" + QByteArray::number(pid);
        if (QFileInfo(QFile::decodeName(proc + "/exe")).symLinkTarget().endsWith(QLatin1String("/postgres")))
            return true;
        const QByteArray environ = readProc((proc + "/environ").constData(), 256 * 1024);
        return environ.startsWith(marker + '\0') || environ.contains('\0' + marker + '\0');
    };
    // One pass signals what stands there; what those started meanwhile (a shell's next command)
    // is found by the next. A few passes, not until none: a fork loop would never end.
    bool allEnded = true;
    for (int pass = 0; pass < 3 && allEnded; ++pass) {
        const auto swept = ProcessSweep::terminate(ours, std::min(graceMs, kSigkillAfterMs), kKilledWithinMs);
        if (swept.signalled == 0)
            break;
        allEnded = swept.left == 0;
    }
    if (!allEnded)
        return fail(ErrorCode::Refused,
                    DrillScratchText::tr("processes of a killed server still run on %1; left as it is").arg(data),
                    DrillScratchText::tr(
                        "Stop the PostgreSQL processes standing in %1 (fuser -v %1 lists them), then remove "
                        "the directory.")
                        .arg(data));
    return {};
}

// Stops the postmaster on `data` if one runs there. The pid in postmaster.pid is only a lead: it
// is trusted once a pidfd holds that process and it stands there as the owner (standsWhere), so
// a pid reused since by another process is never signalled. Returns whether a server stood there
// (and has now stopped); an error when one runs there and would not stop, or whether one does
// cannot be told. `named` says whether postmaster.pid named a process at all.
Result<bool> stopPostmaster(const QString& data, int dataFd, const struct stat& dataSt, int graceMs, bool& named)
{
    bool regular = false;
    const QByteArray pidFile = readSmallFile(dataFd, "postmaster.pid", 4096, &regular);
    if (!regular) {
        if (::faccessat(dataFd, "postmaster.pid", F_OK, AT_SYMLINK_NOFOLLOW) != 0 && errno == ENOENT)
            return false; // no server was ever left running here
        return fail(ErrorCode::Refused,
                    DrillScratchText::tr("%1/postmaster.pid is not a regular file; left as it is").arg(data),
                    DrillScratchText::tr("Look at it, then remove the directory by hand."));
    }
    bool ok = false;
    qint64 pid = pidFile.left(pidFile.indexOf('\n')).trimmed().toLongLong(&ok);
    if (ok && pid < 0)
        pid = -pid; // a single-user backend writes its pid negated
    if (!ok || pid == 0 || pid > std::numeric_limits<pid_t>::max())
        return false; // a server writes its pid first: a file without one has none running
    const auto cannotTell = [&](int err) -> Result<bool> {
        return fail(ErrorCode::Refused,
                    DrillScratchText::tr("cannot tell whether the server of a drill killed earlier still runs on %1: %2")
                        .arg(data, QString::fromLocal8Bit(std::strerror(err))),
                    DrillScratchText::tr("Stop it with pg_ctl -D %1 stop -m immediate, then remove the directory.").arg(data));
    };
    // Whatever that pid is now (gone, a thread of another process, a process of another boot), a
    // postmaster on these files stands in this directory: a pid standing elsewhere is no server
    // of ours, even where no pidfd could be had for it.
    named = true;
    int err = 0;
    const Where first = standsWhere(pid, dataSt, err);
    if (first == Where::Elsewhere)
        return false;
    if (first == Where::Unknown)
        return cannotTell(err);
    const int pidfd = ::pidfd_open(pid_t(pid), 0);
    if (pidfd < 0 && errno == ESRCH)
        return false; // gone
    if (pidfd < 0)    // no pidfds here (old kernel, seccomp), or no descriptors left
        return cannotTell(errno);
    // Asked again once the pidfd holds the process: the pid may have been reused in between.
    const Where again = standsWhere(pid, dataSt, err);
    if (again == Where::Unknown) {
        ::close(pidfd);
        return cannotTell(err);
    }
    const bool onThisData = again == Where::Here;
    bool stopped = true;
    if (onThisData) {
        ::pidfd_send_signal(pidfd, SIGQUIT, nullptr, 0);
        // The postmaster ends after its children: once it has, nothing runs on these files.
        stopped = exited(pidfd, graceMs);
    }
    ::close(pidfd);
    if (!stopped)
        return fail(ErrorCode::Refused,
                    DrillScratchText::tr("the server of a drill killed earlier still runs on %1; left as it is").arg(data),
                    DrillScratchText::tr("Stop it with pg_ctl -D %1 stop -m immediate, then remove the directory.").arg(data));
    return onThisData;
}

// Stops the server on `data` if one runs there, or else what the postmaster postmaster.pid
// names, killed outright, left running. Returns whether a postmaster stood there (and has now
// stopped).
Result<bool> stopServerOn(const QString& data, int dataFd, int graceMs)
{
    struct stat dataSt {};
    if (::fstat(dataFd, &dataSt) != 0)
        return fail(ErrorCode::Refused, DrillScratchText::tr("cannot read %1; left as it is").arg(data), {});
    bool named = false;
    auto stopped = stopPostmaster(data, dataFd, dataSt, graceMs, named);
    if (!stopped || *stopped || !named)
        return stopped; // a postmaster stopped by SIGQUIT ends after its children
    if (auto orphans = stopOrphans(data, dataSt, graceMs); !orphans)
        return fail(orphans.error());
    return false;
}

// Whether no one but us (and root) can rename what `parent` holds: owned by one of us, and not
// writable by others unless sticky (as /tmp is). Otherwise a drill's name could be swapped for a
// link between the checks and the reaping, and the reaper sent to someone else's data.
bool guardedParent(const QString& parent)
{
    struct stat st {};
    if (::stat(QFile::encodeName(parent).constData(), &st) != 0 || !S_ISDIR(st.st_mode))
        return false;
    const bool owner = st.st_uid == 0 || st.st_uid == ::geteuid();
    return owner && ((st.st_mode & (S_IWGRP | S_IWOTH)) == 0 || (st.st_mode & S_ISVTX) != 0);
}

// A mount other machines may share: a stamp there can name a process of another host that
// looks like ours (the same host name, the initial pid namespace's fixed inode).
bool sharedFilesystem(int fd)
{
    struct statfs fs {};
    if (::fstatfs(fd, &fs) != 0)
        return true;
    switch (static_cast<unsigned long>(fs.f_type)) {
    case 0x6969:     // NFS
    case 0x517B:     // SMB
    case 0xFF534D42: // CIFS
    case 0xFE534D42: // SMB2
    case 0x65735546: // FUSE
    case 0x01021997: // 9P
    case 0x564C:     // NCP
    case 0x47504653: // GPFS
    case 0x0BD00BD0: // Lustre
    case 0x00C36400: // CephFS
    case 0x7461636F: // OCFS2
    case 0x01161970: // GFS2
    case 0x5346414F: // AFS (OpenAFS)
    case 0x6B414653: // AFS (kAFS)
    case 0x73757245: // Coda
    case 0x19830326: // BeeGFS
    case 0x20030528: // OrangeFS
    case 0x013111A8: // IBRIX
    case 0x61636673: // ACFS
    case 0xAAD7AAEA: // PanFS
    case 0xBEEFDEAD: // StorNext
        return true;
    default: return false;
    }
}

} // namespace

bool DrillScratch::stamp(const QString& dir)
{
    Identity me;
    me.pid = ::getpid();
    const auto ticks = startTicks(me.pid);
    me.bootId = bootId();
    me.pidNamespace = pidNamespace();
    me.host = hostName();
    if (!ticks)
        return false;
    me.ticks = *ticks;
    const QByteArray text = me.toStamp();
    if (!stampPattern().match(QString::fromLatin1(text.trimmed())).hasMatch())
        return false; // a host name we could not match again later: never reaped
    const int fd = ::open(QFile::encodeName(dir + u'/' + QLatin1String(kOwnerFile)).constData(),
                          O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0)
        return false;
    const bool written = ::write(fd, text.constData(), std::size_t(text.size())) == text.size();
    ::close(fd);
    return written;
}

void DrillScratch::release(const QString& dir)
{
    ::unlink(QFile::encodeName(dir + u'/' + QLatin1String(kOwnerFile)).constData());
}

bool DrillScratch::abandoned(const QString& dir)
{
    if (!guardedParent(QFileInfo(dir).absolutePath()))
        return false;
    const int dirFd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dirFd < 0)
        return false;
    struct stat st {};
    bool ours = ::fstat(dirFd, &st) == 0 && st.st_uid == ::geteuid() && !sharedFilesystem(dirFd);
    bool regular = false;
    QByteArray text;
    if (ours) {
        text = readSmallFile(dirFd, kOwnerFile, 512, &regular);
        ours = regular && ::fstatat(dirFd, kOwnerFile, &st, AT_SYMLINK_NOFOLLOW) == 0 && st.st_uid == ::geteuid();
    }
    ::close(dirFd);
    if (!ours)
        return false;
    const auto owner = parseStamp(text);
    if (!owner || owner->host != hostName() || owner->pidNamespace != pidNamespace())
        return false; // another machine's or another container's drill: its process is not ours to see
    if (owner->bootId != bootId())
        return true; // the machine has started again since: nothing of that drill runs
    const auto now = startTicks(owner->pid);
    return !now || *now != owner->ticks;
}

Result<bool> DrillScratch::stopServer(const QString& data, int graceMs)
{
    const int dataFd = ::open(QFile::encodeName(data).constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dataFd < 0)
        return errno == ENOENT
            ? Result<bool>(false)
            : fail(ErrorCode::Refused, DrillScratchText::tr("cannot read %1; left as it is").arg(data), {});
    auto stopped = stopServerOn(data, dataFd, graceMs);
    ::close(dataFd);
    return stopped;
}

Result<void> DrillScratch::reap(const QString& dir, int graceMs)
{
    const QString data = dir + QStringLiteral("/data");
    const int dataFd = ::open(QFile::encodeName(data).constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dataFd >= 0) {
        struct stat st {};
        const bool statted = ::fstat(dataFd, &st) == 0;
        auto stopped = stopServerOn(data, dataFd, graceMs);
        ::close(dataFd);
        if (!stopped)
            return fail(stopped.error());
        if (statted) {
            // The prefetchers were given the canonical path: the parent directories may be links.
            const QString spoolBase =
                QFileInfo(data).canonicalFilePath() + QStringLiteral("/pg_wal/") + QLatin1String(WalSpool::kDefaultDirName);
            WalSpool::stopPrefetchers(QFile::encodeName(spoolBase).toStdString(), st.st_uid, 3000);
        }
    }
    return removeTree(dir);
}

} // namespace tideline::restore
