// SPDX-License-Identifier: GPL-3.0-or-later
// The PITR timeline's geometry (time <-> x, zoom around the cursor, hit-testing) at scales from
// a minute to years, and the time edit's refusal of wall times a DST change makes ambiguous or
// non-existent. Pure: no bucket.
#include "src/views/PitrTimeline.h"
#include "src/views/PitrView.h"
#include "src/views/TimelineScale.h"

#include "engine/catalog/WalArchive.h"

#include <QTest>
#include <QTimeZone>

using namespace tideline;
using namespace tideline::gui;

namespace {
constexpr qint64 kSec = 1'000'000;
constexpr qint64 kT0 = 1'764'000'000LL * kSec; // 2025-11-24T16:00:00Z
} // namespace

class TestTimelineScale : public QObject {
    Q_OBJECT

private slots:
    void mapsTimeToXAndBack_data()
    {
        QTest::addColumn<double>("spanSeconds");
        QTest::newRow("1 minute") << 60.0;
        QTest::newRow("1 hour") << 3600.0;
        QTest::newRow("1 day") << 86400.0;
        QTest::newRow("30 days") << 30 * 86400.0;
        QTest::newRow("3 years") << 3 * 365 * 86400.0;
    }
    void mapsTimeToXAndBack()
    {
        QFETCH(double, spanSeconds);
        TimelineScale s(1000, 0, 1);
        s.fit(kT0, kT0 + static_cast<qint64>(spanSeconds * kSec), 0);
        QVERIFY(qAbs(s.xForTime(kT0)) < 1e-6 * 1000 + 0.5);
        QVERIFY(qAbs(s.xForTime(kT0 + static_cast<qint64>(spanSeconds * kSec)) - 1000) < 0.5);
        // Round trip within one pixel's worth of time.
        for (double x : {0.0, 1.0, 333.3, 999.0}) {
            const qint64 t = s.timeForX(x);
            QVERIFY2(qAbs(s.xForTime(t) - x) < 0.01, qPrintable(QString::number(s.xForTime(t) - x)));
        }
    }

    void zoomKeepsTheInstantUnderTheCursor_data()
    {
        QTest::addColumn<double>("spanSeconds");
        QTest::addColumn<double>("cursorX");
        QTest::addColumn<double>("factor");
        QTest::newRow("hour, zoom in left") << 3600.0 << 100.0 << 2.0;
        QTest::newRow("day, zoom out right") << 86400.0 << 900.0 << 0.5;
        QTest::newRow("year, zoom in centre") << 365 * 86400.0 << 500.0 << 1.25;
        QTest::newRow("5 minutes, zoom in hard") << 300.0 << 640.0 << 50.0;
    }
    void zoomKeepsTheInstantUnderTheCursor()
    {
        QFETCH(double, spanSeconds);
        QFETCH(double, cursorX);
        QFETCH(double, factor);
        TimelineScale s(1000, 0, 1);
        s.fit(kT0, kT0 + static_cast<qint64>(spanSeconds * kSec), 0);
        const qint64 before = s.timeForX(cursorX);
        const double span = s.spanUsec();
        s.zoomAround(cursorX, factor);
        QVERIFY(qAbs(s.timeForX(cursorX) - before) <= static_cast<qint64>(s.usecPerPixel()));
        const double expected = std::clamp(span / factor, TimelineScale::kMinSpanUsec, TimelineScale::kMaxSpanUsec);
        QVERIFY2(qAbs(s.spanUsec() - expected) / expected < 1e-9, qPrintable(QString::number(s.spanUsec())));
    }

    void zoomIsClampedFromAMinuteToYears()
    {
        TimelineScale s(1000, kT0, 1e6);
        for (int i = 0; i < 100; ++i)
            s.zoomAround(500, 10);
        QCOMPARE(s.spanUsec(), TimelineScale::kMinSpanUsec);
        for (int i = 0; i < 100; ++i)
            s.zoomAround(500, 0.1);
        QCOMPARE(s.spanUsec(), TimelineScale::kMaxSpanUsec);
    }

    void panMovesByPixels()
    {
        TimelineScale s(1000, kT0, 1e6); // one second per pixel
        s.pan(120);                      // content follows the mouse right: earlier times in view
        QCOMPARE(s.startUsec(), kT0 - 120 * kSec);
        QCOMPARE(s.timeForX(120), kT0);
    }

    void hitTestsSpansAtSeveralScales()
    {
        // Two backups an hour apart, each lasting 10 minutes, in row [40, 60]; a WAL band below.
        const QList<TimelineScale::Item> items{
            {kT0, kT0 + 600 * kSec, 40, 60},
            {kT0 + 3600 * kSec, kT0 + 4200 * kSec, 40, 60},
            {kT0 - 86400 * kSec, kT0 + 86400 * kSec, 70, 90},
        };
        TimelineScale hour(1000, 0, 1);
        hour.fit(kT0, kT0 + 2 * 3600 * kSec, 0);
        QCOMPARE(hour.hitTest(items, {hour.xForTime(kT0 + 300 * kSec), 50}), 0);
        QCOMPARE(hour.hitTest(items, {hour.xForTime(kT0 + 3900 * kSec), 50}), 1);
        QCOMPARE(hour.hitTest(items, {hour.xForTime(kT0 + 1800 * kSec), 50}), -1); // between them
        QCOMPARE(hour.hitTest(items, {hour.xForTime(kT0 + 300 * kSec), 65}), -1);  // between rows
        QCOMPARE(hour.hitTest(items, {hour.xForTime(kT0 + 300 * kSec), 80}), 2);

        // At a yearly zoom both backups are far below a pixel wide: the minimum width keeps them
        // hoverable, and the nearest centre wins.
        TimelineScale year(1000, 0, 1);
        year.fit(kT0 - 180 * 86400 * kSec, kT0 + 180 * 86400 * kSec, 0);
        QVERIFY(year.xForTime(kT0 + 4200 * kSec) - year.xForTime(kT0) < 1);
        const double x = year.xForTime(kT0);
        QVERIFY(year.hitTest(items, {x, 50}) >= 0);
        QCOMPARE(year.hitTest(items, {x + 10, 50}), -1);
        QCOMPARE(year.hitTest(items, {x + 2, 50}, 6), 1); // the later one's centre is nearer
    }

    void bandsMergeContiguousSegments()
    {
        // Segments 1..5 and 8..9 on timeline 1, 3..4 on timeline 2: three bands, one gap.
        QList<storage::ObjectInfo> objects;
        auto add = [&](int tli, int segno, qint64 t) {
            const QString name = QStringLiteral("%1%2%3")
                                     .arg(tli, 8, 16, QLatin1Char('0'))
                                     .arg(0, 8, 16, QLatin1Char('0'))
                                     .arg(segno, 8, 16, QLatin1Char('0'))
                                     .toUpper();
            storage::ObjectInfo o;
            o.key = QStringLiteral("pg/wals/%1/%2.gz").arg(name.left(16), name);
            o.size = 1000;
            o.lastModifiedUsec = t;
            objects.append(o);
        };
        for (int i = 1; i <= 5; ++i)
            add(1, i, kT0 + i * 60 * kSec);
        for (int i = 8; i <= 9; ++i)
            add(1, i, kT0 + i * 60 * kSec);
        for (int i = 3; i <= 4; ++i)
            add(2, i, kT0 + (10 + i) * 60 * kSec);
        const auto wals = catalog::WalArchive::build(QStringLiteral("pg/wals/"), objects, 16 * 1024 * 1024);
        const auto bands = PitrTimeline::computeBands(wals);
        QCOMPARE(bands.size(), 3);
        QCOMPARE(bands[0].timeline, 1u);
        QCOMPARE(bands[0].firstSegno, 1u);
        QCOMPARE(bands[0].lastSegno, 5u);
        QCOMPARE(bands[0].beginUsec, kT0 + 60 * kSec);
        QCOMPARE(bands[0].endUsec, kT0 + 300 * kSec);
        QCOMPARE(bands[1].firstSegno, 8u);
        QCOMPARE(bands[2].timeline, 2u);
    }

    void refusesWallTimesThatDstMakesAmbiguousOrMissing()
    {
        const QTimeZone berlin("Europe/Berlin");
        QVERIFY(berlin.isValid());
        using S = PitrView::WallTime::Status;
        // 2025-03-30 02:30 does not exist in Berlin (02:00 -> 03:00).
        QCOMPARE(PitrView::resolveWallTime(QDate(2025, 3, 30), QTime(2, 30), berlin).status, S::Nonexistent);
        // 2025-10-26 02:30 happened twice (03:00 -> 02:00).
        QCOMPARE(PitrView::resolveWallTime(QDate(2025, 10, 26), QTime(2, 30), berlin).status, S::Ambiguous);
        // An ordinary winter and summer time resolve to the right instant.
        const auto winter = PitrView::resolveWallTime(QDate(2025, 1, 15), QTime(12, 0, 5), berlin);
        QCOMPARE(winter.status, S::Ok);
        QCOMPARE(winter.usecUtc, QDateTime(QDate(2025, 1, 15), QTime(11, 0, 5), QTimeZone::utc()).toMSecsSinceEpoch() * 1000);
        QCOMPARE(winter.offsetSeconds, 3600);
        const auto summer = PitrView::resolveWallTime(QDate(2025, 7, 1), QTime(12, 0), berlin);
        QCOMPARE(summer.offsetSeconds, 7200);
        // UTC has no such hours.
        QCOMPARE(PitrView::resolveWallTime(QDate(2025, 3, 30), QTime(2, 30), QTimeZone::utc()).status, S::Ok);
    }
};

QTEST_MAIN(TestTimelineScale)
#include "TestTimelineScale.moc"
