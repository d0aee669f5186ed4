// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/wal/Lsn.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace tideline::wal {

/// Something the WAL says happened, decoded from one record. Pure value type, any thread.
struct WalEvent {
    enum class Kind : quint8 {
        Commit,         ///< a transaction committed (xid, time)
        Abort,          ///< a transaction rolled back (xid, time)
        RestorePoint,   ///< pg_create_restore_point (name, time)
        Drop,           ///< a commit that dropped relation files (DROP, TRUNCATE, rewrites): relations
        Truncate,       ///< a relation cut to a length (Storage TRUNCATE): relations, no time
        TimelineSwitch, ///< end of recovery: timeline is the new one, name "N" the previous
        Checkpoint,     ///< online or shutdown checkpoint (name), time to the second
    };
    Kind kind = Kind::Commit;
    TimelineId timeline = 0;
    Lsn lsn;                        ///< where the record starts
    Lsn end;                        ///< where it ends: a recovery_target_lsn that includes it
    std::optional<qint64> timeUsec; ///< µs since the Unix epoch, UTC (PostgreSQL's own precision)
    /// For an event without a time of its own (a truncation): the time of the last timed record
    /// before it in the WAL read for its history (set by the event index), so it can be placed and
    /// filtered; nullopt when it has a time or none came before it.
    std::optional<qint64> notBeforeUsec;
    quint32 xid = 0;         ///< 0 when the record carries none
    QString name;            ///< restore point name, checkpoint kind, previous timeline
    QStringList relations;   ///< "base/DB/RELFILENODE", "global/R", "pg_tblspc/SPC/DB/R"
    QList<quint32> subxacts; ///< committed or aborted subtransactions

    friend bool operator==(const WalEvent&, const WalEvent&) = default;
};

/// The JSON and command-line spelling of a kind ("commit", "restore_point", ...), and back.
QString walEventKindName(WalEvent::Kind kind);
std::optional<WalEvent::Kind> walEventKindFromName(QStringView name);

} // namespace tideline::wal

// Its members are Qt's relocatable containers and plain values: a growing QList<WalEvent> moves
// a million of them with one memcpy instead of one by one.
Q_DECLARE_TYPEINFO(tideline::wal::WalEvent, Q_RELOCATABLE_TYPE);
