// SPDX-License-Identifier: GPL-3.0-or-later
// The archiving history: samples survive a restart (a new connection to the same file, read back
// with Debian's sqlite3-free path: Qt SQL's own driver), ranges, retention, refusal of files that
// are not ours, and the chart's thinning that never hides a failure or a timeline switch.
#include "engine/monitor/LagHistory.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace tideline;
using namespace tideline::monitor;

namespace {

LagSample sampleAt(qint64 at, qint64 bytes, bool failing = false, quint32 timeline = 1)
{
    LagSample s;
    s.atUsec = at;
    s.bytesNotInBucket = bytes;
    s.segmentsNotInBucket = bytes / (16 << 20) + 1;
    s.readyCount = failing ? 5 : 0;
    s.archivedCount = at / 1000;
    s.failedCount = failing ? 3 : 0;
    s.failing = failing;
    s.timeline = timeline;
    return s;
}

} // namespace

class TestLagHistory : public QObject {
    Q_OBJECT

private slots:
    void survivesARestart()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.sqlite"));
        {
            auto h = LagHistory::open(path);
            QVERIFY2(h, h ? "" : qPrintable(h.error().oneLine()));
            auto appended = h->append(QStringLiteral("ctx cnpg://db/a"), sampleAt(1000, 10));
            QVERIFY2(appended, appended ? "" : qPrintable(appended.error().oneLine()));
            LagSample broken;
            broken.atUsec = 2000;
            broken.error = QStringLiteral("pods/proxy forbidden");
            QVERIFY(h->append(QStringLiteral("ctx cnpg://db/a"), broken));
            QVERIFY(h->append(QStringLiteral("ctx cnpg://db/b"), sampleAt(1500, 99, true, 2)));
        }
        auto h = LagHistory::open(path);
        QVERIFY(h);
        auto a = h->range(QStringLiteral("ctx cnpg://db/a"), 0, 10'000);
        QVERIFY(a);
        QCOMPARE(a->size(), 2);
        QCOMPARE(a->at(0).bytesNotInBucket, std::optional<qint64>(10));
        QCOMPARE(a->at(0).archivedCount, qint64(1));
        QCOMPARE(a->at(1).bytesNotInBucket, std::nullopt); // no figure is ever made up
        QCOMPARE(a->at(1).error, QStringLiteral("pods/proxy forbidden"));
        auto b = h->range(QStringLiteral("ctx cnpg://db/b"), 0, 10'000);
        QVERIFY(b && b->size() == 1 && b->at(0).failing && b->at(0).timeline == 2);
        QCOMPARE(h->range(QStringLiteral("ctx cnpg://db/a"), 1500, 10'000)->size(), 1);
        // Retention: everything before 1800 goes, for every target.
        QCOMPARE(*h->prune(1800), qint64(2));
        QCOMPARE(h->range(QStringLiteral("ctx cnpg://db/a"), 0, 10'000)->size(), 1);
    }

    void refusesFilesItCannotRead()
    {
        QTemporaryDir dir;
        const QString junk = dir.filePath(QStringLiteral("junk.sqlite"));
        QFile f(junk);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
        f.close();
        auto h = LagHistory::open(junk);
        QVERIFY(!h);
        QVERIFY(h.error().code == ErrorCode::Corrupt || h.error().code == ErrorCode::Internal);
        QVERIFY(!LagHistory::open(dir.filePath(QStringLiteral("no/such/dir/h.sqlite"))));
    }

    void thinningKeepsEveryFailureAndSwitch()
    {
        QList<LagSample> samples;
        const qint64 step = 10'000'000;
        for (int i = 0; i < 100'000; ++i)
            samples.append(sampleAt(i * step, (i % 97) * 1000, i == 4321 || i == 77'777, i < 60'000 ? 1 : 2));
        const auto thin = decimateLag(samples, 0, 100'000 * step, 300);
        QVERIFY(thin.size() <= 3 * 301);
        int failing = 0;
        bool switchKept = false;
        for (qsizetype i = 0; i < thin.size(); ++i) {
            failing += thin[i].failing;
            if (i > 0)
                QVERIFY(thin[i - 1].atUsec < thin[i].atUsec);
            switchKept = switchKept || thin[i].atUsec == 60'000 * step;
        }
        QCOMPARE(failing, 2);
        QVERIFY(switchKept);
        // Each column keeps its peak: the largest value anywhere survives.
        const auto peak = std::max_element(thin.begin(), thin.end(), [](const LagSample& a, const LagSample& b) {
            return a.bytesNotInBucket < b.bytesNotInBucket;
        });
        QCOMPARE(peak->bytesNotInBucket, std::optional<qint64>(96'000));
        // SQLite thins a stored history to the very same points.
        QTemporaryDir dir;
        auto h = LagHistory::open(dir.filePath(QStringLiteral("thin.sqlite")));
        QVERIFY(h && h->append(QStringLiteral("t"), samples));
        auto sql = h->range(QStringLiteral("t"), 0, 100'000 * step, 300);
        QVERIFY2(sql, sql ? "" : qPrintable(sql.error().oneLine()));
        QList<qint64> a;
        QList<qint64> b;
        for (const auto& x : thin)
            a.append(x.atUsec);
        for (const auto& x : *sql)
            b.append(x.atUsec);
        QCOMPARE(b, a);
        // Fewer samples than columns: untouched.
        QCOMPARE(decimateLag(samples.mid(0, 10), 0, 100 * step, 300).size(), 10);
    }

    // The summaries answer exactly what the samples would, for ranges that cut slots anywhere,
    // widths on either side of a slot, sparse stretches, errors, failures and a timeline switch,
    // and again after retention cut a slot in two and after a reopen.
    void summariesAnswerAsTheSamplesWould()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sum.sqlite"));
        const qint64 step = 10'000'000;
        const qint64 base = 1'796'000'003'000'000; // not on a slot boundary
        QList<LagSample> samples;
        quint32 lcg = 12345;
        for (int i = 0; i < 40'000; ++i) {
            lcg = lcg * 1103515245u + 12345u;
            if (i > 10'000 && i < 14'000 && i % 50 != 0)
                continue; // the sampler was off: one sample every 500 s
            LagSample s = sampleAt(base + i * step, qint64(lcg % 8) * 1000, (lcg >> 8) % 997 == 0, i < 25'000 ? 1 : 2);
            if ((lcg >> 12) % 401 == 0) {
                s.bytesNotInBucket.reset(); // a reading that failed
                s.timeline = 0;
                s.error = QStringLiteral("refused");
            }
            samples.append(s);
        }
        const QString target = QStringLiteral("t");
        auto check = [&](const LagHistory& h, const QList<LagSample>& kept, qint64 from, qint64 to, int buckets) {
            QList<LagSample> inRange;
            for (const auto& s : kept)
                if (s.atUsec >= from && s.atUsec <= to)
                    inRange.append(s);
            QList<qint64> want;
            for (const auto& x : decimateLag(inRange, from, to, buckets))
                want.append(x.atUsec);
            auto got = h.range(target, from, to, buckets);
            QVERIFY2(got, got ? "" : qPrintable(got.error().oneLine()));
            QList<qint64> gotAt;
            for (const auto& x : *got)
                gotAt.append(x.atUsec);
            QCOMPARE(gotAt, want);
        };
        const qint64 end = base + 40'000 * step;
        const QList<std::tuple<qint64, qint64, int>> ranges{
            {base - 7, end + 7, 300},                                            // all, columns of whole slots
            {base + 1'234'567, end - 9'876'543, 97},                             // cut slots at both ends
            {base + qint64(100'000) * 1000, base + qint64(160'000) * 1000, 400}, // narrower than a slot a column
            {base + 12'000 * step + 3, base + 26'000 * step, 20},                // sparse stretch and the switch
            {base + 5, base + qint64(6'000'000) * 1'000'000, 5},                 // far past the last sample
        };
        {
            // A sparse history: fewer samples than columns over a month, all kept.
            auto sparse = LagHistory::open(dir.filePath(QStringLiteral("sparse.sqlite")));
            QVERIFY(sparse && sparse->append(target, samples.mid(0, 40)));
            check(*sparse, samples.mid(0, 40), base, base + qint64(30) * 86'400'000'000, 100);
            QCOMPARE(sparse->range(target, base, base + qint64(30) * 86'400'000'000, 100)->size(), 40);
            // Two dense bursts in a month: more samples than columns, fewer summaries than columns.
            QList<LagSample> bursts = samples.mid(0, 120) + samples.mid(30'000, 120);
            auto bursty = LagHistory::open(dir.filePath(QStringLiteral("bursts.sqlite")));
            QVERIFY(bursty && bursty->append(target, bursts));
            check(*bursty, bursts, base, base + qint64(30) * 86'400'000'000, 100);
        }
        {
            auto h = LagHistory::open(path);
            QVERIFY(h);
            QVERIFY(h->append(target, samples.mid(0, 100)));
            for (const auto& s : samples.mid(100, 500))
                QVERIFY(h->append(target, s)); // one at a time, as the sampler writes
            QVERIFY(h->append(target, samples.mid(600)));
            QVERIFY(h->append(QStringLiteral("other"), sampleAt(base + 50 * step, 1'000'000'000, true)));
            for (const auto& [from, to, buckets] : ranges)
                check(*h, samples, from, to, buckets);
            // Retention cuts a slot in two: the slot is summarized again from what it keeps.
            const qint64 cut = base + 15'003 * step + 1;
            QVERIFY(h->prune(cut));
            QList<LagSample> kept;
            for (const auto& s : samples)
                if (s.atUsec >= cut)
                    kept.append(s);
            samples = kept;
            for (const auto& [from, to, buckets] : ranges)
                check(*h, samples, from, to, buckets);
        }
        auto h = LagHistory::open(path);
        QVERIFY(h);
        check(*h, samples, base, end, 150);
    }

    // Timelines that live only between two of the summaries' points (a switch inside a slot,
    // a reading that goes back to an older timeline) are kept as the samples would keep them.
    void switchesInsideSlotsAreKept()
    {
        QTemporaryDir dir;
        auto h = LagHistory::open(dir.filePath(QStringLiteral("tl.sqlite")));
        QVERIFY(h);
        const qint64 step = 10'000'000;
        const qint64 base = 1'796'000'000'000'000;
        QList<LagSample> samples;
        for (int i = 0; i < 20'000; ++i) {
            quint32 tl = 1;
            if (i == 5001)
                tl = 2; // one reading on timeline 2, inside a slot whose peak is on 1
            else if (i > 5001)
                tl = 3;
            if (i >= 9000 && i < 9003)
                tl = 1; // back to 1 for three readings (a history repointed), then 3 again
            samples.append(sampleAt(base + i * step, i == 5000 ? 999'999 : (i % 13) * 1000, false, tl));
        }
        QVERIFY(h->append(QStringLiteral("t"), samples));
        for (const int buckets : {1000, 200, 37}) {
            const qint64 from = base - 1;
            const qint64 to = base + qint64(30) * 86'400'000'000;
            QList<qint64> want;
            for (const auto& x : decimateLag(samples, from, to, buckets))
                want.append(x.atUsec);
            auto got = h->range(QStringLiteral("t"), from, to, buckets);
            QVERIFY(got);
            QList<qint64> gotAt;
            for (const auto& x : *got)
                gotAt.append(x.atUsec);
            QCOMPARE(gotAt, want);
            if (buckets == 1000) // fine enough that timeline 2's column starts no other run
                QVERIFY(gotAt.contains(base + 5001 * step));
        }
        // Extreme cuts and ranges are refused or clamped, never overflowed.
        QVERIFY(h->prune(std::numeric_limits<qint64>::min()));
        QVERIFY(h->range(QStringLiteral("t"), std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max(), 100));
        QCOMPARE(*h->prune(std::numeric_limits<qint64>::max()), qint64(samples.size()));
    }

    // A history written by the first version (no summaries) is summarized once on open.
    void anOlderFileIsMigrated()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v1.sqlite"));
        const qint64 step = 10'000'000;
        const qint64 base = 1'796'000'000'000'000;
        QList<LagSample> samples;
        for (int i = 0; i < 6000; ++i)
            samples.append(sampleAt(base + i * step, (i * 7919) % 50'000, i == 4444, i < 3000 ? 1 : 2));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral(
                "CREATE TABLE samples (target TEXT NOT NULL, at INTEGER NOT NULL, bytes INTEGER, segments INTEGER,"
                " ready INTEGER, archived INTEGER NOT NULL, failed INTEGER NOT NULL, failing INTEGER NOT NULL,"
                " timeline INTEGER NOT NULL, error TEXT)")));
            QVERIFY(db.transaction());
            q.prepare(QStringLiteral("INSERT INTO samples VALUES ('t', ?, ?, 1, 0, 0, 0, ?, ?, NULL)"));
            for (const auto& s : samples) {
                q.addBindValue(s.atUsec);
                q.addBindValue(*s.bytesNotInBucket);
                q.addBindValue(s.failing ? 1 : 0);
                q.addBindValue(s.timeline);
                QVERIFY(q.exec());
            }
            QVERIFY(db.commit());
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 1")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v1"));
        auto h = LagHistory::open(path);
        QVERIFY2(h, h ? "" : qPrintable(h.error().oneLine()));
        QList<qint64> want;
        for (const auto& x : decimateLag(samples, base, base + 6000 * step, 40))
            want.append(x.atUsec);
        auto got = h->range(QStringLiteral("t"), base, base + 6000 * step, 40);
        QVERIFY(got);
        QList<qint64> gotAt;
        for (const auto& x : *got)
            gotAt.append(x.atUsec);
        QCOMPARE(gotAt, want);
    }
};

QTEST_GUILESS_MAIN(TestLagHistory)
#include "TestLagHistory.moc"
