// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/CancelToken.h"
#include "engine/core/Compression.h"
#include "engine/core/Error.h"
#include "engine/restore/WalSpool.h"
#include "engine/storage/ObjectStore.h"
#include "engine/storage/StoreFactory.h"

#include <QString>
#include <QStringList>

#include <chrono>
#include <functional>
#include <optional>

namespace tideline::restore {

/// Fetches the WAL files PostgreSQL's restore_command is asked for from a barman-cloud archive:
/// SERVER/wals/<hash dir>/NAME[.ext] (SERVER/wals/NAME[.ext] for history files).
///
/// Lookup: one listing of the name's own prefix (not the whole hash directory): one round trip,
/// a tiny answer, and an empty answer is the authoritative "not there" PostgreSQL needs for the
/// names it probes; a HEAD per possible suffix would take up to fourteen. Which object serves:
/// - a complete copy (NAME with any suffix barman or CNPG writes) before NAME.partial: the complete
///   segment holds everything the partial does. barman-cloud-wal-restore takes whichever its
///   listing shows first, so for an uncompressed archive a NAME.partial listed after NAME wins;
///   Tideline deliberately does not copy that quirk;
/// - NAME.partial only when no complete copy exists (as barman does: a standby promoted before the
///   old primary archived the segment leaves only the partial, and recovery on that timeline
///   needs it);
/// - among several complete copies (two compressions), the first in key order, as barman does;
/// - backup history files (NAME.OOOOOOOO.backup) when asked for by their exact name.
///
/// Every file is streamed, decompressed, checked and written to a temporary file next to its
/// destination, fsynced, and only then renamed into place: a reader never sees a partial file.
/// Checks: a segment's size and its first page header (checkSegment()); a history file must parse
/// as one; a backup history file must look like one. Thread-safe: one store, any threads.
class WalFetcher {
public:
    WalFetcher(storage::ObjectStore& store, storage::SourceUrl url, QString server);

    struct Fetched {
        QString key; ///< the object that served
        Compression compression = Compression::None;
        qint64 bytes = 0;        ///< decompressed
        quint64 segmentSize = 0; ///< segments only: from the long page header
    };

    /// The object serving `name` among file names listed under its prefix (in listing order);
    /// nullopt when none does. Pure.
    static std::optional<QString> chooseObject(const WalName& name, const QStringList& fileNames);

    /// The key prefix holding `name`'s candidates: ".../wals/DIR/" (".../wals/" for history files).
    QString directoryKey(const WalName& name) const;

    /// One attempt: list, pick, download, decompress, check, publish at destPath.
    /// Errors: NotFound only when the listing answered, the server's wals/ holds something, and
    /// no candidate exists (PostgreSQL ends recovery on it, so nothing less authoritative may
    /// give it); MissingSource when wals/ is empty (an unmounted or wrong source); Network when
    /// a listed object then reads as 404; Corrupt when a check fails; otherwise the store's error.
    Result<Fetched> fetchOnce(const WalName& name, const QString& destPath, const CancelToken& cancel = {});

    /// How a downloaded file is published.
    enum class Durability {
        HandOver, ///< straight to PostgreSQL's %p: it reads the file at once and asks again after a crash
        Keep,     ///< into the spool, where a later call trusts it: fsynced before the rename
    };
    /// Downloads `key` as `name` into tempPath, checks it and renames it to destPath (fsyncing it
    /// first for Durability::Keep). The temporary file is removed on any failure.
    Result<Fetched> download(const WalName& name, const QString& key, const QString& tempPath, const QString& destPath,
                             Durability durability, const CancelToken& cancel = {});

    /// fetchOnce() again and again (exponential backoff with jitter, 0.25 s doubling to 5 s) until
    /// it succeeds, the store says NotFound, or retryFor has passed; returns the last answer.
    /// attempts (if given) receives how many attempts were made.
    Result<Fetched> fetch(const WalName& name, const QString& destPath, std::chrono::milliseconds retryFor,
                          int* attempts = nullptr);

    /// Keeps the spool filled ahead of replay: while replay's latest request (WalSpool::request)
    /// keeps moving, fetches the `prefetch` segments after it on its timeline, `prefetch` at once
    /// (one hash-directory listing serves them all), publishing each by rename once verified.
    /// Returns when it holds no lock (another prefetcher runs) or after idleExit with nothing to
    /// do. Failures go to the spool's log and are retried later; this never writes anywhere else.
    /// When `recoveryOver` says so (it is asked between downloads), it stops and removes the
    /// spool directory it holds the lock of: nothing will ask for that WAL again.
    void runPrefetcher(WalSpool& spool, int prefetch, std::chrono::milliseconds idleExit,
                       const std::function<bool()>& recoveryOver = {});

private:
    storage::ObjectStore& m_store;
    storage::SourceUrl m_url;
    QString m_server;
};

} // namespace tideline::restore
