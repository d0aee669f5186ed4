// SPDX-License-Identifier: GPL-3.0-or-later
// tideline-cli's catalog verbs on buckets written by barman-cloud, checked against
// barman-cloud-backup-list and an independent boto3 listing of the same bucket.
#include "tests/support/FixtureEnv.h"

#include <QJsonArray>
#include <QSet>
#include <QTest>

using tideline::test::FixtureEnv;
using tideline::test::ProcessResult;

namespace {
const FixtureEnv& env()
{
    return FixtureEnv::instance();
}

QMap<QString, QJsonObject> byId(const QJsonArray& list)
{
    QMap<QString, QJsonObject> out;
    for (const QJsonValue& v : list)
        out.insert(v.toObject().value(QStringLiteral("backup_id")).toString(), v.toObject());
    return out;
}

ProcessResult barmanList(const QString& scenario)
{
    return env().run(QStringLiteral("barman-cloud-backup-list"),
                     {QStringLiteral("--endpoint-url"), env().endpoint(), QStringLiteral("--format"), QStringLiteral("json"),
                      env().url(scenario), env().server(scenario)});
}

// Independent truth: every key under a prefix, listed by boto3 (Debian's python3-boto3).
QJsonArray boto3Keys(const QString& bucket, const QString& prefix)
{
    const QString script = QStringLiteral(
        "import boto3,json,sys\n"
        "s3=boto3.client('s3',endpoint_url=sys.argv[1])\n"
        "out=[]\n"
        "for page in s3.get_paginator('list_objects_v2').paginate(Bucket=sys.argv[2],Prefix=sys.argv[3]):\n"
        "  out+= [{'key':o['Key'],'size':o['Size']} for o in page.get('Contents',[])]\n"
        "print(json.dumps(out))\n");
    const ProcessResult r = env().run(QStringLiteral("/usr/bin/python3"),
                                      {QStringLiteral("-c"), script, env().endpoint(), bucket, prefix});
    return QJsonDocument::fromJson(r.out).array();
}

QString bucketOf(const QString& url)
{
    return url.mid(5).section(QLatin1Char('/'), 0, 0);
}
QString pathOf(const QString& url)
{
    return url.mid(5).section(QLatin1Char('/'), 1);
}
} // namespace

class TestCliCatalog : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY2(env().ok(), "fixture env.json missing: run the fixture.buckets test first");
    }

    void backupsMatchBarman_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::newRow("main") << "main";
        QTest::newRow("plain-1MiB-segments") << "plain";
        QTest::newRow("recompressed") << "recompressed";
    }
    void backupsMatchBarman()
    {
        QFETCH(QString, scenario);
        const ProcessResult barman = barmanList(scenario);
        QVERIFY2(barman.exitCode == 0, barman.err.constData());
        const ProcessResult ours = env().cli({QStringLiteral("backups"), env().url(scenario), env().server(scenario),
                                              QStringLiteral("--json")});
        QVERIFY2(ours.exitCode == 0, ours.err.constData());
        const auto theirs = byId(barman.json().value(QStringLiteral("backups_list")).toArray());
        const auto mine = byId(ours.json().value(QStringLiteral("backups_list")).toArray());
        QVERIFY(!theirs.isEmpty());
        for (auto it = theirs.cbegin(); it != theirs.cend(); ++it) {
            QVERIFY2(mine.contains(it.key()), qPrintable(it.key()));
            const QJsonObject m = mine.value(it.key());
            int compared = 0;
            for (auto f = it.value().constBegin(); f != it.value().constEnd(); ++f) {
                QVERIFY2(m.contains(f.key()), qPrintable(QStringLiteral("missing field %1").arg(f.key())));
                QVERIFY2(m.value(f.key()) == f.value(),
                         qPrintable(QStringLiteral("%1.%2: barman %3, tideline %4")
                                        .arg(it.key(), f.key(),
                                             QString::fromUtf8(QJsonDocument(QJsonArray{f.value()}).toJson(QJsonDocument::Compact)),
                                             QString::fromUtf8(QJsonDocument(QJsonArray{m.value(f.key())}).toJson(QJsonDocument::Compact)))));
                ++compared;
            }
            QVERIFY(compared >= 25);
            QVERIFY(m.value(QStringLiteral("restorable")).toBool());
            QVERIFY(m.value(QStringLiteral("bucket_bytes")).toInteger() > 0);
            QVERIFY(m.value(QStringLiteral("begin_time_iso")).toString().contains(QLatin1Char('T')));
        }
    }

    void sizesAreTheSumOfTheObjects()
    {
        const QString url = env().url(QStringLiteral("main"));
        const ProcessResult ours = env().cli({QStringLiteral("backups"), url, env().server(QStringLiteral("main")),
                                              QStringLiteral("--json")});
        QCOMPARE(ours.exitCode, 0);
        for (const QJsonValue& v : ours.json().value(QStringLiteral("backups_list")).toArray()) {
            const QJsonObject b = v.toObject();
            const QString prefix = pathOf(url) + QLatin1Char('/') + env().server(QStringLiteral("main")) + QStringLiteral("/base/")
                                   + b.value(QStringLiteral("backup_id")).toString() + QLatin1Char('/');
            qint64 bytes = 0;
            const QJsonArray keys = boto3Keys(bucketOf(url), prefix);
            for (const QJsonValue& k : keys)
                bytes += k.toObject().value(QStringLiteral("size")).toInteger();
            QCOMPARE(b.value(QStringLiteral("bucket_bytes")).toInteger(), bytes);
            QCOMPARE(b.value(QStringLiteral("bucket_objects")).toInt(), keys.size());
        }
    }

    void walsMatchTheBucket()
    {
        const QString url = env().url(QStringLiteral("main"));
        const QString server = env().server(QStringLiteral("main"));
        const ProcessResult ours = env().cli({QStringLiteral("wals"), url, server, QStringLiteral("--json")});
        QVERIFY2(ours.exitCode == 0, ours.err.constData());
        const QJsonObject w = ours.json();
        QCOMPARE(w.value(QStringLiteral("wal_segment_size")).toInteger(), 16 * 1024 * 1024);
        QVERIFY(!w.value(QStringLiteral("wal_segment_size_inferred")).toBool());

        // Count segments per timeline independently from the raw listing.
        QMap<int, int> expected;
        QSet<QString> partials;
        QSet<QString> histories;
        static const QRegularExpression seg(QStringLiteral("/([0-9A-F]{8})[0-9A-F]{16}(\\.gz)?$"));
        static const QRegularExpression partial(QStringLiteral("/([0-9A-F]{24})\\.partial(\\.gz)?$"));
        static const QRegularExpression history(QStringLiteral("/([0-9A-F]{8}\\.history)(\\.gz)?$"));
        for (const QJsonValue& k : boto3Keys(bucketOf(url), pathOf(url) + QLatin1Char('/') + server + QStringLiteral("/wals/"))) {
            const QString key = k.toObject().value(QStringLiteral("key")).toString();
            if (auto m = seg.match(key); m.hasMatch())
                expected[m.captured(1).toInt(nullptr, 16)]++;
            else if (auto p = partial.match(key); p.hasMatch())
                partials.insert(p.captured(1) + QStringLiteral(".partial"));
            else if (auto h = history.match(key); h.hasMatch())
                histories.insert(h.captured(1));
        }
        QVERIFY(expected.size() >= 2);
        QMap<int, int> actual;
        QSet<QString> actualPartials;
        for (const QJsonValue& v : w.value(QStringLiteral("timelines")).toArray()) {
            const QJsonObject t = v.toObject();
            const int tli = t.value(QStringLiteral("timeline")).toInt();
            if (t.value(QStringLiteral("segments")).toInt() > 0)
                actual[tli] = t.value(QStringLiteral("segments")).toInt();
            for (const QJsonValue& p : t.value(QStringLiteral("partial")).toArray())
                actualPartials.insert(p.toString());
            for (const QJsonValue& g : t.value(QStringLiteral("gaps")).toArray())
                QVERIFY2(g.toObject().value(QStringLiteral("harmless")).toBool(), "main has no harmful gap");
            if (tli > 1) {
                QCOMPARE(t.value(QStringLiteral("parent")).toInt(), tli - 1);
                QVERIFY(t.value(QStringLiteral("switch_lsn")).toString().contains(QLatin1Char('/')));
            } else {
                QVERIFY(t.value(QStringLiteral("parent")).isNull());
            }
        }
        QCOMPARE(actual, expected);
        QCOMPARE(actualPartials, partials);
        QVERIFY(!partials.isEmpty());
        QSet<QString> actualHistories;
        for (const QJsonValue& h : w.value(QStringLiteral("history_files")).toArray())
            actualHistories.insert(h.toString());
        QCOMPARE(actualHistories, histories);
        QVERIFY(histories.contains(QStringLiteral("00000002.history")));
    }

    void gapsAreFoundAndJudged()
    {
        const QJsonObject s = env().scenario(QStringLiteral("gap"));
        const ProcessResult ours = env().cli({QStringLiteral("wals"), env().url(QStringLiteral("gap")),
                                              env().server(QStringLiteral("gap")), QStringLiteral("--json")});
        QCOMPARE(ours.exitCode, 0);
        QMap<QString, bool> gaps; // first_missing -> harmless
        for (const QJsonValue& v : ours.json().value(QStringLiteral("timelines")).toArray())
            for (const QJsonValue& g : v.toObject().value(QStringLiteral("gaps")).toArray()) {
                const QJsonObject go = g.toObject();
                QCOMPARE(go.value(QStringLiteral("count")).toInt(), 1);
                QCOMPARE(go.value(QStringLiteral("first_missing")), go.value(QStringLiteral("last_missing")));
                gaps.insert(go.value(QStringLiteral("first_missing")).toString(), go.value(QStringLiteral("harmless")).toBool());
            }
        const QString harmful = s.value(QStringLiteral("removed_harmful")).toString().left(24);
        const QString harmless = s.value(QStringLiteral("removed_harmless")).toString().left(24);
        QCOMPARE(gaps.size(), 2);
        QVERIFY(gaps.contains(harmful));
        QVERIFY(!gaps.value(harmful));
        QVERIFY(gaps.contains(harmless));
        QVERIFY(gaps.value(harmless));

        const ProcessResult window = env().cli({QStringLiteral("window"), env().url(QStringLiteral("gap")),
                                                env().server(QStringLiteral("gap")), QStringLiteral("--json")});
        QCOMPARE(window.exitCode, 0);
        const QJsonObject t1 = window.json().value(QStringLiteral("timelines")).toArray().at(0).toObject();
        QCOMPARE(t1.value(QStringLiteral("timeline")).toInt(), 1);
        QVERIFY(t1.value(QStringLiteral("limited_by_gap")).toBool());
        QVERIFY(t1.value(QStringLiteral("recoverable_until_wal")).toString() < harmful);
        const ProcessResult text = env().cli({QStringLiteral("window"), env().url(QStringLiteral("gap")),
                                              env().server(QStringLiteral("gap"))});
        QVERIFY(text.out.contains("gap in the WAL archive"));
    }

    void windowStartsAtTheOldestRestorableBackup()
    {
        const ProcessResult barman = barmanList(QStringLiteral("main"));
        QCOMPARE(barman.exitCode, 0);
        QString oldestEnd;
        QString oldestId;
        for (const QJsonValue& v : barman.json().value(QStringLiteral("backups_list")).toArray()) {
            const QJsonObject b = v.toObject();
            if (b.value(QStringLiteral("status")).toString() == QLatin1String("DONE")
                && b.value(QStringLiteral("timeline")).toInt() == 1
                && (oldestId.isEmpty() || b.value(QStringLiteral("backup_id")).toString() < oldestId)) {
                oldestId = b.value(QStringLiteral("backup_id")).toString();
                oldestEnd = b.value(QStringLiteral("end_time")).toString();
            }
        }
        const ProcessResult ours = env().cli({QStringLiteral("window"), env().url(QStringLiteral("main")),
                                              env().server(QStringLiteral("main")), QStringLiteral("--json")});
        QCOMPARE(ours.exitCode, 0);
        const QJsonObject t1 = ours.json().value(QStringLiteral("timelines")).toArray().at(0).toObject();
        QCOMPARE(t1.value(QStringLiteral("first_recoverability_backup")).toString(), oldestId);
        QVERIFY(!t1.value(QStringLiteral("limited_by_gap")).toBool());
        // Same instant as barman's end_time (ctime has seconds only).
        const QString iso = t1.value(QStringLiteral("first_recoverability_point")).toString();
        const QDateTime ours_t = QDateTime::fromString(iso.left(19), Qt::ISODate);
        QCOMPARE(ours_t.toString(QStringLiteral("ddd MMM d HH:mm:ss yyyy")).simplified(), oldestEnd.simplified());
    }

    void incompleteBackupIsNeverHidden()
    {
        const QString id = env().scenario(QStringLiteral("incomplete")).value(QStringLiteral("incomplete_id")).toString();
        QVERIFY(!id.isEmpty());
        const ProcessResult ours = env().cli({QStringLiteral("backups"), env().url(QStringLiteral("incomplete")),
                                              env().server(QStringLiteral("incomplete")), QStringLiteral("--json")});
        QCOMPARE(ours.exitCode, 0);
        const auto mine = byId(ours.json().value(QStringLiteral("backups_list")).toArray());
        QVERIFY(mine.contains(id));
        const QString status = mine.value(id).value(QStringLiteral("status")).toString();
        QVERIFY2(status == QLatin1String("STARTED") || status == QLatin1String("INCOMPLETE"), qPrintable(status));
        QVERIFY(!mine.value(id).value(QStringLiteral("restorable")).toBool());
        const ProcessResult table = env().cli({QStringLiteral("backups"), env().url(QStringLiteral("incomplete")),
                                               env().server(QStringLiteral("incomplete"))});
        QVERIFY(table.out.contains(id.toUtf8()));
    }

    void mixedSystemIdsWarn()
    {
        const ProcessResult ours = env().cli({QStringLiteral("backups"), env().url(QStringLiteral("mixed")),
                                              env().server(QStringLiteral("mixed")), QStringLiteral("--json")});
        QCOMPARE(ours.exitCode, 0);
        bool warned = false;
        for (const QJsonValue& w : ours.json().value(QStringLiteral("warnings")).toArray())
            warned |= w.toObject().value(QStringLiteral("code")).toString() == QLatin1String("mixed_system_ids");
        QVERIFY(warned);
        QVERIFY(ours.err.contains("different PostgreSQL clusters"));
    }

    void pickedBackupIds()
    {
        const QString url = env().url(QStringLiteral("main"));
        const QString server = env().server(QStringLiteral("main"));
        const ProcessResult list = env().cli({QStringLiteral("backups"), url, server, QStringLiteral("--json")});
        const QJsonArray all = list.json().value(QStringLiteral("backups_list")).toArray();
        const QString first = all.first().toObject().value(QStringLiteral("backup_id")).toString();
        const QString last = all.last().toObject().value(QStringLiteral("backup_id")).toString();
        for (const auto& [alias, id] : {std::pair{QStringLiteral("oldest"), first}, std::pair{QStringLiteral("latest"), last},
                                        std::pair{first, first}}) {
            const ProcessResult show = env().cli({QStringLiteral("show"), url, server, alias, QStringLiteral("--json")});
            QVERIFY2(show.exitCode == 0, show.err.constData());
            QCOMPARE(show.json().value(QStringLiteral("backup_id")).toString(), id);
            QVERIFY(!show.json().value(QStringLiteral("objects")).toArray().isEmpty());
        }
        const QString name = all.first().toObject().value(QStringLiteral("backup_name")).toString();
        if (!name.isEmpty()) {
            const ProcessResult byName = env().cli({QStringLiteral("show"), url, server, name, QStringLiteral("--json")});
            QCOMPARE(byName.json().value(QStringLiteral("backup_id")).toString(), first);
        }
    }

    void serversAndUsage()
    {
        const QString url = env().url(QStringLiteral("main"));
        const ProcessResult servers = env().cli({QStringLiteral("servers"), url, QStringLiteral("--json")});
        QVERIFY2(servers.exitCode == 0, servers.err.constData());
        QStringList names;
        for (const QJsonValue& v : servers.json().value(QStringLiteral("servers")).toArray())
            names.append(v.toString());
        QVERIFY(names.contains(env().server(QStringLiteral("main"))));
        QVERIFY(names.contains(env().server(QStringLiteral("plain"))));

        const ProcessResult usage = env().cli({QStringLiteral("usage"), url, QStringLiteral("--json")});
        QVERIFY2(usage.exitCode == 0, usage.err.constData());
        for (const QJsonValue& v : usage.json().value(QStringLiteral("servers")).toArray()) {
            const QJsonObject s = v.toObject();
            const QString prefix = pathOf(url) + QLatin1Char('/') + s.value(QStringLiteral("server")).toString() + QLatin1Char('/');
            for (const char* area : {"base", "wals"}) {
                qint64 bytes = 0;
                const QJsonArray keys = boto3Keys(bucketOf(url), prefix + QLatin1String(area) + QLatin1Char('/'));
                for (const QJsonValue& k : keys)
                    bytes += k.toObject().value(QStringLiteral("size")).toInteger();
                const QJsonObject mine = s.value(QLatin1String(area)).toObject();
                QCOMPARE(mine.value(QStringLiteral("bytes")).toInteger(), bytes);
                QCOMPARE(mine.value(QStringLiteral("objects")).toInt(), keys.size());
            }
            qint64 monthBytes = 0;
            for (const QJsonValue& m : s.value(QStringLiteral("months")).toArray())
                monthBytes += m.toObject().value(QStringLiteral("base")).toObject().value(QStringLiteral("bytes")).toInteger()
                              + m.toObject().value(QStringLiteral("wals")).toObject().value(QStringLiteral("bytes")).toInteger();
            QCOMPARE(monthBytes, s.value(QStringLiteral("total")).toObject().value(QStringLiteral("bytes")).toInteger());
        }
    }

    void plainServerHasOneMebibyteSegments()
    {
        const ProcessResult ours = env().cli({QStringLiteral("wals"), env().url(QStringLiteral("plain")),
                                              env().server(QStringLiteral("plain")), QStringLiteral("--json")});
        QCOMPARE(ours.exitCode, 0);
        QCOMPARE(ours.json().value(QStringLiteral("wal_segment_size")).toInteger(), 1024 * 1024);
        const QJsonObject t1 = ours.json().value(QStringLiteral("timelines")).toArray().at(0).toObject();
        QVERIFY(t1.value(QStringLiteral("segments")).toInt() > 0);
        QVERIFY(t1.value(QStringLiteral("gaps")).toArray().isEmpty());
    }

    void recompressedArchiveReadsTheSame()
    {
        auto counts = [](const ProcessResult& r) {
            QMap<int, int> out;
            for (const QJsonValue& v : r.json().value(QStringLiteral("timelines")).toArray())
                out[v.toObject().value(QStringLiteral("timeline")).toInt()] = v.toObject().value(QStringLiteral("segments")).toInt();
            return out;
        };
        const ProcessResult a = env().cli({QStringLiteral("wals"), env().url(QStringLiteral("main")),
                                           env().server(QStringLiteral("main")), QStringLiteral("--json")});
        const ProcessResult b = env().cli({QStringLiteral("wals"), env().url(QStringLiteral("recompressed")),
                                           env().server(QStringLiteral("recompressed")), QStringLiteral("--json")});
        QCOMPARE(b.exitCode, 0);
        QCOMPARE(counts(b), counts(a));
        QCOMPARE(b.json().value(QStringLiteral("history_files")), a.json().value(QStringLiteral("history_files")));
    }

    void localMirrorReadsLikeTheBucket()
    {
        const QString dir = env().localMirror();
        QVERIFY(!dir.isEmpty());
        const QString url = env().url(QStringLiteral("main"));
        const QString fileUrl = QStringLiteral("file://") + dir + QLatin1Char('/') + pathOf(url);
        const ProcessResult s3 = env().cli({QStringLiteral("backups"), url, env().server(QStringLiteral("main")), QStringLiteral("--json")});
        const ProcessResult local = env().cli({QStringLiteral("backups"), fileUrl, env().server(QStringLiteral("main")), QStringLiteral("--json")});
        QVERIFY2(local.exitCode == 0, local.err.constData());
        const auto a = byId(s3.json().value(QStringLiteral("backups_list")).toArray());
        const auto b = byId(local.json().value(QStringLiteral("backups_list")).toArray());
        QCOMPARE(b.keys(), a.keys());
        for (const QString& id : a.keys())
            for (const char* field : {"end_time_iso", "begin_wal", "end_wal", "systemid", "bucket_bytes", "restorable"})
                QCOMPARE(b.value(id).value(QLatin1String(field)), a.value(id).value(QLatin1String(field)));
    }
};

QTEST_GUILESS_MAIN(TestCliCatalog)
#include "TestCliCatalog.moc"
