// SPDX-License-Identifier: GPL-3.0-or-later
// `alerts export`: the PrometheusRule's groups pass Debian's `promtool check rules`, and `promtool
// test rules` (tests/data/alerts/backup_alerts_test.yml) evaluates them on series shaped as CNPG
// 1.30 and the Barman Cloud plugin export them: the ones that must fire do, the others do not.
#include "tests/support/FixtureEnv.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using tideline::test::FixtureEnv;
using tideline::test::ProcessResult;

class TestCliAlerts : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;

    ProcessResult cli(const QStringList& args)
    {
        return FixtureEnv::runWith(QProcessEnvironment::systemEnvironment(), QStringLiteral(TIDELINE_CLI), args);
    }

    /// Exports with `args`, writes spec.groups as rules.yml beside a copy of the promtool test.
    QString exportRules(const QStringList& args)
    {
        const ProcessResult r = cli(QStringList{u"alerts"_s, u"export"_s} + args);
        if (r.exitCode != 0) {
            qWarning("alerts export: %s", r.err.constData());
            return {};
        }
        QFile out(m_tmp.filePath(u"export.yaml"_s));
        if (!out.open(QIODevice::WriteOnly) || out.write(r.out) != r.out.size())
            return {};
        out.close();
        // The PrometheusRule's spec is what promtool reads as a rule file.
        const ProcessResult py = FixtureEnv::runWith(
            QProcessEnvironment::systemEnvironment(), u"/usr/bin/python3"_s,
            {u"-c"_s,
             u"import sys, yaml; d = yaml.safe_load(open(sys.argv[1])); assert d['kind'] == 'PrometheusRule'; "
             "yaml.safe_dump({'groups': d['spec']['groups']}, open(sys.argv[2], 'w'))"_s,
             out.fileName(), m_tmp.filePath(u"rules.yml"_s)});
        if (py.exitCode != 0) {
            qWarning("extracting spec.groups: %s", py.err.constData());
            return {};
        }
        QFile::remove(m_tmp.filePath(u"backup_alerts_test.yml"_s));
        QFile::copy(QStringLiteral(TIDELINE_TEST_DATA "/alerts/backup_alerts_test.yml"),
                    m_tmp.filePath(u"backup_alerts_test.yml"_s));
        return m_tmp.filePath(u"rules.yml"_s);
    }

    ProcessResult promtool(const QStringList& args)
    {
        return FixtureEnv::runWith(QProcessEnvironment::systemEnvironment(), u"/usr/bin/promtool"_s, args);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        QVERIFY2(QFile::exists(u"/usr/bin/promtool"_s), "promtool missing: scripts/setup installs Debian's prometheus");
    }

    void theRulesFireWhenTheyShouldAndOnlyThen()
    {
        const QString rules = exportRules({u"--cluster"_s, u"pg-main"_s, u"-n"_s, u"db"_s});
        QVERIFY(!rules.isEmpty());
        const ProcessResult check = promtool({u"check"_s, u"rules"_s, rules});
        QVERIFY2(check.exitCode == 0, (check.out + check.err).constData());
        QVERIFY(check.out.contains("5 rules found"));
        const ProcessResult test = promtool({u"test"_s, u"rules"_s, m_tmp.filePath(u"backup_alerts_test.yml"_s)});
        QVERIFY2(test.exitCode == 0, (test.out + test.err).constData());
        QVERIFY(test.out.contains("SUCCESS"));

        // The thresholds reach the rules: a backup 25 h old is no longer "not recent" at 26 h.
        QVERIFY(!exportRules({u"--cluster"_s, u"pg-main"_s, u"-n"_s, u"db"_s, u"--backup-age"_s, u"26h"_s}).isEmpty());
        const ProcessResult looser = promtool({u"test"_s, u"rules"_s, m_tmp.filePath(u"backup_alerts_test.yml"_s)});
        QCOMPARE(looser.exitCode, 1);
        const QByteArray said = looser.out + looser.err; // promtool reports failures on stderr
        QVERIFY2(said.contains("alertname: CNPGClusterNoRecentBackup, time: 1d1h"), said.constData());
        QVERIFY2(said.contains("got:[]"), said.constData());
        QVERIFY2(!said.contains("CNPGClusterWALArchivingFailing"), said.constData());
    }

    // Wider scopes are valid rule files too: a namespace, or everything Prometheus scrapes.
    void everyScopeIsARuleFile()
    {
        for (const QStringList& args : {QStringList{u"-n"_s, u"db"_s}, QStringList{}}) {
            const QString rules = exportRules(args);
            QVERIFY(!rules.isEmpty());
            const ProcessResult check = promtool({u"check"_s, u"rules"_s, rules});
            QVERIFY2(check.exitCode == 0, (check.out + check.err).constData());
        }
        // A cluster name with a dot stays a literal dot in the pod selector.
        QVERIFY(!exportRules({u"--cluster"_s, u"pg.main"_s, u"-n"_s, u"db"_s}).isEmpty());
        QFile f(m_tmp.filePath(u"rules.yml"_s));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains(R"(pg\\.main-)"));
    }

    void badOptionsAreRefused_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("says");
        QTest::newRow("cluster-without-namespace") << QStringList{u"--cluster"_s, u"pg-main"_s} << u"namespace"_s;
        QTest::newRow("bad-namespace") << QStringList{u"-n"_s, u"Db\"}"_s} << u"not a namespace name"_s;
        QTest::newRow("bad-cluster") << QStringList{u"-n"_s, u"db"_s, u"--cluster"_s, u"pg\"} or vector(1)"_s}
                                     << u"not a cluster name"_s;
        QTest::newRow("bad-duration") << QStringList{u"--backup-age"_s, u"1 day"_s} << u"not a duration"_s;
        QTest::newRow("bad-count") << QStringList{u"--wal-ready"_s, u"0"_s} << u"--wal-ready"_s;
    }

    void badOptionsAreRefused()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, says);
        const ProcessResult r = cli(QStringList{u"alerts"_s, u"export"_s} + args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(says.toUtf8()), r.err.constData());
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err.count('\n'), 1);
    }
};

QTEST_GUILESS_MAIN(TestCliAlerts)
#include "TestCliAlerts.moc"
