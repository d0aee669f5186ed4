// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/wal/TimelineHistory.h"

#include <QTest>

using namespace tideline::wal;
using tideline::ErrorCode;

namespace {

// "parent@hexLsn:reason|..." built from the raw values, so the expectation does not lean on
// Lsn::toString.
QString describe(const QList<HistoryEntry>& entries)
{
    QStringList parts;
    for (const HistoryEntry& e : entries)
        parts.append(QString::number(e.parent) + u'@' + QString::number(e.switchPoint.value(), 16) + u':' + e.reason);
    return parts.join(u'|');
}

HistoryEntry entry(TimelineId parent, quint64 switchPoint, const char* reason = "")
{
    return HistoryEntry{parent, Lsn(switchPoint), QString::fromUtf8(reason)};
}

} // namespace

class TestTimelineHistory : public QObject {
    Q_OBJECT
private slots:
    void parseValid_data()
    {
        QTest::addColumn<quint32>("timeline");
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("pg-written tl2") << 2u << QByteArray("1\t0/3000148\tno recovery target specified\n")
                                        << "1@3000148:no recovery target specified";
        // writeTimeLineHistory copies the parent's file and then writes "\n" before its own line,
        // so real files of timeline 3 and above hold blank lines.
        QTest::newRow("pg-written tl3")
            << 3u
            << QByteArray("1\t0/3000148\tno recovery target specified\n\n2\t0/5000060\tat restore point \"before_drop\"\n")
            << "1@3000148:no recovery target specified|2@5000060:at restore point \"before_drop\"";
        QTest::newRow("comments and blanks")
            << 2u << QByteArray("# created by hand\n\n1\t0/3000148\tno recovery target specified\n   # indented\n\n")
            << "1@3000148:no recovery target specified";
        QTest::newRow("crlf") << 2u << QByteArray("1\t0/3000148\tno recovery target specified\r\n")
                              << "1@3000148:no recovery target specified";
        QTest::newRow("no reason") << 2u << QByteArray("1\t0/3000148\n") << "1@3000148:";
        QTest::newRow("no final newline") << 2u << QByteArray("1\t0/3000148\tx") << "1@3000148:x";
        QTest::newRow("space separated, reason with spaces")
            << 2u << QByteArray("1 0/3000148   before 2025-01-01 10:00:00+00\n") << "1@3000148:before 2025-01-01 10:00:00+00";
        QTest::newRow("lower-case lsn") << 2u << QByteArray("1\t0/3a000148\tx\n") << "1@3a000148:x";
        QTest::newRow("padded lsn") << 2u << QByteArray("1\t1/00000028\tx\n") << "1@100000028:x";
        QTest::newRow("utf-8 reason") << 2u << QByteArray("1\t0/3000148\tat restore point \"\xc3\xa9t\xc3\xa9\"\n")
                                      << QString::fromUtf8("1@3000148:at restore point \"\u00e9t\u00e9\"");
        QTest::newRow("equal switch points")
            << 4u << QByteArray("1\t0/5000000\ta\n2\t0/5000000\tb\n") << "1@5000000:a|2@5000000:b";
        QTest::newRow("skipping timelines") << 12u << QByteArray("1\t0/3000148\ta\n5\t2/82000168\tb\n11\t16/B374D848\tc\n")
                                            << "1@3000148:a|5@282000168:b|11@16b374d848:c";
    }
    void parseValid()
    {
        QFETCH(quint32, timeline);
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        const auto entries = parseHistoryFile(timeline, text);
        QVERIFY2(entries.has_value(), entries ? "" : qPrintable(entries.error().oneLine()));
        QCOMPARE(describe(*entries), expected);
    }

    void parseInvalid_data()
    {
        QTest::addColumn<quint32>("timeline");
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("line"); // 0: an error about the whole file
        QTest::newRow("no lsn") << 2u << QByteArray("1\n") << 1;
        QTest::newRow("hex parent") << 11u << QByteArray("A\t0/3000148\tx\n") << 1;
        QTest::newRow("missing parent") << 2u << QByteArray("0/3000148\tx\n") << 1;
        QTest::newRow("parent glued to junk") << 2u << QByteArray("1x\t0/3000148\tx\n") << 1;
        QTest::newRow("bad lsn after comment") << 2u << QByteArray("# c\n1\t0/30G00148\tx\n") << 2;
        QTest::newRow("nine-digit lsn half") << 2u << QByteArray("1\t0/300001480\tx\n") << 1;
        QTest::newRow("lsn glued to junk") << 2u << QByteArray("1\t0/3000148x\n") << 1;
        QTest::newRow("negative parent") << 2u << QByteArray("-1\t0/1\tx\n") << 1;
        QTest::newRow("parent zero") << 2u << QByteArray("0\t0/1\tx\n") << 1;
        QTest::newRow("parent overflows") << 3u << QByteArray("99999999999\t0/1\tx\n") << 1;
        QTest::newRow("parent equals timeline") << 2u << QByteArray("2\t0/3000148\tx\n") << 1;
        QTest::newRow("parent above timeline") << 2u << QByteArray("3\t0/3000148\tx\n") << 1;
        QTest::newRow("decreasing parents") << 5u << QByteArray("1\t0/3000000\ta\n\n3\t0/5000000\tb\n2\t0/6000000\tc\n") << 4;
        QTest::newRow("repeated parent") << 3u << QByteArray("1\t0/3000000\ta\n1\t0/4000000\tb\n") << 2;
        QTest::newRow("decreasing switch points") << 3u << QByteArray("1\t0/5000000\ta\n2\t0/4000000\tb\n") << 2;
        QTest::newRow("binary junk") << 2u << QByteArray("\0\x01garbage", 9) << 1;
        QTest::newRow("junk on line 3") << 3u << QByteArray("1\t0/3000148\ta\n\n<html>\n") << 3;
        QTest::newRow("empty file") << 2u << QByteArray() << 0;
        QTest::newRow("comments only") << 2u << QByteArray("# nothing\n\n") << 0;
    }
    void parseInvalid()
    {
        QFETCH(quint32, timeline);
        QFETCH(QByteArray, text);
        QFETCH(int, line);
        const auto entries = parseHistoryFile(timeline, text);
        QVERIFY(!entries.has_value());
        QCOMPARE(entries.error().code, ErrorCode::Corrupt);
        QVERIFY(!entries.error().hint.isEmpty());
        const QString file = QStringLiteral("%1.history").arg(timeline, 8, 16, QLatin1Char('0')).toUpper();
        QVERIFY2(entries.error().message.contains(file, Qt::CaseInsensitive), qPrintable(entries.error().message));
        const QString where = QStringLiteral("line %1:").arg(line);
        if (line > 0)
            QVERIFY2(entries.error().message.contains(where), qPrintable(entries.error().message));
        else
            QVERIFY2(!entries.error().message.contains(QStringLiteral("line ")), qPrintable(entries.error().message));
    }

    void chain()
    {
        // 1 -> 2 -> 3, fed the way an archive listing would: parsed from the files themselves.
        TimelineGraph g;
        g.addTimeline(1);
        const auto h2 = parseHistoryFile(2, "1\t0/3000148\tno recovery target specified\n");
        const auto h3 = parseHistoryFile(3, "1\t0/3000148\tno recovery target specified\n\n2\t0/5000060\tsecond\n");
        QVERIFY(h2 && h3);
        g.addHistory(3, *h3);
        g.addHistory(2, *h2);

        QCOMPARE(g.timelines(), (QList<TimelineId>{1, 2, 3}));
        QVERIFY(!g.hasHistory(1));
        QVERIFY(g.hasHistory(2));
        QVERIFY(g.hasHistory(3));

        QCOMPARE(g.parent(1), std::nullopt);
        QCOMPARE(g.parent(2), std::optional<TimelineId>(1));
        QCOMPARE(g.parent(3), std::optional<TimelineId>(2));
        QVERIFY(!g.branchPoint(1));
        QCOMPARE(g.branchPoint(2)->value(), Q_UINT64_C(0x3000148));
        QCOMPARE(g.branchPoint(3)->value(), Q_UINT64_C(0x5000060));
        QCOMPARE(g.reason(3), std::optional<QString>(QStringLiteral("second")));
        QVERIFY(!g.reason(1));

        QCOMPARE(g.path(1), (QList<TimelineId>{1}));
        QCOMPARE(g.path(2), (QList<TimelineId>{1, 2}));
        QCOMPARE(g.path(3), (QList<TimelineId>{1, 2, 3}));

        QCOMPARE(g.endOnPathTo(1, 3)->value(), Q_UINT64_C(0x3000148));
        QCOMPARE(g.endOnPathTo(2, 3)->value(), Q_UINT64_C(0x5000060));
        QCOMPARE(g.endOnPathTo(1, 2)->value(), Q_UINT64_C(0x3000148));
        QVERIFY(!g.endOnPathTo(3, 3));
        QVERIFY(!g.endOnPathTo(3, 2)); // a descendant is not on the path
        QVERIFY(!g.endOnPathTo(4, 3));

        QVERIFY(g.isAncestor(1, 3));
        QVERIFY(g.isAncestor(2, 3));
        QVERIFY(g.isAncestor(3, 3));
        QVERIFY(!g.isAncestor(3, 2));
        QVERIFY(!g.isAncestor(2, 1));

        QCOMPARE(g.children(1), (QList<TimelineId>{2}));
        QCOMPARE(g.children(2), (QList<TimelineId>{3}));
        QVERIFY(g.children(3).isEmpty());

        QCOMPARE(g.latest(), 3u);
        QCOMPARE(g.latestFrom(1), 3u);
        QCOMPARE(g.latestFrom(2), 3u);
        QCOMPARE(g.latestFrom(3), 3u);
        QCOMPARE(g.probeLatest(1), 3u);
    }

    void fork()
    {
        // 2 and 3 both branch from 1 (a second restore of the same backup); 4 follows 2.
        TimelineGraph g;
        g.addTimeline(1);
        g.addHistory(2, {entry(1, 0x3000148, "first restore")});
        g.addHistory(3, {entry(1, 0x4000000, "second restore")});
        g.addHistory(4, {entry(1, 0x3000148), entry(2, 0x6000000, "after 2")});

        QCOMPARE(g.timelines(), (QList<TimelineId>{1, 2, 3, 4}));
        QCOMPARE(g.children(1), (QList<TimelineId>{2, 3}));
        QCOMPARE(g.children(2), (QList<TimelineId>{4}));
        QVERIFY(g.children(3).isEmpty());
        QCOMPARE(g.parent(3), std::optional<TimelineId>(1));
        QCOMPARE(g.parent(4), std::optional<TimelineId>(2));
        QCOMPARE(g.branchPoint(3)->value(), Q_UINT64_C(0x4000000));

        QCOMPARE(g.path(3), (QList<TimelineId>{1, 3}));
        QCOMPARE(g.path(4), (QList<TimelineId>{1, 2, 4}));

        QVERIFY(!g.isAncestor(2, 3));
        QVERIFY(!g.isAncestor(3, 2));
        QVERIFY(!g.isAncestor(3, 4));
        QVERIFY(g.isAncestor(1, 4));
        QVERIFY(g.isAncestor(2, 4));

        // Timeline 1 ends at a different place depending on which branch you follow.
        QCOMPARE(g.endOnPathTo(1, 3)->value(), Q_UINT64_C(0x4000000));
        QCOMPARE(g.endOnPathTo(1, 4)->value(), Q_UINT64_C(0x3000148));
        QCOMPARE(g.endOnPathTo(2, 4)->value(), Q_UINT64_C(0x6000000));
        QVERIFY(!g.endOnPathTo(3, 4));
        QVERIFY(!g.endOnPathTo(2, 3));

        QCOMPARE(g.latest(), 4u);
        QCOMPARE(g.latestFrom(1), 4u);
        QCOMPARE(g.latestFrom(2), 4u);
        QCOMPARE(g.latestFrom(3), 3u); // nothing descends from 3
        QCOMPARE(g.latestFrom(4), 4u);
        // PostgreSQL's own probe from 3 finds 4.history and lands on a timeline that does not
        // descend from 3 (it then refuses to start): the planner must tell the two apart.
        QCOMPARE(g.probeLatest(3), 4u);
        QVERIFY(!g.isAncestor(3, g.probeLatest(3)));
    }

    void lostHistoryFile()
    {
        // 2.history is gone, but 3.history repeats its line: 2 is still a child of 1.
        TimelineGraph g;
        g.addTimeline(1);
        g.addHistory(3, {entry(1, 0x3000148, "a"), entry(2, 0x5000060, "b")});
        QCOMPARE(g.timelines(), (QList<TimelineId>{1, 2, 3}));
        QVERIFY(!g.hasHistory(2));
        QCOMPARE(g.parent(2), std::optional<TimelineId>(1));
        QCOMPARE(g.branchPoint(2)->value(), Q_UINT64_C(0x3000148));
        QCOMPARE(g.reason(2), std::optional<QString>(QStringLiteral("a")));
        QCOMPARE(g.path(2), (QList<TimelineId>{1, 2}));
        QCOMPARE(g.path(3), (QList<TimelineId>{1, 2, 3}));
        QCOMPARE(g.children(1), (QList<TimelineId>{2}));
        QCOMPARE(g.children(2), (QList<TimelineId>{3}));
        QCOMPARE(g.latestFrom(1), 3u);
        // PostgreSQL probes 2.history first and stops there.
        QCOMPARE(g.probeLatest(1), 1u);
    }

    void rootsAndUnknowns()
    {
        TimelineGraph g;
        QCOMPARE(g.latest(), 0u);
        QVERIFY(g.timelines().isEmpty());
        QCOMPARE(g.path(7), (QList<TimelineId>{7}));
        QVERIFY(!g.parent(7));
        QCOMPARE(g.latestFrom(7), 7u);

        // A timeline whose history was lost entirely is a root of its own.
        g.addTimeline(1);
        g.addTimeline(5);
        g.addTimeline(5);
        QCOMPARE(g.timelines(), (QList<TimelineId>{1, 5}));
        QCOMPARE(g.latest(), 5u);
        QCOMPARE(g.latestFrom(1), 1u);
        QVERIFY(!g.isAncestor(1, 5));
        QVERIFY(g.children(1).isEmpty());
        QCOMPARE(g.path(5), (QList<TimelineId>{5}));
    }
};

QTEST_GUILESS_MAIN(TestTimelineHistory)
#include "TestTimelineHistory.moc"
