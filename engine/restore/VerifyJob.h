// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/catalog/ServerCatalog.h"
#include "engine/core/JobContext.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace tideline::storage {
class ObjectStore;
}

namespace tideline::restore {

/// One thing wrong with what the bucket holds.
struct VerifyProblem {
    QString key;     ///< the object's key in the bucket (for a missing segment: where it belongs)
    QString kind;    ///< stable: missing, corrupt, mismatch, unreadable, not_done
    QString message; ///< one line, the user's language
};

/// What verify read and what it found.
struct VerifyReport {
    QString server;
    qint64 objectsChecked = 0;    ///< objects downloaded and checked by this run
    qint64 bytesChecked = 0;      ///< their bytes as stored
    qint64 objectsRemembered = 0; ///< passed an earlier run with the same ETag; not read again
    QStringList backups;          ///< the backups verified, oldest first
    int backupsLeftOut = 0;       ///< failed or unfinished ones allBackups passed over
    bool walsChecked = false;
    // The archive as WAL-G's wal-verify sorts it (segments the catalog lists, gaps it finds).
    qint64 walFound = 0;            ///< segments and .partial files present
    quint64 walMissingHarmless = 0; ///< missing, but older than every backup that could need them
    quint64 walMissingFatal = 0;    ///< missing where a restore from some backup must read them
    QList<VerifyProblem> problems;  ///< by key

    bool ok() const { return problems.isEmpty(); }
    /// `verify --json`'s object (DESIGN.md: server, objects_checked, bytes_checked, ok,
    /// problems[{key, kind, message}]), with backups, objects_remembered and wals added.
    QJsonObject toJson() const;
};

struct VerifyOptions {
    QStringList backupIds; ///< backups to check: ids, names, "latest"... (ServerCatalog::findBackup)
    /// Every backup that should restore: DONE ones, and those whose backup.info is unreadable
    /// (damage). Failed and unfinished ones are barman's record of an attempt: left out, counted.
    bool allBackups = false;
    bool wals = false; ///< every WAL segment, .partial and history file, and the gaps
    /// Where the ids and ETags of backups that passed are kept (a JSON file written 0600), so a
    /// later run reads only what is new or changed; empty: nothing remembered.
    QString stateFile;
    /// Read every backup again, whatever stateFile says (which is still updated: a backup that
    /// fails now is forgotten there).
    bool full = false;
    /// The decoded-segment cache the WAL check shares with `events` (a segment checked once is
    /// not read again while its ETag stands); empty: every segment is read.
    QString walCacheDir;
    int jobs = 4; ///< tar parts read at once (WAL segments: up to 8)
};

/// Reads what the bucket holds for `catalog`'s server, through the same code a restore uses,
/// and reports every problem it finds instead of stopping at the first:
/// - each named backup: backup.info DONE; every tar part there (catalog::tarParts); every part
///   downloaded, decompressed and walked by TarExtractor in check-only mode (header checksums,
///   sizes, names, links, the end-of-archive marker), nothing written; the data part holds
///   global/pg_control of 8192 bytes, PG_VERSION and a backup_label agreeing with backup.info;
/// - with `wals`: every segment and .partial decompressed and read by wal::WalReader (page
///   magic, timeline, page address, system id against backup.info, segment size, record CRCs),
///   timeline history files readable, every timeline above 1 with a history file, and the
///   gaps: a gap a restore from some backup must cross is a problem, an older one is counted
///   as harmless.
/// Parts are read `jobs` at a time. A backup that passes is remembered in `stateFile` with its
/// parts' ETags and skipped next time while they stand; a problem is never remembered.
///
/// Errors (the run itself failed, not the bucket's content): MissingSource for a backup id the
/// catalog does not know, the store's Network/Auth errors, Cancelled. A part that cannot be read for a content reason
/// (NotFound, Corrupt) is a problem in the report, not an error. Thread: any but the GUI thread (blocks on I/O for minutes).
Result<VerifyReport> runVerify(storage::ObjectStore& store, const catalog::ServerCatalog& catalog,
                               const VerifyOptions& options, JobContext& context);

} // namespace tideline::restore
