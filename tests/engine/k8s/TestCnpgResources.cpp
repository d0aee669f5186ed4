// SPDX-License-Identifier: GPL-3.0-or-later
// CNPG's resources as Tideline reads them: both backup forms, fields CNPG deprecated or never sets
// for plugin clusters, hostile names, and the comparison with the bucket. The shapes follow
// CNPG 1.30's api/v1 types and plugin-barman-cloud 0.14's ObjectStore (see
// ../shared/reference/cnpg-k8s-facts.md); the end-to-end comparison with real readers is in
// tests/cli/TestCliK8s.cpp.
#include "engine/k8s/ClusterComparison.h"
#include "engine/k8s/ClusterSource.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tideline;
using namespace tideline::k8s;

namespace {

// The resources live in tests/data/k8s/ (moc in Qt 6.4 cannot read raw string literals).
QJsonObject load(const char* file)
{
    QFile f(QStringLiteral(TIDELINE_TEST_DATA "/k8s/") + QLatin1StringView(file));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", file);
    QJsonParseError e{};
    const QJsonObject o = QJsonDocument::fromJson(f.readAll(), &e).object();
    if (e.error != QJsonParseError::NoError)
        qFatal("bad JSON in %s: %s", file, qPrintable(e.errorString()));
    return o;
}

qint64 usec(const char* iso)
{
    return Timestamp::parse(QString::fromLatin1(iso))->usecUtc;
}

} // namespace

class TestCnpgResources : public QObject {
    Q_OBJECT

private slots:
    void inTreeCluster()
    {
        const auto c = CnpgCluster::fromJson(load("cluster-intree.json"));
        QVERIFY(c);
        QCOMPARE(c->backupMethod, CnpgCluster::BackupMethod::BarmanObjectStore);
        QCOMPARE(c->serverName(), u"pg-main-v2"_s);
        QCOMPARE(c->barmanObjectStore.secretAccessKey.key, u"ACCESS_SECRET_KEY"_s);
        QCOMPARE(c->conditions.size(), 1); // a condition without a type is dropped
        const QJsonObject j = c->toJson();
        QCOMPARE(j.value(u"timeline"_s).toInt(), 3);
        QCOMPARE(j.value(u"ready_instances"_s).toInt(), 2);
        QCOMPARE(j.value(u"backup"_s).toObject().value(u"method"_s).toString(), u"barmanObjectStore"_s);
        QCOMPARE(j.value(u"backup"_s).toObject().value(u"retention_policy"_s).toString(), u"30d"_s);
        QVERIFY(j.value(u"backup"_s).toObject().value(u"object_store"_s).isNull());
        QVERIFY(j.value(u"last_failed_backup"_s).isNull()); // absent: null, never omitted
        QVERIFY(j.contains(u"last_failed_backup"_s));
        QCOMPARE(j.value(u"conditions"_s).toObject().value(u"ContinuousArchiving"_s).toObject().value(u"message"_s),
                 u"exit status 4"_s);
        QVERIFY(j.value(u"conditions"_s).toObject().value(u"LastBackupSucceeded"_s).isNull());
    }

    void pluginClusterTakesItsWindowFromTheObjectStore()
    {
        const auto c = CnpgCluster::fromJson(load("cluster-plugin.json"));
        const auto s = CnpgObjectStore::fromJson(load("objectstore.json"));
        QVERIFY(c && s);
        QCOMPARE(c->backupMethod, CnpgCluster::BackupMethod::Plugin);
        QCOMPARE(c->serverName(), u"pg-plain"_s); // no serverName parameter: the cluster's name
        QVERIFY(!c->timelineId);                  // mistyped: absent, not zero
        QVERIFY(s->configuration.inheritFromIamRole);
        const QJsonObject without = c->toJson();
        QVERIFY(without.value(u"first_recoverability_point"_s).isNull());
        QVERIFY(without.value(u"backup"_s).toObject().value(u"destination_path"_s).isNull());
        const QJsonObject with = c->toJson(&*s);
        QCOMPARE(with.value(u"backup"_s).toObject().value(u"destination_path"_s).toString(), u"s3://p/cnpg"_s);
        QCOMPARE(with.value(u"backup"_s).toObject().value(u"retention_policy"_s).toString(), u"4w"_s);
        QCOMPARE(Timestamp::parse(with.value(u"first_recoverability_point"_s).toString())->usecUtc,
                 usec("2026-12-02T00:00:05Z"));
    }

    // The badge, worst first: archiving failing beats everything; a backup still starting is
    // not a failure; a cluster without a backup section is a warning.
    void healthBadge_data()
    {
        QTest::addColumn<QJsonObject>("status");
        QTest::addColumn<bool>("withBackup");
        QTest::addColumn<QString>("health");
        QTest::addColumn<QString>("says");
        auto cond = [](const char* type, const char* st, const char* reason, const char* message) {
            return QJsonObject{{u"type"_s, QLatin1StringView(type)},
                               {u"status"_s, QLatin1StringView(st)},
                               {u"reason"_s, QLatin1StringView(reason)},
                               {u"message"_s, QLatin1StringView(message)}};
        };
        const QJsonObject archiving = cond("ContinuousArchiving", "True", "ContinuousArchivingSuccess", "ok");
        const QJsonObject failing = cond("ContinuousArchiving", "False", "ContinuousArchivingFailing", "barman: 403");
        const QJsonObject started = cond("LastBackupSucceeded", "False", "BackupStarted", "");
        const QJsonObject lastFailed = cond("LastBackupSucceeded", "False", "LastBackupFailed", "disk full");
        const QJsonObject healthy{{u"phase"_s, u"Cluster in healthy state"_s}, {u"readyInstances"_s, 3}};
        auto with = [&](QJsonObject st, QJsonArray conds) {
            st.insert(u"conditions"_s, conds);
            return st;
        };
        QTest::newRow("healthy") << with(healthy, {archiving}) << true << u"healthy"_s << u"healthy state"_s;
        QTest::newRow("archiving-failing") << with(healthy, {failing, lastFailed}) << true << u"failing"_s << u"barman: 403"_s;
        QTest::newRow("backup-started") << with(healthy, {archiving, started}) << true << u"healthy"_s << u""_s;
        QTest::newRow("last-backup-failed")
            << with(healthy, {archiving, lastFailed}) << true << u"warning"_s << u"disk full"_s;
        QTest::newRow("no-backup") << with(healthy, {}) << false << u"warning"_s << u"no backup"_s;
        QTest::newRow("not-ready") << with(QJsonObject{{u"phase"_s, u"Cluster in healthy state"_s}, {u"readyInstances"_s, 2}},
                                           {archiving})
                                   << true << u"warning"_s << u"2 of 3"_s;
        QTest::newRow("switchover") << with(QJsonObject{{u"phase"_s, u"Switchover in progress"_s}, {u"readyInstances"_s, 3}},
                                            {archiving})
                                    << true << u"warning"_s << u"Switchover"_s;
        QTest::newRow("no-status") << QJsonObject() << true << u"unknown"_s << u"no status"_s;
    }

    void healthBadge()
    {
        QFETCH(QJsonObject, status);
        QFETCH(bool, withBackup);
        QFETCH(QString, health);
        QFETCH(QString, says);
        QJsonObject spec{{u"instances"_s, 3}};
        if (withBackup)
            spec.insert(u"backup"_s,
                        QJsonObject{{u"barmanObjectStore"_s, QJsonObject{{u"destinationPath"_s, u"s3://b/p"_s}}}});
        const auto cluster =
            CnpgCluster::fromJson(QJsonObject{{u"metadata"_s, QJsonObject{{u"name"_s, u"pg"_s}, {u"namespace"_s, u"db"_s}}},
                                              {u"spec"_s, spec},
                                              {u"status"_s, status}});
        QVERIFY(cluster);
        QString reason;
        QCOMPARE(CnpgCluster::healthName(cluster->health(&reason)), health);
        QVERIFY2(reason.contains(says), qPrintable(reason));
        QCOMPARE(cluster->toJson().value(u"health"_s).toString(), health);
    }

    void hostileNamesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("no name") << QByteArray("{\"metadata\": {\"namespace\": \"db\"}}");
        QTest::newRow("path in name") << QByteArray("{\"metadata\": {\"name\": \"../../etc\", \"namespace\": \"db\"}}");
        QTest::newRow("upper case") << QByteArray("{\"metadata\": {\"name\": \"PG\", \"namespace\": \"db\"}}");
        QTest::newRow("slash namespace") << QByteArray("{\"metadata\": {\"name\": \"pg\", \"namespace\": \"a/b\"}}");
        QTest::newRow("long label") << QByteArray("{\"metadata\": {\"name\": \"pg\", \"namespace\": \"" + QByteArray(64, 'a')
                                                  + "\"}}");
        QTest::newRow("not an object") << QByteArray("{\"metadata\": [\"pg\"]}");
    }

    void hostileNamesAreRefused()
    {
        QFETCH(QByteArray, json);
        const QJsonObject o = QJsonDocument::fromJson(json).object();
        const auto c = CnpgCluster::fromJson(o);
        QVERIFY(!c);
        QCOMPARE(c.error().code, ErrorCode::Corrupt);
        QVERIFY(!CnpgBackup::fromJson(o));
        QVERIFY(!CnpgScheduledBackup::fromJson(o));
    }

    void clusterRefs_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::newRow("ok") << u"cnpg://db/pg-main"_s << true;
        QTest::newRow("dotted name") << u"cnpg://db/pg.main"_s << true;
        QTest::newRow("no namespace") << u"cnpg://pg-main"_s << false;
        QTest::newRow("extra part") << u"cnpg://db/pg-main/x"_s << false;
        QTest::newRow("upper case") << u"cnpg://DB/pg-main"_s << false;
        QTest::newRow("empty") << u"cnpg://"_s << false;
        QTest::newRow("traversal") << u"cnpg://db/.."_s << false;
        QTest::newRow("query") << u"cnpg://db/pg?x=1"_s << false;
    }

    void clusterRefs()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        const auto ref = ClusterRef::parse(text);
        QCOMPARE(bool(ref), ok);
        if (!ok)
            QCOMPARE(ref.error().code, ErrorCode::Usage);
        else
            QCOMPARE(ref->toString(), text);
    }

    void comparison()
    {
        const auto cluster = CnpgCluster::fromJson(load("cluster-intree.json"));
        QVERIFY(cluster);
        const auto backup = [](const char* name, const char* id, const char* server, const char* phase = "completed") {
            return *CnpgBackup::fromJson(
                QJsonObject{{u"metadata"_s, QJsonObject{{u"name"_s, QString::fromLatin1(name)}, {u"namespace"_s, u"db"_s}}},
                            {u"spec"_s, QJsonObject{{u"cluster"_s, QJsonObject{{u"name"_s, u"pg-main"_s}}}}},
                            {u"status"_s,
                             QJsonObject{{u"phase"_s, QString::fromLatin1(phase)},
                                         {u"backupId"_s, QString::fromLatin1(id)},
                                         {u"serverName"_s, QString::fromLatin1(server)}}}});
        };
        const QList<CnpgBackup> backups{
            backup("b1", "20261201T063020", "pg-main-v2"),
            backup("ghost", "20200101T000000", "pg-main-v2"),
            backup("old-server", "20190101T000000", "pg-main"), // before a serverName change: not this server's
            backup("failed", "", "pg-main-v2", "failed"),
        };
        const auto schedule = [](const char* name, const char* cron, const char* last, bool suspend = false) {
            return *CnpgScheduledBackup::fromJson(
                QJsonObject{{u"metadata"_s,
                             QJsonObject{{u"name"_s, QString::fromLatin1(name)},
                                         {u"namespace"_s, u"db"_s},
                                         {u"creationTimestamp"_s, u"2026-11-01T00:00:00Z"_s}}},
                            {u"spec"_s,
                             QJsonObject{{u"cluster"_s, QJsonObject{{u"name"_s, u"pg-main"_s}}},
                                         {u"schedule"_s, QString::fromLatin1(cron)},
                                         {u"suspend"_s, suspend}}},
                            {u"status"_s, QJsonObject{{u"lastScheduleTime"_s, QString::fromLatin1(last)}}}});
        };
        const QList<CnpgScheduledBackup> schedules{
            schedule("daily-ok", "0 0 0 * * *", "2026-12-03T00:00:00Z"),
            schedule("daily-late", "0 0 0 * * *", "2026-12-01T00:00:00Z"),
            schedule("suspended", "0 0 0 * * *", "2026-11-01T00:00:00Z", true),
            schedule("garbage", "61 * * * * *", "2026-12-03T00:00:00Z"),
        };
        BucketFacts bucket;
        bucket.source = u"s3://b/cnpg"_s;
        bucket.server = u"pg-main-v2"_s;
        bucket.backups = {{u"20261201T063020"_s, true, Timestamp::parse(u"2026-12-01T06:30:33Z")},
                          {u"20261202T063020"_s, true, Timestamp::parse(u"2026-12-02T06:30:33Z")}};
        // The cluster's point (06:30:21Z) and the bucket's agree to the second: no discrepancy.
        bucket.firstRecoverabilityPoint = Timestamp::parse(u"2026-12-01T06:30:21.734512Z");
        bucket.lastBackupId = u"20261202T063020"_s;

        const auto found = compareWithBucket(*cluster, nullptr, backups, schedules, bucket, usec("2026-12-03T12:00:00Z"));
        QStringList kinds;
        for (const Discrepancy& d : found)
            kinds.append(d.kind + u':' + (d.backupId.isEmpty() ? d.resource : d.backupId));
        kinds.sort();
        QCOMPARE(kinds,
                 (QStringList{u"backup_missing_from_bucket:20200101T000000"_s, u"backup_without_resource:20261202T063020"_s,
                              u"last_backup_differs:20261201T063020"_s, u"schedule_missed:ScheduledBackup/db/daily-late"_s,
                              u"schedule_unreadable:ScheduledBackup/db/garbage"_s}));

        // A second off: the points differ.
        bucket.firstRecoverabilityPoint = Timestamp::parse(u"2026-12-01T06:30:22Z");
        bool differs = false;
        for (const Discrepancy& d : compareWithBucket(*cluster, nullptr, {}, {}, bucket, usec("2026-12-03T12:00:00Z")))
            differs |= d.kind == u"first_recoverability_point_differs";
        QVERIFY(differs);
    }
};

QTEST_GUILESS_MAIN(TestCnpgResources)
#include "TestCnpgResources.moc"
