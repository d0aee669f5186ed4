// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/restore/RestoreJob.h"

#include "engine/core/Units.h"

#include "engine/catalog/BackupFiles.h"
#include "engine/core/Decompressor.h"
#include "engine/core/Parallel.h"
#include "engine/restore/TarExtractor.h"
#include "engine/restore/WalSpool.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <limits>
#include <mutex>
#include <thread>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace tideline::restore {

namespace {

struct RestoreJobText {
    Q_DECLARE_TR_FUNCTIONS(RestoreJob)
};

std::unexpected<Error> refused(const QString& message, const QString& hint)
{
    return fail(ErrorCode::Refused, message, hint);
}

bool isEmptyOrAbsent(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return true;
    return info.isDir() && QDir(path).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System);
}

// One tar part of the backup and where it goes.
struct Part {
    catalog::TarPart tar;
    QString root; // extraction root
};

// Chunks travel from the download thread to the extracting thread through a small bounded queue:
// the network keeps going while one core inflates and writes.
class ChunkQueue {
public:
    bool push(QByteArray chunk)
    {
        std::unique_lock lock(m_mutex);
        m_notFull.wait(lock, [&] { return m_bytes < kLimit || m_closed; });
        if (m_closed)
            return false;
        m_bytes += chunk.size();
        m_chunks.push_back(std::move(chunk));
        m_notEmpty.notify_one();
        return true;
    }
    // Empty optional: the producer finished (or the queue was closed).
    std::optional<QByteArray> pop()
    {
        std::unique_lock lock(m_mutex);
        m_notEmpty.wait(lock, [&] { return !m_chunks.empty() || m_done || m_closed; });
        if (m_chunks.empty())
            return std::nullopt;
        QByteArray c = std::move(m_chunks.front());
        m_chunks.pop_front();
        m_bytes -= c.size();
        m_notFull.notify_one();
        return c;
    }
    void finish()
    {
        std::lock_guard lock(m_mutex);
        m_done = true;
        m_notEmpty.notify_all();
    }
    void close()
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_notFull.notify_all();
        m_notEmpty.notify_all();
    }
    bool wasClosed()
    {
        std::lock_guard lock(m_mutex);
        return m_closed;
    }

private:
    static constexpr qsizetype kLimit = 64 * 1024 * 1024;
    std::mutex m_mutex;
    std::condition_variable m_notFull;
    std::condition_variable m_notEmpty;
    std::deque<QByteArray> m_chunks;
    qsizetype m_bytes = 0;
    bool m_done = false;
    bool m_closed = false;
};

// The first real failure of a restore, whichever part and stage it comes from. Every stage
// records its failure here before it stops the others, so the knock-on "stopped" of the stages
// it stopped never hides the cause (an unsafe entry, a checksum mismatch, a full disk).
class FirstFailure {
public:
    void record(const Error& e, const QString& file)
    {
        std::lock_guard lock(m_mutex);
        if (!m_error) {
            m_error = e;
            m_file = file;
        }
    }
    std::optional<std::pair<Error, QString>> get() const
    {
        std::lock_guard lock(m_mutex);
        if (!m_error)
            return std::nullopt;
        return std::pair{*m_error, m_file};
    }

private:
    mutable std::mutex m_mutex;
    std::optional<Error> m_error;
    QString m_file;
};

std::unexpected<Error> stopped()
{
    return fail(ErrorCode::Cancelled, RestoreJobText::tr("extraction stopped"));
}

// Three threads per part, joined by bounded queues: the download, the decompression (one gzip
// stream is one core's work) and the tar extraction with its writes, so each runs while the
// others wait on the network or the disk. `stop` is the restore's own token (a child of the
// user's): the first part to fail cancels it, and every other part stops.
void extractPart(storage::ObjectStore& store, const Part& part, JobContext& context, const CancelToken& stop,
                 FirstFailure& failure, std::atomic<qint64>& downloaded, qint64& written, qint64& files, QStringList& notes,
                 std::mutex& notesMutex)
{
    ChunkQueue compressed;
    ChunkQueue plain;
    auto failWith = [&](const Error& e) {
        if (e.code != ErrorCode::Cancelled || !stop.isCancelled())
            failure.record(e, part.tar.file);
        stop.cancel();
        compressed.close();
        plain.close();
    };

    std::thread download([&] {
        const auto r = store.read(
            part.tar.key,
            [&](QByteArrayView chunk) -> Result<void> {
                downloaded += chunk.size();
                if (!compressed.push(QByteArray(chunk.data(), chunk.size())))
                    return stopped();
                return {};
            },
            stop);
        if (!r)
            failWith(r.error());
        compressed.finish();
    });

    std::thread inflate([&] {
        auto decompressor = Decompressor::create(part.tar.compression);
        const auto forward = [&](QByteArrayView bytes) -> Result<void> {
            if (!plain.push(QByteArray(bytes.data(), bytes.size())))
                return stopped();
            return {};
        };
        Result<void> r;
        while (auto chunk = compressed.pop()) {
            r = decompressor->feed(*chunk, forward);
            if (!r)
                break;
        }
        if (r && !compressed.wasClosed())
            r = decompressor->finish(forward);
        if (!r)
            failWith(r.error());
        plain.finish();
    });

    TarExtractor tar(part.root, [&](const QString& path, const QString& why) {
        std::lock_guard lock(notesMutex);
        notes.append(RestoreJobText::tr("%1: skipped %2 (%3)").arg(part.tar.file, path, why));
    });
    Result<void> result;
    while (auto chunk = plain.pop()) {
        if (stop.isCancelled()) {
            result = stopped();
            break;
        }
        result = tar.feed(*chunk);
        if (!result)
            break;
        context.report({RestoreJobText::tr("restoring", "progress"), downloaded.load(), -1, downloaded.load()});
    }
    // A stream that ended early because an earlier stage failed has no end-of-archive marker:
    // that is the earlier stage's failure, recorded already, not a second one.
    if (result && !plain.wasClosed() && !stop.isCancelled())
        result = tar.finish();
    if (!result)
        failWith(result.error());
    inflate.join();
    download.join();
    written += tar.bytesWritten();
    files += tar.filesWritten();
}

struct Identity {
    uid_t uid;
    gid_t gid;
    QString name;
};

Result<Identity> resolveOwner(const QString& wanted)
{
    QString name = wanted;
    if (name.isEmpty()) {
        if (::geteuid() != 0) {
            const passwd* me = ::getpwuid(::geteuid());
            return Identity{::geteuid(), ::getegid(), me ? QString::fromLocal8Bit(me->pw_name) : QString()};
        }
        name = QStringLiteral("postgres"); // PostgreSQL refuses to run as root
    }
    const passwd* pw = ::getpwnam(name.toLocal8Bit().constData());
    if (!pw)
        return refused(RestoreJobText::tr("there is no user '%1' to own the restored data").arg(name),
                       RestoreJobText::tr("Create it (Debian's postgresql package does) or pass the owner to use."));
    return Identity{pw->pw_uid, pw->pw_gid, name};
}

Identity g_owner; // only read by the nftw callback below, set right before the walk

int chownEntry(const char* path, const struct stat*, int, struct FTW*)
{
    return ::lchown(path, g_owner.uid, g_owner.gid) == 0 ? 0 : -1;
}

Result<void> chownTree(const QString& path, const Identity& owner)
{
    static std::mutex mutex; // nftw takes a plain function: serialise the global it reads
    std::lock_guard lock(mutex);
    g_owner = owner;
    if (::nftw(QFile::encodeName(path).constData(), chownEntry, 64, FTW_PHYS) != 0) {
        const int err = errno;
        return refused(RestoreJobText::tr("cannot hand %1 to %2: %3")
                           .arg(path, owner.name, QString::fromLocal8Bit(std::strerror(err))),
                       RestoreJobText::tr("Run the restore as root or as the owner."));
    }
    return {};
}

QString targetActionName(RestoreOptions::TargetAction a)
{
    switch (a) {
    case RestoreOptions::TargetAction::Pause: return QStringLiteral("pause");
    case RestoreOptions::TargetAction::Promote: return QStringLiteral("promote");
    case RestoreOptions::TargetAction::Shutdown: return QStringLiteral("shutdown");
    }
    return QStringLiteral("pause");
}

qint64 physicalMemory()
{
    const long pages = ::sysconf(_SC_PHYS_PAGES);
    const long size = ::sysconf(_SC_PAGE_SIZE);
    return pages > 0 && size > 0 ? static_cast<qint64>(pages) * size : 2LL * 1024 * 1024 * 1024;
}

// Settings a CNPG backup carries (custom.conf, override.conf, postgresql.auto.conf) that point at
// the pod (/controller paths, certificates, preload libraries, pod-sized memory) or that would
// reach back into production (archive_command, primary_conninfo). postgresql.auto.conf is read
// last, so setting them there overrides every other file.
QList<std::pair<QString, QString>> overrides(const pitr::RecoveryPlan& plan, const RestoreOptions& o,
                                             const QString& socketDir, int serverVersion)
{
    const qint64 ram = physicalMemory();
    const qint64 sharedMb = std::clamp<qint64>(ram / 8 / (1024 * 1024), 128, 1024);
    QList<std::pair<QString, QString>> s{
        {QStringLiteral("archive_mode"), QStringLiteral("off")},
        {QStringLiteral("archive_command"), QString()},
        {QStringLiteral("archive_library"), QString()},
        {QStringLiteral("restore_command"), o.restoreCommand},
        {QStringLiteral("primary_conninfo"), QString()},
        {QStringLiteral("primary_slot_name"), QString()},
        // CNPG names its standbys here; with none of them running, every commit after promotion
        // would wait for them forever.
        {QStringLiteral("synchronous_standby_names"), QString()},
        // The prefetch spool (wal-restore's default, under pg_wal) is dead weight once recovery
        // has ended; PostgreSQL runs this once then, in the data directory. A prefetcher still
        // downloading may add a file meanwhile (rm then fails, harmlessly): it sees recovery
        // over and removes the spool itself.
        {QStringLiteral("recovery_end_command"),
         QStringLiteral("rm -rf -- pg_wal/%1 || true").arg(QLatin1String(WalSpool::kDefaultDirName))},
        {QStringLiteral("port"), QString::number(o.port)},
        {QStringLiteral("listen_addresses"), QString()},
        {QStringLiteral("unix_socket_directories"), socketDir},
        {QStringLiteral("ssl"), QStringLiteral("off")},
        // Code a hostile backup could make the server load or run: libraries by relative path
        // (resolved in the data directory), commands run during replay, a pid file elsewhere.
        {QStringLiteral("shared_preload_libraries"), QString()},
        {QStringLiteral("session_preload_libraries"), QString()},
        {QStringLiteral("local_preload_libraries"), QString()},
        {QStringLiteral("dynamic_library_path"), QStringLiteral("$libdir")},
        {QStringLiteral("archive_cleanup_command"), QString()},
        {QStringLiteral("external_pid_file"), QString()},
        {QStringLiteral("hba_file"), o.destination + QStringLiteral("/pg_hba.conf")},
        {QStringLiteral("ident_file"), o.destination + QStringLiteral("/pg_ident.conf")},
        {QStringLiteral("logging_collector"), QStringLiteral("off")},
        {QStringLiteral("log_destination"), QStringLiteral("stderr")},
        {QStringLiteral("shared_buffers"), QStringLiteral("%1MB").arg(sharedMb)},
        {QStringLiteral("effective_cache_size"), QStringLiteral("%1MB").arg(ram / 2 / (1024 * 1024))},
        {QStringLiteral("maintenance_work_mem"), QStringLiteral("64MB")},
        {QStringLiteral("work_mem"), QStringLiteral("4MB")},
        {QStringLiteral("huge_pages"), QStringLiteral("off")},
        {QStringLiteral("hot_standby"), QStringLiteral("on")},
        {QStringLiteral("recovery_target"), QString()},
        {QStringLiteral("recovery_target_name"), QString()},
        {QStringLiteral("recovery_target_time"), QString()},
        {QStringLiteral("recovery_target_xid"), QString()},
        {QStringLiteral("recovery_target_lsn"), QString()},
        {QStringLiteral("recovery_target_inclusive"), plan.target.exclusive ? QStringLiteral("off") : QStringLiteral("on")},
        // The number the plan resolved and checked the WAL along, never 'latest' re-decided later.
        {QStringLiteral("recovery_target_timeline"),
         plan.resolvedTimeline() > 0 ? QString::number(plan.resolvedTimeline()) : plan.target.timeline.toString()},
        {QStringLiteral("recovery_target_action"), targetActionName(o.action)},
    };
    s += recoveryTuning(serverVersion, o.scratch);
    // PostgreSQL assigns these in file order and refuses a second kind of target while another is
    // set ("multiple recovery targets specified"), even when the second one is blank: so every
    // blank goes first and the one real target last.
    const auto& t = plan.target;
    std::pair<QString, QString> real;
    switch (t.kind) {
    case pitr::RecoveryTarget::Kind::Time: real = {QStringLiteral("recovery_target_time"), t.time.toIso()}; break;
    case pitr::RecoveryTarget::Kind::Xid: real = {QStringLiteral("recovery_target_xid"), t.xid}; break;
    case pitr::RecoveryTarget::Kind::Lsn: real = {QStringLiteral("recovery_target_lsn"), t.lsn.toString()}; break;
    case pitr::RecoveryTarget::Kind::Name: real = {QStringLiteral("recovery_target_name"), t.name}; break;
    case pitr::RecoveryTarget::Kind::Immediate:
        real = {QStringLiteral("recovery_target"), QStringLiteral("immediate")};
        for (auto& [k, v] : s)
            if (k == QLatin1String("recovery_target_timeline"))
                v = QStringLiteral("current");
        break;
    }
    s.erase(std::remove_if(s.begin(), s.end(), [&](const auto& kv) { return kv.first == real.first; }), s.end());
    s.append(real);
    // A drill reads the log ("recovery stopping", "selected new timeline ID"), which PostgreSQL
    // would translate under the source cluster's lc_messages.
    if (o.englishLog)
        s.append({QStringLiteral("lc_messages"), QStringLiteral("C")});
    return s;
}

// Writes a file the configure step owns, never through what the archive put at that name: a
// symbolic link (or hard link) named postgresql.auto.conf would otherwise carry the write
// wherever it points. The content goes to a fresh file beside it, created O_EXCL|O_NOFOLLOW,
// then renamed over the name, which replaces a link instead of following it.
Result<void> writeFile(const QString& path, const QByteArray& content)
{
    const QByteArray native = QFile::encodeName(path);
    const QByteArray temp = native + ".tideline-new";
    auto failed = [&](int err) {
        ::unlink(temp.constData());
        return refused(RestoreJobText::tr("cannot write %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(err))),
                       RestoreJobText::tr("Check free space and permissions of the destination."));
    };
    ::unlink(temp.constData());
    const int fd = ::open(temp.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        return failed(errno);
    qsizetype done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.constData() + done, static_cast<size_t>(content.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            const int err = errno;
            ::close(fd);
            return failed(err);
        }
        done += n;
    }
    if (::close(fd) != 0 || ::rename(temp.constData(), native.constData()) != 0)
        return failed(errno);
    return {};
}

// Reads a file of the restored directory that the configure step rewrites; a link there is
// refused rather than read through (the archive made it, and what it points at is not ours).
Result<std::optional<QByteArray>> readOwnFile(const QString& path)
{
    struct stat st {};
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
        return std::optional<QByteArray>();
    if (!S_ISREG(st.st_mode))
        return fail(ErrorCode::Corrupt,
                    RestoreJobText::tr("%1 in the backup is not a regular file (a link or a directory)").arg(path),
                    RestoreJobText::tr("A PostgreSQL backup never holds one there; the archive is damaged or hostile. "
                                       "Choose another backup."));
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return refused(RestoreJobText::tr("cannot read %1: %2").arg(path, f.errorString()),
                       RestoreJobText::tr("Check permissions of the destination."));
    return std::optional<QByteArray>(f.readAll());
}

// A tar that parsed cleanly can still be the wrong or a partial backup: the data directory must
// hold pg_control and the backup_label of the backup backup.info describes.
Result<void> checkExtracted(const QString& dest, const catalog::BackupInfo& info)
{
    auto broken = [&](const QString& why) {
        return fail(ErrorCode::Corrupt,
                    RestoreJobText::tr("backup %1 did not restore a whole data directory: %2").arg(info.backupId, why),
                    RestoreJobText::tr("Choose another backup (--backup-id); this one cannot be restored."));
    };
    struct stat st {};
    const QString control = dest + QStringLiteral("/global/pg_control");
    if (::lstat(QFile::encodeName(control).constData(), &st) != 0 || !S_ISREG(st.st_mode))
        return broken(RestoreJobText::tr("global/pg_control is missing"));
    if (st.st_size != 8192) // PG_CONTROL_FILE_SIZE
        return broken(RestoreJobText::tr("global/pg_control has %1 bytes, not 8192").arg(st.st_size));
    auto label = readOwnFile(dest + QStringLiteral("/backup_label"));
    if (!label)
        return fail(label.error());
    if (!*label)
        return broken(RestoreJobText::tr("backup_label is missing"));
    if (auto why = info.labelMismatch(**label))
        return broken(*why);
    return {};
}

// postgresql.conf lines that point away from this copy are commented out and reported: an
// `include` of a file that is not there (a pod path) stops PostgreSQL at start-up, and the
// settings it would bring are overridden anyway; data_directory too: PostgreSQL never takes it from postgresql.auto.conf,
// and a backup's postgresql.conf naming another directory would start this copy's server on someone else's data.
Result<void> disableForeignConfLines(const QString& dest, QStringList& notes)
{
    const QString path = dest + QStringLiteral("/postgresql.conf");
    auto content = readOwnFile(path);
    if (!content)
        return fail(content.error());
    if (!*content)
        return {};
    QStringList lines = QString::fromUtf8(**content).split(QLatin1Char('\n'));
    static const QRegularExpression include(QStringLiteral("^\\s*include(_dir)?\\s*=?\\s*'([^']*)'"));
    static const QRegularExpression dataDirectory(QStringLiteral("^\\s*data_directory\\s*(=|\\s)"));
    bool changed = false;
    for (QString& line : lines) {
        if (dataDirectory.match(line).hasMatch()) {
            notes.append(RestoreJobText::tr("postgresql.conf: disabled %1 (this copy's data is where it was restored)")
                             .arg(QStringLiteral("data_directory")));
            line = QStringLiteral("# disabled by Tideline: ") + line;
            changed = true;
            continue;
        }
        const auto m = include.match(line);
        if (!m.hasMatch())
            continue;
        QString target = m.captured(2);
        if (!target.startsWith(QLatin1Char('/')))
            target = dest + QLatin1Char('/') + target;
        if (QFileInfo::exists(target))
            continue;
        notes.append(RestoreJobText::tr("postgresql.conf: disabled %1 (the file is not in the backup)").arg(line.trimmed()));
        line = QStringLiteral("# disabled by Tideline (missing here): ") + line;
        changed = true;
    }
    if (!changed)
        return {};
    return writeFile(path, lines.join(QLatin1Char('\n')).toUtf8());
}

Result<void> configure(const QString& dest, const pitr::RecoveryPlan& plan, const RestoreOptions& o,
                       const QString& socketDir, const catalog::BackupEntry& backup, QStringList& notes)
{
    const int version = backup.info ? backup.info->version : 0;
    const QList<std::pair<QString, QString>> settings = overrides(plan, o, socketDir, version);
    QStringList managed;
    for (const auto& [k, v] : settings)
        managed.append(k);

    // postgresql.auto.conf: keep what is not ours, drop what we set (and every recovery setting).
    // Notes name the settings only: a replaced line can hold a password (primary_conninfo).
    QString kept;
    auto autoConf = readOwnFile(dest + QStringLiteral("/postgresql.auto.conf"));
    if (!autoConf)
        return fail(autoConf.error());
    if (*autoConf) {
        QStringList replaced;
        for (const QString& line : QString::fromUtf8(**autoConf).split(QLatin1Char('\n'))) {
            const QString key = line.section(QLatin1Char('='), 0, 0).trimmed();
            if (managed.contains(key) || key.startsWith(QLatin1String("recovery_target"))) {
                if (!replaced.contains(key))
                    replaced.append(key);
                continue;
            }
            if (!line.isEmpty())
                kept += line + QLatin1Char('\n');
        }
        if (!replaced.isEmpty())
            notes.append(RestoreJobText::tr("postgresql.auto.conf: replaced %1").arg(replaced.join(QStringLiteral(", "))));
    }
    QString text = kept;
    // PostgreSQL's file: its comments stay in English whatever the user's language.
    text += QStringLiteral("\n# Tideline: restore of backup %1 toward %2.\n"
                           "# These settings override the backup's own: archive_mode=off keeps this copy from archiving\n"
                           "# into the source bucket; pod paths, certificates and preload libraries do not exist here.\n")
                .arg(backup.id, plan.target.describeUntranslated());
    for (const auto& [k, v] : settings)
        text += k + QStringLiteral(" = ") + quoteConfValue(v) + QLatin1Char('\n');
    if (auto r = writeFile(dest + QStringLiteral("/postgresql.auto.conf"), text.toUtf8()); !r)
        return r;

    // rename(2) moves a link itself, never what it points at.
    if (::rename(QFile::encodeName(dest + QStringLiteral("/pg_hba.conf")).constData(),
                 QFile::encodeName(dest + QStringLiteral("/pg_hba.conf.from-backup")).constData())
            != 0
        && errno != ENOENT) {
        const int err = errno;
        return refused(RestoreJobText::tr("cannot keep the backup's pg_hba.conf: %1")
                           .arg(QString::fromLocal8Bit(std::strerror(err))),
                       RestoreJobText::tr("Check permissions of the destination."));
    }
    // The socket lives in a directory only the owner (and root) can enter, so local trust is safe;
    // no TCP listener is opened.
    if (auto r = writeFile(dest + QStringLiteral("/pg_hba.conf"),
                           QByteArrayLiteral("# Tideline restore: unix socket only, in a private directory.\n"
                                             "local all all trust\n"));
        !r)
        return r;
    auto ident = readOwnFile(dest + QStringLiteral("/pg_ident.conf"));
    if (!ident)
        return fail(ident.error());
    if (!*ident)
        if (auto r = writeFile(dest + QStringLiteral("/pg_ident.conf"), QByteArray()); !r)
            return r;
    if (auto r = disableForeignConfLines(dest, notes); !r)
        return r;

    // A backup taken from a standby carries standby.signal, which would win over recovery.signal.
    // A directory of that name would survive QFile::remove and still put PostgreSQL in standby
    // mode, never ending recovery: refused.
    for (const char* stale : {"standby.signal", "postmaster.pid", "postmaster.opts"}) {
        const QString path = dest + QLatin1Char('/') + QLatin1String(stale);
        if (QFile::remove(path))
            notes.append(RestoreJobText::tr("removed %1 from the backup").arg(QLatin1String(stale)));
        struct stat st {};
        if (::lstat(QFile::encodeName(path).constData(), &st) == 0)
            return fail(
                ErrorCode::Corrupt,
                RestoreJobText::tr("%1 in the backup is not a regular file (a link or a directory)").arg(QLatin1String(stale)),
                RestoreJobText::tr(
                    "A PostgreSQL backup never holds one there; the archive is damaged or hostile. Choose another backup."));
    }
    for (const char* dir : {"/pg_wal", "/pg_wal/archive_status"}) {
        const QByteArray path = QFile::encodeName(dest + QLatin1String(dir));
        struct stat st {};
        if (::mkdir(path.constData(), 0700) != 0 && errno != EEXIST) {
            const int err = errno;
            return refused(RestoreJobText::tr("cannot create %1: %2")
                               .arg(QFile::decodeName(path), QString::fromLocal8Bit(std::strerror(err))),
                           RestoreJobText::tr("Check free space and permissions of the destination."));
        }
        if (::lstat(path.constData(), &st) != 0 || !S_ISDIR(st.st_mode))
            return fail(ErrorCode::Corrupt,
                        RestoreJobText::tr("%1 in the backup is not a directory").arg(QFile::decodeName(path)),
                        RestoreJobText::tr("A PostgreSQL backup never holds a link there; choose another backup."));
    }
    return writeFile(dest + QStringLiteral("/recovery.signal"), QByteArray());
}

} // namespace

QJsonObject RestoreReport::toJson() const
{
    return {{QStringLiteral("destination"), destination},
            {QStringLiteral("backup_id"), backupId},
            {QStringLiteral("downloaded_bytes"), downloadedBytes},
            {QStringLiteral("written_bytes"), writtenBytes},
            {QStringLiteral("files"), files},
            {QStringLiteral("restore_seconds"), restoreSeconds},
            {QStringLiteral("configure_seconds"), configureSeconds},
            {QStringLiteral("pg_bin_dir"), pgBinDir},
            {QStringLiteral("recovery_settings"), QJsonArray::fromStringList(tuning)},
            {QStringLiteral("notes"), QJsonArray::fromStringList(notes)}};
}

QString RestoreReport::toMarkdown(const QLocale& locale) const
{
    const int fileCount = static_cast<int>(std::clamp<qint64>(files, 0, std::numeric_limits<int>::max()));
    QString md = QStringLiteral("## %1\n\n- %2\n")
                     .arg(RestoreJobText::tr("Restored %1 into %2").arg(backupId, destination),
                          RestoreJobText::tr("downloaded %1, written %2 (%n file(s)) in %3", nullptr, fileCount)
                              .arg(units::bytes(downloadedBytes, locale), units::bytes(writtenBytes, locale),
                                   units::duration(static_cast<qint64>(restoreSeconds * 1e6))));
    for (const QString& n : notes)
        md += QStringLiteral("- %1\n").arg(n);
    // The command is to be copied: not translated.
    md += QStringLiteral("\n%1\n\n    %2/pg_ctl -D %3 -l %3/../restore.log start\n")
              .arg(RestoreJobText::tr("Start it as the data's owner, with the store's credentials in the environment:"),
                   pgBinDir, destination);
    return md;
}

QList<std::pair<QString, QString>> recoveryTuning(int serverVersion, bool scratch)
{
    // Restartpoints follow the checkpoints replay meets, each one a full write of dirty buffers:
    // an hour and 4 GB apart, a replay of a day's WAL makes a handful, not hundreds.
    QList<std::pair<QString, QString>> s{
        {QStringLiteral("checkpoint_timeout"), QStringLiteral("1h")},
        {QStringLiteral("max_wal_size"), QStringLiteral("4GB")},
    };
    // From 15, the startup process reads ahead of replay and prefetches the blocks it will need:
    // it waits on reads far less with more of them in flight and a longer look-ahead.
    if (serverVersion >= 150000) {
        // 'try': on wherever the system can prefetch (posix_fadvise), never a refusal to start.
        s.append({QStringLiteral("recovery_prefetch"), QStringLiteral("try")});
        s.append({QStringLiteral("maintenance_io_concurrency"), QStringLiteral("64")});
        s.append({QStringLiteral("wal_decode_buffer_size"), QStringLiteral("4MB")});
    }
    // A copy thrown away afterwards: a crash only means running the drill again, so nothing
    // needs to reach the disk in order, and no page needs its full image after a restartpoint.
    if (scratch) {
        s.append({QStringLiteral("fsync"), QStringLiteral("off")});
        s.append({QStringLiteral("full_page_writes"), QStringLiteral("off")});
        s.append({QStringLiteral("synchronous_commit"), QStringLiteral("off")});
    }
    return s;
}

Result<void> dropScratchSettings(const QString& dataDirectory)
{
    const QString path = dataDirectory + QStringLiteral("/postgresql.auto.conf");
    auto content = readOwnFile(path);
    if (!content)
        return fail(content.error());
    if (!*content)
        return {};
    const auto durable = recoveryTuning(0, false);
    const auto scratch = recoveryTuning(0, true);
    QStringList lines;
    for (const QString& line : QString::fromUtf8(**content).split(QLatin1Char('\n'))) {
        const QString key = line.section(QLatin1Char('='), 0, 0).trimmed();
        const bool scratchOnly = std::any_of(scratch.begin(), scratch.end(), [&](const auto& kv) { return kv.first == key; })
            && std::none_of(durable.begin(), durable.end(), [&](const auto& kv) { return kv.first == key; });
        if (!scratchOnly)
            lines.append(line);
    }
    struct stat st {};
    if (::stat(QFile::encodeName(dataDirectory).constData(), &st) != 0)
        return refused(RestoreJobText::tr("cannot read %1").arg(dataDirectory), {});
    if (auto r = writeFile(path, lines.join(QLatin1Char('\n')).toUtf8()); !r)
        return r;
    if (::chown(QFile::encodeName(path).constData(), st.st_uid, st.st_gid) != 0 && ::geteuid() == 0)
        return refused(RestoreJobText::tr("cannot give %1 back to its owner").arg(path), {});
    return {};
}

QString quoteConfValue(const QString& value)
{
    QString v = value;
    v.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    v.replace(QLatin1Char('\''), QStringLiteral("''"));
    return QLatin1Char('\'') + v + QLatin1Char('\'');
}

Result<RestoreReport> runRestore(storage::ObjectStore& store, const catalog::ServerCatalog& catalog,
                                 const pitr::RecoveryPlan& plan, const RestoreOptions& o, JobContext& context)
{
    if (!plan.ok())
        return refused(RestoreJobText::tr("the plan is refused: %1").arg(plan.reason), plan.hint);
    const catalog::BackupEntry* backup = catalog.findBackup(plan.backupId);
    if (!backup || !backup->info)
        return refused(RestoreJobText::tr("backup %1 is not in the catalog").arg(plan.backupId),
                       RestoreJobText::tr("Reload the catalog and plan again."));
    if (o.destination.isEmpty() || !QDir::isAbsolutePath(o.destination))
        return fail(ErrorCode::Usage, RestoreJobText::tr("the destination must be an absolute path"),
                    RestoreJobText::tr("Give a full path such as /var/lib/postgresql/restore."));
    const QString dest = QDir::cleanPath(o.destination);
    if (QFileInfo::exists(dest + QLatin1Char('/') + QLatin1String(kIncompleteMarker)))
        return refused(RestoreJobText::tr("%1 holds a restore that never finished (%2)")
                           .arg(dest, QLatin1String(kIncompleteMarker)),
                       RestoreJobText::tr("Nothing in it is usable: remove it, and any tablespace directory that restore "
                                          "was given, then restore again."));
    if (!isEmptyOrAbsent(dest))
        return refused(RestoreJobText::tr("%1 is not empty").arg(dest),
                       RestoreJobText::tr("Restore into a new or empty directory; Tideline never overwrites data."));

    RestoreReport report;
    report.backupId = backup->id;
    report.destination = dest;
    const int major = backup->info->majorVersion();
    report.pgBinDir = o.pgBinDir.isEmpty() ? QStringLiteral("/usr/lib/postgresql/%1/bin").arg(major) : o.pgBinDir;
    if (!QFileInfo(report.pgBinDir + QStringLiteral("/postgres")).isExecutable())
        return refused(RestoreJobText::tr("backup %1 is PostgreSQL %2, and there are no PostgreSQL %2 server "
                                          "binaries in %3")
                           .arg(backup->id, QString::number(major), report.pgBinDir),
                       RestoreJobText::tr("Install them (on Debian: apt-get install postgresql-%1), or restore on a "
                                          "machine that has them.")
                           .arg(major));
    auto owner = resolveOwner(o.owner);
    if (!owner)
        return fail(owner.error());

    const catalog::TarPartSet files =
        catalog::tarParts(*backup,
                          catalog.source.key(catalog.server) + QStringLiteral("/base/") + backup->id + QLatin1Char('/'));
    if (!files.problems.isEmpty())
        return fail(ErrorCode::Corrupt,
                    RestoreJobText::tr("backup %1 is incomplete in the bucket: %2")
                        .arg(backup->id, files.problems.join(QStringLiteral("; "))),
                    RestoreJobText::tr(
                        "Choose another backup (--backup-id); an interrupted upload or delete leaves a backup "
                        "like this one."));
    // Tablespaces go where --tablespace says, else under the destination: the backup's own
    // locations are paths in the pod, and a restore writes only below what the user named.
    QMap<quint32, QString> tablespaceRoot;
    static const QRegularExpression plainName(QStringLiteral("^[A-Za-z0-9_][A-Za-z0-9_.-]*$"));
    const QString tablespaceBase = o.tablespaceDirectory.isEmpty() ? dest + QStringLiteral("/tideline_tablespaces")
                                                                   : QDir::cleanPath(o.tablespaceDirectory);
    for (const auto& ts : backup->info->tablespaces) {
        // The name comes from the bucket: only a plain one becomes a directory name.
        const QString leaf = plainName.match(ts.name).hasMatch() ? ts.name : QString::number(ts.oid);
        const QString where = o.tablespaces.contains(ts.name) ? QDir::cleanPath(o.tablespaces.value(ts.name))
                                                              : tablespaceBase + QLatin1Char('/') + leaf;
        if (!QDir::isAbsolutePath(where))
            return fail(ErrorCode::Usage,
                        RestoreJobText::tr("tablespace %1's location %2 is not an absolute path").arg(ts.name, where),
                        RestoreJobText::tr("Give a full path: --tablespace %1=/an/empty/dir.").arg(ts.name));
        if (!isEmptyOrAbsent(where))
            return refused(RestoreJobText::tr("tablespace %1's location %2 is not empty").arg(ts.name, where),
                           RestoreJobText::tr("Relocate it with --tablespace %1=/an/empty/dir.").arg(ts.name));
        if (!o.tablespaces.contains(ts.name))
            report.notes.append(
                RestoreJobText::tr("tablespace %1 (%2 in the backup) restored into %3").arg(ts.name, ts.location, where));
        tablespaceRoot.insert(ts.oid, where);
    }
    for (auto it = o.tablespaces.cbegin(); it != o.tablespaces.cend(); ++it) {
        bool known = false;
        for (const auto& ts : backup->info->tablespaces)
            known |= ts.name == it.key();
        if (!known)
            return fail(ErrorCode::Usage, RestoreJobText::tr("backup %1 has no tablespace '%2'").arg(backup->id, it.key()),
                        RestoreJobText::tr("The backup's tablespaces are listed by the show command."));
    }
    QList<Part> parts;
    qint64 needed = 0;
    for (const catalog::TarPart& t : files.parts) {
        parts.append({t, t.name == QLatin1String("data") ? dest : tablespaceRoot.value(t.name.toUInt())});
        needed += t.size;
    }
    // The compressed size is a floor for what extraction writes: refuse below it.
    QDir().mkpath(dest);
    struct statvfs fs {};
    if (::statvfs(QFile::encodeName(dest).constData(), &fs) == 0) {
        const qint64 free = static_cast<qint64>(fs.f_bavail) * static_cast<qint64>(fs.f_frsize);
        if (free < needed)
            return refused(RestoreJobText::tr("%1 has %2 MiB free, the backup needs at least %3 MiB")
                               .arg(dest, QString::number(free / (1024 * 1024)), QString::number(needed / (1024 * 1024))),
                           RestoreJobText::tr("Free space or restore elsewhere."));
        bool compressed = false;
        for (const Part& p : parts)
            compressed |= p.tar.compression != Compression::None;
        if (compressed && free < needed * 3)
            report.notes.append(RestoreJobText::tr("free space is less than 3x the compressed backup: extraction "
                                                   "may run out of room"));
    }

    ::chmod(QFile::encodeName(dest).constData(), 0700);
    for (const QString& root : tablespaceRoot) {
        QDir().mkpath(root);
        ::chmod(QFile::encodeName(root).constData(), 0700);
    }
    const QString marker = dest + QLatin1Char('/') + QLatin1String(kIncompleteMarker);
    // A file for whoever looks into the directory: English, like the other files Tideline writes there.
    if (auto r = writeFile(marker,
                           QByteArrayLiteral("Tideline is restoring into this directory, or the restore "
                                             "failed. Do not start PostgreSQL here.\n"));
        !r)
        return fail(r.error());

    QElapsedTimer timer;
    timer.start();
    std::atomic<qint64> downloaded{0};
    std::mutex mutex;
    QList<qint64> written(parts.size(), 0);
    QList<qint64> fileCounts(parts.size(), 0);
    const CancelToken stop = context.cancelToken().child();
    FirstFailure failure;
    parallelFor(
        parts.size(), std::max(1, o.jobs),
        [&](qsizetype i) {
            extractPart(store, parts[i], context, stop, failure, downloaded, written[i], fileCounts[i], report.notes, mutex);
        },
        stop);
    if (context.isCancelled())
        return fail(ErrorCode::Cancelled, RestoreJobText::tr("restore cancelled; %1 is marked incomplete").arg(dest));
    if (const auto first = failure.get()) {
        Error e = first->first;
        e.message = RestoreJobText::tr("%1: %2 (%3 is marked incomplete)").arg(first->second, e.message, dest);
        return fail(e);
    }
    for (qsizetype i = 0; i < parts.size(); ++i) {
        report.writtenBytes += written[i];
        report.files += fileCounts[i];
    }
    if (auto r = checkExtracted(dest, *backup->info); !r) {
        Error e = r.error();
        e.message = RestoreJobText::tr("%1 (%2 is marked incomplete)").arg(e.message, dest);
        return fail(e);
    }
    report.downloadedBytes = downloaded.load();
    report.restoreSeconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    timer.restart();

    // Tablespace links, relocated.
    for (auto it = tablespaceRoot.cbegin(); it != tablespaceRoot.cend(); ++it) {
        const QString link = dest + QStringLiteral("/pg_tblspc/") + QString::number(it.key());
        QDir().mkpath(dest + QStringLiteral("/pg_tblspc"));
        QFile::remove(link);
        if (::symlink(QFile::encodeName(it.value()).constData(), QFile::encodeName(link).constData()) != 0)
            return refused(RestoreJobText::tr("cannot link %1 to %2").arg(link, it.value()),
                           RestoreJobText::tr("Check permissions of the destination."));
    }
    const QString socketDir = o.socketDirectory.isEmpty() ? dest : o.socketDirectory;
    if (auto r = configure(dest, plan, o, socketDir, *backup, report.notes); !r)
        return fail(r.error());
    for (const auto& [k, v] : recoveryTuning(backup->info ? backup->info->version : 0, o.scratch))
        report.tuning.append(k + QStringLiteral(" = ") + v);
    // Restartpoint spacing suits replay, not a server that goes on: a crash would replay an
    // hour of WAL, and pg_wal may grow to 4 GB.
    if (!o.scratch)
        report.notes.append(RestoreJobText::tr("checkpoint_timeout and max_wal_size are raised in postgresql.auto.conf "
                                               "for replay; if this server is to stay, reset them after promotion "
                                               "(ALTER SYSTEM RESET checkpoint_timeout; ALTER SYSTEM RESET max_wal_size)"));
    for (const QString& root : tablespaceRoot)
        if (auto r = chownTree(root, *owner); !r)
            return fail(r.error());
    if (auto r = chownTree(dest, *owner); !r)
        return fail(r.error());
    // Everything is on disk before the marker goes: a crash in between leaves it marked.
    if (o.sync) {
        QStringList roots = tablespaceRoot.values();
        roots.prepend(dest);
        for (const QString& root : roots) {
            const int fd = ::open(QFile::encodeName(root).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            if (fd < 0 || ::syncfs(fd) != 0) {
                const int err = errno;
                if (fd >= 0)
                    ::close(fd);
                return refused(RestoreJobText::tr("cannot flush %1 to disk: %2")
                                   .arg(root, QString::fromLocal8Bit(std::strerror(err))),
                               RestoreJobText::tr("Check the destination's disk; %1 stays marked incomplete.").arg(dest));
            }
            ::close(fd);
        }
    }
    QFile::remove(marker);
    report.configureSeconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    context.report({RestoreJobText::tr("restored", "progress"), report.downloadedBytes, report.downloadedBytes,
                    report.downloadedBytes});
    return report;
}

} // namespace tideline::restore
