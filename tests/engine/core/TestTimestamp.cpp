// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/core/Timestamp.h"

#include <QTest>

using tideline::Timestamp;

class TestTimestamp : public QObject {
    Q_OBJECT
private slots:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("iso");
        QTest::addColumn<QString>("ctime");
        // barman str(datetime) with µs and offset; ctime stays in the value's own offset
        QTest::newRow("barman-us") << "2014-12-22 09:25:22.561207+01:00" << true << "2014-12-22T09:25:22.561207+01:00"
                                   << "Mon Dec 22 09:25:22 2014";
        QTest::newRow("barman-no-us") << "2025-12-06 02:00:01+00:00" << true << "2025-12-06T02:00:01+00:00"
                                      << "Sat Dec  6 02:00:01 2025";
        QTest::newRow("rfc3339-z") << "2038-01-19T03:14:08Z" << true << "2038-01-19T03:14:08+00:00"
                                   << "Tue Jan 19 03:14:08 2038";
        QTest::newRow("pg-short-offset") << "2024-02-29 23:59:59.5-05" << true << "2024-02-29T23:59:59.500000-05:00"
                                         << "Thu Feb 29 23:59:59 2024";
        QTest::newRow("compact-offset") << "2024-03-01T00:00:00+0530" << true << "2024-03-01T00:00:00+05:30"
                                        << "Fri Mar  1 00:00:00 2024";
        QTest::newRow("no-zone") << "2024-03-01 10:00:00" << true << "2024-03-01T10:00:00+00:00"
                                 << "Fri Mar  1 10:00:00 2024";
        QTest::newRow("feb-30") << "2023-02-30 10:00:00+00" << false << ""
                                << "";
        QTest::newRow("nanoseconds") << "2023-02-01 10:00:00.1234567+00" << false << ""
                                     << "";
        QTest::newRow("garbage") << "yesterday" << false << ""
                                 << "";
        QTest::newRow("trailing") << "2023-02-01 10:00:00+00 x" << false << ""
                                  << "";
        QTest::newRow("pre-epoch") << "1969-12-31T23:59:59.999999+00:00" << true << "1969-12-31T23:59:59.999999+00:00"
                                   << "Wed Dec 31 23:59:59 1969";
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(QString, iso);
        QFETCH(QString, ctime);
        const auto ts = Timestamp::parse(text);
        QCOMPARE(ts.has_value(), valid);
        if (!valid)
            return;
        QCOMPARE(ts->toIso(), iso);
        QCOMPARE(ts->toCtime(), ctime);
        const auto again = Timestamp::parse(ts->toIso());
        QVERIFY(again);
        QCOMPARE(again->usecUtc, ts->usecUtc);
    }
    void offsetsCompareAsInstants()
    {
        const auto a = Timestamp::parse(u"2025-01-01 10:00:00+02:00");
        const auto b = Timestamp::parse(u"2025-01-01T08:00:00Z");
        QVERIFY(a && b);
        QCOMPARE(a->usecUtc, b->usecUtc);
        QVERIFY(*a == *b);
        QCOMPARE(a->usecUtc, qint64(1735718400) * 1000000);
        QVERIFY(!Timestamp::parse(u"2025-01-01 10:00:00")->offsetKnown);
    }
};

QTEST_GUILESS_MAIN(TestTimestamp)
#include "TestTimestamp.moc"
