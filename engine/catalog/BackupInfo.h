// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/Error.h"
#include "engine/core/Timestamp.h"
#include "engine/wal/Lsn.h"

#include <QByteArray>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QVariant>

#include <optional>

namespace tideline::catalog {

/// One tablespace of a backup, as barman's `tablespaces` literal lists it.
struct Tablespace {
    QString name;
    quint32 oid = 0;
    QString location;
};

/// The content of one backup.info (barman's FieldListFile): every line kept verbatim, plus typed
/// views of the fields Tideline reasons with. Unknown keys are kept and tolerated (newer barman
/// versions add fields; barman itself would refuse them). A value type; any thread.
struct BackupInfo {
    QString backupId;              ///< the directory name: backup.info does not carry it
    QMap<QString, QString> fields; ///< key -> raw value as written ("None" kept as written)

    QString status;     ///< DONE, FAILED, ... (barman's default EMPTY when absent)
    QString backupName; ///< empty when absent
    std::optional<Timestamp> beginTime;
    std::optional<Timestamp> endTime;
    QString beginWal;
    QString endWal;
    std::optional<wal::Lsn> beginLsn;
    std::optional<wal::Lsn> endLsn;
    wal::TimelineId timeline = 0;
    QString systemId;
    int version = 0; ///< server_version_num, e.g. 150018
    quint64 segmentSize = 16 * 1024 * 1024;
    bool segmentSizeStated = false;    ///< false: barman's default applies, the file did not say
    QString compression;               ///< base-backup compression ("gzip", "bzip2", "snappy") or empty
    QString error;                     ///< barman's failure text, empty when None
    std::optional<qint64> clusterSize; ///< bytes of PGDATA when newer barman records it
    QList<Tablespace> tablespaces;
    QVariant copyStats;     ///< dict or null
    QVariant includedFiles; ///< list or null
    QString backupLabel;    ///< the decoded backup_label text, empty when None

    /// Parses backup.info text. Lines "key=value", split on the first '=', stripped; blank and
    /// '#' lines skipped. Errors: Corrupt (with the backup id, the line and a hint) when a line
    /// has no '=', when nothing parses at all, when a typed field barman loads (version,
    /// timeline, offsets, sizes, times, LSNs, Python literals) is malformed, or when the
    /// file has no status (a truncated upload). Pure, any thread.
    static Result<BackupInfo> parse(const QString& backupId, const QByteArray& text);

    /// PostgreSQL major version (15 for 150018).
    int majorVersion() const { return version / 10000; }

    /// Why a data directory's backup_label is not this backup's: no START WAL LOCATION line, a
    /// start LSN or file other than begin_lsn/begin_wal, another START TIMELINE. nullopt when it
    /// agrees. The reason is one clause in the user's language. Pure, any thread.
    std::optional<QString> labelMismatch(QByteArrayView label) const;

    /// The object barman-cloud-backup-list --format json prints for this backup, field for field
    /// and value for value (barman 3.4: begin_time/end_time as ctime() in the value's own offset),
    /// plus begin_time_iso/end_time_iso as newer barman adds, plus any unknown keys as strings.
    QJsonObject toBarmanJson() const;
};

} // namespace tideline::catalog
