// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/monitor/LagHistory.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <atomic>

namespace tideline::monitor {

namespace {

struct LagHistoryText {
    Q_DECLARE_TR_FUNCTIONS(LagHistory)
};

constexpr int kSchemaVersion = 1;

Error sqlError(const QString& what, const QSqlError& e)
{
    return {ErrorCode::Internal,
            LagHistoryText::tr("archiving history: %1: %2").arg(what, e.text()),
            LagHistoryText::tr("Check that the data directory is writable and the disk is not full."),
            {}};
}

QVariant optional(const std::optional<qint64>& v)
{
    return v ? QVariant(*v) : QVariant();
}

std::optional<qint64> optionalOf(const QVariant& v)
{
    return v.isNull() ? std::nullopt : std::optional<qint64>(v.toLongLong());
}

} // namespace

LagSample LagSample::of(const ArchiverHealth& h)
{
    LagSample s;
    s.atUsec = h.facts.serverNowUsec;
    s.bytesNotInBucket = h.bytesNotInBucket;
    s.segmentsNotInBucket =
        h.segmentsNotInBucket ? std::optional<qint64>(static_cast<qint64>(*h.segmentsNotInBucket)) : std::nullopt;
    s.readyCount = h.facts.readyCount;
    s.archivedCount = h.facts.archivedCount;
    s.failedCount = h.facts.failedCount;
    s.timeline = h.facts.timeline;
    s.failing = std::any_of(h.alerts.begin(), h.alerts.end(), [](const FiringAlert& a) {
        return a.name == QLatin1String("CNPGClusterWALArchivingFailing") || a.name.startsWith(QLatin1String("Tideline"));
    });
    return s;
}

LagHistory::LagHistory(QString connection) : m_connection(std::move(connection))
{}

LagHistory::LagHistory(LagHistory&& other) noexcept : m_connection(std::exchange(other.m_connection, QString()))
{}

LagHistory::~LagHistory()
{
    if (m_connection.isEmpty())
        return;
    QSqlDatabase::database(m_connection, false).close();
    QSqlDatabase::removeDatabase(m_connection);
}

Result<LagHistory> LagHistory::open(const QString& path)
{
    static std::atomic_int serial{0};
    const QString name = QStringLiteral("tideline-lag-%1").arg(serial.fetch_add(1));
    LagHistory history(name);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    if (!db.isValid())
        return fail(ErrorCode::Internal, LagHistoryText::tr("the SQLite driver of Qt SQL is missing"),
                    LagHistoryText::tr("Install libqt6sql6-sqlite."));
    db.setDatabaseName(path);
    if (!db.open())
        return std::unexpected(sqlError(path, db.lastError()));
    QSqlQuery q(db);
    // WAL journal: the sampler writes while the window reads; NORMAL sync: a lost last sample after
    // a power cut is acceptable for a history, a stall of the sampler on every fsync is not.
    for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL"})
        if (!q.exec(QLatin1StringView(pragma)))
            return std::unexpected(sqlError(path, q.lastError()));
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return fail(ErrorCode::Corrupt, LagHistoryText::tr("%1 is not an SQLite database").arg(path),
                    LagHistoryText::tr("Move it away; Tideline starts a new history."));
    const int version = q.value(0).toInt();
    if (version > kSchemaVersion)
        return fail(ErrorCode::Corrupt,
                    LagHistoryText::tr("%1 was written by a newer Tideline (schema %2)").arg(path).arg(version),
                    LagHistoryText::tr("Use that version, or move the file away."));
    if (version < kSchemaVersion) {
        const char* schema[] = {
            "CREATE TABLE IF NOT EXISTS samples (target TEXT NOT NULL, at INTEGER NOT NULL, bytes INTEGER,"
            " segments INTEGER, ready INTEGER, archived INTEGER NOT NULL, failed INTEGER NOT NULL,"
            " failing INTEGER NOT NULL, timeline INTEGER NOT NULL, error TEXT)",
            // Covers what thinning reads, so a 30-day chart never touches the table's rows.
            "CREATE INDEX IF NOT EXISTS samples_by_time ON samples (target, at, bytes, failing, timeline)",
            "PRAGMA user_version = 1",
        };
        for (const char* sql : schema)
            if (!q.exec(QLatin1StringView(sql)))
                return std::unexpected(sqlError(path, q.lastError()));
    }
    return history;
}

Result<void> LagHistory::append(const QString& target, const LagSample& s)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO samples (target, at, bytes, segments, ready, archived, failed, failing,"
                             " timeline, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const QVariant& v : {QVariant(target), QVariant(s.atUsec), optional(s.bytesNotInBucket),
                              optional(s.segmentsNotInBucket), optional(s.readyCount), QVariant(s.archivedCount),
                              QVariant(s.failedCount), QVariant(s.failing ? 1 : 0), QVariant(s.timeline), QVariant(s.error)})
        q.addBindValue(v);
    if (!q.exec())
        return std::unexpected(sqlError(db.databaseName(), q.lastError()));
    return {};
}

Result<void> LagHistory::append(const QString& target, const QList<LagSample>& samples)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!db.transaction())
        return std::unexpected(sqlError(db.databaseName(), db.lastError()));
    for (const LagSample& s : samples)
        if (auto r = append(target, s); !r) {
            db.rollback();
            return r;
        }
    if (!db.commit())
        return std::unexpected(sqlError(db.databaseName(), db.lastError()));
    return {};
}

namespace {

constexpr const char* kColumns = "at, bytes, segments, ready, archived, failed, failing, timeline, error";

Result<QList<LagSample>> readSamples(QSqlDatabase db, const QString& sql, const QVariantList& binds)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant& v : binds)
        q.addBindValue(v);
    if (!q.exec())
        return std::unexpected(sqlError(db.databaseName(), q.lastError()));
    QList<LagSample> out;
    while (q.next()) {
        LagSample s;
        s.atUsec = q.value(0).toLongLong();
        s.bytesNotInBucket = optionalOf(q.value(1));
        s.segmentsNotInBucket = optionalOf(q.value(2));
        s.readyCount = optionalOf(q.value(3));
        s.archivedCount = q.value(4).toLongLong();
        s.failedCount = q.value(5).toLongLong();
        s.failing = q.value(6).toInt() != 0;
        s.timeline = q.value(7).toUInt();
        s.error = q.value(8).toString();
        out.append(std::move(s));
    }
    return out;
}

// The column of a sample: the same 64-bit integer arithmetic in C++ and in SQLite (both truncate
// toward zero). Callers keep (at - from) * buckets far below 2^63: a year in microseconds times
// 10,000 columns is 3e17.
qint64 columnOf(qint64 at, qint64 from, qint64 to, int buckets)
{
    return (at - from) * buckets / (to - from);
}

} // namespace

Result<QList<LagSample>> LagHistory::range(const QString& target, qint64 fromUsec, qint64 toUsec) const
{
    return readSamples(QSqlDatabase::database(m_connection, false),
                       QStringLiteral("SELECT %1 FROM samples WHERE target = ? AND at BETWEEN ? AND ? ORDER BY at")
                           .arg(QLatin1StringView(kColumns)),
                       {target, fromUsec, toUsec});
}

Result<QList<LagSample>> LagHistory::range(const QString& target, qint64 fromUsec, qint64 toUsec, int buckets) const
{
    if (buckets <= 0 || buckets > 100'000 || toUsec <= fromUsec || toUsec - fromUsec > (qint64(1) << 52))
        return range(target, fromUsec, toUsec);
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    // Per column the peak and the first failure, straight from the covering index. SQLite fills
    // the bare columns of a max()/min() aggregate from the row that has the extreme (documented
    // behaviour); a sample without bytes counts as -1, as decimateLag() counts it.
    const QString column = QStringLiteral("((at - %1) * %2) / (%3 - %1)").arg(fromUsec).arg(buckets).arg(toUsec);
    const QString sql =
        QStringLiteral("SELECT DISTINCT %1 FROM ("
                       " SELECT %1, max(coalesce(bytes, -1)) FROM samples WHERE target = ? AND at BETWEEN ? AND ?"
                       "  GROUP BY %2"
                       " UNION SELECT %1, min(at) FROM samples WHERE target = ? AND at BETWEEN ? AND ? AND failing = 1"
                       "  GROUP BY %2) ORDER BY at")
            .arg(QLatin1StringView(kColumns), column);
    // Qt's SQLite driver counts "?" itself: the same three values for each part.
    const QVariantList binds{target, fromUsec, toUsec};
    auto rows = readSamples(db, sql, binds + binds);
    if (!rows)
        return rows;
    // The first sample of each timeline: a switch lies between two kept points of different
    // timelines (or before the first), so a short index range finds it exactly.
    QList<LagSample> out;
    out.reserve(rows->size() + 4);
    qint64 previousAt = fromUsec;
    std::optional<quint32> timeline;
    for (const LagSample& s : std::as_const(*rows)) {
        if (s.timeline != 0 && (!timeline || s.timeline != *timeline)) {
            auto first = readSamples(db,
                                     QStringLiteral("SELECT %1 FROM samples WHERE target = ? AND at BETWEEN ? AND ? AND "
                                                    "timeline = ? ORDER BY at LIMIT 1")
                                         .arg(QLatin1StringView(kColumns)),
                                     {target, previousAt, s.atUsec, s.timeline});
            if (!first)
                return first;
            if (!first->isEmpty() && first->front().atUsec != s.atUsec
                && (out.isEmpty() || out.last().atUsec != first->front().atUsec))
                out.append(first->front());
            timeline = s.timeline;
        }
        if (s.timeline != 0)
            timeline = s.timeline;
        previousAt = s.atUsec;
        out.append(s);
    }
    return out;
}

Result<qint64> LagHistory::prune(qint64 beforeUsec)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM samples WHERE at < ?"));
    q.addBindValue(beforeUsec);
    if (!q.exec())
        return std::unexpected(sqlError(db.databaseName(), q.lastError()));
    return static_cast<qint64>(q.numRowsAffected());
}

QList<LagSample> decimateLag(const QList<LagSample>& samples, qint64 fromUsec, qint64 toUsec, int buckets)
{
    constexpr qint64 kMaxSpan = qint64(1) << 52; // 142 years of microseconds: no overflow below
    if (buckets <= 0 || buckets > 100'000 || toUsec <= fromUsec || toUsec - fromUsec > kMaxSpan || samples.size() <= buckets)
        return samples;
    QList<LagSample> out;
    out.reserve(3 * buckets);
    qsizetype i = 0;
    std::optional<quint32> timeline;
    while (i < samples.size()) {
        const qint64 column = columnOf(samples[i].atUsec, fromUsec, toUsec, buckets);
        qsizetype peak = -1;
        qsizetype firstFailing = -1;
        qsizetype switched = -1;
        for (; i < samples.size() && columnOf(samples[i].atUsec, fromUsec, toUsec, buckets) == column; ++i) {
            const LagSample& s = samples[i];
            if (peak < 0 || s.bytesNotInBucket.value_or(-1) > samples[peak].bytesNotInBucket.value_or(-1))
                peak = i;
            if (s.failing && firstFailing < 0)
                firstFailing = i;
            // The first sample of every timeline, the oldest included (LagHistory::range() keeps
            // the same points).
            if (s.timeline != 0 && (!timeline || s.timeline != *timeline) && switched < 0)
                switched = i;
            if (s.timeline != 0)
                timeline = s.timeline;
        }
        QList<qsizetype> keep{peak};
        for (qsizetype k : {firstFailing, switched})
            if (k >= 0 && !keep.contains(k))
                keep.append(k);
        std::sort(keep.begin(), keep.end());
        for (qsizetype k : keep)
            out.append(samples[k]);
    }
    return out;
}

} // namespace tideline::monitor
