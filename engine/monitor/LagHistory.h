// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/Error.h"
#include "engine/monitor/ArchiverHealth.h"

#include <QList>
#include <QString>

#include <optional>

namespace tideline::monitor {

/// One reading of a server's archiving, as the sampler stores it.
struct LagSample {
    qint64 atUsec = 0;                      ///< the server's clock when it was read
    std::optional<qint64> bytesNotInBucket; ///< nullopt: the bucket could not be compared
    std::optional<qint64> segmentsNotInBucket;
    std::optional<qint64> readyCount;
    qint64 archivedCount = 0;
    qint64 failedCount = 0;
    bool failing = false; ///< an archiving alert fired (CNPGClusterWALArchivingFailing or the bucket's)
    quint32 timeline = 0;
    QString error; ///< the reading failed: why (no figures then)

    /// A sample of an assessment. Pure; any thread.
    static LagSample of(const ArchiverHealth& health);
};

/// A server's archiving samples in a local SQLite database (Qt SQL), one row per sample, keyed by a
/// target string the caller chooses ("cnpg://db/pg-main", "host=… SERVER"). The file holds nothing
/// secret: figures and error lines (already redacted) only.
///
/// Each instance owns its own connection: use one LagHistory per thread. Errors: Internal with
/// SQLite's message when the file cannot be opened or written (a read-only data directory, a disk
/// that is full), Corrupt when the file is not a database this version can read.
class LagHistory {
public:
    /// Opens (creating when missing) the database at path. Thread: the calling thread owns it.
    static Result<LagHistory> open(const QString& path);
    LagHistory(LagHistory&& other) noexcept;
    LagHistory& operator=(LagHistory&&) = delete;
    LagHistory(const LagHistory&) = delete;
    ~LagHistory();

    Result<void> append(const QString& target, const LagSample& sample);
    /// Many samples in one transaction (imports, tests and benchmarks).
    Result<void> append(const QString& target, const QList<LagSample>& samples);
    /// Samples of target with from <= at <= to, oldest first.
    Result<QList<LagSample>> range(const QString& target, qint64 fromUsec, qint64 toUsec) const;
    /// The same thinned as decimateLag() thins them (same columns, same points kept), read from
    /// 5-minute summaries kept beside the samples: a 30-day history is a few thousand rows to
    /// read instead of a quarter of a million.
    Result<QList<LagSample>> range(const QString& target, qint64 fromUsec, qint64 toUsec, int buckets) const;
    /// Deletes every sample older than beforeUsec (the retention) and its summaries; returns how
    /// many samples went.
    Result<qint64> prune(qint64 beforeUsec);

private:
    explicit LagHistory(QString connection);
    Result<void> insert(const QString& target, const LagSample& sample); ///< inside a transaction
    QString m_connection; ///< the QSqlDatabase connection name; empty once moved from
};

/// The samples of [fromUsec, toUsec] thinned for a chart of about `buckets` columns: per column
/// the earliest sample with the most bytes not in the bucket, plus the column's first failing
/// sample and the first sample of each timeline, so thinning never hides a failure or a switch
/// (at most 3 x (buckets + 1) points, oldest first). Columns are (to - from) / buckets wide,
/// rounded up to whole 5-minute slots when wider than one, and aligned to multiples of their width
/// since the epoch. No more samples than columns: all of them, untouched. Pure; any thread.
QList<LagSample> decimateLag(const QList<LagSample>& samples, qint64 fromUsec, qint64 toUsec, int buckets);

} // namespace tideline::monitor
