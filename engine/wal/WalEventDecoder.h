// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/wal/WalEvent.h"
#include "engine/wal/WalReader.h"

#include <optional>

namespace tideline::wal {

/// Turns WAL records into WalEvents: Transaction COMMIT/ABORT (and their prepared forms), XLOG
/// RESTORE_POINT, CHECKPOINT_ONLINE/SHUTDOWN and END_OF_RECOVERY, Storage TRUNCATE. Every other
/// record is ignored (the reader has already checked its lengths). A record whose main data is
/// too short or inconsistent for its kind yields no event and counts in malformed(); nothing is
/// guessed from it. Layouts follow PostgreSQL 13 to 17 (the version comes from the page magic).
/// Pure, one instance per thread.
class WalEventDecoder {
public:
    explicit WalEventDecoder(int postgresVersion) : m_version(postgresVersion) {}
    void setPostgresVersion(int version) { m_version = version; }

    /// Appends the record's events to `out` (none, one, or a commit followed by its drop).
    void decode(const WalRecord& record, QList<WalEvent>& out);

    /// Records that should have held an event but whose data did not parse.
    int malformed() const { return m_malformed; }

    /// PostgreSQL's TimestampTz (µs since 2000-01-01) as µs since the Unix epoch.
    static qint64 unixUsecOfPgTimestamp(qint64 pgTimestamp);

private:
    bool decodeXact(const WalRecord& record, QList<WalEvent>& out);
    bool decodeXlog(const WalRecord& record, QList<WalEvent>& out);
    bool decodeSmgr(const WalRecord& record, QList<WalEvent>& out);

    int m_version = 15;
    int m_malformed = 0;
};

} // namespace tideline::wal
