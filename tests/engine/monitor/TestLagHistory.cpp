// SPDX-License-Identifier: GPL-3.0-or-later
// The archiving history: samples survive a restart (a new connection to the same file, read back
// with Debian's sqlite3-free path: Qt SQL's own driver), ranges, retention, refusal of files that
// are not ours, and the chart's thinning that never hides a failure or a timeline switch.
#include "engine/monitor/LagHistory.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

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
        QVERIFY(thin.size() <= 3 * 300);
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
};

QTEST_GUILESS_MAIN(TestLagHistory)
#include "TestLagHistory.moc"
