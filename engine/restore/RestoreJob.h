// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/catalog/ServerCatalog.h"
#include "engine/core/JobContext.h"
#include "engine/pitr/RecoveryPlan.h"

#include <QJsonObject>
#include <QLocale>
#include <QMap>
#include <QString>
#include <QStringList>

namespace tideline::restore {

/// How a restored data directory should start on this machine.
struct RestoreOptions {
    enum class TargetAction { Pause, Promote, Shutdown };
    QString destination; ///< absolute; must be absent or empty
    int jobs = 4;        ///< tar parts downloaded and extracted at once
    TargetAction action = TargetAction::Pause;
    QMap<QString, QString> tablespaces; ///< tablespace name -> new absolute location
    QString tablespaceDirectory;        ///< where the others go, one directory each by name;
                                        ///< empty: DESTINATION/tideline_tablespaces
    QString restoreCommand;             ///< the whole restore_command, %f and %p included
    int port = 5432;
    QString socketDirectory; ///< empty: the destination itself (private, so trust is safe)
    QString owner;           ///< OS user that will run it; empty: postgres when root, else us
    QString pgBinDir;        ///< empty: /usr/lib/postgresql/<major>/bin
    bool sync = true;        ///< flush to disk before calling it complete (pg_basebackup's default)
    bool englishLog = false; ///< lc_messages = 'C': the caller reads the server's log (drills)
    /// A copy thrown away after use (drills): replay may skip durability (fsync, full-page
    /// writes), since a crash only means running it again. Restores a user keeps get only the
    /// settings that are safe there (restartpoint spacing, memory, prefetch).
    bool scratch = false;
};

/// What a restore did, for the CLI, the GUI and drill reports.
struct RestoreReport {
    QString backupId;
    QString destination;
    QString pgBinDir;
    qint64 downloadedBytes = 0; ///< bytes read from the store (compressed)
    qint64 writtenBytes = 0;    ///< bytes written to disk (extracted)
    qint64 files = 0;
    double restoreSeconds = 0; ///< download, decompression and extraction (overlapped)
    double configureSeconds = 0;
    QStringList notes;  ///< skipped links, overridden settings, disabled includes (user's language)
    QStringList tuning; ///< the replay settings chosen for speed, "name = value" (recoveryTuning())

    /// The fields above under snake_case keys, as `restore --json` prints them.
    QJsonObject toJson() const;
    /// What was restored, the notes and the command that starts it, in the user's language
    /// (numbers in `locale`): the window's report and the CLI's text. Any thread.
    QString toMarkdown(const QLocale& locale = QLocale()) const;
};

/// Restores the plan's base backup into options.destination and makes it start here: every tar
/// part (data and tablespaces, any compression barman writes) is downloaded with up to `jobs`
/// streams and decompressed and extracted as it arrives (no temporary copy); tablespaces go
/// where `tablespaces` relocates them, else under `tablespaceDirectory` (never to the pod paths
/// the backup names); then the settings a CNPG backup carries that would break or endanger
/// this machine are overridden in postgresql.auto.conf — archive_mode=off above all, so a
/// restore never archives into the source bucket, and synchronous_standby_names blanked, so
/// commits after promotion do not wait for standbys that are not there — every
/// recovery_target* the backup carried is blanked, restore_command, the target,
/// recovery_target_timeline and the action are set, recovery_end_command removes the
/// wal-restore spool, a private pg_hba.conf is written, recovery.signal created, and the files
/// handed to the owner with mode 0700. Notes name replaced settings, never their values.
///
/// Before anything is written it refuses (ErrorCode::Refused, with a hint): a refused plan; a
/// destination or tablespace location that is not empty; a PostgreSQL major version with no
/// server binaries here; too little free space; and (ErrorCode::Corrupt) a backup whose tar
/// parts are incomplete in the bucket (catalog::tarParts). After extraction it checks
/// (Corrupt) that global/pg_control and a backup_label agreeing with backup.info are there.
/// While it runs, the destination holds TIDELINE_RESTORE_INCOMPLETE; a failed or cancelled
/// restore leaves it there (and no recovery.signal), so the directory never looks finished.
/// A failure reports the first real cause (the part, then what went wrong) and stops the other
/// parts at once.
///
/// Files the archive holds are written only below the destination and the tablespace
/// locations, never through a link (see TarExtractor); the configure step replaces its files
/// instead of writing through what the archive put at their names.
///
/// Errors: Refused, Corrupt (an unsafe, broken or incomplete archive), the store's errors,
/// Cancelled. Thread: any but the GUI thread (blocks on I/O for minutes).
Result<RestoreReport> runRestore(storage::ObjectStore& store, const catalog::ServerCatalog& catalog,
                                 const pitr::RecoveryPlan& plan, const RestoreOptions& options, JobContext& context);

/// The name of the marker file an unfinished restore leaves in its destination.
inline constexpr const char* kIncompleteMarker = "TIDELINE_RESTORE_INCOMPLETE";

/// The settings a restore adds so that replay runs at the machine's speed, for a server of
/// `serverVersion` (server_version_num): restartpoints spaced out (checkpoint_timeout,
/// max_wal_size) and, from PostgreSQL 15, recovery prefetch with a larger decode buffer and more
/// I/O in flight — all safe for a copy that is kept; with `scratch`, durability off as well
/// (fsync, full_page_writes, synchronous_commit), only for copies thrown away after use. Pure.
QList<std::pair<QString, QString>> recoveryTuning(int serverVersion, bool scratch);

/// Takes the settings only a scratch copy may have (recoveryTuning()'s durability-off ones) out of
/// dataDirectory's postgresql.auto.conf again, for a drill's copy the user keeps: started later,
/// it is crash-safe. The file keeps the directory's owner. Errors: Refused (cannot write it),
/// Corrupt (the file is a link). Any thread but the GUI's.
Result<void> dropScratchSettings(const QString& dataDirectory);

/// Single-quotes a value for postgresql.conf.
QString quoteConfValue(const QString& value);

} // namespace tideline::restore
