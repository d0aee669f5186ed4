// SPDX-License-Identifier: GPL-3.0-or-later
// WalListingPlan: the ranges that list wals/ in few round trips must list every key of every
// directory exactly once, whatever the directories hold (labels, partials, uncompressed
// segments, odd names, deep keys) and whatever order the delimiter listing came in.
#include "engine/catalog/WalListingPlan.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>

using tideline::catalog::WalListingPlan;

namespace {

const QString kPrefix = QStringLiteral("cnpg/pg-main/wals/");

QString dirName(int tli, int log)
{
    return QStringLiteral("%1%2").arg(tli, 8, 16, QLatin1Char('0')).arg(log, 8, 16, QLatin1Char('0')).toUpper();
}

// The keys a ListObjectsV2 of wals/ would return, in S3's order, and its delimiter prefixes.
struct Archive {
    QStringList keys;
    QStringList dirs;
};

Archive makeArchive(int dirCount, quint32 seed)
{
    QRandomGenerator rng(seed);
    QStringList keys{kPrefix + QStringLiteral("00000002.history.gz"), kPrefix + QStringLiteral("00000003.history")};
    for (int d = 0; d < dirCount; ++d) {
        const QString dir = dirName(1 + d / 100, d % 100);
        const int segments = d == dirCount - 1 ? int(rng.bounded(256)) + 1 : 256;
        for (int s = 0; s < segments; ++s) {
            if (rng.bounded(50) == 0)
                continue; // a gap
            const QString name = dir + QStringLiteral("%1").arg(s, 8, 16, QLatin1Char('0')).toUpper();
            // Compressed, or plain (the name alone: equal to a cut), sometimes a label or a partial.
            keys << kPrefix + dir + u'/' + name + (rng.bounded(4) == 0 ? QString() : QStringLiteral(".gz"));
            if (rng.bounded(40) == 0)
                keys << kPrefix + dir + u'/' + name + QStringLiteral(".00000028.backup.gz");
            if (rng.bounded(200) == 0)
                keys << kPrefix + dir + u'/' + name + QStringLiteral(".partial");
        }
    }
    // Not barman's, yet listed: a directory of another shape, a key deeper down, non-ASCII.
    keys << kPrefix + QStringLiteral("lost+found/x") << kPrefix + QStringLiteral("0000000100000000/sub/y")
         << kPrefix + QString::fromUtf8("\xF0\x9F\x98\x80/z") << kPrefix + QString::fromUtf8("\xEE\x80\x80/w");
    std::sort(keys.begin(), keys.end(), [](const QString& a, const QString& b) { return a.toUtf8() < b.toUtf8(); });
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    Archive a;
    a.keys = keys;
    for (const QString& k : keys) {
        const qsizetype slash = k.indexOf(u'/', kPrefix.size());
        if (slash > 0 && (a.dirs.isEmpty() || a.dirs.constLast() != k.left(slash + 1)))
            a.dirs << k.left(slash + 1);
    }
    a.dirs.removeDuplicates();
    return a;
}

// What listRange() answers for a range, from the sorted keys.
QStringList answer(const QStringList& keys, const QList<QByteArray>& utf8, const WalListingPlan::Range& r)
{
    const QByteArray after = r.startAfter.toUtf8();
    const QByteArray upTo = r.upTo.toUtf8();
    QStringList out;
    for (qsizetype i = 0; i < keys.size(); ++i)
        if ((after.isEmpty() || utf8[i] > after) && (upTo.isEmpty() || utf8[i] <= upTo))
            out << keys[i];
    return out;
}

} // namespace

class TestWalListingPlan : public QObject {
    Q_OBJECT

private slots:
    void everyKeyExactlyOnce_data()
    {
        QTest::addColumn<int>("dirs");
        QTest::addColumn<int>("parallelism");
        QTest::newRow("one directory") << 1 << 16;
        QTest::newRow("three (the fixture)") << 3 << 16;
        QTest::newRow("five") << 5 << 16;
        QTest::newRow("392 (100,000 segments)") << 392 << 16;
        QTest::newRow("392, one lane") << 392 << 1;
        QTest::newRow("40, 7 lanes") << 40 << 7;
    }

    void everyKeyExactlyOnce()
    {
        QFETCH(int, dirs);
        QFETCH(int, parallelism);
        const Archive a = makeArchive(dirs, quint32(dirs * 31 + parallelism));
        QStringList shuffled = a.dirs;
        std::reverse(shuffled.begin(), shuffled.end()); // the plan sorts for itself
        const auto ranges = WalListingPlan::plan(kPrefix, shuffled, 1000, parallelism);
        QVERIFY(!ranges.isEmpty());
        QVERIFY(ranges.first().startAfter.isEmpty());
        QVERIFY(ranges.last().upTo.isEmpty());
        QList<QByteArray> utf8;
        for (const QString& k : a.keys)
            utf8 << k.toUtf8();
        QStringList listed;
        qsizetype largest = 0;
        for (const auto& r : ranges) {
            QStringList part = answer(a.keys, utf8, r);
            part.removeIf([](const QString& k) { return !WalListingPlan::inDirectory(kPrefix, k); });
            largest = std::max(largest, part.size());
            listed += part;
        }
        QStringList expected = a.keys;
        expected.removeIf([](const QString& k) { return !WalListingPlan::inDirectory(kPrefix, k); });
        QCOMPARE(listed, expected);
        // About a page each: one request per range, a handful of labels over at most.
        QVERIFY2(largest <= 1000, qPrintable(QString::number(largest)));
        const int lanes = WalListingPlan::lanes(ranges.size(), parallelism);
        if (ranges.size() > lanes)
            QCOMPARE(ranges.size() % lanes, 0);
    }

    void fewWaves()
    {
        QStringList dirs;
        for (int d = 0; d < 392; ++d)
            dirs << kPrefix + dirName(1 + d / 100, d % 100) + u'/';
        const auto ranges = WalListingPlan::plan(kPrefix, dirs, 1000, 16);
        // 392 directories (100,352 keys at most, 112 ranges of 900): 25 waves of directory
        // listings before, 7 at 16 at once; now 4 waves of 28.
        QCOMPARE(WalListingPlan::lanes(ranges.size(), 16), 28);
        QCOMPARE(ranges.size(), 112);
        // A small archive keeps the lanes asked for; a huge one stops at 32.
        QCOMPARE(WalListingPlan::lanes(40, 16), 16);
        QCOMPARE(WalListingPlan::lanes(2224, 16), 32);
        QCOMPARE(WalListingPlan::lanes(2224, 48), 48);
        QCOMPARE(WalListingPlan::lanes(112, 1), 2); // twice what was asked at most
        QVERIFY(WalListingPlan::plan(kPrefix, {}, 1000, 16).isEmpty());
        // Prefixes that are not directories of wals/ are not planned for.
        QVERIFY(WalListingPlan::plan(kPrefix, {QStringLiteral("elsewhere/x/"), kPrefix + QStringLiteral("a/b/")}, 1000, 16)
                    .isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestWalListingPlan)
#include "TestWalListingPlan.moc"
