// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/Error.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>

namespace tideline::restore {

/// Extracts a tar stream (POSIX ustar and pax as Python's tarfile writes for barman, GNU long
/// names) into a directory as the bytes arrive, without a temporary copy.
///
/// Safety, for a stream that may be hostile (the restore runs as root):
/// - every name and link target, from whichever header it comes (ustar fields, pax path/linkpath,
///   GNU long name/link), is refused if it holds a NUL or another control character or is not
///   UTF-8, so the name checked is the name the system gets;
/// - an absolute path or a ".." component is refused;
/// - every write goes through directory descriptors opened from the root one component at a
///   time with O_NOFOLLOW: nothing is ever created, truncated, linked or chmod-ed through a
///   symbolic link, whatever the archive made earlier;
/// - a regular file replaces whatever was at its name (unlinked first, then created O_EXCL), so
///   a hard link made earlier cannot carry its bytes elsewhere;
/// - a symbolic link is created only when its target is relative and stays below its directory
///   (tablespace links under pg_tblspc/ are skipped: the restore creates them itself, relocated);
///   hard links must name a regular file already extracted, reached without a symbolic link;
/// - devices, FIFOs and unknown entry types are refused;
/// - the stream must end with the two zero blocks of the end-of-archive marker.
/// Any violation fails with ErrorCode::Corrupt and names the entry. Writing stops with Refused
/// when the destination's filesystem has less than 256 MiB free (a decompression bomb).
///
/// One instance per stream; not thread-safe. Files are written with their mode bits masked to
/// the owner (PostgreSQL wants 0700/0600) and their modification times.
class TarExtractor {
public:
    /// Called for entries it skips on purpose (pg_tblspc links), with a reason in the user's
    /// language, for the report.
    using SkipCallback = std::function<void(const QString& path, const QString& why)>;

    /// Check-only mode: called when an entry is accepted, with its checked path, its type ('0' a
    /// regular file, '1' a hard link, '2' a symbolic link, '5' a directory) and no data; then
    /// for a regular file with its bytes as they pass (type '0'). A later entry of the same path
    /// replaces the earlier one, as on disk.
    using DataCallback = std::function<void(const QString& path, char type, QByteArrayView data)>;

    /// `root` must exist; it is the only directory written under.
    explicit TarExtractor(QString root, SkipCallback onSkip = {});
    /// Check-only: the same stream checks as extraction, every name, link and entry type refused
    /// for the same reasons (a file through an earlier symbolic link, a hard link to no earlier
    /// file, a name that is a file and a directory), yet nothing is written anywhere. `onData`
    /// sees each regular file's bytes. What `verify` runs over a backup.
    struct CheckOnly {};
    TarExtractor(CheckOnly, DataCallback onData, SkipCallback onSkip = {});
    ~TarExtractor();
    TarExtractor(const TarExtractor&) = delete;
    TarExtractor& operator=(const TarExtractor&) = delete;

    /// The next bytes of the stream.
    Result<void> feed(QByteArrayView data);
    /// The end of the stream: fails with Corrupt if an entry was cut short or the end-of-archive
    /// blocks never came (a stream cut on an entry boundary).
    Result<void> finish();

    qint64 filesWritten() const { return m_files; }
    qint64 bytesWritten() const { return m_bytes; }

private:
    Result<void> header(const char* block);
    Result<void> beginEntry();
    Result<void> writeData(const char* data, qsizetype size);
    Result<void> endEntry();
    Result<void> parsePax(const QByteArray& meta);
    Result<int> openRoot();
    Result<int> openParent(const QStringList& parts, bool create);
    Result<void> checkParents(const QStringList& parts);
    Result<void> checkNewFile(const QStringList& parts);

    QString m_root;
    SkipCallback m_onSkip;
    int m_rootFd = -1;
    QByteArray m_block; // partial 512-byte header block
    enum class State { Header, Data, Padding, Meta, End } m_state = State::Header;
    qint64 m_remaining = 0; // data bytes left in the current entry
    qint64 m_padding = 0;   // padding bytes after the data
    QByteArray m_meta;      // pax or GNU long-name payload being collected
    char m_metaType = 0;
    // The current entry (after pax/GNU overrides), as raw bytes until checked.
    QByteArray m_rawPath;
    QByteArray m_rawLink;
    QString m_path;       // checked and normalised, relative to the root
    QString m_linkTarget; // checked
    char m_type = 0;
    uint m_mode = 0;
    qint64 m_size = 0;
    qint64 m_mtime = 0;
    std::optional<QByteArray> m_paxPath;
    std::optional<QByteArray> m_paxLink;
    qint64 m_paxSize = -1;
    std::optional<QByteArray> m_gnuLongName;
    std::optional<QByteArray> m_gnuLongLink;
    int m_fd = -1;
    int m_zeroBlocks = 0;
    qint64 m_files = 0;
    qint64 m_bytes = 0;
    qint64 m_spaceCheckedAt = 0;
    // Check-only mode: what extraction would have made, by checked path.
    bool m_checkOnly = false;
    DataCallback m_onData;
    QSet<QString> m_madeFiles;
    QSet<QString> m_madeDirs;
    QSet<QString> m_madeLinks;
    static constexpr qint64 kSpaceCheckEvery = 64LL << 20; // free space looked at every 64 MiB written
    static constexpr qint64 kSpaceReserve = 256LL << 20;   // and writing stops below 256 MiB free
};

} // namespace tideline::restore
