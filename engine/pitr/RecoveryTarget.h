// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/Error.h"
#include "engine/core/Timestamp.h"
#include "engine/wal/Lsn.h"

#include <QString>

#include <optional>

namespace tideline::pitr {

/// recovery_target_timeline: 'latest' (PostgreSQL's default since 12), 'current' (the backup's),
/// or a number.
struct TimelineSpec {
    enum class Kind { Latest, Current, Number };
    Kind kind = Kind::Latest;
    wal::TimelineId number = 0;

    /// "latest", "current" or a decimal timeline id (also 0x-prefixed hex, as PostgreSQL accepts).
    /// Errors: Usage with a hint.
    static Result<TimelineSpec> parse(const QString& text);
    /// The value as recovery_target_timeline and CNPG's targetTLI spell it.
    QString toString() const;
};

/// Where to stop: one of PostgreSQL's recovery targets, plus the choices that go with it.
/// A value type; any thread.
struct RecoveryTarget {
    enum class Kind { Time, Xid, Lsn, Name, Immediate };
    Kind kind = Kind::Immediate;
    Timestamp time; ///< Kind::Time; always with an explicit offset
    QString xid;    ///< Kind::Xid, decimal as PostgreSQL takes it (may carry an epoch)
    wal::Lsn lsn;   ///< Kind::Lsn
    QString name;   ///< Kind::Name (a pg_create_restore_point name)
    TimelineSpec timeline;
    bool exclusive = false; ///< recovery_target_inclusive = off
    QString backupId;       ///< pin this backup instead of choosing one

    /// Parses a target time as a DBA types it: RFC 3339 ("2025-12-06T10:41:07Z",
    /// "…+02:00") or PostgreSQL's timestamptz form ("2025-12-06 10:41:07.5+02").
    /// A time without an offset is refused (Usage), never guessed: PostgreSQL would read it in
    /// the server's TimeZone, which on a restored CNPG pod is not the DBA's.
    static Result<Timestamp> parseTime(const QString& text);
    /// "<kind>" "<value>" for messages, in the user's language: "time 2025-12-06T10:41:07+00:00".
    QString describe() const;
    /// The same in English, for what is written into files others read (the manifest's and
    /// postgresql.auto.conf's comments), so that they never depend on the language of the moment.
    QString describeUntranslated() const;
};

} // namespace tideline::pitr
