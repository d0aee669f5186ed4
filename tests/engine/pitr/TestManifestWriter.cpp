// SPDX-License-Identifier: GPL-3.0-or-later
// Manifests are parsed back with yaml-cpp and checked field by field, for each scenario and mode.
#include "PitrFixture.h"
#include "engine/pitr/ManifestWriter.h"
#include "engine/pitr/RecoveryPlanner.h"

#include <QRegularExpression>
#include <QTest>

#include <yaml-cpp/yaml.h>

using namespace tideline;
using namespace tideline::pitr;

namespace {
RecoveryPlan timePlan(const catalog::ServerCatalog& c)
{
    RecoveryTarget t;
    t.kind = RecoveryTarget::Kind::Time;
    t.time = Timestamp::fromUsec(test::uploadOf(1, 6) - 5'000'000, 7200);
    t.exclusive = true;
    return planRecovery(c, t);
}

std::vector<YAML::Node> documents(const QString& yaml)
{
    return YAML::LoadAll(yaml.toStdString());
}

QString str(const YAML::Node& n)
{
    return QString::fromStdString(n.as<std::string>());
}
} // namespace

class TestManifestWriter : public QObject {
    Q_OBJECT
private slots:
    void newClusterFromPitr()
    {
        const auto c = test::pitrCatalog();
        ManifestOptions o;
        o.clusterName = QStringLiteral("pg-main-restored");
        o.nameSpace = QStringLiteral("recovery");
        o.endpointUrl = QStringLiteral("https://0123abcd.r2.cloudflarestorage.com");
        o.existingServers = {QStringLiteral("pg-main")};
        const auto m = writeManifest(c, timePlan(c), o);
        QVERIFY2(m, qPrintable(m ? QString() : m.error().oneLine()));
        const auto docs = documents(m->yaml);
        QCOMPARE(docs.size(), size_t(1));
        const YAML::Node cluster = docs[0];
        QCOMPARE(str(cluster["kind"]), QStringLiteral("Cluster"));
        QCOMPARE(str(cluster["apiVersion"]), QStringLiteral("postgresql.cnpg.io/v1"));
        QCOMPARE(str(cluster["metadata"]["namespace"]), QStringLiteral("recovery"));
        const YAML::Node spec = cluster["spec"];
        QCOMPARE(str(spec["imageName"]), QStringLiteral("ghcr.io/cloudnative-pg/postgresql:15"));
        // 3 MB of gzip tar, estimated at 4x, 1.5x headroom: well under 1 GiB, so the minimum.
        QCOMPARE(str(spec["storage"]["size"]), QStringLiteral("1Gi"));
        const YAML::Node recovery = spec["bootstrap"]["recovery"];
        QCOMPARE(str(recovery["source"]), QStringLiteral("origin"));
        QCOMPARE(str(recovery["recoveryTarget"]["backupID"]), QStringLiteral("A"));
        // The target keeps the offset it was given in.
        QVERIFY(str(recovery["recoveryTarget"]["targetTime"]).endsWith(QStringLiteral("+02:00")));
        // 'latest' resolved to timeline 2 when the plan checked the WAL: pinned to it.
        QCOMPARE(str(recovery["recoveryTarget"]["targetTLI"]), QStringLiteral("2"));
        QCOMPARE(recovery["recoveryTarget"]["exclusive"].as<bool>(), true);
        const YAML::Node origin = spec["externalClusters"][0];
        QCOMPARE(str(origin["name"]), QStringLiteral("origin"));
        QCOMPARE(str(origin["barmanObjectStore"]["destinationPath"]), QStringLiteral("s3://bucket/cnpg"));
        QCOMPARE(str(origin["barmanObjectStore"]["serverName"]), QStringLiteral("pg-main"));
        QCOMPARE(str(origin["barmanObjectStore"]["endpointURL"]), o.endpointUrl);
        QCOMPARE(str(origin["barmanObjectStore"]["s3Credentials"]["secretAccessKey"]["name"]), QStringLiteral("backup-creds"));
        QCOMPARE(str(origin["barmanObjectStore"]["s3Credentials"]["secretAccessKey"]["key"]),
                 QStringLiteral("ACCESS_SECRET_KEY"));
        QCOMPARE(str(spec["backup"]["barmanObjectStore"]["serverName"]), QStringLiteral("pg-main-restored"));
        // R2 needs the checksum environment.
        QCOMPARE(str(spec["env"][0]["name"]), QStringLiteral("AWS_REQUEST_CHECKSUM_CALCULATION"));
        QCOMPARE(str(spec["env"][1]["value"]), QStringLiteral("when_required"));
        QVERIFY(m->notes.join(QLatin1Char(' ')).contains(QStringLiteral("tier: application")));
    }

    void sameNameInAnotherNamespaceKeepsTheOriginalServerForReading()
    {
        const auto c = test::pitrCatalog();
        ManifestOptions o;
        o.clusterName = QStringLiteral("pg-main");
        o.nameSpace = QStringLiteral("staging");
        o.existingServers = {QStringLiteral("pg-main"), QStringLiteral("pg-main-r1")};
        const auto m = writeManifest(c, timePlan(c), o);
        QVERIFY(m);
        const YAML::Node spec = documents(m->yaml)[0]["spec"];
        QCOMPARE(str(spec["externalClusters"][0]["barmanObjectStore"]["serverName"]), QStringLiteral("pg-main"));
        // Archiving into pg-main would hit "Expected empty archive"; -r1 is taken too.
        QCOMPARE(str(spec["backup"]["barmanObjectStore"]["serverName"]), QStringLiteral("pg-main-r2"));
        QVERIFY(!spec["env"]);                                        // not R2
        QVERIFY(!spec["backup"]["barmanObjectStore"]["endpointURL"]); // AWS: no endpoint
    }

    void inPlaceArchivesUnderANewNameAndSaysWhatToDelete()
    {
        const auto c = test::pitrCatalog();
        ManifestOptions o;
        o.clusterName = QStringLiteral("pg-main");
        o.mode = ManifestOptions::Mode::InPlace;
        o.existingServers = {QStringLiteral("pg-main")};
        RecoveryTarget t;
        t.kind = RecoveryTarget::Kind::Immediate;
        const auto m = writeManifest(c, planRecovery(c, t), o);
        QVERIFY(m);
        QCOMPARE(m->archiveServer, QStringLiteral("pg-main-r1"));
        const YAML::Node target = documents(m->yaml)[0]["spec"]["bootstrap"]["recovery"]["recoveryTarget"];
        QCOMPARE(target["targetImmediate"].as<bool>(), true);
        QCOMPARE(str(target["backupID"]), QStringLiteral("D"));
        // An immediate target stops on the backup's own timeline, as the local restore does.
        QCOMPARE(str(target["targetTLI"]), QStringLiteral("2"));
        const QString notes = m->notes.join(QLatin1Char('\n'));
        QVERIFY(notes.contains(QStringLiteral("kubectl delete cluster pg-main -n default")));
        QVERIFY(notes.contains(QStringLiteral("type the cluster name")));
        QVERIFY(notes.contains(QStringLiteral("GitOps")));
    }

    // CNPG's webhook accepts an empty targetTLI, "latest" or a positive integer, nothing else;
    // every form becomes the number the plan resolved.
    void targetTliInAFormCnpgAccepts_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("expected");
        const int time = int(RecoveryTarget::Kind::Time), immediate = int(RecoveryTarget::Kind::Immediate);
        QTest::newRow("time latest") << "latest" << time << "2";
        QTest::newRow("time current") << "current" << time << "1";
        QTest::newRow("time 2") << "2" << time << "2";
        QTest::newRow("time 0x1") << "0x1" << time << "1";
        QTest::newRow("immediate latest") << "latest" << immediate << "2";
        QTest::newRow("immediate current") << "current" << immediate << "2";
    }
    void targetTliInAFormCnpgAccepts()
    {
        QFETCH(QString, spec);
        QFETCH(int, kind);
        QFETCH(QString, expected);
        const auto c = test::pitrCatalog();
        RecoveryTarget t;
        t.kind = RecoveryTarget::Kind(kind);
        t.time = Timestamp::fromUsec(test::uploadOf(1, 6) - 5'000'000, 0);
        const auto tli = TimelineSpec::parse(spec);
        QVERIFY(tli);
        t.timeline = *tli;
        const RecoveryPlan plan = planRecovery(c, t);
        QVERIFY2(plan.ok(), qPrintable(plan.reason));
        ManifestOptions o;
        o.clusterName = QStringLiteral("pg-new");
        const auto m = writeManifest(c, plan, o);
        QVERIFY(m);
        const YAML::Node target = documents(m->yaml)[0]["spec"]["bootstrap"]["recovery"]["recoveryTarget"];
        const QString written = str(target["targetTLI"]);
        static const QRegularExpression cnpgForms(QStringLiteral("^(latest|[1-9][0-9]*)$"));
        QVERIFY2(cnpgForms.match(written).hasMatch(), qPrintable(written));
        QCOMPARE(written, expected);
    }

    void pluginForm()
    {
        const auto c = test::pitrCatalog();
        ManifestOptions o;
        o.clusterName = QStringLiteral("pg-new");
        o.pluginObjectStore = QStringLiteral("r2-store");
        o.endpointUrl = QStringLiteral("https://acct.r2.cloudflarestorage.com");
        const auto m = writeManifest(c, timePlan(c), o);
        QVERIFY(m);
        const auto docs = documents(m->yaml);
        QCOMPARE(docs.size(), size_t(2));
        QCOMPARE(str(docs[0]["kind"]), QStringLiteral("ObjectStore"));
        QCOMPARE(str(docs[0]["apiVersion"]), QStringLiteral("barmancloud.cnpg.io/v1"));
        QVERIFY(!docs[0]["spec"]["configuration"]["serverName"]); // the plugin rejects it there
        QCOMPARE(str(docs[0]["spec"]["instanceSidecarConfiguration"]["env"][0]["value"]), QStringLiteral("when_required"));
        const YAML::Node spec = docs[1]["spec"];
        QCOMPARE(str(spec["externalClusters"][0]["plugin"]["name"]), QStringLiteral("barman-cloud.cloudnative-pg.io"));
        QCOMPARE(str(spec["externalClusters"][0]["plugin"]["parameters"]["serverName"]), QStringLiteral("pg-main"));
        QCOMPARE(spec["plugins"][0]["isWALArchiver"].as<bool>(), true);
        QCOMPARE(str(spec["plugins"][0]["parameters"]["barmanObjectName"]), QStringLiteral("r2-store"));
        QVERIFY(!spec["backup"]);
    }

    void iamRoleHasNoSecret()
    {
        const auto c = test::pitrCatalog();
        ManifestOptions o;
        o.clusterName = QStringLiteral("pg-new");
        o.inheritFromIamRole = true;
        const auto m = writeManifest(c, timePlan(c), o);
        QVERIFY(m);
        const YAML::Node creds = documents(m->yaml)[0]["spec"]["externalClusters"][0]["barmanObjectStore"]["s3Credentials"];
        QCOMPARE(creds["inheritFromIAMRole"].as<bool>(), true);
        QVERIFY(!creds["secretAccessKey"]);
        QVERIFY(!m->notes.join(QLatin1Char(' ')).contains(QStringLiteral("Secret")));
    }

    void refusedPlanWritesNothing()
    {
        const auto c = test::pitrCatalog();
        RecoveryTarget t;
        t.kind = RecoveryTarget::Kind::Time;
        t.time = Timestamp::fromUsec(test::kT0);
        ManifestOptions o;
        o.clusterName = QStringLiteral("pg-new");
        const auto m = writeManifest(c, planRecovery(c, t), o);
        QVERIFY(!m);
        QCOMPARE(m.error().code, ErrorCode::Refused);
        o.clusterName = QStringLiteral("Bad_Name");
        const auto bad = writeManifest(c, timePlan(c), o);
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, ErrorCode::Usage);
    }
};

QTEST_GUILESS_MAIN(TestManifestWriter)
#include "TestManifestWriter.moc"
