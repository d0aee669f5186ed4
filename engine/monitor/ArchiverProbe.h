// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/Error.h"
#include "engine/wal/Lsn.h"

#include <QString>

#include <optional>

namespace tideline::monitor {

/// What a primary says of its own archiving, read in one round trip: pg_stat_archiver, where it
/// is writing WAL now, and (with pg_monitor) the segments waiting in archive_status.
struct ArchiverFacts {
    int serverVersion = 0;   ///< server_version_num
    QString archiveMode;     ///< "on", "off", "always"
    quint64 segmentSize = 0; ///< wal_segment_size in bytes, as the server runs

    qint64 archivedCount = 0;
    QString lastArchivedWal; ///< empty when nothing was archived since stats_reset
    std::optional<qint64> lastArchivedUsec;
    qint64 failedCount = 0;
    QString lastFailedWal;
    std::optional<qint64> lastFailedUsec;
    std::optional<qint64> statsResetUsec;

    wal::Lsn currentLsn; ///< pg_current_wal_lsn()
    /// pg_walfile_name() of it: the segment holding the last byte written, so right after a
    /// switch (the LSN on a segment boundary) the finished segment, not the next, empty one.
    QString currentWal;
    wal::TimelineId timeline = 0;
    quint64 currentSegno = 0;

    /// .ready files in pg_wal/archive_status (segments, history and backup files waiting) and the
    /// oldest one's time; nullopt when the role may not list that directory (no pg_monitor).
    std::optional<qint64> readyCount;
    std::optional<qint64> oldestReadyUsec;
    QString oldestReadyWal;

    qint64 serverNowUsec = 0; ///< the server's now(): ages are measured on its clock
    QString user;             ///< the role the probe ran as, for hints
};

/// Connects with a libpq connection string or URI (empty: libpq's defaults, PG* variables,
/// service file and pgpass apply as usual), reads ArchiverFacts and disconnects. Never waits
/// more than 10 s to connect (unless the string says otherwise) nor 10 s for a statement. A
/// password given in `conninfo` is registered with the Redactor before anything can print it.
///
/// Errors: Usage for a malformed connection string, and for a standby (recovery): its
/// pg_stat_archiver counts only what it archives itself; the hint names the primary when its
/// primary_conninfo is readable. Network when the server cannot be reached; Auth when it refuses
/// the role (password, pg_hba.conf, missing role or database) or a statement is denied; Internal
/// for an answer that does not parse. Without pg_monitor the probe still succeeds with
/// readyCount unset.
/// Thread: any thread but the GUI thread (it blocks on the network).
Result<ArchiverFacts> probeArchiver(const QString& conninfo);

/// Whether a connection string carries a password (it would then be visible in a process list).
/// Pure; any thread.
bool conninfoHasPassword(const QString& conninfo);

} // namespace tideline::monitor
