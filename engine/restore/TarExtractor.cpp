// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/restore/TarExtractor.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QStringList>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
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

// Octal, or GNU base-256 for values that do not fit (sizes over 8 GiB).
std::optional<qint64> number(const char* field, int length)
{
    const auto* u = reinterpret_cast<const unsigned char*>(field);
    if (u[0] & 0x80) {
        qint64 v = u[0] & 0x7f;
        for (int i = 1; i < length; ++i)
            v = (v << 8) | u[i];
        return v;
    }
    qint64 v = 0;
    int i = 0;
    while (i < length && (field[i] == ' ' || field[i] == '\0'))
        ++i;
    bool any = false;
    for (; i < length && field[i] >= '0' && field[i] <= '7'; ++i) {
        v = v * 8 + (field[i] - '0');
        any = true;
    }
    for (; i < length; ++i)
        if (field[i] != ' ' && field[i] != '\0')
            return std::nullopt;
    return any ? std::optional<qint64>(v) : std::optional<qint64>(0);
}

QString text(const char* field, int length)
{
    return QString::fromUtf8(field, static_cast<qsizetype>(strnlen(field, static_cast<size_t>(length))));
}

// "a/./b/" -> "a/b"; nullopt for absolute paths or any ".." component.
std::optional<QString> normalise(const QString& name)
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
    return out.join(QLatin1Char('/'));
}

} // namespace

TarExtractor::TarExtractor(QString root, SkipCallback onSkip) : m_root(std::move(root)), m_onSkip(std::move(onSkip))
{
    m_block.reserve(kBlock);
}

TarExtractor::~TarExtractor()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

Result<void> TarExtractor::feed(QByteArrayView data)
{
    const char* p = data.data();
    qsizetype left = data.size();
    while (left > 0) {
        switch (m_state) {
        case State::End:
            return {}; // anything after the end-of-archive blocks is ignored, as tar does
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
    if (m_state != State::End && m_zeroBlocks == 0 && m_files == 0)
        return corrupt(TarExtractorText::tr("the archive is empty"));
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
    m_zeroBlocks = 0;

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
    if (!size || !mode || !mtime || *size < 0)
        return corrupt(TarExtractorText::tr("bad numeric field in a header"));
    m_type = block[156];
    m_size = m_paxSize >= 0 ? m_paxSize : *size;
    m_mode = static_cast<uint>(*mode);
    m_mtime = *mtime;

    QString name = text(block, 100);
    if (std::memcmp(block + 257, "ustar", 5) == 0) {
        const QString prefix = text(block + 345, 155);
        if (!prefix.isEmpty())
            name = prefix + QLatin1Char('/') + name;
    }
    m_path = !m_paxPath.isEmpty() ? m_paxPath : !m_gnuLongName.isEmpty() ? m_gnuLongName : name;
    m_linkTarget = !m_paxLink.isEmpty() ? m_paxLink : !m_gnuLongLink.isEmpty() ? m_gnuLongLink : text(block + 157, 100);

    if (m_type == 'x' || m_type == 'g' || m_type == 'L' || m_type == 'K') {
        // Metadata for the next entry (x, L, K) or all entries (g: nothing barman needs).
        m_metaType = m_type;
        m_meta.clear();
        m_remaining = *size;
        m_padding = (kBlock - *size % kBlock) % kBlock;
        if (*size > 1024 * 1024)
            return corrupt(TarExtractorText::tr("an oversized extended header"));
        m_state = m_remaining > 0 ? State::Meta : State::Header;
        return {};
    }
    return beginEntry();
}

Result<QString> TarExtractor::safePath(const QString& name) const
{
    const auto n = normalise(name);
    if (!n)
        return corrupt(TarExtractorText::tr("'%1' points outside the destination").arg(name));
    return *n;
}

Result<void> TarExtractor::makeParents(const QString& relative)
{
    const QStringList parts = relative.split(QLatin1Char('/'));
    QString path = m_root;
    for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
        path += QLatin1Char('/') + parts[i];
        const QByteArray native = QFile::encodeName(path);
        struct stat st {};
        if (::lstat(native.constData(), &st) == 0) {
            if (S_ISLNK(st.st_mode))
                return corrupt(
                    TarExtractorText::tr("'%1' would be written through the symbolic link %2").arg(relative, parts[i]));
            if (!S_ISDIR(st.st_mode))
                return corrupt(TarExtractorText::tr("'%1' needs %2 to be a directory").arg(relative, parts[i]));
            continue;
        }
        if (::mkdir(native.constData(), 0700) != 0 && errno != EEXIST) {
            const int err = errno;
            return ioError(TarExtractorText::tr("cannot create %1").arg(path), err);
        }
    }
    return {};
}

Result<void> TarExtractor::beginEntry()
{
    const qint64 dataSize = (m_type == '0' || m_type == '\0' || m_type == '7') ? m_size : 0;
    auto clearOverrides = [this] {
        m_paxPath.clear();
        m_paxLink.clear();
        m_paxSize = -1;
        m_gnuLongName.clear();
        m_gnuLongLink.clear();
    };
    auto rel = safePath(m_path);
    clearOverrides();
    if (!rel)
        return fail(rel.error());
    const QString relative = *rel;
    const QString full = m_root + QLatin1Char('/') + relative;
    const QByteArray native = QFile::encodeName(full);

    m_remaining = dataSize;
    m_padding = (kBlock - dataSize % kBlock) % kBlock;
    m_state = State::Data;

    switch (m_type) {
    case '0':
    case '\0':
    case '7': {
        if (relative.isEmpty())
            return corrupt(TarExtractorText::tr("a file without a name"));
        if (auto r = makeParents(relative); !r)
            return r;
        m_fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (m_fd < 0) {
            const int err = errno;
            return err == ELOOP ? corrupt(TarExtractorText::tr("'%1' is a symbolic link").arg(relative))
                                : ioError(TarExtractorText::tr("cannot create %1").arg(full), err);
        }
        ++m_files;
        break;
    }
    case '5': {
        if (!relative.isEmpty()) {
            if (auto r = makeParents(relative + QStringLiteral("/x")); !r)
                return r;
        }
        ::chmod(native.constData(), 0700);
        break;
    }
    case '2': {
        if (auto r = makeParents(relative); !r)
            return r;
        // Tablespace links point outside PGDATA by design; the restore makes them, relocated.
        if (relative.startsWith(QLatin1String("pg_tblspc/"))) {
            if (m_onSkip)
                m_onSkip(relative, TarExtractorText::tr("tablespace link to %1 (recreated by the restore)").arg(m_linkTarget));
            break;
        }
        // A separate WAL volume (initdb -X, CNPG walStorage) becomes a plain directory here.
        if (relative == QLatin1String("pg_wal")) {
            ::mkdir(native.constData(), 0700);
            if (m_onSkip)
                m_onSkip(relative, TarExtractorText::tr("link to %1 made a directory").arg(m_linkTarget));
            break;
        }
        const qsizetype slash = relative.lastIndexOf(QLatin1Char('/'));
        const QString base = slash < 0 ? QString() : relative.left(slash) + QLatin1Char('/');
        if (m_linkTarget.startsWith(QLatin1Char('/')) || !normalise(base + m_linkTarget))
            return corrupt(TarExtractorText::tr("the link '%1' -> '%2' leaves the destination").arg(relative, m_linkTarget));
        ::unlink(native.constData());
        if (::symlink(QFile::encodeName(m_linkTarget).constData(), native.constData()) != 0) {
            const int err = errno;
            return ioError(TarExtractorText::tr("cannot create link %1").arg(full), err);
        }
        break;
    }
    case '1': {
        auto target = safePath(m_linkTarget);
        if (!target)
            return fail(target.error());
        if (auto r = makeParents(relative); !r)
            return r;
        const QByteArray from = QFile::encodeName(m_root + QLatin1Char('/') + *target);
        struct stat st {};
        if (::lstat(from.constData(), &st) != 0 || !S_ISREG(st.st_mode))
            return corrupt(TarExtractorText::tr("the hard link '%1' points at '%2', which is not an extracted file")
                               .arg(relative, m_linkTarget));
        ::unlink(native.constData());
        if (::link(from.constData(), native.constData()) != 0) {
            const int err = errno;
            return ioError(TarExtractorText::tr("cannot create link %1").arg(full), err);
        }
        break;
    }
    default:
        return corrupt(TarExtractorText::tr("'%1' is a device, FIFO or unknown entry type '%2'")
                           .arg(relative, QString(QLatin1Char(m_type))));
    }
    if (m_remaining == 0)
        return endEntry();
    return {};
}

Result<void> TarExtractor::writeData(const char* data, qsizetype size)
{
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
    }
    return {};
}

Result<void> TarExtractor::endEntry()
{
    if (m_state == State::Meta) {
        const QByteArray meta = m_meta;
        if (m_metaType == 'L' || m_metaType == 'K') {
            QString value = QString::fromUtf8(meta);
            while (value.endsWith(QChar(0)))
                value.chop(1);
            (m_metaType == 'L' ? m_gnuLongName : m_gnuLongLink) = value;
        } else if (m_metaType == 'x') {
            // Records: "<length> <key>=<value>\n", length counting the whole record.
            qsizetype pos = 0;
            while (pos < meta.size()) {
                const qsizetype space = meta.indexOf(' ', pos);
                if (space < 0)
                    return corrupt(TarExtractorText::tr("a broken pax header"));
                bool ok = false;
                const qsizetype length = meta.mid(pos, space - pos).toLongLong(&ok);
                if (!ok || length <= 0 || pos + length > meta.size())
                    return corrupt(TarExtractorText::tr("a broken pax record"));
                const QByteArray record = meta.mid(space + 1, length - (space - pos) - 2);
                const qsizetype eq = record.indexOf('=');
                if (eq > 0) {
                    const QByteArray key = record.left(eq);
                    const QString value = QString::fromUtf8(record.mid(eq + 1));
                    if (key == "path")
                        m_paxPath = value;
                    else if (key == "linkpath")
                        m_paxLink = value;
                    else if (key == "size")
                        m_paxSize = value.toLongLong();
                }
                pos += length;
            }
        }
        m_meta.clear();
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
