// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/storage/ObjectStore.h"

namespace tideline::storage {

/// A local directory laid out like a bucket (file:// sources, tests, demos). Keys are paths
/// relative to the root with '/' separators; directories are not objects (as in S3, an empty
/// directory lists as nothing). Same semantics as S3Store: list() is sorted by the keys' UTF-8
/// bytes and rolls up common prefixes under a delimiter, reads honour ranges, put() writes
/// atomically (temporary file + rename) and creates directories.
///
/// Errors: MissingSource when the root directory is gone, NotFound for a missing file, Usage for
/// a key that would leave the root ("..", absolute), Corrupt for unreadable files, Cancelled.
/// Thread: any; calls share no mutable state.
class LocalStore final : public ObjectStore {
public:
    /// root: an absolute directory. Its existence is checked on every call, not here.
    explicit LocalStore(QString root);

    QString describe() const override;
    int usefulConcurrentReads() const override { return 2; }
    Result<Listing> list(const QString& prefix, const QString& delimiter, const CancelToken& cancel) override;
    Result<ObjectInfo> read(const QString& key, const ChunkSink& sink, const CancelToken& cancel,
                            ByteRange range = {}) override;
    Result<ObjectInfo> head(const QString& key, const CancelToken& cancel) override;
    Result<void> put(const QString& key, const QByteArray& data, const CancelToken& cancel) override;
    /// Unlinks each file (a link itself, never its target), walking the key's directories
    /// without following links so that nothing outside the root is touched, then removes the
    /// directories the deletion left empty (never the root).
    DeleteReport deleteObjects(const QStringList& keys, const CancelToken& cancel) override;

    const QString& root() const { return m_root; }

private:
    Result<void> checkRoot() const;
    Result<QString> pathFor(const QString& key) const;

    QString m_root;
};

} // namespace tideline::storage
