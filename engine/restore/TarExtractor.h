// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/Error.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <functional>

namespace tideline::restore {

/// Extracts a tar stream (POSIX ustar and pax as Python's tarfile writes for barman, GNU long
/// names) into a directory as the bytes arrive, without a temporary copy.
///
/// Safety: an entry with an absolute path or a ".." component is refused; a symbolic link is
/// created only when its target stays inside the root (tablespace links under pg_tblspc/ are
/// skipped: the restore creates them itself, relocated); hard links must point at a file already
/// extracted; files are never written through a symbolic link (O_NOFOLLOW, parents checked);
/// devices and FIFOs are refused. Any violation fails the extraction with ErrorCode::Corrupt and
/// names the entry.
///
/// One instance per stream; not thread-safe. Files are written with their mode bits masked to
/// the owner (PostgreSQL wants 0700/0600) and their modification times.
class TarExtractor {
public:
    /// Called for entries it skips on purpose (pg_tblspc links), with a reason in the user's
    /// language, for the report.
    using SkipCallback = std::function<void(const QString& path, const QString& why)>;

    explicit TarExtractor(QString root, SkipCallback onSkip = {});
    ~TarExtractor();
    TarExtractor(const TarExtractor&) = delete;
    TarExtractor& operator=(const TarExtractor&) = delete;

    /// The next bytes of the stream.
    Result<void> feed(QByteArrayView data);
    /// The end of the stream: fails with Corrupt if an entry was cut short.
    Result<void> finish();

    qint64 filesWritten() const { return m_files; }
    qint64 bytesWritten() const { return m_bytes; }

private:
    Result<void> header(const char* block);
    Result<void> beginEntry();
    Result<void> writeData(const char* data, qsizetype size);
    Result<void> endEntry();
    Result<QString> safePath(const QString& name) const;
    Result<void> makeParents(const QString& relative);

    QString m_root;
    SkipCallback m_onSkip;
    QByteArray m_block;      // partial 512-byte header block
    enum class State { Header, Data, Padding, Meta, End } m_state = State::Header;
    qint64 m_remaining = 0;  // data bytes left in the current entry
    qint64 m_padding = 0;    // padding bytes after the data
    QByteArray m_meta;       // pax or GNU long-name payload being collected
    char m_metaType = 0;
    // The current entry (after pax/GNU overrides).
    QString m_path;
    QString m_linkTarget;
    char m_type = 0;
    uint m_mode = 0;
    qint64 m_size = 0;
    qint64 m_mtime = 0;
    QString m_paxPath;
    QString m_paxLink;
    qint64 m_paxSize = -1;
    QString m_gnuLongName;
    QString m_gnuLongLink;
    int m_fd = -1;
    int m_zeroBlocks = 0;
    qint64 m_files = 0;
    qint64 m_bytes = 0;
};

} // namespace tideline::restore
