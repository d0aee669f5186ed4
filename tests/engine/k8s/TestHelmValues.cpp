// SPDX-License-Identifier: GPL-3.0-or-later
// The cluster chart's values read as its templates read them (charts/cluster/templates/
// _barman_object_store.tpl and barman-cloud-objectstore.yaml): the defaults it derives, Helm's
// name rules, and the second block. End to end against a real bucket: tests/cli/TestCliHelmValues.
#include "engine/core/Redactor.h"
#include "engine/k8s/HelmValues.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace tideline;
using namespace tideline::k8s;

namespace {

Result<HelmBackupValues> parse(const QStringList& lines)
{
    return parseHelmValues(lines.join(u'\n').toUtf8(), u"values.yaml"_s);
}

} // namespace

class TestHelmValues : public QObject {
    Q_OBJECT

private slots:
    void theChartsDefaults()
    {
        // No destinationPath, no path key (values.yaml's "/"), no endpointURL: AWS in the region.
        auto v = parse({u"backups:"_s, u"  enabled: true"_s, u"  s3:"_s, u"    region: eu-west-1"_s, u"    bucket: pg"_s});
        QVERIFY2(v, v ? "" : qPrintable(v.error().message));
        QCOMPARE(v->url.toString(), u"s3://pg"_s);
        QCOMPARE(v->options.endpoint.toString(), u"https://s3.eu-west-1.amazonaws.com"_s);
        QCOMPARE(v->options.region, u"eu-west-1"_s);
        QCOMPARE(v->block, u"backups"_s);
        QVERIFY(v->clusterName.isEmpty());
        QCOMPARE(v->secretName, u"RELEASE-cluster-backup-s3-creds"_s);
        QVERIFY(v->options.accessKeyId.isEmpty());
        QCOMPARE(v->notes.size(), 1); // the desktop's own credentials

        // s3.path is appended as written; destinationPath and endpointURL win when given.
        v = parse({u"fullnameOverride: pg-main"_s, u"backups:"_s, u"  enabled: true"_s, u"  s3:"_s, u"    bucket: pg"_s,
                   u"    path: /cnpg/prod"_s, u"    region: auto"_s, u"    accessKey: AK"_s,
                   u"    secretKey: not-in-any-log"_s});
        QVERIFY(v);
        QCOMPARE(v->url.toString(), u"s3://pg/cnpg/prod"_s);
        QCOMPARE(v->secretName, u"pg-main-backup-s3-creds"_s);
        QCOMPARE(v->clusterName, u"pg-main"_s);
        QCOMPARE(v->options.accessKeyId, u"AK"_s);
        QVERIFY(v->notes.isEmpty());
        QVERIFY(!Redactor::redact(u"key not-in-any-log"_s).contains(u"not-in-any-log"_s));
        v = parse({u"backups:"_s, u"  enabled: true"_s, u"  destinationPath: s3://other/p"_s,
                   u"  endpointURL: https://acct.r2.cloudflarestorage.com"_s, u"  secret:"_s, u"    name: r2-creds"_s,
                   u"  endpointCA:"_s, u"    name: minio-ca"_s, u"    key: ca.crt"_s, u"  s3:"_s, u"    bucket: ignored"_s});
        QVERIFY(v);
        QCOMPARE(v->url.toString(), u"s3://other/p"_s);
        QCOMPARE(v->options.endpoint.host(), u"acct.r2.cloudflarestorage.com"_s);
        QCOMPARE(v->secretName, u"r2-creds"_s);
        QVERIFY(v->notes.join(u' ').contains(u"minio-ca"_s));
    }

    void helmsNameRules()
    {
        // trunc 63 | trimSuffix "-", as every name the chart derives.
        const QString longName = QString(62, u'a') + u"-b"_s;
        auto v = parse({u"fullnameOverride: %1"_s.arg(longName), u"backups:"_s, u"  enabled: true"_s, u"  s3:"_s,
                        u"    bucket: pg"_s, u"    region: auto"_s});
        QVERIFY(v);
        QCOMPARE(v->clusterName, QString(62, u'a'));
    }

    void thePluginBlockWhenBackupsAreOff()
    {
        auto v = parse({u"backups:"_s, u"  enabled: false"_s, u"barmanCloudPlugin:"_s, u"  enabled: true"_s, u"  s3:"_s,
                        u"    bucket: pg"_s, u"    path: /x"_s});
        QVERIFY(v);
        QCOMPARE(v->block, u"barmanCloudPlugin"_s);
        QCOMPARE(v->url.toString(), u"s3://pg/x"_s);
        QVERIFY(v->options.endpoint.isEmpty()); // the plugin leaves endpointURL out: AWS's default
    }

    void hostileValues_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<int>("code");
        QTest::newRow("empty") << QByteArray() << int(ErrorCode::MissingSource);
        QTest::newRow("scalar") << QByteArray("just text") << int(ErrorCode::Usage);
        QTest::newRow("enabled-string") << QByteArray("backups: {enabled: maybe}") << int(ErrorCode::Usage);
        QTest::newRow("path-map") << QByteArray("backups: {enabled: true, destinationPath: {a: 1}}") << int(ErrorCode::Usage);
        QTest::newRow("file-url") << QByteArray("backups: {enabled: true, destinationPath: 'file:///etc', s3: {region: a}}")
                                  << int(ErrorCode::Usage);
        QTest::newRow("google") << QByteArray("backups: {enabled: true, provider: google}") << int(ErrorCode::Refused);
        QTest::newRow("ca-not-pem") << QByteArray(
            "backups: {enabled: true, endpointCA: {value: x}, s3: {bucket: b, region: a}}")
                                    << int(ErrorCode::Usage);
    }

    void hostileValues()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(int, code);
        const auto v = parseHelmValues(yaml, u"v.yaml"_s);
        QVERIFY(!v);
        QCOMPARE(int(v.error().code), code);
        QVERIFY(!v.error().hint.isEmpty());
        QVERIFY(v.error().message.contains(u"v.yaml"_s));
    }
};

QTEST_GUILESS_MAIN(TestHelmValues)
#include "TestHelmValues.moc"
