// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/restore/RestoreJob.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace tideline::restore {

struct DrillOptions {
    QStringList checkSql;          ///< each must answer true or a non-empty value that is not zero (Connection::check)
    int checkTimeoutSeconds = 300; ///< statement_timeout of every check
    QString scratchDirectory;      ///< where the drill makes its own directory; empty: the system temp dir
    QString restoreCommand;        ///< as RestoreOptions::restoreCommand
    int jobs = 4;
    int timeoutSeconds = 3600; ///< for start-up and replay together
    bool keep = false;         ///< keep the drill's directory (for a post-mortem)
    double planSeconds = 0;    ///< time the caller spent planning, reported as the first phase
    QString owner;             ///< as RestoreOptions::owner
    /// Extra environment for the PostgreSQL it starts, whose restore_command reads the store: e.g.
    /// AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY of a connection whose keys live in a keychain. Held
    /// in memory and passed to the child only; never written to the scratch directory.
    QMap<QString, QString> environment;
};

struct DrillPhase {
    QString name; ///< English, as the JSON form keeps it; toMarkdown() translates it
    double seconds = 0;
};

struct DrillCheck {
    QString sql;
    bool passed = false;
    QString result; ///< the first value of the first row when it passed, else why not (an error, "returned NULL", ...)
};

/// The outcome of a drill. Phases are consecutive and add up to totalSeconds.
/// Texts (target, reasons, notes) are in the user's language, in toJson() too, so the drill history
/// keeps each drill's in the language it ran in (tideline-cli --json runs in English); keys and
/// phase names stay stable.
struct DrillReport {
    QString server;
    QString source;
    QString backupId;
    QString target;    ///< the target, described
    QString startedAt; ///< ISO 8601 UTC
    bool passed = false;
    QStringList reasons; ///< why it failed (empty when passed)
    QList<DrillPhase> phases;
    double totalSeconds = 0;
    double rtoSeconds = 0; ///< from the start of the restore to a promoted, checked database
    /// rtoSeconds plus flushing to disk what the drill restored and replayed (durability off):
    /// what a recovery with durable settings would take on this machine, so a drill made fast
    /// by skipping fsync never flatters the RTO. 0 when the drill did not reach a database.
    double durableRtoSeconds = 0;
    qint64 downloadedBytes = 0;
    qint64 writtenBytes = 0;
    QString recoveryStop;    ///< PostgreSQL's "recovery stopping ..." line
    QString lastTransaction; ///< PostgreSQL's "last completed transaction was at log time ..."
    QString timeline;        ///< the timeline after promotion
    bool inRecovery = true;  ///< pg_is_in_recovery() at the end
    QList<DrillCheck> checks;
    QStringList recoverySettings; ///< what the drill set for replay speed, "name = value"
    QStringList notes;

    QJsonObject toJson() const;
    QString toMarkdown() const;
    /// The report toJson() wrote, read back (the drill history); nullopt when `json` is not one
    /// (no server or no started_at). Unknown keys are ignored, missing ones left at their defaults.
    static std::optional<DrillReport> fromJson(const QJsonObject& json);
};

/// What the drill history says at a glance: how many drills, how many passed, the last pass.
struct DrillHistorySummary {
    int drills = 0;
    int passed = 0;
    QString lastPassedAt; ///< ISO 8601 of the newest passing drill's start; empty when none passed
};
DrillHistorySummary summarizeDrills(const QList<DrillReport>& history);

/// A timed restore drill: restores the plan into a new directory it makes inside
/// options.scratchDirectory (tablespaces beside the data, never at the backup's paths), starts this machine's
/// PostgreSQL on a free port (as the data's owner), lets recovery reach the target and promote,
/// checks that it got there (PostgreSQL's own "recovery stopping" and "last completed transaction"
/// log lines against the target, pg_is_in_recovery() false), runs each check query through libpq
/// under a statement timeout (a check passes only on true or a non-empty, non-zero value: NULL, no
/// rows and errors fail, and the report says which), stops the server and removes the directory
/// it made — only that one. A cancel is seen within a fraction of a second, also while
/// PostgreSQL starts; the server is then stopped immediately and the directory removed. A failing drill still returns a
/// report (passed=false, with reasons); only a drill that could not run at all returns an error. The restored copy never
/// archives (archive_mode=off) and listens on no TCP port. Its directory holds the drill's pid and
/// start time until it ends: a drill first reaps the directories of drills in the same place whose
/// process died without ending them (kill -9): their server stopped at once, their prefetchers
/// stopped, their directory removed, with a note; kept drills and live ones are left alone. Errors: as runRestore for what happens before the server starts;
/// Cancelled. Thread: any but the GUI thread.
Result<DrillReport> runDrill(storage::ObjectStore& store, const catalog::ServerCatalog& catalog,
                             const pitr::RecoveryPlan& plan, const DrillOptions& options, JobContext& context);

/// Appends a report to the server's drill history (one JSON line per drill) in the user's data
/// directory, and reads it back newest last (lines that are not reports are skipped; a missing
/// file is an empty history). `source` (SourceUrl::toString()), when given, keeps only the drills
/// of that source: one server name can live in two buckets. Thread: any (a small file read).
Result<void> appendDrillHistory(const DrillReport& report);
QList<DrillReport> drillHistory(const QString& server, const QString& source = {});

} // namespace tideline::restore
