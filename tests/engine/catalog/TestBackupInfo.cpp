// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/catalog/BackupInfo.h"

#include <QFile>
#include <QJsonArray>
#include <QTest>

using namespace tideline;
using tideline::catalog::BackupInfo;

namespace {
QByteArray sample()
{
    QFile f(QStringLiteral(TIDELINE_TEST_DATA "/catalog/backup.info.pg15"));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("test data missing");
    return f.readAll();
}
} // namespace

class TestBackupInfo : public QObject {
    Q_OBJECT
private slots:
    void parsesEveryField()
    {
        const auto info = BackupInfo::parse(QStringLiteral("20251206T020000"), sample());
        QVERIFY2(info, qPrintable(info ? QString() : info.error().oneLine()));
        QCOMPARE(info->status, QStringLiteral("DONE"));
        QCOMPARE(info->backupName, QStringLiteral("backup-20251206020000"));
        QCOMPARE(info->timeline, 1u);
        QCOMPARE(info->version, 150018);
        QCOMPARE(info->majorVersion(), 15);
        QCOMPARE(info->beginLsn->value(), 0x5000028ull);
        QCOMPARE(info->endLsn->value(), 0x6000138ull);
        QCOMPARE(info->beginTime->toIso(), QStringLiteral("2025-12-06T02:00:01.123456+00:00"));
        QCOMPARE(info->segmentSize, 16777216ull);
        QVERIFY(info->segmentSizeStated);
        QCOMPARE(*info->clusterSize, 52428800);
        QCOMPARE(info->tablespaces.size(), 2);
        QCOMPARE(info->tablespaces[0].name, QStringLiteral("tbs_one"));
        QCOMPARE(info->tablespaces[0].oid, 16385u);
        QCOMPARE(info->tablespaces[1].location, QStringLiteral("/tbs/two"));
        QVERIFY(
            info->backupLabel.startsWith(QStringLiteral("START WAL LOCATION: 0/5000028 (file 000000010000000000000005)\n")));
        QCOMPARE(info->includedFiles.toList()[1].toString(),
                 QStringLiteral("/var/lib/postgresql/data/pgdata/override's.conf"));
        QCOMPARE(info->copyStats.toMap().value(QStringLiteral("number_of_workers")).toInt(), 2);
        // An unknown key from a newer barman is kept, not refused.
        QCOMPARE(info->fields.value(QStringLiteral("summarize_wal")), QStringLiteral("off"));
    }
    void barmanJsonShapes()
    {
        const auto info = BackupInfo::parse(QStringLiteral("20251206T020000"), sample());
        QVERIFY(info);
        const QJsonObject o = info->toBarmanJson();
        QCOMPARE(o[QStringLiteral("backup_id")].toString(), QStringLiteral("20251206T020000"));
        QCOMPARE(o[QStringLiteral("begin_time")].toString(), QStringLiteral("Sat Dec  6 02:00:01 2025"));
        QCOMPARE(o[QStringLiteral("begin_time_iso")].toString(), QStringLiteral("2025-12-06T02:00:01.123456+00:00"));
        QCOMPARE(o[QStringLiteral("version")].toInt(), 150018);
        QVERIFY(o[QStringLiteral("size")].isNull());
        QCOMPARE(o[QStringLiteral("systemid")].toString(), QStringLiteral("7445012345678901234"));
        QCOMPARE(o[QStringLiteral("tablespaces")].toArray()[0].toArray()[1].toInt(), 16385);
        QCOMPARE(o[QStringLiteral("copy_stats")].toObject()[QStringLiteral("copy_time")].toDouble(), 3.01);
        // barman prints the label as its repr() text, quotes and escapes included.
        QVERIFY(o[QStringLiteral("backup_label")].toString().startsWith(QStringLiteral("'START WAL LOCATION")));
        QVERIFY(o[QStringLiteral("snapshots_info")].isUndefined());
        QCOMPARE(o[QStringLiteral("cluster_size")].toInteger(), 52428800);
    }
    void timesKeepTheirOffset()
    {
        QByteArray text = sample();
        text.replace("end_time=2025-12-06 02:00:04.987654+00:00", "end_time=2025-12-06 04:00:04+02:00");
        const auto info = BackupInfo::parse(QStringLiteral("x"), text);
        QVERIFY(info);
        QCOMPARE(info->toBarmanJson()[QStringLiteral("end_time")].toString(), QStringLiteral("Sat Dec  6 04:00:04 2025"));
        QCOMPARE(info->endTime->usecUtc, Timestamp::parse(u"2025-12-06T02:00:04Z")->usecUtc);
    }
    void rejects_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("why");
        const QByteArray good = sample();
        QTest::newRow("garbage") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0", 11) << "not UTF-8";
        QTest::newRow("truncated") << good.left(good.indexOf("status=")) << "no status";
        QTest::newRow("empty") << QByteArray() << "empty";
        QTest::newRow("no-equals") << QByteArray("status=DONE\nthis is not a field\n") << "line 2";
        QTest::newRow("bad-int") << QByteArray("status=DONE\ntimeline=one\n") << "timeline";
        QTest::newRow("bad-lsn") << QByteArray("status=DONE\nbegin_xlog=0/XYZ\n") << "begin_xlog";
        QTest::newRow("bad-time") << QByteArray("status=DONE\nend_time=yesterday\n") << "end_time";
        QTest::newRow("bad-literal") << QByteArray("status=DONE\ntablespaces=[('a', 1, '/x'\n") << "tablespaces";
    }
    void rejects()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, why);
        const auto info = BackupInfo::parse(QStringLiteral("20251206T020000"), text);
        QVERIFY(!info);
        QCOMPARE(info.error().code, ErrorCode::Corrupt);
        QVERIFY2(info.error().message.contains(why), qPrintable(info.error().message));
        QVERIFY(info.error().message.contains(QStringLiteral("20251206T020000")));
        QVERIFY(!info.error().hint.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestBackupInfo)
#include "TestBackupInfo.moc"
