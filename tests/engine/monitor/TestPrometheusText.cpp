// SPDX-License-Identifier: GPL-3.0-or-later
// The Prometheus text parser on exposition shaped as CNPG 1.30's instance manager and the Barman
// Cloud plugin write it (tests/data/metrics), held sample by sample to Debian's
// python3-prometheus-client parsing the same file (tests/support/prom_parse.py), with promtool
// checking the file is valid exposition in the first place. Then what the monitor reads from it.
#include "engine/monitor/ClusterArchiving.h"
#include "engine/monitor/PrometheusText.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryFile>
#include <QTest>

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

double pyFloat(const QString& repr)
{
    if (repr == u"nan")
        return std::nan("");
    if (repr == u"inf")
        return INFINITY;
    if (repr == u"-inf")
        return -INFINITY;
    return repr.toDouble();
}

} // namespace

class TestPrometheusText : public QObject {
    Q_OBJECT

private slots:
    void fixtureIsValidExposition()
    {
        // promtool lints names too (CNPG's own break its naming rules); a syntax error reads
        // "error while linting" / "parsing error".
        QProcess p;
        p.start(QStringLiteral("promtool"), {QStringLiteral("check"), QStringLiteral("metrics")});
        p.waitForStarted();
        p.write(readData(QStringLiteral("cnpg-1.30-primary.txt")));
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(60'000));
        const QByteArray all = p.readAllStandardOutput() + p.readAllStandardError();
        QVERIFY2(!all.contains("error") && !all.contains("parsing"), all.constData());
    }

    void everySampleAsThePythonClientReadsIt()
    {
        const QByteArray text = readData(QStringLiteral("cnpg-1.30-primary.txt"));
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
            QVERIFY2(std::isnan(want) ? std::isnan(s.value) : s.value == want, qPrintable(s.name));
            const QJsonValue ts = e.value(QStringLiteral("timestamp_ms"));
            QCOMPARE(s.timestampMs.has_value(), !ts.isNull());
            if (s.timestampMs)
                QCOMPARE(*s.timestampMs, ts.toInteger());
        }
        // The summary (5 samples) and the histogram (4) are left out, not misread.
        QCOMPARE(parsed->skipped(), 9);
        QCOMPARE(parsed->type(QStringLiteral("go_gc_duration_seconds")), QStringLiteral("summary"));
        QCOMPARE(parsed->help(QStringLiteral("cnpg_pg_settings_setting")),
                 oracle.json.value(QStringLiteral("help")).toObject().value(QStringLiteral("cnpg_pg_settings_setting")).toString());
        QCOMPARE(parsed->value(u"cnpg_collector_pg_wal_archive_status", {{QStringLiteral("value"), QStringLiteral("ready")}}),
                 std::optional<double>(3));
        QCOMPARE(parsed->value(u"cnpg_collector_pg_wal_archive_status", {{QStringLiteral("value"), QStringLiteral("gone")}}),
                 std::nullopt);
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
        QProcess p;
        p.start(QStringLiteral("promtool"), {QStringLiteral("check"), QStringLiteral("metrics")});
        p.waitForStarted();
        p.write(text);
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(60'000));
        const QByteArray promtool = p.readAllStandardOutput() + p.readAllStandardError();
        QVERIFY2(promtool.contains("parsing error in " + why.toUtf8()), promtool.constData());
    }

    void capsBoundWhatAHostileEndpointCosts()
    {
        const QByteArray text = readData(QStringLiteral("cnpg-1.30-primary.txt"));
        auto few = PrometheusMetrics::parse(text, {64 * 1024, 64, 10});
        QVERIFY(!few && few.error().message.contains(QStringLiteral("more than 10 samples")));
        QByteArray wide = "a{";
        for (int i = 0; i < 100; ++i)
            wide += "l" + QByteArray::number(i) + "=\"v\",";
        wide += "} 1\n";
        auto labels = PrometheusMetrics::parse(wide);
        QVERIFY(!labels && labels.error().message.contains(QStringLiteral("more than 64 labels")));
        auto longLine = PrometheusMetrics::parse("a{x=\"" + QByteArray(70'000, 'y') + "\"} 1\n");
        QVERIFY(!longLine && longLine.error().message.contains(QStringLiteral("line 1")));
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
