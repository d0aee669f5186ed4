// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/restore/WalFetcher.h"

#include "engine/core/Decompressor.h"
#include "engine/core/Parallel.h"
#include "engine/wal/TimelineHistory.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSet>
#include <QThread>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tideline::restore {

namespace {

struct WalFetcherText {
    Q_DECLARE_TR_FUNCTIONS(WalFetcher)
};

constexpr qint64 kMaxSegmentBytes = qint64(1) << 30; // the largest wal_segment_size
constexpr qint64 kMaxSmallFileBytes = 16 << 20;      // history and backup history files are a few KiB
constexpr qint64 kWritebackStep = 4 << 20;           // start writeback while downloading: a short fsync

QString text(const std::string& s)
{
    return QString::fromStdString(s);
}

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

// `pattern` is marked with QT_TRANSLATE_NOOP("WalFetcher", ...): %1 the path, %2 errno's text.
Error localIoError(const char* pattern, const QString& path)
{
    const QString why = errnoText(); // first, before anything else can change errno
    return {ErrorCode::Refused,
            QCoreApplication::translate("WalFetcher", pattern).arg(path, why),
            WalFetcherText::tr("Check free space and permissions where the WAL file goes."),
            {}};
}

bool isSegmentLike(const WalName& name)
{
    return name.kind == WalName::Kind::Segment || name.kind == WalName::Kind::Partial;
}

// The temporary file for destPath: hidden, in destPath's own directory (so the rename is atomic),
// carrying the pid so that concurrent calls never share one and a stale one can be traced.
QString tempPathFor(const QString& destPath)
{
    const qsizetype slash = destPath.lastIndexOf(QLatin1Char('/'));
    const QString dir = slash < 0 ? QString() : destPath.left(slash + 1);
    const QString file = destPath.mid(slash + 1);
    return QStringLiteral("%1.%2.tideline-%3.tmp").arg(dir, file).arg(::getpid());
}

// Only fetchOnce's own "no candidate in a listing that answered" may say NotFound: PostgreSQL
// ends recovery on it. A 404 anywhere else (a listing some S3-compatible store or proxy answers
// with 404, an object gone between list and read) is a failure to look, retried then 255.
Error notAuthoritative(Error e)
{
    if (e.code == ErrorCode::NotFound)
        e.code = ErrorCode::Network;
    return e;
}

} // namespace

WalFetcher::WalFetcher(storage::ObjectStore& store, storage::SourceUrl url, QString server)
    : m_store(store), m_url(std::move(url)), m_server(std::move(server))
{}

std::optional<QString> WalFetcher::chooseObject(const WalName& name, const QStringList& fileNames)
{
    const QString wanted = text(name.text);
    const QString partial = wanted + QStringLiteral(".partial");
    std::optional<QString> partialHit;
    for (const QString& fileName : fileNames) {
        const SplitName split = splitCompressionSuffix(fileName);
        if (split.stem == wanted)
            return fileName;
        if (name.kind == WalName::Kind::Segment && split.stem == partial && !partialHit)
            partialHit = fileName;
    }
    return partialHit;
}

QString WalFetcher::directoryKey(const WalName& name) const
{
    const std::string dir = name.hashDir();
    return m_url.key(m_server + QStringLiteral("/wals/") + (dir.empty() ? QString() : text(dir) + QLatin1Char('/')));
}

Result<WalFetcher::Fetched> WalFetcher::fetchOnce(const WalName& name, const QString& destPath, const CancelToken& cancel)
{
    const QString dirKey = directoryKey(name);
    auto listing = m_store.list(dirKey + text(name.text), QString(), cancel);
    if (!listing)
        return fail(notAuthoritative(listing.error()));
    QStringList fileNames;
    for (const storage::ObjectInfo& object : listing->objects) {
        const QString rest = object.key.mid(dirKey.size());
        if (object.key.startsWith(dirKey) && !rest.contains(QLatin1Char('/')))
            fileNames.append(rest);
    }
    const auto chosen = chooseObject(name, fileNames);
    if (!chosen) {
        // "Not archived" ends recovery, so it must come from an archive that is there: an empty
        // mount point, a wrong path or a server prefix with no WAL at all is a failure to look.
        const QString walsKey = m_url.key(m_server + QStringLiteral("/wals/"));
        auto any = m_store.list(walsKey, QStringLiteral("/"), cancel);
        if (!any)
            return fail(notAuthoritative(any.error()));
        if (any->objects.isEmpty() && any->prefixes.isEmpty())
            return fail(ErrorCode::MissingSource,
                        WalFetcherText::tr("%1 holds no WAL at all for server %2").arg(m_store.describe(), m_server),
                        WalFetcherText::tr("Check that the source is mounted and that the URL and server name are "
                                           "right; PostgreSQL is stopped rather than told the file was never archived."),
                        WalFetcherText::tr("nothing under %1").arg(walsKey));
        return fail(ErrorCode::NotFound,
                    WalFetcherText::tr("%1 is not in the archive at %2").arg(text(name.text), m_store.describe()),
                    WalFetcherText::tr("Normal when PostgreSQL probes for a file that was never archived; otherwise "
                                       "check the source URL and the server name."),
                    WalFetcherText::tr("no object %1%2[.gz|.bz2|.xz|.zst|.lz4|.snappy]").arg(dirKey, text(name.text)));
    }
    return download(name, dirKey + *chosen, tempPathFor(destPath), destPath, Durability::HandOver, cancel);
}

Result<WalFetcher::Fetched> WalFetcher::download(const WalName& name, const QString& key, const QString& tempPath,
                                                 const QString& destPath, Durability durability, const CancelToken& cancel)
{
    const QByteArray temp = QFile::encodeName(tempPath);
    int fd = ::open(temp.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return fail(localIoError(QT_TRANSLATE_NOOP("WalFetcher", "cannot create %1: %2"), tempPath));
    auto cleanup = qScopeGuard([&] {
        if (fd >= 0)
            ::close(fd);
        ::unlink(temp.constData());
    });

    const bool segment = isSegmentLike(name);
    const qint64 limit = segment ? kMaxSegmentBytes : kMaxSmallFileBytes;
    QByteArray head;
    QByteArray small; // history and backup history files are checked whole
    qint64 total = 0;
    qint64 flushed = 0;
    const Decompressor::Sink out = [&](QByteArrayView chunk) -> Result<void> {
        if (total + chunk.size() > limit)
            return fail(ErrorCode::Corrupt,
                        (segment ? WalFetcherText::tr("%1 decompresses to more than %2 bytes, larger than any WAL "
                                                      "segment")
                                 : WalFetcherText::tr("%1 decompresses to more than %2 bytes, larger than any history "
                                                      "file"))
                            .arg(key, QString::number(limit)),
                        WalFetcherText::tr("The object is not a WAL file; check what wrote it."));
        if (head.size() < qsizetype(WalPageHeader::kSize))
            head.append(chunk.first(std::min<qsizetype>(qsizetype(WalPageHeader::kSize) - head.size(), chunk.size())));
        if (!segment)
            small.append(chunk);
        for (qsizetype done = 0; done < chunk.size();) {
            const ssize_t n = ::write(fd, chunk.data() + done, std::size_t(chunk.size() - done));
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                return fail(localIoError(QT_TRANSLATE_NOOP("WalFetcher", "cannot write %1: %2"), tempPath));
            }
            done += n;
        }
        total += chunk.size();
        if (durability == Durability::Keep && total - flushed >= kWritebackStep) {
            ::sync_file_range(fd, flushed, total - flushed, SYNC_FILE_RANGE_WRITE);
            flushed = total;
        }
        return {};
    };

    const QString fileName = key.mid(key.lastIndexOf(QLatin1Char('/')) + 1);
    const Compression compression = splitCompressionSuffix(fileName).compression;
    auto decompressor = Decompressor::create(compression);
    auto info = m_store.read(
        key, [&](QByteArrayView chunk) { return decompressor->feed(chunk, out); }, cancel);
    if (!info && info.error().code == ErrorCode::NotFound) {
        // The listing just named it: a 404 now is an eventually consistent store or a delete
        // racing us, not "never archived", which would end recovery early. Retried, then 255.
        Error e = notAuthoritative(info.error());
        e.message = WalFetcherText::tr("%1 was listed but could not be read: %2").arg(key, e.message);
        return fail(e);
    }
    if (!info)
        return fail(info.error());
    if (auto finished = decompressor->finish(out); !finished)
        return fail(finished.error());

    Fetched fetched{key, compression, total, 0};
    const QString source = WalFetcherText::tr("s3 object %1").arg(key);
    const QString hint = WalFetcherText::tr("The archive holds a damaged or wrong file under this name; find out "
                                            "what wrote it before letting PostgreSQL replay further.");
    if (segment) {
        const auto header = WalPageHeader::read(head.constData(), std::size_t(head.size()));
        QString problem = header ? text(checkSegment(name, *header, quint64(total)))
                                 : WalFetcherText::tr("it is shorter than a page header");
        if (problem.isEmpty() && name.kind == WalName::Kind::Segment) {
            const int reader = ::open(temp.constData(), O_RDONLY | O_CLOEXEC);
            problem = reader < 0 ? WalFetcherText::tr("it cannot be read back") : text(checkPages(reader, name, *header));
            if (reader >= 0)
                ::close(reader);
        }
        if (!problem.isEmpty())
            return fail(ErrorCode::Corrupt,
                        WalFetcherText::tr("%1 is not WAL segment %2: %3").arg(source, text(name.text), problem), hint);
        fetched.segmentSize = header->segmentSize;
    } else if (name.kind == WalName::Kind::History) {
        if (small.trimmed().isEmpty())
            return fail(ErrorCode::Corrupt, WalFetcherText::tr("%1 is an empty history file").arg(source), hint);
        if (auto parsed = wal::parseHistoryFile(name.timeline, small); !parsed)
            return fail(ErrorCode::Corrupt,
                        WalFetcherText::tr("%1 is not a history file: %2").arg(source, parsed.error().message), hint);
    } else if (name.kind == WalName::Kind::BackupHistory) {
        if (!small.startsWith("START WAL LOCATION:"))
            return fail(ErrorCode::Corrupt, WalFetcherText::tr("%1 is not a backup history file").arg(source), hint);
    }

    // PostgreSQL's own restore of %p is not durable either: after a crash it requests the file
    // again. Only a spooled file, which a later call serves as it is, must survive one.
    if (durability == Durability::Keep && ::fsync(fd) != 0)
        return fail(localIoError(QT_TRANSLATE_NOOP("WalFetcher", "cannot fsync %1: %2"), tempPath));
    ::close(fd);
    fd = -1;
    if (::rename(temp.constData(), QFile::encodeName(destPath).constData()) != 0)
        return fail(localIoError(QT_TRANSLATE_NOOP("WalFetcher", "cannot rename to %1: %2"), destPath));
    cleanup.dismiss();
    return fetched;
}

Result<WalFetcher::Fetched> WalFetcher::fetch(const WalName& name, const QString& destPath,
                                              std::chrono::milliseconds retryFor, int* attempts)
{
    QElapsedTimer clock;
    clock.start();
    qint64 backoffMs = 250;
    int count = 0;
    for (;;) {
        ++count;
        if (attempts)
            *attempts = count;
        auto result = fetchOnce(name, destPath);
        if (result || result.error().code == ErrorCode::NotFound || result.error().code == ErrorCode::Usage)
            return result;
        const qint64 remaining = retryFor.count() - clock.elapsed();
        if (remaining <= 0)
            return result;
        // Full jitter: many standbys restarting after one outage do not retry in step.
        const qint64 sleepMs = std::min<qint64>(remaining, 50 + QRandomGenerator::global()->bounded(backoffMs));
        QThread::msleep(quint64(sleepMs));
        backoffMs = std::min<qint64>(backoffMs * 2, 5000);
    }
}

void WalFetcher::runPrefetcher(WalSpool& spool, int prefetch, std::chrono::milliseconds idleExit,
                               const std::function<bool()>& recoveryOver)
{
    // A prefetcher that is about to exit may still hold the lock for a moment: wait briefly
    // rather than leave replay without one.
    int lockFd = -1;
    for (int i = 0; i < 50 && lockFd < 0; ++i) {
        lockFd = spool.tryLock();
        if (lockFd < 0)
            QThread::msleep(20);
    }
    if (lockFd < 0)
        return;
    auto unlock = qScopeGuard([&] { ::close(lockFd); });
    // Holding the lock makes every part file ours: any left is from a prefetcher that died.
    spool.removeParts();

    struct Listing {
        qint64 listedAtMs = -1;
        QStringList fileNames;
    };
    QMutex mutex;        // guards everything below
    QMutex listingMutex; // one listing request at a time
    QSet<QString> inFlight;
    QHash<QString, qint64> notBefore; // absent or failed names: when to try again
    QHash<QString, Listing> listings; // by directory key
    QElapsedTimer clock;
    clock.start();
    // Activity is replay moving (a new request) or a segment landing in the spool; re-checking
    // names that are not archived yet is not, or a prefetcher at the end of the archive would
    // poll it forever.
    qint64 lastActivityMs = 0;
    std::string lastRequest;

    auto pick = [&]() -> std::optional<WalName> {
        const auto request = spool.readRequest();
        if (!request)
            return std::nullopt;
        QMutexLocker locker(&mutex);
        const qint64 now = clock.elapsed();
        if (request->name.text != lastRequest) {
            lastRequest = request->name.text;
            lastActivityMs = now;
        }
        for (int i = 1; i <= prefetch; ++i) {
            const auto next = request->name.advanced(request->segmentSize, quint64(i));
            if (!next)
                break;
            const QString key = text(next->text);
            if (inFlight.contains(key) || notBefore.value(key, -1) > now)
                continue;
            struct stat st;
            if (::stat(spool.pathOf(next->text).c_str(), &st) == 0)
                continue;
            inFlight.insert(key);
            return next;
        }
        return std::nullopt;
    };

    // The hash directory's listing serves every name in the window: one request, not one per
    // segment. It is listed again when a wanted name is missing from a listing older than 500 ms
    // (replay may be catching up with a primary still archiving).
    auto resolve = [&](const WalName& name) -> Result<std::optional<QString>> {
        const QString dirKey = directoryKey(name);
        QMutexLocker listLocker(&listingMutex);
        Listing cached;
        {
            QMutexLocker locker(&mutex);
            cached = listings.value(dirKey);
        }
        auto chosen = chooseObject(name, cached.fileNames);
        if (chosen || (cached.listedAtMs >= 0 && clock.elapsed() - cached.listedAtMs < 500))
            return chosen.transform([&](const QString& f) { return dirKey + f; });
        auto listing = m_store.list(dirKey, QStringLiteral("/"), {});
        if (!listing)
            return fail(listing.error());
        Listing fresh{clock.elapsed(), {}};
        for (const storage::ObjectInfo& object : listing->objects)
            fresh.fileNames.append(object.key.mid(dirKey.size()));
        {
            QMutexLocker locker(&mutex);
            listings.insert(dirKey, fresh);
        }
        return chooseObject(name, fresh.fileNames).transform([&](const QString& f) { return dirKey + f; });
    };

    auto work = [&](qsizetype) {
        for (;;) {
            if (recoveryOver && recoveryOver())
                return;
            const auto name = pick();
            if (!name) {
                {
                    QMutexLocker locker(&mutex);
                    if (inFlight.isEmpty() && clock.elapsed() - lastActivityMs > idleExit.count())
                        return;
                }
                QThread::msleep(15);
                continue;
            }
            const QString nameText = text(name->text);
            qint64 retryAfterMs = 0;
            bool landed = false;
            auto key = resolve(*name);
            if (!key) {
                spool.log(QStringLiteral("%1: %2").arg(nameText, key.error().oneLine()).toStdString());
                retryAfterMs = 2000;
            } else if (!*key) {
                retryAfterMs = 1000; // not archived (yet): the end of the archive or a timeline switch
            } else {
                auto fetched = download(*name, **key, text(spool.partPathOf(name->text)), text(spool.pathOf(name->text)),
                                        Durability::Keep);
                if (!fetched) {
                    spool.log(QStringLiteral("%1: %2").arg(nameText, fetched.error().oneLine()).toStdString());
                    retryAfterMs = 2000;
                }
                landed = bool(fetched);
                // Replay may have asked for it while it downloaded, and been served elsewhere:
                // a copy it has passed would sit in the spool until the next request.
                if (landed && spool.passed(*name))
                    ::unlink(spool.pathOf(name->text).c_str());
            }
            QMutexLocker locker(&mutex);
            inFlight.remove(nameText);
            if (retryAfterMs > 0)
                notBefore.insert(nameText, clock.elapsed() + retryAfterMs);
            if (landed)
                lastActivityMs = clock.elapsed();
        }
    };
    parallelFor(prefetch, prefetch, work);
    // Recovery is over: what is here will never be asked for. The lock is ours, so nobody else
    // writes in this directory; the base goes too once no other archive's spool is in it.
    if (recoveryOver && recoveryOver()) {
        QDir dir(text(spool.dir()));
        dir.removeRecursively();
        QDir().rmdir(QFileInfo(dir.path()).path());
    }
}

} // namespace tideline::restore
