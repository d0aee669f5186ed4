// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/restore/TarExtractor.h"

#include <QCoreApplication>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace tideline::restore {

namespace {

struct TarExtractorText {
    Q_DECLARE_TR_FUNCTIONS(TarExtractor)
};

constexpr int kBlock = 512;

std::unexpected<Error> corrupt(const QString& what)
{
    return fail(ErrorCode::Corrupt, TarExtractorText::tr("unsafe or broken tar entry: %1").arg(what),
                TarExtractorText::tr("The backup archive is damaged or was not written by barman; nothing outside "
                                     "the destination was touched."));
}

// `what` is a whole clause ("cannot create /x"); err is the errno saved right after the call.
std::unexpected<Error> ioError(const QString& what, int err)
{
    return fail(ErrorCode::Refused, QStringLiteral("%1: %2").arg(what, QString::fromLocal8Bit(std::strerror(err))),
                TarExtractorText::tr("Check free space and permissions of the destination."));
}

class Fd {
public:
    explicit Fd(int fd = -1) : m_fd(fd) {}
    ~Fd()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Fd(Fd&& o) noexcept : m_fd(std::exchange(o.m_fd, -1)) {}
    Fd& operator=(Fd&& o) noexcept
    {
        std::swap(m_fd, o.m_fd);
        return *this;
    }
    int get() const { return m_fd; }
    int release() { return std::exchange(m_fd, -1); }

private:
    int m_fd;
};

// Octal, or GNU base-256 for values that do not fit (sizes over 8 GiB). Negative base-256
// values and values past 2^55 (no tar of a data directory holds one) are refused.
std::optional<qint64> number(const char* field, int length)
{
    const auto* u = reinterpret_cast<const unsigned char*>(field);
    if (u[0] & 0x80) {
        if (u[0] != 0x80)
            return std::nullopt;
        quint64 v = 0;
        for (int i = 1; i < length; ++i) {
            if (v >> 55)
                return std::nullopt;
            v = (v << 8) | u[i];
        }
        return static_cast<qint64>(v);
    }
    qint64 v = 0;
    int i = 0;
    while (i < length && (field[i] == ' ' || field[i] == '\0'))
        ++i;
    for (; i < length && field[i] >= '0' && field[i] <= '7'; ++i) {
        if (v >> 55)
            return std::nullopt;
        v = v * 8 + (field[i] - '0');
    }
    for (; i < length; ++i)
        if (field[i] != ' ' && field[i] != '\0')
            return std::nullopt;
    return v;
}

// A fixed header field: its bytes up to the first NUL.
QByteArray field(const char* f, int length)
{
    return QByteArray(f, static_cast<qsizetype>(strnlen(f, static_cast<size_t>(length))));
}

// The name as the system will get it, or nullopt: a NUL or other control character (a pax
// record or a GNU long name may carry one that a C string would cut, so "..\0x" would be
// checked as one name and used as another), or bytes that are not UTF-8 (they would not
// survive the round trip through QString).
std::optional<QString> checkedName(const QByteArray& raw)
{
    for (const char c : raw)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            return std::nullopt;
    QString name = QString::fromUtf8(raw);
    if (QFile::encodeName(name) != raw)
        return std::nullopt;
    return name;
}

// "a/./b/" -> ["a", "b"]; nullopt for absolute paths or any ".." component.
std::optional<QStringList> components(const QString& name)
{
    if (name.startsWith(QLatin1Char('/')))
        return std::nullopt;
    QStringList out;
    for (const QString& part : name.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        if (part == QLatin1String("."))
            continue;
        if (part == QLatin1String(".."))
            return std::nullopt;
        out.append(part);
    }
    return out;
}

// Printable form of a refused name for the message (control characters as \xNN).
QString printable(const QByteArray& raw)
{
    QString out;
    for (const char c : raw.left(200)) {
        const auto u = static_cast<unsigned char>(c);
        out += (u < 0x20 || u == 0x7f) ? QStringLiteral("\\x%1").arg(u, 2, 16, QLatin1Char('0')) : QString(QLatin1Char(c));
    }
    return out;
}

} // namespace

TarExtractor::TarExtractor(QString root, SkipCallback onSkip) : m_root(std::move(root)), m_onSkip(std::move(onSkip))
{
    m_block.reserve(kBlock);
}

TarExtractor::TarExtractor(CheckOnly, DataCallback onData, SkipCallback onSkip)
    : m_onSkip(std::move(onSkip)), m_checkOnly(true), m_onData(std::move(onData))
{
    m_block.reserve(kBlock);
}

TarExtractor::~TarExtractor()
{
    if (m_fd >= 0)
        ::close(m_fd);
    if (m_rootFd >= 0)
        ::close(m_rootFd);
}

Result<void> TarExtractor::feed(QByteArrayView data)
{
    const char* p = data.data();
    qsizetype left = data.size();
    while (left > 0) {
        switch (m_state) {
        case State::End: return {}; // anything after the end-of-archive blocks is ignored, as tar does
        case State::Header: {
            if (m_block.isEmpty() && left >= kBlock) {
                auto r = header(p);
                if (!r)
                    return r;
                p += kBlock;
                left -= kBlock;
                break;
            }
            const qsizetype take = std::min<qsizetype>(kBlock - m_block.size(), left);
            m_block.append(p, take);
            p += take;
            left -= take;
            if (m_block.size() == kBlock) {
                const QByteArray block = m_block;
                m_block.clear();
                auto r = header(block.constData());
                if (!r)
                    return r;
            }
            break;
        }
        case State::Meta:
        case State::Data: {
            const qsizetype take = static_cast<qsizetype>(std::min<qint64>(m_remaining, left));
            if (m_state == State::Meta) {
                m_meta.append(p, take);
            } else {
                auto r = writeData(p, take);
                if (!r)
                    return r;
            }
            p += take;
            left -= take;
            m_remaining -= take;
            if (m_remaining == 0) {
                auto r = endEntry();
                if (!r)
                    return r;
            }
            break;
        }
        case State::Padding: {
            const qsizetype take = static_cast<qsizetype>(std::min<qint64>(m_padding, left));
            p += take;
            left -= take;
            m_padding -= take;
            if (m_padding == 0)
                m_state = State::Header;
            break;
        }
        }
    }
    return {};
}

Result<void> TarExtractor::finish()
{
    if (m_state == State::Data || m_state == State::Meta || !m_block.isEmpty())
        return corrupt(m_path.isEmpty() ? TarExtractorText::tr("the archive ends in the middle of a header")
                                        : TarExtractorText::tr("the archive ends in the middle of %1").arg(m_path));
    // A stream cut exactly between two entries parses cleanly up to there: only the
    // end-of-archive marker tells a whole archive from a cut one.
    if (m_state != State::End)
        return corrupt(TarExtractorText::tr("the archive ends after %n file(s) without its end-of-archive marker: "
                                            "it was cut short",
                                            nullptr, static_cast<int>(m_files)));
    return {};
}

Result<void> TarExtractor::header(const char* block)
{
    bool allZero = true;
    for (int i = 0; i < kBlock && allZero; ++i)
        allZero = block[i] == 0;
    if (allZero) {
        if (++m_zeroBlocks == 2)
            m_state = State::End;
        return {};
    }
    if (m_zeroBlocks > 0)
        return corrupt(TarExtractorText::tr("a lone zero block in the middle of the archive"));

    // The checksum counts its own field as spaces; unsigned sum as POSIX says (some old tars use signed).
    qint64 sum = 0;
    qint64 signedSum = 0;
    for (int i = 0; i < kBlock; ++i) {
        const bool inChecksum = i >= 148 && i < 156;
        sum += inChecksum ? ' ' : static_cast<unsigned char>(block[i]);
        signedSum += inChecksum ? ' ' : static_cast<signed char>(block[i]);
    }
    const auto stored = number(block + 148, 8);
    if (!stored || (*stored != sum && *stored != signedSum))
        return corrupt(TarExtractorText::tr("bad header checksum after %n file(s)", nullptr, static_cast<int>(m_files)));

    const auto size = number(block + 124, 12);
    const auto mode = number(block + 100, 8);
    const auto mtime = number(block + 136, 12);
    if (!size || !mode || !mtime)
        return corrupt(TarExtractorText::tr("bad numeric field in a header"));
    m_type = block[156];
    m_size = m_paxSize >= 0 ? m_paxSize : *size;
    m_mode = static_cast<uint>(*mode);
    m_mtime = *mtime;

    QByteArray name = field(block, 100);
    if (std::memcmp(block + 257, "ustar", 5) == 0) {
        const QByteArray prefix = field(block + 345, 155);
        if (!prefix.isEmpty())
            name = prefix + '/' + name;
    }
    m_rawPath = m_paxPath ? *m_paxPath : m_gnuLongName ? *m_gnuLongName : name;
    m_rawLink = m_paxLink ? *m_paxLink : m_gnuLongLink ? *m_gnuLongLink : field(block + 157, 100);

    if (m_type == 'x' || m_type == 'g' || m_type == 'L' || m_type == 'K') {
        // Metadata for the next entry (x, L, K) or all entries (g: nothing barman needs).
        m_metaType = m_type;
        m_meta.clear();
        if (*size > 1024 * 1024)
            return corrupt(TarExtractorText::tr("an oversized extended header"));
        m_remaining = *size;
        m_padding = (kBlock - *size % kBlock) % kBlock;
        m_state = m_remaining > 0 ? State::Meta : State::Header;
        return {};
    }
    return beginEntry();
}

Result<int> TarExtractor::openRoot()
{
    if (m_rootFd < 0) {
        m_rootFd = ::open(QFile::encodeName(m_root).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (m_rootFd < 0) {
            const int err = errno;
            return ioError(TarExtractorText::tr("cannot open %1").arg(m_root), err);
        }
    }
    return m_rootFd;
}

// The directory holding parts.last(), reached from the root one component at a time without
// following a symbolic link; missing directories are created (0700) when `create`. The caller
// owns the descriptor.
Result<int> TarExtractor::openParent(const QStringList& parts, bool create)
{
    auto root = openRoot();
    if (!root)
        return root;
    Fd dir(::dup(*root));
    if (dir.get() < 0) {
        const int err = errno;
        return ioError(TarExtractorText::tr("cannot open %1").arg(m_root), err);
    }
    for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
        const QByteArray part = QFile::encodeName(parts[i]);
        int next = ::openat(dir.get(), part.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (next < 0 && errno == ENOENT && create) {
            if (::mkdirat(dir.get(), part.constData(), 0700) != 0 && errno != EEXIST) {
                const int err = errno;
                return ioError(TarExtractorText::tr("cannot create %1").arg(parts.mid(0, i + 1).join(QLatin1Char('/'))), err);
            }
            next = ::openat(dir.get(), part.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        }
        if (next < 0) {
            const int err = errno;
            struct stat st {};
            const QString relative = parts.join(QLatin1Char('/'));
            if (::fstatat(dir.get(), part.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
                if (S_ISLNK(st.st_mode))
                    return corrupt(
                        TarExtractorText::tr("'%1' would be written through the symbolic link %2").arg(relative, parts[i]));
                if (!S_ISDIR(st.st_mode))
                    return corrupt(TarExtractorText::tr("'%1' needs %2 to be a directory").arg(relative, parts[i]));
            }
            if (err == ENOENT)
                return corrupt(TarExtractorText::tr("'%1' needs %2, which is not in the archive").arg(relative, parts[i]));
            return ioError(TarExtractorText::tr("cannot open %1").arg(parts.mid(0, i + 1).join(QLatin1Char('/'))), err);
        }
        dir = Fd(next);
    }
    return dir.release();
}

// Check-only: what openParent would refuse, from what the archive has made so far. A missing
// parent is made, as extraction makes it (so a later file of that name is refused there too);
// a file or a symbolic link on the way is refused.
Result<void> TarExtractor::checkParents(const QStringList& parts)
{
    QString path;
    for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
        path += (i ? QStringLiteral("/") : QString()) + parts[i];
        const QString relative = parts.join(QLatin1Char('/'));
        if (m_madeLinks.contains(path))
            return corrupt(TarExtractorText::tr("'%1' would be written through the symbolic link %2").arg(relative, parts[i]));
        if (m_madeFiles.contains(path))
            return corrupt(TarExtractorText::tr("'%1' needs %2 to be a directory").arg(relative, parts[i]));
        m_madeDirs.insert(path);
    }
    return {};
}

// Check-only: a regular file or hard link at parts, as extraction would make it (replacing a
// link or file of that name, never a directory).
Result<void> TarExtractor::checkNewFile(const QStringList& parts)
{
    if (auto r = checkParents(parts); !r)
        return r;
    const QString path = parts.join(QLatin1Char('/'));
    if (m_madeDirs.contains(path))
        return corrupt(TarExtractorText::tr("'%1' is a directory in the archive and a file too").arg(path));
    m_madeLinks.remove(path);
    m_madeFiles.insert(path);
    return {};
}

Result<void> TarExtractor::beginEntry()
{
    const qint64 dataSize = (m_type == '0' || m_type == '\0' || m_type == '7') ? m_size : 0;
    const QByteArray rawPath = m_rawPath;
    const QByteArray rawLink = m_rawLink;
    m_paxPath.reset();
    m_paxLink.reset();
    m_paxSize = -1;
    m_gnuLongName.reset();
    m_gnuLongLink.reset();

    const auto name = checkedName(rawPath);
    if (!name)
        return corrupt(TarExtractorText::tr("the name '%1' holds a control character or is not UTF-8").arg(printable(rawPath)));
    const auto parts = components(*name);
    if (!parts)
        return corrupt(TarExtractorText::tr("'%1' points outside the destination").arg(*name));
    m_path = parts->join(QLatin1Char('/'));
    const QString& relative = m_path;
    const bool isLink = m_type == '1' || m_type == '2';
    m_linkTarget.clear();
    if (isLink) {
        const auto link = checkedName(rawLink);
        if (!link)
            return corrupt(TarExtractorText::tr("the link target of '%1' holds a control character or is not UTF-8 ('%2')")
                               .arg(relative, printable(rawLink)));
        m_linkTarget = *link;
    }

    m_remaining = dataSize;
    m_padding = (kBlock - dataSize % kBlock) % kBlock;
    m_state = State::Data;

    const QByteArray base = parts->isEmpty() ? QByteArray() : QFile::encodeName(parts->last());
    switch (m_type) {
    case '0':
    case '\0':
    case '7': {
        if (parts->isEmpty())
            return corrupt(TarExtractorText::tr("a file without a name"));
        if (m_checkOnly) {
            if (auto r = checkNewFile(*parts); !r)
                return r;
            ++m_files;
            break;
        }
        auto parent = openParent(*parts, true);
        if (!parent)
            return fail(parent.error());
        const Fd dir(*parent);
        // Whatever is there goes first (a hard link made earlier in the stream must not carry
        // these bytes to its other names); a directory stays and makes this fail.
        if (::unlinkat(dir.get(), base.constData(), 0) != 0 && errno != ENOENT && errno != EISDIR) {
            const int err = errno;
            return ioError(TarExtractorText::tr("cannot replace %1").arg(relative), err);
        }
        m_fd = ::openat(dir.get(), base.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (m_fd < 0) {
            const int err = errno;
            return err == EEXIST
                ? corrupt(TarExtractorText::tr("'%1' is a directory in the archive and a file too").arg(relative))
                : ioError(TarExtractorText::tr("cannot create %1").arg(m_root + QLatin1Char('/') + relative), err);
        }
        ++m_files;
        break;
    }
    case '5': {
        if (parts->isEmpty())
            break; // the root itself: the restore set its mode
        if (m_checkOnly) {
            if (auto r = checkParents(*parts); !r)
                return r;
            if (m_madeFiles.contains(relative) || m_madeLinks.contains(relative))
                return corrupt(TarExtractorText::tr("'%1' is a directory in the archive and a file or link too").arg(relative));
            m_madeDirs.insert(relative);
            break;
        }
        auto parent = openParent(*parts, true);
        if (!parent)
            return fail(parent.error());
        const Fd dir(*parent);
        if (::mkdirat(dir.get(), base.constData(), 0700) != 0 && errno != EEXIST) {
            const int err = errno;
            return ioError(TarExtractorText::tr("cannot create %1").arg(relative), err);
        }
        const Fd made(::openat(dir.get(), base.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (made.get() < 0)
            return corrupt(TarExtractorText::tr("'%1' is a directory in the archive and a file or link too").arg(relative));
        ::fchmod(made.get(), 0700);
        break;
    }
    case '2': {
        if (parts->isEmpty())
            return corrupt(TarExtractorText::tr("a link without a name"));
        // Tablespace links point outside PGDATA by design; the restore makes them, relocated.
        if (parts->size() == 2 && parts->first() == QLatin1String("pg_tblspc")) {
            if (m_onSkip)
                m_onSkip(relative, TarExtractorText::tr("tablespace link to %1 (recreated by the restore)").arg(m_linkTarget));
            break;
        }
        // A separate WAL volume (initdb -X, CNPG walStorage) becomes a plain directory here.
        const bool walVolume = relative == QLatin1String("pg_wal");
        // Only links that point down from their own directory: with no ".." they cannot climb,
        // however they chain.
        if (!walVolume && (m_linkTarget.isEmpty() || !components(m_linkTarget) || components(m_linkTarget)->isEmpty()))
            return corrupt(TarExtractorText::tr("the link '%1' -> '%2' leaves the destination").arg(relative, m_linkTarget));
        if (m_checkOnly) {
            if (auto r = checkParents(*parts); !r)
                return r;
            if (walVolume) {
                // Extraction's mkdirat leaves a file of that name in place (and fails quietly).
                if (!m_madeFiles.contains(relative) && !m_madeLinks.contains(relative))
                    m_madeDirs.insert(relative);
            } else if (m_madeDirs.contains(relative)) {
                return corrupt(TarExtractorText::tr("'%1' is a directory in the archive and a file or link too").arg(relative));
            } else {
                m_madeFiles.remove(relative);
                m_madeLinks.insert(relative);
            }
        }
        if (walVolume && m_onSkip)
            m_onSkip(relative, TarExtractorText::tr("link to %1 made a directory").arg(m_linkTarget));
        if (m_checkOnly)
            break;
        auto parent = openParent(*parts, true);
        if (!parent)
            return fail(parent.error());
        const Fd dir(*parent);
        if (walVolume) {
            ::mkdirat(dir.get(), base.constData(), 0700);
            break;
        }
        if (::unlinkat(dir.get(), base.constData(), 0) != 0 && errno != ENOENT) {
            const int err = errno;
            return ioError(TarExtractorText::tr("cannot replace %1").arg(relative), err);
        }
        if (::symlinkat(QFile::encodeName(m_linkTarget).constData(), dir.get(), base.constData()) != 0) {
            const int err = errno;
            return ioError(TarExtractorText::tr("cannot create link %1").arg(relative), err);
        }
        break;
    }
    case '1': {
        const auto target = components(m_linkTarget);
        if (!target || target->isEmpty())
            return corrupt(TarExtractorText::tr("'%1' points outside the destination").arg(m_linkTarget));
        if (parts->isEmpty())
            return corrupt(TarExtractorText::tr("a link without a name"));
        // The name is unlinked before the link is made: a link to itself points at nothing.
        if (target->join(QLatin1Char('/')) == relative)
            return corrupt(TarExtractorText::tr("the hard link '%1' points at '%2', which is not an extracted file")
                               .arg(relative, m_linkTarget));
        if (m_checkOnly) {
            if (auto r = checkParents(*target); !r)
                return r;
            if (!m_madeFiles.contains(target->join(QLatin1Char('/'))))
                return corrupt(TarExtractorText::tr("the hard link '%1' points at '%2', which is not an extracted file")
                                   .arg(relative, m_linkTarget));
            if (auto r = checkNewFile(*parts); !r)
                return r;
            break;
        }
        auto from = openParent(*target, false);
        if (!from)
            return fail(from.error());
        const Fd fromDir(*from);
        const QByteArray fromBase = QFile::encodeName(target->last());
        struct stat st {};
        if (::fstatat(fromDir.get(), fromBase.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
            return corrupt(TarExtractorText::tr("the hard link '%1' points at '%2', which is not an extracted file")
                               .arg(relative, m_linkTarget));
        auto parent = openParent(*parts, true);
        if (!parent)
            return fail(parent.error());
        const Fd dir(*parent);
        if (::unlinkat(dir.get(), base.constData(), 0) != 0 && errno != ENOENT) {
            const int err = errno;
            return ioError(TarExtractorText::tr("cannot replace %1").arg(relative), err);
        }
        // No AT_SYMLINK_FOLLOW: the link is to the file itself, never through a link.
        if (::linkat(fromDir.get(), fromBase.constData(), dir.get(), base.constData(), 0) != 0) {
            const int err = errno;
            return ioError(TarExtractorText::tr("cannot create link %1").arg(relative), err);
        }
        break;
    }
    default:
        return corrupt(TarExtractorText::tr("'%1' is a device, FIFO or unknown entry type '%2'")
                           .arg(relative, printable(QByteArray(1, m_type))));
    }
    if (m_checkOnly && m_onData)
        m_onData(m_path, m_type == '\0' || m_type == '7' ? '0' : m_type, {});
    if (m_remaining == 0)
        return endEntry();
    return {};
}

Result<void> TarExtractor::writeData(const char* data, qsizetype size)
{
    if (m_checkOnly) {
        m_bytes += size;
        if (m_onData)
            m_onData(m_path, '0', QByteArrayView(data, size));
        return {};
    }
    while (size > 0) {
        const ssize_t n = ::write(m_fd, data, static_cast<size_t>(size));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            const int err = errno;
            return ioError(TarExtractorText::tr("cannot write %1").arg(m_path), err);
        }
        data += n;
        size -= n;
        m_bytes += n;
        // A small archive can inflate to terabytes of zeros: look at the free space as it goes
        // and stop with room to spare, before the disk (or a tmpfs, RAM) is full.
        if (m_bytes - m_spaceCheckedAt >= kSpaceCheckEvery) {
            m_spaceCheckedAt = m_bytes;
            struct statvfs fs {};
            if (::fstatvfs(m_fd, &fs) == 0
                && static_cast<qint64>(fs.f_bavail) * static_cast<qint64>(fs.f_frsize) < kSpaceReserve)
                return fail(ErrorCode::Refused,
                            TarExtractorText::tr("the disk holding %1 is nearly full after %2 bytes were written")
                                .arg(m_root, QString::number(m_bytes)),
                            TarExtractorText::tr("Free space (the backup may be much larger than its compressed size), or "
                                                 "restore elsewhere."));
        }
    }
    return {};
}

Result<void> TarExtractor::parsePax(const QByteArray& meta)
{
    // Records: "<length> <key>=<value>\n", length counting the whole record. Values are kept as
    // bytes, NULs included: names are checked where they are used.
    qsizetype pos = 0;
    while (pos < meta.size()) {
        const qsizetype space = meta.indexOf(' ', pos);
        if (space < 0)
            return corrupt(TarExtractorText::tr("a broken pax header"));
        bool ok = false;
        const qsizetype length = meta.mid(pos, space - pos).toLongLong(&ok);
        if (!ok || length <= space - pos + 1 || length > meta.size() - pos || meta.at(pos + length - 1) != '\n')
            return corrupt(TarExtractorText::tr("a broken pax record"));
        const QByteArray record = meta.mid(space + 1, length - (space - pos) - 2);
        const qsizetype eq = record.indexOf('=');
        if (eq > 0) {
            const QByteArray key = record.left(eq);
            const QByteArray value = record.mid(eq + 1);
            if (key == "path") {
                m_paxPath = value;
            } else if (key == "linkpath") {
                m_paxLink = value;
            } else if (key == "size") {
                const qint64 size = value.toLongLong(&ok);
                if (!ok || size < 0)
                    return corrupt(TarExtractorText::tr("a broken pax record"));
                m_paxSize = size;
            } else if (key.startsWith("GNU.sparse.")) {
                return corrupt(TarExtractorText::tr("a sparse file, which no PostgreSQL backup holds"));
            }
        }
        pos += length;
    }
    return {};
}

Result<void> TarExtractor::endEntry()
{
    if (m_state == State::Meta) {
        const QByteArray meta = m_meta;
        m_meta.clear();
        if (m_metaType == 'L' || m_metaType == 'K') {
            // GNU writes the name and a NUL; anything after the first NUL would be a second name.
            QByteArray value = meta;
            while (value.endsWith('\0'))
                value.chop(1);
            (m_metaType == 'L' ? m_gnuLongName : m_gnuLongLink) = value;
        } else if (m_metaType == 'x') {
            if (auto r = parsePax(meta); !r)
                return r;
        }
        m_state = m_padding > 0 ? State::Padding : State::Header;
        return {};
    }
    if (m_fd >= 0) {
        ::fchmod(m_fd, static_cast<mode_t>(m_mode & 0700) | S_IRUSR | S_IWUSR);
        const struct timespec times[2] = {{m_mtime, 0}, {m_mtime, 0}};
        ::futimens(m_fd, times);
        if (::close(m_fd) != 0) {
            const int err = errno;
            m_fd = -1;
            return ioError(TarExtractorText::tr("cannot write %1").arg(m_path), err);
        }
        m_fd = -1;
    }
    m_state = m_padding > 0 ? State::Padding : State::Header;
    return {};
}

} // namespace tideline::restore
