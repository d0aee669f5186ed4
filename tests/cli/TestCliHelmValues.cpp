// SPDX-License-Identifier: GPL-3.0-or-later
// --helm-values: the cloudnative-pg cluster chart's values file in place of SOURCE_URL. The
// values point at a barman-written fixture bucket; barman-cloud-backup-list and
// barman-cloud-wal-restore, reading that bucket with the same settings, are the oracles.
#include "tests/support/FixtureEnv.h"

#include <QFile>
#include <QJsonArray>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using tideline::test::FixtureEnv;
using tideline::test::ProcessResult;

namespace {

FixtureEnv& env()
{
    return FixtureEnv::instance();
}

QStringList sortedIds(const QJsonArray& list, const QString& key)
{
    QStringList ids;
    for (const QJsonValue& v : list)
        ids.append(v.toObject().value(key).toString());
    ids.sort();
    return ids;
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestCliHelmValues : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_bucket;
    QString m_path;

    /// The CLI with no AWS settings of its own: whatever reaches the bucket came from the values.
    ProcessResult cli(const QStringList& args)
    {
        QProcessEnvironment e = env().environment();
        for (const char* v : {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL",
                              "AWS_REGION", "AWS_PROFILE"})
            e.remove(QString::fromLatin1(v));
        e.insert(u"HOME"_s, m_tmp.path());
        return FixtureEnv::runWith(e, QStringLiteral(TIDELINE_CLI), args);
    }

    /// A values file as the chart's users write it (lines, not a raw literal: moc in Qt 6.4).
    QString values(const QString& name, const QStringList& lines)
    {
        const QString path = m_tmp.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write((lines.join(u'\n') + u'\n').toUtf8()) < 0)
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    QStringList backupsBlock(bool withKeys = true) const
    {
        QStringList b{u"backups:"_s,
                      u"  enabled: true"_s,
                      u"  provider: s3"_s,
                      u"  endpointURL: \"%1\""_s.arg(env().endpoint()),
                      u"  s3:"_s,
                      u"    region: us-east-1"_s,
                      u"    bucket: %1"_s.arg(m_bucket),
                      u"    path: \"%1\""_s.arg(m_path)};
        if (withKeys)
            b << u"    accessKey: \"%1\""_s.arg(env().root().value(u"access_key"_s).toString())
              << u"    secretKey: \"%1\""_s.arg(env().root().value(u"secret_key"_s).toString());
        return b;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        const QString url = env().url(u"main"_s);
        QVERIFY(url.startsWith(u"s3://"_s));
        const qsizetype slash = url.indexOf(u'/', 5);
        m_bucket = slash < 0 ? url.mid(5) : url.mid(5, slash - 5);
        m_path = slash < 0 ? u"/"_s : url.mid(slash); // the chart appends s3.path to the bucket
    }

    // The values name the bucket, the endpoint, the keys and (fullnameOverride) the cluster:
    // backups lists what barman lists, with no AWS setting of the desktop's own.
    void theValuesOpenTheClustersBucket()
    {
        const QString file =
            values(u"values.yaml"_s, QStringList{u"fullnameOverride: %1"_s.arg(env().server(u"main"_s))} + backupsBlock());
        const ProcessResult r = cli({u"backups"_s, u"--helm-values"_s, file, u"--json"_s});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const ProcessResult barman = env().run(u"barman-cloud-backup-list"_s,
                                               {u"--endpoint-url"_s, env().endpoint(), u"--format"_s, u"json"_s,
                                                env().url(u"main"_s), env().server(u"main"_s)});
        QCOMPARE(barman.exitCode, 0);
        const QStringList expected = sortedIds(barman.json().value(u"backups_list"_s).toArray(), u"backup_id"_s);
        QVERIFY(!expected.isEmpty());
        QCOMPARE(sortedIds(r.json().value(u"backups_list"_s).toArray(), u"backup_id"_s), expected);
        const QByteArray secret = env().root().value(u"secret_key"_s).toString().toUtf8();
        QVERIFY(!r.out.contains(secret) && !r.err.contains(secret));

        // SERVER given explicitly wins over fullnameOverride, and a values file without one
        // needs it.
        const QString unnamed = values(u"unnamed.yaml"_s, backupsBlock());
        const ProcessResult named = cli({u"status"_s, u"--helm-values"_s, unnamed, env().server(u"main"_s), u"--json"_s});
        QVERIFY2(named.exitCode == 0, named.err.constData());
        QCOMPARE(named.json().value(u"server"_s).toString(), env().server(u"main"_s));
        const ProcessResult anonymous = cli({u"status"_s, u"--helm-values"_s, unnamed});
        QCOMPARE(anonymous.exitCode, 2);
        QVERIFY2(anonymous.err.contains("fullnameOverride"), anonymous.err.constData());
        QCOMPARE(anonymous.err.count('\n'), 1); // one line, its hint included
    }

    // wal-restore reads through the values as well: the bytes are barman-cloud-wal-restore's.
    void walRestoreThroughTheValues()
    {
        const QString file =
            values(u"wal.yaml"_s, QStringList{u"fullnameOverride: %1"_s.arg(env().server(u"main"_s))} + backupsBlock());
        QTemporaryDir dir;
        const QString segment = u"000000010000000000000003"_s;
        const ProcessResult r =
            cli({u"wal-restore"_s, u"--helm-values"_s, file, segment, dir.filePath(u"mine"_s), u"--prefetch"_s, u"0"_s});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const ProcessResult barman = env().run(u"/usr/bin/barman-cloud-wal-restore"_s,
                                               {u"--endpoint-url"_s, env().endpoint(), env().url(u"main"_s),
                                                env().server(u"main"_s), segment, dir.filePath(u"barman"_s)});
        QCOMPARE(barman.exitCode, 0);
        const QByteArray mine = readAll(dir.filePath(u"mine"_s));
        QVERIFY(!mine.isEmpty());
        QVERIFY(mine == readAll(dir.filePath(u"barman"_s)));
    }

    // Without keys in the values the desktop's own credentials are used, and a note says which
    // Secret the cluster reads instead (the chart's default name when secret.name is unset).
    void valuesWithoutKeysUseTheDesktopsCredentials()
    {
        const QString file = values(u"nokeys.yaml"_s, QStringList{u"fullnameOverride: pg-main"_s} + backupsBlock(false));
        QProcessEnvironment e = env().environment(); // AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY set
        e.remove(u"AWS_ENDPOINT_URL"_s);
        const ProcessResult r = FixtureEnv::runWith(e, QStringLiteral(TIDELINE_CLI), {u"servers"_s, u"--helm-values"_s, file});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains(env().server(u"main"_s).toUtf8()), r.out.constData());
        QVERIFY2(r.err.contains("pg-main-backup-s3-creds"), r.err.constData());
        const ProcessResult none = cli({u"servers"_s, u"--helm-values"_s, file});
        QCOMPARE(none.exitCode, 4);
    }

    void badValuesSayWhatIsWrong_data()
    {
        QTest::addColumn<QStringList>("lines");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("says");
        QTest::newRow("azure") << QStringList{u"backups:"_s, u"  enabled: true"_s, u"  provider: azure"_s} << 7
                               << u"azure storage"_s;
        QTest::newRow("no-bucket") << QStringList{u"backups:"_s, u"  enabled: true"_s, u"  s3:"_s, u"    region: auto"_s}
                                   << 2 << u"s3.bucket"_s;
        QTest::newRow("no-endpoint") << QStringList{u"backups:"_s, u"  enabled: true"_s, u"  s3:"_s, u"    bucket: b"_s} << 2
                                     << u"backups.s3.region"_s;
        QTest::newRow("disabled") << QStringList{u"backups:"_s, u"  enabled: false"_s} << 5 << u"enables no backups"_s;
        QTest::newRow("not-yaml") << QStringList{u"backups: [unclosed"_s} << 2 << u"not valid YAML"_s;
        QTest::newRow("wrong-type") << QStringList{u"backups:"_s, u"  enabled: true"_s, u"  s3: [1, 2]"_s} << 2
                                    << u"backups.s3 must be a map"_s;
        QTest::newRow("bad-endpoint") << QStringList{u"backups:"_s, u"  enabled: true"_s, u"  endpointURL: ftp://x"_s,
                                                     u"  s3:"_s, u"    bucket: b"_s}
                                      << 2 << u"ftp://x"_s;
        QTest::newRow("bad-fullname") << QStringList{u"fullnameOverride: Not_A_Name"_s,
                                                     u"backups:"_s,
                                                     u"  enabled: true"_s,
                                                     u"  s3:"_s,
                                                     u"    bucket: b"_s,
                                                     u"    region: auto"_s}
                                      << 2 << u"not a Kubernetes name"_s;
    }

    void badValuesSayWhatIsWrong()
    {
        QFETCH(QStringList, lines);
        QFETCH(int, status);
        QFETCH(QString, says);
        const QString file = values(u"bad.yaml"_s, lines);
        const ProcessResult r = cli({u"backups"_s, u"--helm-values"_s, file, u"pg-main"_s});
        QCOMPARE(r.exitCode, status);
        QVERIFY2(r.err.contains(says.toUtf8()), r.err.constData());
        QVERIFY2(r.out.isEmpty(), r.out.constData());
    }

    void theOptionOnlyStandsForASource()
    {
        const QString file = values(u"ok.yaml"_s, QStringList{u"fullnameOverride: pg-main"_s} + backupsBlock());
        const ProcessResult both = cli({u"backups"_s, u"--helm-values"_s, file, env().url(u"main"_s), u"pg-main"_s});
        QCOMPARE(both.exitCode, 2);
        QVERIFY2(both.err.contains("takes the place of SOURCE_URL"), both.err.constData());
        const ProcessResult k8s = cli({u"k8s"_s, u"contexts"_s, u"--helm-values"_s, file});
        QCOMPARE(k8s.exitCode, 2);
        const ProcessResult missing = cli({u"backups"_s, u"--helm-values"_s, m_tmp.filePath(u"nope.yaml"_s), u"pg-main"_s});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains("does not exist"), missing.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliHelmValues)
#include "TestCliHelmValues.moc"
