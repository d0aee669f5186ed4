// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/monitor/LagHistory.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <atomic>
#include <limits>

namespace tideline::monitor {

namespace {

struct LagHistoryText {
    Q_DECLARE_TR_FUNCTIONS(LagHistory)
};

constexpr int kSchemaVersion = 3;

// The summary slot: 5 minutes, 30 samples at the default interval. A month is 8,640 slots; a
// span too short to chart from slots (under 5 minutes a column) reads at most 30 samples a column.
constexpr qint64 kSlotUsec = 300'000'000;

qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

// Folds samples into their slots: the earliest of the largest byte counts (a sample without one
// counts as -1, as decimateLag() counts it), the earliest failing sample, and the lowest and
// highest timeline (a slot where they differ, or that differs from the one before, holds a
// switch). Every expression on the right reads the row as it was before the update.
constexpr const char* kUpsertSlot =
    " ON CONFLICT (target, slot) DO UPDATE SET"
    " peak_at = CASE WHEN excluded.peak_bytes > peak_bytes"
    "  OR (excluded.peak_bytes = peak_bytes AND excluded.peak_at < peak_at) THEN excluded.peak_at ELSE peak_at END,"
    " peak_bytes = max(peak_bytes, excluded.peak_bytes),"
    " failing_at = CASE WHEN failing_at IS NULL OR excluded.failing_at < failing_at"
    "  THEN coalesce(excluded.failing_at, failing_at) ELSE failing_at END,"
    " samples = samples + excluded.samples,"
    " tl_min = CASE WHEN tl_min IS NULL OR excluded.tl_min < tl_min THEN coalesce(excluded.tl_min, tl_min) ELSE tl_min END,"
    " tl_max = CASE WHEN tl_max IS NULL OR excluded.tl_max > tl_max THEN coalesce(excluded.tl_max, tl_max) ELSE tl_max END";

// The slots of the samples `where` selects, computed from scratch.
QString summarize(const QString& where)
{
    // SQLite's integer division truncates toward zero: sample times are positive microseconds.
    return QStringLiteral("INSERT INTO slots (target, slot, peak_at, peak_bytes, failing_at, samples, tl_min, tl_max)"
                          " SELECT target, at / %1, at, coalesce(bytes, -1), CASE WHEN failing = 1 THEN at END, 1,"
                          " nullif(timeline, 0), nullif(timeline, 0)"
                          " FROM samples WHERE at >= 0 AND (%2) ORDER BY at%3")
        .arg(kSlotUsec)
        .arg(where, QLatin1StringView(kUpsertSlot));
}

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
    // Version 3 keeps 5-minute summaries (peak, first failure, timelines per slot) that let a
    // month be charted from a few thousand rows; an older file gets them computed once.
    const char* schema[] = {
        "CREATE TABLE IF NOT EXISTS samples (target TEXT NOT NULL, at INTEGER NOT NULL, bytes INTEGER,"
        " segments INTEGER, ready INTEGER, archived INTEGER NOT NULL, failed INTEGER NOT NULL,"
        " failing INTEGER NOT NULL, timeline INTEGER NOT NULL, error TEXT)",
        "CREATE INDEX IF NOT EXISTS samples_by_time ON samples (target, at, bytes, failing, timeline)",
        "CREATE TABLE IF NOT EXISTS slots (target TEXT NOT NULL, slot INTEGER NOT NULL, peak_at INTEGER NOT NULL,"
        " peak_bytes INTEGER NOT NULL, failing_at INTEGER, samples INTEGER NOT NULL, tl_min INTEGER, tl_max INTEGER,"
        " PRIMARY KEY (target, slot)) WITHOUT ROWID",
    };
    if (version < kSchemaVersion) {
        // The sampler and the chart open the file at once: one migrates, under a write lock
        // taken up front, and the other finds it done when its turn comes.
        q.exec(QStringLiteral("PRAGMA busy_timeout = 30000"));
        if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
            return std::unexpected(sqlError(path, q.lastError()));
        auto migrate = [&]() -> bool {
            if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
                return false;
            if (q.value(0).toInt() >= kSchemaVersion)
                return true;
            for (const char* sql : schema)
                if (!q.exec(QLatin1StringView(sql)))
                    return false;
            return q.exec(QStringLiteral("DROP TABLE IF EXISTS slots")) && q.exec(QLatin1StringView(schema[2]))
                && q.exec(summarize(QStringLiteral("true")))
                && q.exec(QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion));
        };
        if (!migrate()) {
            const Error e = sqlError(path, q.lastError());
            q.exec(QStringLiteral("ROLLBACK"));
            return std::unexpected(e);
        }
        if (!q.exec(QStringLiteral("COMMIT")))
            return std::unexpected(sqlError(path, q.lastError()));
    }
    return history;
}

Result<void> LagHistory::insert(const QString& target, const LagSample& s)
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
    if (s.atUsec < 0)
        return {}; // never charted from slots (see summarize())
    q.prepare(QStringLiteral("INSERT INTO slots (target, slot, peak_at, peak_bytes, failing_at, samples, tl_min, tl_max)"
                             " VALUES (?, ?, ?, ?, ?, 1, ?, ?)")
              + QLatin1StringView(kUpsertSlot));
    const QVariant timeline = s.timeline != 0 ? QVariant(s.timeline) : QVariant();
    for (const QVariant& v :
         {QVariant(target), QVariant(s.atUsec / kSlotUsec), QVariant(s.atUsec), QVariant(s.bytesNotInBucket.value_or(-1)),
          s.failing ? QVariant(s.atUsec) : QVariant(), timeline, timeline})
        q.addBindValue(v);
    if (!q.exec())
        return std::unexpected(sqlError(db.databaseName(), q.lastError()));
    return {};
}

Result<void> LagHistory::append(const QString& target, const LagSample& sample)
{
    return append(target, QList<LagSample>{sample});
}

Result<void> LagHistory::append(const QString& target, const QList<LagSample>& samples)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!db.transaction())
        return std::unexpected(sqlError(db.databaseName(), db.lastError()));
    for (const LagSample& s : samples)
        if (auto r = insert(target, s); !r) {
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

// The chart's columns: about (to - from) / buckets wide, a whole number of slots when wider than
// one, and aligned to multiples of their width since the epoch, so that every column is made of
// whole slots and the summaries answer exactly what the samples would.
constexpr qint64 kMaxSpan = qint64(1) << 52; // 142 years of microseconds: no overflow in columns

// A range the columns can be computed for without overflow, whatever a caller passes.
bool chartable(qint64 from, qint64 to, int buckets)
{
    qint64 span = 0;
    return buckets > 0 && buckets <= 100'000 && to > from && !__builtin_sub_overflow(to, from, &span) && span <= kMaxSpan;
}

// Reads that see one state of the file: the sampler may append or prune between statements.
class ReadSnapshot {
public:
    explicit ReadSnapshot(QSqlDatabase db) : m_db(std::move(db)), m_open(m_db.transaction()) {}
    ~ReadSnapshot()
    {
        if (m_open)
            m_db.commit();
    }
    ReadSnapshot(const ReadSnapshot&) = delete;
    ReadSnapshot& operator=(const ReadSnapshot&) = delete;

private:
    QSqlDatabase m_db;
    bool m_open;
};

qint64 columnWidth(qint64 from, qint64 to, int buckets)
{
    qint64 w = std::max<qint64>(1, (to - from + buckets - 1) / buckets);
    if (w >= kSlotUsec)
        w = (w + kSlotUsec - 1) / kSlotUsec * kSlotUsec;
    return w;
}

// decimateLag() without its shortcut for short lists: what range() applies to the candidates.
QList<LagSample> decimateColumns(const QList<LagSample>& samples, qint64 fromUsec, qint64 toUsec, int buckets)
{
    const qint64 width = columnWidth(fromUsec, toUsec, buckets);
    QList<LagSample> out;
    qsizetype i = 0;
    std::optional<quint32> timeline;
    while (i < samples.size()) {
        const qint64 column = floorDiv(samples[i].atUsec, width);
        qsizetype peak = -1;
        qsizetype firstFailing = -1;
        qsizetype switched = -1;
        for (; i < samples.size() && floorDiv(samples[i].atUsec, width) == column; ++i) {
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
    // Slots hold positive times only, and the last slot's end must not overflow.
    constexpr qint64 kLatestUsec = std::numeric_limits<qint64>::max() / 2;
    if (!chartable(fromUsec, toUsec, buckets) || fromUsec < 0 || toUsec > kLatestUsec
        || columnWidth(fromUsec, toUsec, buckets) < kSlotUsec) {
        auto all = range(target, fromUsec, toUsec);
        if (!all)
            return all;
        return decimateLag(*all, fromUsec, toUsec, buckets);
    }
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    const ReadSnapshot snapshot(db);
    // Slots wholly inside the range answer from their summaries; the part slots at either end
    // from their samples (a few dozen). Together they hold every column's peak and first
    // failure, so decimateLag() over them keeps exactly the points it keeps over all samples.
    const qint64 firstSlot = floorDiv(fromUsec + kSlotUsec - 1, kSlotUsec);
    const qint64 lastSlot = floorDiv(toUsec + 1, kSlotUsec) - 1;
    QList<LagSample> candidates;
    if (firstSlot > lastSlot) {
        auto all = range(target, fromUsec, toUsec);
        if (!all)
            return all;
        candidates = std::move(*all);
    } else {
        auto head = range(target, fromUsec, firstSlot * kSlotUsec - 1);
        auto tail = range(target, (lastSlot + 1) * kSlotUsec, toUsec);
        if (!head || !tail)
            return !head ? head : tail;
        QSqlQuery count(db);
        count.prepare(
            QStringLiteral("SELECT coalesce(sum(samples), 0) FROM slots WHERE target = ? AND slot BETWEEN ? AND ?"));
        for (const QVariant& v : {QVariant(target), QVariant(firstSlot), QVariant(lastSlot)})
            count.addBindValue(v);
        if (!count.exec() || !count.next())
            return std::unexpected(sqlError(db.databaseName(), count.lastError()));
        // No more samples than columns: all of them, as decimateLag() leaves them.
        if (count.value(0).toLongLong() + head->size() + tail->size() <= buckets)
            return range(target, fromUsec, toUsec);
        auto middle =
            readSamples(db,
                        QStringLiteral("SELECT %1 FROM samples WHERE target = ? AND at IN ("
                                       " SELECT peak_at FROM slots WHERE target = ? AND slot BETWEEN ? AND ?"
                                       " UNION SELECT failing_at FROM slots WHERE target = ? AND slot BETWEEN ? AND ?"
                                       "  AND failing_at IS NOT NULL) ORDER BY at")
                            .arg(QLatin1StringView(kColumns)),
                        {target, target, firstSlot, lastSlot, target, firstSlot, lastSlot});
        if (!middle)
            return middle;
        // Every timeline switch inside the slots: a slot whose timelines differ, or differ from
        // the one before it, is read whole (about 30 samples) and the first sample of each run
        // kept, so the candidates change timeline exactly where the samples do.
        std::optional<quint32> running;
        for (const LagSample& h : std::as_const(*head))
            if (h.timeline != 0)
                running = h.timeline;
        QSqlQuery tl(db);
        tl.setForwardOnly(true);
        tl.prepare(QStringLiteral("SELECT slot, tl_min, tl_max FROM slots WHERE target = ? AND slot BETWEEN ? AND ?"
                                  " AND tl_min IS NOT NULL ORDER BY slot"));
        for (const QVariant& v : {QVariant(target), QVariant(firstSlot), QVariant(lastSlot)})
            tl.addBindValue(v);
        if (!tl.exec())
            return std::unexpected(sqlError(db.databaseName(), tl.lastError()));
        struct SlotTimelines {
            qint64 slot;
            quint32 min;
            quint32 max;
        };
        QList<SlotTimelines> timelines;
        while (tl.next())
            timelines.append({tl.value(0).toLongLong(), tl.value(1).toUInt(), tl.value(2).toUInt()});
        QList<LagSample> switches;
        for (const SlotTimelines& st : std::as_const(timelines)) {
            if (running && st.min == st.max && st.min == *running)
                continue;
            auto whole = range(target, st.slot * kSlotUsec, st.slot * kSlotUsec + kSlotUsec - 1);
            if (!whole)
                return whole;
            for (const LagSample& x : std::as_const(*whole)) {
                if (x.timeline == 0)
                    continue;
                if (!running || x.timeline != *running)
                    switches.append(x);
                running = x.timeline;
            }
        }
        candidates = std::move(*middle) + switches;
        std::stable_sort(candidates.begin(), candidates.end(),
                         [](const LagSample& a, const LagSample& b) { return a.atUsec < b.atUsec; });
        // A switch that is also its slot's peak came twice.
        candidates.erase(std::unique(candidates.begin(), candidates.end(),
                                     [](const LagSample& a, const LagSample& b) {
                                         return a.atUsec == b.atUsec && a.timeline == b.timeline
                                             && a.bytesNotInBucket == b.bytesNotInBucket && a.failing == b.failing;
                                     }),
                         candidates.end());
        candidates = std::move(*head) + candidates + std::move(*tail);
    }
    return decimateColumns(candidates, fromUsec, toUsec, buckets);
}

Result<qint64> LagHistory::prune(qint64 beforeUsec)
{
    // Far enough from the ends of qint64 that the cut slot's bounds cannot overflow.
    beforeUsec = std::clamp(beforeUsec, std::numeric_limits<qint64>::min() / 2, std::numeric_limits<qint64>::max() / 2);
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!db.transaction())
        return std::unexpected(sqlError(db.databaseName(), db.lastError()));
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM samples WHERE at < ?"));
    q.addBindValue(beforeUsec);
    if (!q.exec()) {
        db.rollback();
        return std::unexpected(sqlError(db.databaseName(), q.lastError()));
    }
    const auto removed = static_cast<qint64>(q.numRowsAffected());
    // The slot the cut falls in is summarized again from the samples it keeps.
    const qint64 cutSlot = floorDiv(beforeUsec, kSlotUsec);
    QSqlQuery s(db);
    s.prepare(QStringLiteral("DELETE FROM slots WHERE slot <= ?"));
    s.addBindValue(cutSlot);
    const bool ok = s.exec()
        && s.exec(summarize(QStringLiteral("at BETWEEN %1 AND %2")
                                .arg(std::max<qint64>(0, cutSlot * kSlotUsec))
                                .arg(cutSlot * kSlotUsec + kSlotUsec - 1)));
    if (!ok) {
        db.rollback();
        return std::unexpected(sqlError(db.databaseName(), s.lastError()));
    }
    if (!db.commit())
        return std::unexpected(sqlError(db.databaseName(), db.lastError()));
    return removed;
}

QList<LagSample> decimateLag(const QList<LagSample>& samples, qint64 fromUsec, qint64 toUsec, int buckets)
{
    if (!chartable(fromUsec, toUsec, buckets) || samples.size() <= buckets)
        return samples;
    return decimateColumns(samples, fromUsec, toUsec, buckets);
}

} // namespace tideline::monitor
