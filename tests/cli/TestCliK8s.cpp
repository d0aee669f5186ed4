// SPDX-License-Identifier: GPL-3.0-or-later
// tideline-cli's k8s verbs and cnpg:// sources against tests/support/k8s_api.py, a scripted API
// server holding CNPG resources that describe the fixture buckets. The oracles are outside
// Tideline: Debian's python3-kubernetes reading the same server (k8s_pyclient_check.py),
// barman-cloud-backup-list reading the same buckets, and croniter (cron_oracle.py) for next runs.
#include "tests/support/FixtureEnv.h"
#include "tests/support/K8sApiServer.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using tideline::test::FixtureEnv;
using tideline::test::K8sApiServer;
using tideline::test::ProcessResult;

namespace {

FixtureEnv& env()
{
    return FixtureEnv::instance();
}

QSet<QString> barmanIds(const QString& scenario, bool doneOnly)
{
    const ProcessResult r = env().run(u"barman-cloud-backup-list"_s,
                                      {u"--endpoint-url"_s, env().endpoint(), u"--format"_s, u"json"_s, env().url(scenario),
                                       env().server(scenario)});
    if (r.exitCode != 0)
        qWarning("barman-cloud-backup-list: %s", r.err.constData());
    QSet<QString> ids;
    for (const QJsonValue& v : r.json().value(u"backups_list"_s).toArray())
        if (!doneOnly || v.toObject().value(u"status"_s).toString() == u"DONE")
            ids.insert(v.toObject().value(u"backup_id"_s).toString());
    return ids;
}

QStringList sorted(QSet<QString> set)
{
    QStringList list(set.begin(), set.end());
    list.sort();
    return list;
}

} // namespace

class TestCliK8s : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    K8sApiServer m_api;
    QJsonObject m_python;

    /// The CLI with the kubeconfig and without any AWS credentials of its own: whatever reaches
    /// the bucket came from the cluster's Secret.
    ProcessResult cli(const QStringList& args, const QString& kubeconfig = {})
    {
        QProcessEnvironment e = env().environment();
        for (const char* v : {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL"})
            e.remove(QString::fromLatin1(v));
        e.insert(u"HOME"_s, m_tmp.path()); // no ~/.aws, no ~/.kube
        e.insert(u"KUBECONFIG"_s, kubeconfig.isEmpty() ? m_api.kubeconfig(u"all"_s) : kubeconfig);
        return FixtureEnv::runWith(e, QStringLiteral(TIDELINE_CLI), args);
    }

    QJsonArray pythonItems(const QString& plural) const { return m_python.value(plural).toArray(); }

private slots:
    void initTestCase()
    {
        QVERIFY(env().ok());
        const QString objects = K8sApiServer::makeObjects(m_tmp.path());
        QVERIFY(!objects.isEmpty());
        QVERIFY(m_api.start(objects, m_tmp.filePath(u"api"_s)));
        const QString out = m_tmp.filePath(u"python.json"_s);
        const ProcessResult py =
            FixtureEnv::runWith(QProcessEnvironment::systemEnvironment(), u"/usr/bin/python3"_s,
                                {K8sApiServer::supportDir() + u"k8s_pyclient_check.py"_s, u"--kubeconfig"_s,
                                 m_api.kubeconfig(u"token"_s), u"--out"_s, out, u"--page-size"_s, u"100"_s});
        QVERIFY2(py.exitCode == 0, py.err.constData());
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        m_python = QJsonDocument::fromJson(f.readAll()).object();
    }

    void contextsAsTheKubeconfigSays()
    {
        const ProcessResult r = cli({u"k8s"_s, u"contexts"_s, u"--json"_s});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject j = r.json();
        QCOMPARE(j.value(u"current_context"_s).toString(), u"token-ctx"_s);
        QStringList names;
        for (const QJsonValue& v : j.value(u"contexts"_s).toArray())
            names.append(v.toObject().value(u"name"_s).toString());
        QCOMPARE(names, (QStringList{u"token-ctx"_s, u"cert-ctx"_s, u"exec-ctx"_s}));
        QCOMPARE(j.value(u"contexts"_s).toArray().at(0).toObject().value(u"server"_s).toString(), m_api.url());
    }

    void clustersBackupsAndSchedulesAsKubernetesHoldsThem()
    {
        const ProcessResult clusters = cli({u"k8s"_s, u"clusters"_s, u"-A"_s, u"--json"_s});
        QVERIFY2(clusters.exitCode == 0, clusters.err.constData());
        const QJsonArray ours = clusters.json().value(u"clusters"_s).toArray();
        const QJsonArray theirs = pythonItems(u"clusters"_s);
        QCOMPARE(ours.size(), theirs.size());
        for (qsizetype i = 0; i < ours.size(); ++i) {
            const QJsonObject o = ours.at(i).toObject();
            const QJsonObject t = theirs.at(i).toObject();
            QCOMPARE(o.value(u"name"_s).toString(), t.value(u"name"_s).toString());
            QCOMPARE(o.value(u"phase"_s).toString(), t.value(u"status"_s).toObject().value(u"phase"_s).toString());
            QCOMPARE(o.value(u"timeline"_s).toInt(), t.value(u"status"_s).toObject().value(u"timelineID"_s).toInt());
            const bool plugin = !t.value(u"spec"_s).toObject().value(u"plugins"_s).toArray().isEmpty();
            const bool inTree = t.value(u"spec"_s).toObject().value(u"backup"_s).toObject().contains(u"barmanObjectStore"_s);
            QCOMPARE(o.value(u"backup"_s).toObject().value(u"method"_s).toString(),
                     plugin       ? u"plugin"_s
                         : inTree ? u"barmanObjectStore"_s
                                  : QString());
        }
        // The plugin cluster's window comes from its ObjectStore (CNPG leaves the Cluster's empty).
        const QJsonObject store = pythonItems(u"objectstores"_s).at(0).toObject();
        const QString storeFirst = store.value(u"status"_s)
                                       .toObject()
                                       .value(u"serverRecoveryWindow"_s)
                                       .toObject()
                                       .value(u"pg-plain"_s)
                                       .toObject()
                                       .value(u"firstRecoverabilityPoint"_s)
                                       .toString();
        for (const QJsonValue& v : ours)
            if (v.toObject().value(u"name"_s) == u"pg-plain"_s)
                QCOMPARE(QDateTime::fromString(v.toObject().value(u"first_recoverability_point"_s).toString(), Qt::ISODate),
                         QDateTime::fromString(storeFirst, Qt::ISODate));

        const ProcessResult backups = cli({u"k8s"_s, u"backups"_s, u"--json"_s, u"--cluster"_s, u"pg-main"_s});
        QCOMPARE(backups.exitCode, 0);
        QStringList ourIds;
        for (const QJsonValue& v : backups.json().value(u"backups"_s).toArray())
            ourIds.append(v.toObject().value(u"name"_s).toString() + u'=' + v.toObject().value(u"phase"_s).toString());
        QStringList theirIds;
        for (const QJsonValue& v : pythonItems(u"backups"_s))
            if (v.toObject().value(u"spec"_s).toObject().value(u"cluster"_s).toObject().value(u"name"_s) == u"pg-main"_s)
                theirIds.append(v.toObject().value(u"name"_s).toString() + u'='
                                + v.toObject().value(u"status"_s).toObject().value(u"phase"_s).toString());
        QVERIFY(!theirIds.isEmpty());
        QCOMPARE(ourIds, theirIds);

        // next_run: croniter's next run after the moment the CLI ran (the test brackets it).
        const QDateTime before = QDateTime::currentDateTimeUtc();
        const ProcessResult sched = cli({u"k8s"_s, u"scheduled"_s, u"-n"_s, u"db"_s, u"--json"_s});
        const QDateTime after = QDateTime::currentDateTimeUtc();
        QCOMPARE(sched.exitCode, 0);
        QVERIFY2(sched.err.contains("five fields"), sched.err.constData()); // pg-main-hourly-5field
        for (const QJsonValue& v : sched.json().value(u"scheduled_backups"_s).toArray()) {
            const QJsonObject s = v.toObject();
            if (s.value(u"suspend"_s).toBool()) {
                QVERIFY(s.value(u"next_run"_s).isNull());
                continue;
            }
            QStringList candidates;
            for (const QDateTime& at : {before, after}) {
                const ProcessResult o =
                    FixtureEnv::runWith(QProcessEnvironment::systemEnvironment(), u"/usr/bin/python3"_s,
                                        {K8sApiServer::supportDir() + u"cron_oracle.py"_s, s.value(u"schedule"_s).toString(),
                                         at.toString(Qt::ISODate), u"1"_s});
                if (o.exitCode == 3)
                    QSKIP("croniter is not installed");
                QCOMPARE(o.exitCode, 0);
                candidates.append(QString::fromUtf8(o.out).trimmed());
            }
            const QDateTime ours2 = QDateTime::fromString(s.value(u"next_run"_s).toString(), Qt::ISODate);
            QVERIFY2(ours2 == QDateTime::fromString(candidates[0], Qt::ISODate)
                         || ours2 == QDateTime::fromString(candidates[1], Qt::ISODate),
                     qPrintable(s.value(u"name"_s).toString() + u": "_s + s.value(u"next_run"_s).toString() + u" vs "_s
                                + candidates.join(u", ")));
        }
    }

    void statusHoldsTheClusterAgainstItsBucket_data()
    {
        QTest::addColumn<QString>("cluster");
        QTest::addColumn<QString>("scenario");
        QTest::newRow("in-tree") << u"pg-main"_s << u"main"_s;
        QTest::newRow("plugin") << u"pg-plain"_s << u"plain"_s;
    }

    void statusHoldsTheClusterAgainstItsBucket()
    {
        QFETCH(QString, cluster);
        QFETCH(QString, scenario);
        const ProcessResult r = cli({u"k8s"_s, u"status"_s, cluster, u"--json"_s});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject j = r.json();
        const QSet<QString> done = barmanIds(scenario, true);
        QVERIFY(!done.isEmpty());
        QCOMPARE(j.value(u"bucket"_s).toObject().value(u"last_backup_id"_s).toString(), sorted(done).last());
        QCOMPARE(j.value(u"bucket"_s).toObject().value(u"server"_s).toString(), env().server(scenario));

        // Expected from the two outside readings: completed Backup resources (python3-kubernetes)
        // against the bucket's backups (barman-cloud-backup-list).
        QSet<QString> resources;
        for (const QJsonValue& v : pythonItems(u"backups"_s)) {
            const QJsonObject b = v.toObject();
            if (b.value(u"namespace"_s) == u"db"_s
                && b.value(u"spec"_s).toObject().value(u"cluster"_s).toObject().value(u"name"_s) == cluster
                && b.value(u"status"_s).toObject().value(u"phase"_s) == u"completed"_s)
                resources.insert(b.value(u"status"_s).toObject().value(u"backupId"_s).toString());
        }
        const QSet<QString> all = barmanIds(scenario, false);
        QSet<QString> missing;
        QSet<QString> withoutResource;
        for (const QJsonValue& v : j.value(u"discrepancies"_s).toArray()) {
            const QJsonObject d = v.toObject();
            if (d.value(u"kind"_s) == u"backup_missing_from_bucket"_s)
                missing.insert(d.value(u"backup_id"_s).toString());
            if (d.value(u"kind"_s) == u"backup_without_resource"_s)
                withoutResource.insert(d.value(u"backup_id"_s).toString());
        }
        QCOMPARE(sorted(missing), sorted(QSet<QString>(resources).subtract(all)));
        QCOMPARE(sorted(withoutResource), sorted(QSet<QString>(done).subtract(resources)));
        QVERIFY(!missing.isEmpty() || !withoutResource.isEmpty()); // the fixture plants both kinds
    }

    void aCnpgSourceOpensTheClustersBucketWithItsSecret()
    {
        // No AWS credentials in the environment and SERVER left out: the Secret and the
        // cluster's serverName do it all.
        const ProcessResult r = cli({u"backups"_s, u"cnpg://db/pg-plain"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QSet<QString> ids;
        for (const QJsonValue& v : r.json().value(u"backups_list"_s).toArray())
            ids.insert(v.toObject().value(u"backup_id"_s).toString());
        QCOMPARE(sorted(ids), sorted(barmanIds(u"plain"_s, false)));
        const QByteArray secret = env().root().value(u"secret_key"_s).toString().toUtf8();
        QVERIFY(!r.out.contains(secret) && !r.err.contains(secret));

        const ProcessResult direct = cli({u"status"_s, u"cnpg://db/pg-main"_s, u"--json"_s});
        QCOMPARE(direct.exitCode, 0);
        QCOMPARE(direct.json().value(u"server"_s).toString(), env().server(u"main"_s));
    }

    void errorsSayWhatIsMissing()
    {
        m_api.control(u"/_control/forbid"_s, {{u"rules"_s, QJsonArray{u"get:secrets"_s}}});
        const ProcessResult forbidden = cli({u"backups"_s, u"cnpg://db/pg-main"_s});
        m_api.control(u"/_control/forbid"_s, {{u"rules"_s, QJsonArray{}}});
        QCOMPARE(forbidden.exitCode, 4);
        QVERIFY2(forbidden.err.contains("kubectl auth can-i get secrets -n db"), forbidden.err.constData());
        QCOMPARE(forbidden.err.count('\n'), 1);

        const ProcessResult context = cli({u"k8s"_s, u"clusters"_s, u"--context"_s, u"nope"_s});
        QCOMPARE(context.exitCode, 5);
        QVERIFY2(context.err.contains("token-ctx, cert-ctx, exec-ctx"), context.err.constData());

        const ProcessResult cluster = cli({u"status"_s, u"cnpg://db/pg-nope"_s});
        QCOMPARE(cluster.exitCode, 5);
        QVERIFY2(cluster.err.contains("\"pg-nope\" not found"), cluster.err.constData());

        const ProcessResult noBackup = cli({u"status"_s, u"cnpg://other/no-backup"_s});
        QCOMPARE(noBackup.exitCode, 5);
        QVERIFY2(noBackup.err.contains("no backup configured"), noBackup.err.constData());

        const ProcessResult badRef = cli({u"status"_s, u"cnpg://Db/pg-main"_s});
        QCOMPARE(badRef.exitCode, 2);
    }

    void cleanupTestCase() { m_api.stop(); }
};

QTEST_GUILESS_MAIN(TestCliK8s)
#include "TestCliK8s.moc"
