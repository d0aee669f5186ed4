// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/catalog/BackupInfo.h"
#include "engine/catalog/WalArchive.h"
#include "engine/core/Clock.h"
#include "engine/core/JobContext.h"
#include "engine/storage/StoreFactory.h"

#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace tideline::catalog {

/// Something a DBA should know about the bucket that is not an error.
struct CatalogWarning {
    QString code;    ///< stable: mixed_system_ids, clock_skew, segment_size_inferred, unreadable_backup_info,
                     ///< incomplete_backup, time_without_offset, ignored_objects, duplicate_wal,
                     ///< unreadable_history, segment_size_conflict
    QString message; ///< one line, plain language
};

/// One directory under base/: a backup, finished or not.
struct BackupEntry {
    enum class State {
        Done,       ///< backup.info says DONE
        Failed,     ///< backup.info says FAILED
        Other,      ///< backup.info with another status (barman's local states)
        InProgress, ///< no backup.info yet, recent objects: barman-cloud-backup may still be running
        Incomplete, ///< no backup.info and a newer finished backup exists (or old objects): it crashed
        Unreadable, ///< backup.info exists but cannot be parsed
    };
    QString id;
    State state = State::Incomplete;
    std::optional<BackupInfo> info;
    std::optional<Error> infoError; ///< why backup.info is unreadable
    QString keep;     ///< annotations/keep's first line as barman reads it (newline kept): "full", "standalone", empty
    qint64 bytes = 0; ///< every object under base/ID/
    int objects = 0;
    QStringList dataFiles;                 ///< tar parts, relative to base/ID/
    QList<storage::ObjectInfo> objectList; ///< every object under base/ID/ (for usage by month)
    qint64 infoUploadedUsec = 0;           ///< LastModified of backup.info
    qint64 firstUploadUsec = 0;            ///< oldest object
    qint64 lastUploadUsec = 0;             ///< newest object
    bool restorable = false;               ///< DONE, every tar part there, every segment begin_wal..end_wal archived
    QStringList fileProblems;              ///< why the tar parts cannot be restored (BackupFiles' tarParts)
    /// What the tar parts are, by their names: "gzip", "none", "bzip2+none" when they differ;
    /// empty without tar parts. barman 3.4 records compression=None beside data.tar.gz, so the
    /// files, not backup.info, say what a restore will inflate.
    QString filesCompression;
    quint64 missingWalCount = 0;
    QString firstMissingWal; ///< a segment name, when not restorable for lack of WAL
    quint64 beginSegno = 0;  ///< at the archive's segment size (Done/Failed with WAL names)
    quint64 endSegno = 0;
    /// What backup.info's begin_wal..end_wal is. Only a Valid range can be replayed; for any
    /// other nothing is counted as missing, the range itself is the fault.
    enum class WalRange {
        Unreadable,    ///< no backup.info, or a name that is not a segment's
        Unfit,         ///< names that do not fit the archive's segment size
        Backward,      ///< end_wal before begin_wal
        OtherTimeline, ///< end_wal on another timeline than begin_wal (a backup never spans a switch)
        Valid,
    };
    WalRange walRange = WalRange::Unreadable;

    /// The first reason it cannot be restored, in the order the texts give them; None when it can.
    /// `restorable` is set from it, once computeRestorability() has filled the fields it reads.
    enum class Unrestorable {
        None,
        NotFinished,
        MissingFiles,
        MissingWal,
        WalRangeUnreadable,
        WalRangeUnfit,
        WalRangeBackward,
        WalRangeOtherTimeline
    };
    Unrestorable unrestorableCause() const;
    /// The cause as the JSON output spells it ("missing_wal", "wal_range_backward", ...); empty for None.
    static QString causeCode(Unrestorable cause);

    /// Why it cannot be restored, in the user's language; empty when restorable.
    QString unrestorableReason() const;

    /// The restorable column of every backup list, in the user's language: "-" for a backup that
    /// is not finished, "yes", or "no: " and the shortest reason. Any thread, once a catalogue is
    /// installed.
    QString restorableSummary() const;

    /// The compression shown to people: filesCompression, else backup.info's, else "none", in
    /// the user's language. Any thread, once a catalogue is installed.
    QString compressionText() const;

    /// The keep as barman acts on it: "standalone" for exactly that, "full" for any other
    /// annotation, empty for none. What every view shows (the raw text may hold a newline).
    QString keepTarget() const;

    /// The status text shown and printed: backup.info's, or STARTED / INCOMPLETE / UNREADABLE.
    QString statusText() const;
};

/// How much of wals/ a catalog reads.
enum class WalScope {
    Archive,      ///< all of it: gaps, timelines, windows, every WAL answer
    BackupRanges, ///< only each finished backup's begin_wal..end_wal: enough to say whether it is restorable
};

/// Everything Tideline knows about one server's destination: the base backups and the WAL
/// archive. A value: computed once by loadServerCatalog, then read from any thread.
struct ServerCatalog {
    storage::SourceUrl source;
    QString server;
    QList<BackupEntry> backups; ///< by id, oldest first
    /// With WalScope::BackupRanges: only the segments of the backups' own ranges, no history,
    /// no gaps. Answer nothing about the archive from such a catalog.
    WalArchive wals;
    WalScope walScope = WalScope::Archive;
    QList<CatalogWarning> warnings;
    qint64 loadedAtUsec = 0;
    int requests = 0; ///< store round trips it took

    /// "latest"/"last", "oldest"/"first", "last-failed", an id, or a backup_name (barman's rules).
    const BackupEntry* findBackup(const QString& idOrName) const;
    /// Done and restorable backups, oldest first.
    QList<const BackupEntry*> restorableBackups() const;
};

/// Loads a server's catalog: lists base/ (one walk, no delimiter, so directories without
/// backup.info are seen too) and wals/ (on a paged store as ranges about a page long, see
/// WalListingPlan; on a local one directory by directory; up to `parallelism` at once), fetches every backup.info and
/// .history file concurrently, then derives restorability, gaps and warnings.
///
/// WalScope::BackupRanges, on a paged store, lists only each finished backup's begin_wal..end_wal
/// (overlapping ranges merged, one listing each, after base/ is read): a backup list costs the
/// same on a 2,000,000-segment archive as on a small one. Every backup field, restorability
/// included, is what the full load gives; the catalog's WAL is a fragment (walScope says so)
/// and the warnings about the archive (ignored_objects, duplicate_wal, unreadable_history: no
/// history file is read) are left out. It loads the whole archive instead on a local store, when
/// base/ is empty, when no backup.info states the segment size (the full load infers it from
/// every name), and when a range spans more than 64 hash directories (one listing pages through
/// a range sequentially; the full load lists the archive in parallel).
///
/// Errors: MissingSource when the server has neither base/ nor wals/ objects (hint: the servers
/// verb), or the bucket does not exist; the store's Network/Auth errors; Cancelled.
/// An unreadable backup.info is not an error here: the entry is Unreadable with infoError set.
/// Thread: any thread but the GUI thread (it blocks on I/O).
Result<ServerCatalog> loadServerCatalog(storage::ObjectStore& store, const storage::SourceUrl& source, const QString& server,
                                        JobContext& context, const Clock& clock = Clock::system(), int parallelism = 16,
                                        WalScope scope = WalScope::Archive);

/// The catalog as it will be once the objects with these keys are gone (a retention preview):
/// backups whose backup.info goes are dropped, the others lose the listed objects, the WAL
/// archive loses the listed files, and restorability and gaps are derived again. Warnings stay
/// those of the loaded catalog. Pure; any thread.
ServerCatalog catalogWithout(const ServerCatalog& catalog, const QSet<QString>& removedKeys);

/// The server names under a destination path: every first-level prefix that holds base/ or
/// wals/. Errors: MissingSource when the bucket does not exist; Network/Auth; Cancelled.
/// Thread: not the GUI thread.
Result<QStringList> listServers(storage::ObjectStore& store, const storage::SourceUrl& source, JobContext& context,
                                int parallelism = 16);

} // namespace tideline::catalog
