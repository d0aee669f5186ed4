// SPDX-License-Identifier: GPL-3.0-or-later
// The Prometheus text parser on exposition shaped as CNPG 1.30's instance manager and the Barman
// Cloud plugin write it, and on every spelling of a value, timestamp and label set the format
// allows (tests/data/metrics), held sample by sample to Debian's python3-prometheus-client parsing
// the same file (tests/support/prom_parse.py), with promtool checking the file is valid exposition
// in the first place; malformed text refused at the line promtool refuses it. Then what the
// monitor reads from it.
#include "engine/monitor/ClusterArchiving.h"
#include "engine/monitor/PrometheusText.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryFile>
#include <QTest>

#include <charconv>
#include <cmath>

using namespace tideline;
using namespace tideline::monitor;

namespace {

QByteArray readData(const QString& name)
{
    QFile f(QStringLiteral(TIDELINE_TEST_DATA "/metrics/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(f.fileName()));
    return f.readAll();
}

struct Oracle {
    int exitCode = -1;
    QJsonObject json;
    QByteArray err;
};

Oracle pythonClient(const QByteArray& text)
{
    QTemporaryFile file;
    file.open();
    file.write(text);
    file.flush();
    QProcess p;
    p.start(QStringLiteral("/usr/bin/python3"),
            {QStringLiteral(TIDELINE_SOURCE_DIR "/tests/support/prom_parse.py"), file.fileName()});
    p.waitForFinished(60'000);
    return {p.exitCode(), QJsonDocument::fromJson(p.readAllStandardOutput()).object(), p.readAllStandardError()};
}

// Python's repr of a float read back exactly (subnormals and -0.0 included).
double pyFloat(const QString& repr)
{
    if (repr == u"nan")
        return std::nan("");
    if (repr == u"inf")
        return INFINITY;
    if (repr == u"-inf")
        return -INFINITY;
    const QByteArray text = repr.toLatin1();
    double v = std::nan("");
    std::from_chars(text.constData(), text.constData() + text.size(), v);
    return v;
}

QByteArray promtool(const QByteArray& text)
{
    QProcess p;
    p.start(QStringLiteral("promtool"), {QStringLiteral("check"), QStringLiteral("metrics")});
    p.waitForStarted();
    p.write(text);
    p.closeWriteChannel();
    if (!p.waitForFinished(60'000))
        return "promtool did not finish";
    return p.readAllStandardOutput() + p.readAllStandardError();
}

void fixtures()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("skipped");
    // How many samples of summaries and histograms each holds: CNPG's Go runtime adds a summary
    // (5 samples) and a histogram (4).
    QTest::newRow("cnpg-1.30-primary") << QStringLiteral("cnpg-1.30-primary.txt") << 9;
    QTest::newRow("edge-values") << QStringLiteral("edge-values.txt") << 4;
}

} // namespace

class TestPrometheusText : public QObject {
    Q_OBJECT

private slots:
    void fixtureIsValidExposition_data() { fixtures(); }

    void fixtureIsValidExposition()
    {
        // promtool lints names too (CNPG's own break its naming rules); a syntax error reads
        // "error while linting" / "parsing error".
        QFETCH(QString, file);
        const QByteArray all = promtool(readData(file));
        QVERIFY2(!all.contains("error") && !all.contains("parsing"), all.constData());
    }

    void everySampleAsThePythonClientReadsIt_data() { fixtures(); }

    void everySampleAsThePythonClientReadsIt()
    {
        QFETCH(QString, file);
        QFETCH(int, skipped);
        const QByteArray text = readData(file);
        auto parsed = PrometheusMetrics::parse(text);
        QVERIFY2(parsed, parsed ? "" : qPrintable(parsed.error().oneLine()));
        const Oracle oracle = pythonClient(text);
        QVERIFY2(oracle.exitCode == 0, oracle.err.constData());
        const QJsonArray expected = oracle.json.value(QStringLiteral("samples")).toArray();
        QCOMPARE(parsed->samples().size(), expected.size());
        for (qsizetype i = 0; i < expected.size(); ++i) {
            const QJsonObject e = expected[i].toObject();
            const PrometheusSample& s = parsed->samples()[i];
            // The client names counter samples NAME_total whether or not the text does
            // (its OpenMetrics view); the text's own name is what Prometheus stores.
            const QString name = e.value(QStringLiteral("name")).toString();
            QVERIFY2(name == s.name || (parsed->type(s.name) == u"counter" && name == s.name + QStringLiteral("_total")),
                     qPrintable(s.name + QStringLiteral(" / ") + name));
            auto labels = s.labels;
            std::sort(labels.begin(), labels.end());
            QJsonArray ours;
            for (const auto& [k, v] : labels)
                ours.append(QJsonArray{k, v});
            QCOMPARE(ours, e.value(QStringLiteral("labels")).toArray());
            const double want = pyFloat(e.value(QStringLiteral("value")).toString());
            const QString what = s.name + QStringLiteral(" #") + QString::number(i);
            QVERIFY2(std::isnan(want) ? std::isnan(s.value) : s.value == want, qPrintable(what));
            QVERIFY2(std::signbit(want) == std::signbit(s.value), qPrintable(what)); // -0 and underflow
            const QJsonValue ts = e.value(QStringLiteral("timestamp_ms"));
            QCOMPARE(s.timestampMs.has_value(), !ts.isNull());
            if (s.timestampMs)
                QCOMPARE(*s.timestampMs, ts.toInteger());
        }
        // Left out, not misread.
        QCOMPARE(parsed->skipped(), skipped);
        // The client keeps one HELP and TYPE per family name, from the family's last run of lines:
        // a family split by another (edge-values) comes back untyped and without help there.
        const QJsonObject help = oracle.json.value(QStringLiteral("help")).toObject();
        for (auto it = help.begin(); it != help.end(); ++it)
            if (!it.value().toString().isEmpty())
                QCOMPARE(parsed->help(it.key()), it.value().toString());
        const QJsonObject types = oracle.json.value(QStringLiteral("types")).toObject();
        for (auto it = types.begin(); it != types.end(); ++it)
            if (it.value().toString() != u"unknown")
                QCOMPARE(parsed->type(it.key()), it.value().toString());
    }

    void theLookupsTheMonitorMakes()
    {
        auto parsed = PrometheusMetrics::parse(readData(QStringLiteral("cnpg-1.30-primary.txt")));
        QVERIFY(parsed);
        QCOMPARE(parsed->type(QStringLiteral("go_gc_duration_seconds")), QStringLiteral("summary"));
        QCOMPARE(parsed->value(u"cnpg_collector_pg_wal_archive_status", {{QStringLiteral("value"), QStringLiteral("ready")}}),
                 std::optional<double>(3));
        QCOMPARE(parsed->value(u"cnpg_collector_pg_wal_archive_status", {{QStringLiteral("value"), QStringLiteral("gone")}}),
                 std::nullopt);
        QCOMPARE(parsed->value(u"cnpg_pg_stat_archiver_archived_count"), std::optional<double>(1288));
        QCOMPARE(parsed->value(u"go_gc_duration_seconds_count"), std::nullopt); // a summary's: skipped
        const auto both = parsed->matching(u"cnpg_collector_pg_wal_archive_status");
        QCOMPARE(both.size(), 2);
        QCOMPARE(both[0].labels, (QList<std::pair<QString, QString>>{{QStringLiteral("value"), QStringLiteral("done")}}));
        QCOMPARE(both[1].value, 3.0);
        // A subset of the labels selects; a label the sample lacks or another value does not.
        const auto quoted =
            parsed->matching(u"cnpg_pg_settings_setting", {{QStringLiteral("note"), QStringLiteral("a\\b\nc")}});
        QCOMPARE(quoted.size(), 1);
        QCOMPARE(quoted[0].labels[0].second, QStringLiteral("huge \"quoted\" name"));
        QVERIFY(parsed->matching(u"cnpg_pg_settings_setting", {{QStringLiteral("note"), QStringLiteral("a\\b")}}).isEmpty());
        QCOMPARE(parsed->matching(u"cnpg_pg_settings_setting", {{QStringLiteral("name"), QStringLiteral("below")}}).value(0).timestampMs,
                 std::optional<qint64>(1'764'798'123'000));
    }

    void malformedIsRefusedWithItsLine_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("why");
        const QByteArray ok = "# HELP a h\n# TYPE a gauge\na 1\n";
        QTest::newRow("unterminated") << ok + "b{x=\"1} 2\n" << QStringLiteral("line 4");
        QTest::newRow("bad escape") << ok + "b{x=\"\\q\"} 2\n" << QStringLiteral("line 4");
        QTest::newRow("duplicate label") << ok + "b{x=\"1\",x=\"2\"} 2\n" << QStringLiteral("line 4");
        QTest::newRow("label name") << ok + "b{1x=\"1\"} 2\n" << QStringLiteral("line 4");
        QTest::newRow("no equals") << ok + "b{x \"1\"} 2\n" << QStringLiteral("line 4");
        QTest::newRow("value") << ok + "b twelve\n" << QStringLiteral("line 4");
        QTest::newRow("no value") << ok + "b\n" << QStringLiteral("line 4");
        QTest::newRow("timestamp") << ok + "b 1 soon\n" << QStringLiteral("line 4");
        QTest::newRow("after timestamp") << ok + "b 1 2 3\n" << QStringLiteral("line 4");
        QTest::newRow("metric name") << ok + "9b 1\n" << QStringLiteral("line 4");
        QTest::newRow("type") << ok + "# TYPE b meter\n" << QStringLiteral("line 4");
        QTest::newRow("second type") << ok + "# TYPE a counter\n" << QStringLiteral("line 4");
        QTest::newRow("hex float") << ok + "b 0x1p3\n" << QStringLiteral("line 4");
        QTest::newRow("underscore") << ok + "b 1_000\n" << QStringLiteral("line 4");
        QTest::newRow("two signs") << ok + "b +-1\n" << QStringLiteral("line 4");
        QTest::newRow("two minus") << ok + "b --1\n" << QStringLiteral("line 4");
        QTest::newRow("signed NaN") << ok + "b -NaN\n" << QStringLiteral("line 4");
        QTest::newRow("NaN payload") << ok + "b nan(1)\n" << QStringLiteral("line 4");
        QTest::newRow("beyond double") << ok + "b 1.7976931348623159e308\n" << QStringLiteral("line 4");
        QTest::newRow("lone exponent") << ok + "b 1e\n" << QStringLiteral("line 4");
        QTest::newRow("two-sign timestamp") << ok + "b 1 +-1\n" << QStringLiteral("line 4");
        QTest::newRow("timestamp beyond int64") << ok + "b 1 9223372036854775808\n" << QStringLiteral("line 4");
        QTest::newRow("reserved label") << ok + "b{__name__=\"c\"} 1\n" << QStringLiteral("line 4");
        QTest::newRow("HELP name") << ok + "# HELP b-c text\n" << QStringLiteral("line 4");
        QTest::newRow("TYPE name") << ok + "# TYPE b-c gauge\n" << QStringLiteral("line 4");
        QTest::newRow("not UTF-8") << ok + "b{x=\"\xff\xfe\"} 1\n" << QStringLiteral("line 4");
        QTest::newRow("surrogate") << ok + "b{x=\"\xed\xa0\x80\"} 1\n" << QStringLiteral("line 4");
        QTest::newRow("overlong") << ok + "b{x=\"\xc0\xaf\"} 1\n" << QStringLiteral("line 4");
        QTest::newRow("escape at end") << ok + "b{x=\"\\\n" << QStringLiteral("line 4");
        QTest::newRow("NUL") << ok + QByteArray("b 1\0\n", 5) << QStringLiteral("line 4");
    }

    void malformedIsRefusedWithItsLine()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, why);
        auto parsed = PrometheusMetrics::parse(text);
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().code, ErrorCode::Corrupt);
        QVERIFY2(parsed.error().message.contains(why), qPrintable(parsed.error().message));
        QVERIFY(!parsed.error().hint.isEmpty());
        // Prometheus's own parser (promtool, Go's reference implementation) refuses the same
        // text at the same line.
        const QByteArray go = promtool(text);
        QVERIFY2(go.contains("parsing error in " + why.toUtf8()), go.constData());
    }

    void messagesQuoteTheEndpointPrintably()
    {
        // An endpoint's bytes end up on a terminal: no escape sequence, no control character, cut.
        for (const QByteArray& text : {QByteArray("a \x1b]0;owned\x07\x1b[2J\n"), QByteArray("# TYPE a gauge\x1b[31m\n"),
                                       QByteArray("a 1 \x1b[2J"), "a " + QByteArray(1000, '9') + "x\n"}) {
            auto parsed = PrometheusMetrics::parse(text);
            QVERIFY(!parsed);
            const QString m = parsed.error().message;
            QVERIFY2(std::none_of(m.begin(), m.end(), [](QChar c) { return c.category() == QChar::Other_Control; }),
                     qPrintable(m.toHtmlEscaped()));
            QVERIFY2(m.size() < 120, qPrintable(m));
        }
    }

    void capsBoundWhatAHostileEndpointCosts()
    {
        const QByteArray text = readData(QStringLiteral("cnpg-1.30-primary.txt"));
        auto few = PrometheusMetrics::parse(text, {.maxSamples = 10});
        QVERIFY(!few && few.error().message.contains(QStringLiteral("more than 10 samples")));
        QByteArray wide = "a{";
        for (int i = 0; i < 100; ++i)
            wide += "l" + QByteArray::number(i) + "=\"v\",";
        wide += "} 1\n";
        auto labels = PrometheusMetrics::parse(wide);
        QVERIFY(!labels && labels.error().message.contains(QStringLiteral("more than 64 labels")));
        auto longLine = PrometheusMetrics::parse("a{x=\"" + QByteArray(70'000, 'y') + "\"} 1\n");
        QVERIFY(!longLine && longLine.error().message.contains(QStringLiteral("line 1")));
        // Labels count over all samples, and names with a HELP or a TYPE each, so that short
        // lines cannot add up to what long ones may not.
        QByteArray manyLabels;
        for (int i = 0; i < 30; ++i)
            manyLabels += "a{i=\"" + QByteArray::number(i) + "\",j=\"x\"} 1\n";
        auto pairs = PrometheusMetrics::parse(manyLabels, {.maxLabelPairs = 50});
        QVERIFY(!pairs && pairs.error().message.contains(QStringLiteral("line 26")));
        QByteArray families;
        for (int i = 0; i < 30; ++i)
            families += "# HELP m" + QByteArray::number(i) + " x\n# HELP m0 again\n";
        auto helps = PrometheusMetrics::parse(families, {.maxFamilies = 20});
        QVERIFY(!helps && helps.error().message.contains(QStringLiteral("line 41")));
        QVERIFY(PrometheusMetrics::parse(families, {.maxFamilies = 30}));
        // Skipped samples are checked as any sample but count against no cap of kept ones.
        QByteArray histogram = "# TYPE h histogram\n";
        for (int i = 0; i < 30; ++i)
            histogram += "h_bucket{le=\"" + QByteArray::number(i) + "\"} 1\n";
        auto skipped = PrometheusMetrics::parse(histogram, {.maxSamples = 10, .maxLabelPairs = 10});
        QVERIFY(skipped && skipped->skipped() == 30 && skipped->samples().isEmpty());
        // CRLF from a proxy, blank lines and an empty document are fine.
        auto crlf = PrometheusMetrics::parse("# TYPE a gauge\r\na 1\r\n\r\n");
        QVERIFY(crlf && crlf->value(u"a") == std::optional<double>(1));
        QVERIFY(PrometheusMetrics::parse(QByteArrayView()));
    }

    void theMonitorReadsBothBackupFamilies()
    {
        auto parsed = PrometheusMetrics::parse(readData(QStringLiteral("cnpg-1.30-primary.txt")));
        QVERIFY(parsed);
        InstanceArchiving i;
        readInstanceMetrics(*parsed, i);
        QCOMPARE(i.archivedCount, std::optional<qint64>(1288));
        QCOMPARE(i.failedCount, std::optional<qint64>(7));
        QVERIFY(i.lastArchivedUsec && std::llabs(*i.lastArchivedUsec - 1'764'798'123'456'789) <= 1);
        QCOMPARE(i.walReady, std::optional<qint64>(3));
        QCOMPARE(i.walDone, std::optional<qint64>(42));
        // In-tree 0 ("no entry") loses to the plugin's; -1 ("never") is no time at all.
        QCOMPARE(i.lastBackupUsec, std::optional<qint64>(1'764'792'000'000'000));
        QCOMPARE(i.backupMetricsFamily, QStringLiteral("plugin"));
        QCOMPARE(i.firstRecoverabilityUsec, std::optional<qint64>(1'764'748'800'000'000));
        QCOMPARE(i.lastFailedBackupUsec, std::nullopt);
    }

    void theStatusEndpointGivesThePosition()
    {
        InstanceArchiving m;
        m.archivedCount = 10;
        m.lastArchivedUsec = 1'764'798'000'000'000;
        m.secondsSinceLastArchival = 30;
        m.walReady = 2;
        QJsonObject status{{QStringLiteral("isPrimary"), true},
                           {QStringLiteral("currentLsn"), QStringLiteral("0/CC000060")},
                           {QStringLiteral("currentWAL"), QStringLiteral("0000000100000000000000CC")},
                           {QStringLiteral("lastArchivedWAL"), QStringLiteral("0000000100000000000000CB")},
                           {QStringLiteral("timeLineID"), 1}};
        auto f = archiverFactsFromInstance(status, m, 0);
        QVERIFY2(f, f ? "" : qPrintable(f.error().oneLine()));
        QCOMPARE(f->segmentSize, quint64(16) << 20);
        QCOMPARE(f->currentSegno, quint64(0xCC));
        QCOMPARE(f->lastArchivedWal, QStringLiteral("0000000100000000000000CB"));
        QCOMPARE(f->serverNowUsec, 1'764'798'030'000'000);
        QCOMPARE(f->readyCount, std::optional<qint64>(2));
        // initdb --wal-segsize=1: the same LSN is segment 0xCC0 of 1 MiB.
        status[QStringLiteral("currentWAL")] = QStringLiteral("000000010000000000000CC0");
        f = archiverFactsFromInstance(status, m, 0);
        QVERIFY(f && f->segmentSize == quint64(1) << 20 && f->currentSegno == 0xCC0);
        // A name that fits no size with that LSN, a hostile name, a standby: refused.
        status[QStringLiteral("currentWAL")] = QStringLiteral("0000000100000000000000CE");
        QCOMPARE(archiverFactsFromInstance(status, m, 0).error().code, ErrorCode::Corrupt);
        status[QStringLiteral("currentWAL")] = QStringLiteral("../../etc/passwd");
        QCOMPARE(archiverFactsFromInstance(status, m, 0).error().code, ErrorCode::Corrupt);
        status[QStringLiteral("currentWAL")] = QStringLiteral("0000000100000000000000CC");
        status[QStringLiteral("isPrimary")] = false;
        QCOMPARE(archiverFactsFromInstance(status, m, 0).error().code, ErrorCode::Corrupt);
    }
};

QTEST_GUILESS_MAIN(TestPrometheusText)
#include "TestPrometheusText.moc"
