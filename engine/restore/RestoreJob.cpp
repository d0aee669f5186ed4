// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/restore/RestoreJob.h"

#include "engine/core/Decompressor.h"
#include "engine/core/Parallel.h"
#include "engine/restore/TarExtractor.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <condition_variable>
#include <deque>
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
    QString key;
    QString file;
    Compression compression;
    QString root;   // extraction root
    qint64 size;
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

// Three threads per part, joined by bounded queues: the download, the decompression (one gzip
// stream is one core's work) and the tar extraction with its writes, so each runs while the
// others wait on the network or the disk.
Result<void> extractPart(storage::ObjectStore& store, const Part& part, JobContext& context,
                         std::atomic<qint64>& downloaded, qint64& written, qint64& files, QStringList& notes,
                         std::mutex& notesMutex)
{
    ChunkQueue compressed;
    ChunkQueue plain;
    auto stopAll = [&] {
        compressed.close();
        plain.close();
    };

    Result<storage::ObjectInfo> readResult = storage::ObjectInfo{};
    std::thread download([&] {
        readResult = store.read(part.key, [&](QByteArrayView chunk) -> Result<void> {
            downloaded += chunk.size();
            if (!compressed.push(QByteArray(chunk.data(), chunk.size())))
                return fail(ErrorCode::Cancelled, RestoreJobText::tr("extraction stopped"));
            return {};
        }, context.cancelToken());
        compressed.finish();
    });

    Result<void> inflateResult;
    std::thread inflate([&] {
        auto decompressor = Decompressor::create(part.compression);
        const auto forward = [&](QByteArrayView bytes) -> Result<void> {
            if (!plain.push(QByteArray(bytes.data(), bytes.size())))
                return fail(ErrorCode::Cancelled, RestoreJobText::tr("extraction stopped"));
            return {};
        };
        while (auto chunk = compressed.pop()) {
            inflateResult = decompressor->feed(*chunk, forward);
            if (!inflateResult)
                break;
        }
        if (inflateResult && !compressed.wasClosed())
            inflateResult = decompressor->finish(forward);
        if (!inflateResult)
            compressed.close();
        plain.finish();
    });

    TarExtractor tar(part.root, [&](const QString& path, const QString& why) {
        std::lock_guard lock(notesMutex);
        notes.append(RestoreJobText::tr("%1: skipped %2 (%3)").arg(part.file, path, why));
    });
    Result<void> result;
    while (auto chunk = plain.pop()) {
        if (context.isCancelled()) {
            result = fail(ErrorCode::Cancelled, RestoreJobText::tr("restore cancelled"));
            break;
        }
        result = tar.feed(*chunk);
        if (!result)
            break;
        context.report({RestoreJobText::tr("restoring", "progress"), downloaded.load(), -1, downloaded.load()});
    }
    if (!result)
        stopAll();
    inflate.join();
    download.join();
    // The first failure in the chain is the one to report.
    if (!readResult)
        return fail(readResult.error());
    if (!inflateResult)
        return inflateResult;
    if (!result)
        return result;
    if (auto r = tar.finish(); !r)
        return r;
    written += tar.bytesWritten();
    files += tar.filesWritten();
    return {};
}

QList<Part> partsOf(const catalog::ServerCatalog& catalog, const catalog::BackupEntry& backup)
{
    static const QRegularExpression name(QStringLiteral("^(data|\\d+)(_\\d{4})?\\.tar(\\.[a-z0-9]+)?$"));
    QList<Part> parts;
    const QString prefix = catalog.source.key(catalog.server) + QStringLiteral("/base/") + backup.id + QLatin1Char('/');
    for (const auto& o : backup.objectList) {
        const QString file = o.key.mid(prefix.size());
        if (!name.match(file).hasMatch())
            continue;
        const auto split = splitCompressionSuffix(file);
        if (!split.stem.endsWith(QLatin1String(".tar")))
            continue;
        parts.append({o.key, file, split.compression, QString(), o.size});
    }
    return parts;
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
                                             const QString& socketDir)
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
        {QStringLiteral("port"), QString::number(o.port)},
        {QStringLiteral("listen_addresses"), QString()},
        {QStringLiteral("unix_socket_directories"), socketDir},
        {QStringLiteral("ssl"), QStringLiteral("off")},
        {QStringLiteral("shared_preload_libraries"), QString()},
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
        {QStringLiteral("recovery_target_timeline"), plan.target.timeline.toString()},
        {QStringLiteral("recovery_target_action"), targetActionName(o.action)},
    };
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

Result<void> writeFile(const QString& path, const QByteArray& content)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(content) != content.size()
        || !f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return refused(RestoreJobText::tr("cannot write %1: %2").arg(path, f.errorString()),
                       RestoreJobText::tr("Check free space and permissions of the destination."));
    return {};
}

// An `include` of a file that is not there (a pod path) stops PostgreSQL at start-up; the
// settings it would bring are overridden anyway, so the line is commented out and reported.
Result<void> disableMissingIncludes(const QString& dest, QStringList& notes)
{
    const QString path = dest + QStringLiteral("/postgresql.conf");
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
    f.close();
    static const QRegularExpression include(QStringLiteral("^\\s*include(_dir)?\\s*=?\\s*'([^']*)'"));
    bool changed = false;
    for (QString& line : lines) {
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
    const QList<std::pair<QString, QString>> settings = overrides(plan, o, socketDir);
    QStringList managed;
    for (const auto& [k, v] : settings)
        managed.append(k);

    // postgresql.auto.conf: keep what is not ours, drop what we set (and every recovery setting).
    QString kept;
    QFile autoConf(dest + QStringLiteral("/postgresql.auto.conf"));
    if (autoConf.open(QIODevice::ReadOnly)) {
        for (const QString& line : QString::fromUtf8(autoConf.readAll()).split(QLatin1Char('\n'))) {
            const QString key = line.section(QLatin1Char('='), 0, 0).trimmed();
            if (managed.contains(key) || key.startsWith(QLatin1String("recovery_target"))) {
                notes.append(RestoreJobText::tr("postgresql.auto.conf: replaced %1").arg(line.trimmed()));
                continue;
            }
            if (!line.isEmpty())
                kept += line + QLatin1Char('\n');
        }
        autoConf.close();
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

    if (QFileInfo::exists(dest + QStringLiteral("/pg_hba.conf")))
        QFile::rename(dest + QStringLiteral("/pg_hba.conf"), dest + QStringLiteral("/pg_hba.conf.from-backup"));
    // The socket lives in a directory only the owner (and root) can enter, so local trust is safe;
    // no TCP listener is opened.
    if (auto r = writeFile(dest + QStringLiteral("/pg_hba.conf"),
                           QByteArrayLiteral("# Tideline restore: unix socket only, in a private directory.\n"
                                             "local all all trust\n"));
        !r)
        return r;
    if (!QFileInfo::exists(dest + QStringLiteral("/pg_ident.conf")))
        if (auto r = writeFile(dest + QStringLiteral("/pg_ident.conf"), QByteArray()); !r)
            return r;
    if (auto r = disableMissingIncludes(dest, notes); !r)
        return r;

    // A backup taken from a standby carries standby.signal, which would win over recovery.signal.
    for (const char* stale : {"standby.signal", "postmaster.pid", "postmaster.opts"})
        if (QFile::remove(dest + QLatin1Char('/') + QLatin1String(stale)))
            notes.append(RestoreJobText::tr("removed %1 from the backup").arg(QLatin1String(stale)));
    QDir().mkpath(dest + QStringLiteral("/pg_wal/archive_status"));
    return writeFile(dest + QStringLiteral("/recovery.signal"), QByteArray());
}

} // namespace

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

    QList<Part> parts = partsOf(catalog, *backup);
    if (parts.isEmpty())
        return fail(ErrorCode::Corrupt, RestoreJobText::tr("backup %1 has no tar files in the bucket").arg(backup->id),
                    RestoreJobText::tr("Choose another backup; this one cannot be restored."));
    // Tablespaces: their tars go to their (relocated) locations, which must be free.
    QMap<quint32, QString> tablespaceRoot;
    for (const auto& ts : backup->info->tablespaces) {
        const QString where = QDir::cleanPath(o.tablespaces.value(ts.name, ts.location));
        if (!isEmptyOrAbsent(where))
            return refused(RestoreJobText::tr("tablespace %1's location %2 is not empty").arg(ts.name, where),
                           RestoreJobText::tr("Relocate it with --tablespace %1=/an/empty/dir.").arg(ts.name));
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
    qint64 needed = 0;
    for (Part& p : parts) {
        const QString stem = p.file.section(QLatin1Char('.'), 0, 0).section(QLatin1Char('_'), 0, 0);
        p.root = stem == QLatin1String("data") ? dest : tablespaceRoot.value(stem.toUInt());
        if (p.root.isEmpty())
            return fail(ErrorCode::Corrupt, RestoreJobText::tr("%1 belongs to no tablespace in backup.info").arg(p.file),
                        RestoreJobText::tr("The backup is inconsistent; choose another."));
        needed += p.size;
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
            compressed |= p.compression != Compression::None;
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
    if (auto r = writeFile(marker, QByteArrayLiteral("Tideline is restoring into this directory, or the restore "
                                                     "failed. Do not start PostgreSQL here.\n"));
        !r)
        return fail(r.error());

    QElapsedTimer timer;
    timer.start();
    std::atomic<qint64> downloaded{0};
    std::mutex mutex;
    QList<Result<void>> results(parts.size(), Result<void>());
    QList<qint64> written(parts.size(), 0);
    QList<qint64> files(parts.size(), 0);
    CancelToken stopOthers = context.cancelToken();
    parallelFor(parts.size(), std::max(1, o.jobs), [&](qsizetype i) {
        results[i] = extractPart(store, parts[i], context, downloaded, written[i], files[i], report.notes, mutex);
    }, stopOthers);
    if (context.isCancelled())
        return fail(ErrorCode::Cancelled, RestoreJobText::tr("restore cancelled; %1 is marked incomplete").arg(dest));
    for (qsizetype i = 0; i < parts.size(); ++i) {
        if (!results[i]) {
            Error e = results[i].error();
            e.message = RestoreJobText::tr("%1: %2 (%3 is marked incomplete)").arg(parts[i].file, e.message, dest);
            return fail(e);
        }
        report.writtenBytes += written[i];
        report.files += files[i];
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
    context.report({RestoreJobText::tr("restored", "progress"), report.downloadedBytes, report.downloadedBytes, report.downloadedBytes});
    return report;
}

} // namespace tideline::restore
