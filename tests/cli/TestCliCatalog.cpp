// SPDX-License-Identifier: GPL-3.0-or-later
// tideline-cli's catalog verbs on buckets written by barman-cloud, checked against
// barman-cloud-backup-list and an independent boto3 listing of the same bucket.
#include "tests/support/FixtureEnv.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
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
    const QString script =
        QStringLiteral("import boto3,json,sys\n"
                       "s3=boto3.client('s3',endpoint_url=sys.argv[1])\n"
                       "out=[]\n"
                       "for page in s3.get_paginator('list_objects_v2').paginate(Bucket=sys.argv[2],Prefix=sys.argv[3]):\n"
                       "  out+= [{'key':o['Key'],'size':o['Size']} for o in page.get('Contents',[])]\n"
                       "print(json.dumps(out))\n");
    const ProcessResult r =
        env().run(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), script, env().endpoint(), bucket, prefix});
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
    void initTestCase() { QVERIFY2(env().ok(), "fixture env.json missing: run the fixture.buckets test first"); }

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
        const ProcessResult ours =
            env().cli({QStringLiteral("backups"), env().url(scenario), env().server(scenario), QStringLiteral("--json")});
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
                         qPrintable(
                             QStringLiteral("%1.%2: barman %3, tideline %4")
                                 .arg(it.key(), f.key(),
                                      QString::fromUtf8(QJsonDocument(QJsonArray{f.value()}).toJson(QJsonDocument::Compact)),
                                      QString::fromUtf8(
                                          QJsonDocument(QJsonArray{m.value(f.key())}).toJson(QJsonDocument::Compact)))));
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
        const ProcessResult ours =
            env().cli({QStringLiteral("backups"), url, env().server(QStringLiteral("main")), QStringLiteral("--json")});
        QCOMPARE(ours.exitCode, 0);
        for (const QJsonValue& v : ours.json().value(QStringLiteral("backups_list")).toArray()) {
            const QJsonObject b = v.toObject();
            const QString prefix = pathOf(url) + QLatin1Char('/') + env().server(QStringLiteral("main"))
                + QStringLiteral("/base/") + b.value(QStringLiteral("backup_id")).toString() + QLatin1Char('/');
            qint64 bytes = 0;
            const QJsonArray keys = boto3Keys(bucketOf(url), prefix);
            for (const QJsonValue& k : keys)
                bytes += k.toObject().value(QStringLiteral("size")).toInteger();
            QCOMPARE(b.value(QStringLiteral("bucket_bytes")).toInteger(), bytes);
            QCOMPARE(b.value(QStringLiteral("bucket_objects")).toInt(), keys.size());
            // What the tars are, from their names in the listing; barman's "compression" field
            // (None beside data.tar.gz in barman 3.4) is compared with barman's output above.
            static const QHash<QString, QString> bySuffix{{QString(), QStringLiteral("none")},
                                                          {QStringLiteral(".gz"), QStringLiteral("gzip")},
                                                          {QStringLiteral(".bz2"), QStringLiteral("bzip2")},
                                                          {QStringLiteral(".snappy"), QStringLiteral("snappy")}};
            static const QRegularExpression tar(QStringLiteral("/[0-9a-z_]+\\.tar(\\.[a-z0-9]+)?$"));
            QStringList seen;
            for (const QJsonValue& k : keys)
                if (const auto m = tar.match(k.toObject().value(QStringLiteral("key")).toString()); m.hasMatch())
                    if (const QString c = bySuffix.value(m.captured(1), QStringLiteral("?")); !seen.contains(c))
                        seen.append(c);
            QVERIFY(!seen.isEmpty());
            QStringList shown = b.value(QStringLiteral("files_compression")).toString().split(QLatin1Char('+'));
            shown.sort();
            seen.sort();
            QCOMPARE(shown, seen);
        }
        const ProcessResult text = env().cli({QStringLiteral("show"), url, env().server(QStringLiteral("main")),
                                              ours.json()
                                                  .value(QStringLiteral("backups_list"))
                                                  .toArray()
                                                  .first()
                                                  .toObject()
                                                  .value(QStringLiteral("backup_id"))
                                                  .toString()});
        QCOMPARE(text.exitCode, 0);
        const QList<QByteArray> lines = text.out.split('\n');
        const auto line =
            std::find_if(lines.begin(), lines.end(), [](const QByteArray& l) { return l.contains("Compression"); });
        QVERIFY2(line != lines.end() && line->contains("gzip"), text.out.constData());
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
        // The cadence counts every archived segment of the fixture's own listing, once per bin,
        // and marks each timeline switch.
        {
            const QJsonObject cadence = w.value(QStringLiteral("cadence")).toObject();
            int listed = 0;
            for (const QJsonValue& t : env().scenario(QStringLiteral("main")).value(QStringLiteral("wal_timelines")).toArray())
                listed += t.toObject().value(QStringLiteral("segments")).toInt();
            QCOMPARE(cadence.value(QStringLiteral("segments")).toInt(), listed);
            int binned = 0;
            for (const QJsonValue& b : cadence.value(QStringLiteral("bins")).toArray())
                binned += b.toObject().value(QStringLiteral("segments")).toInt();
            QCOMPARE(binned, listed);
            QCOMPARE(cadence.value(QStringLiteral("switches")).toArray().size(),
                     env().scenario(QStringLiteral("main")).value(QStringLiteral("wal_timelines")).toArray().size() - 1);
            QVERIFY(cadence.value(QStringLiteral("peak_per_hour")).toDouble()
                    >= cadence.value(QStringLiteral("average_per_hour")).toDouble());
        }

        // Count segments per timeline independently from the raw listing.
        QMap<int, int> expected;
        QSet<QString> partials;
        QSet<QString> histories;
        static const QRegularExpression seg(QStringLiteral("/([0-9A-F]{8})[0-9A-F]{16}(\\.gz)?$"));
        static const QRegularExpression partial(QStringLiteral("/([0-9A-F]{24})\\.partial(\\.gz)?$"));
        static const QRegularExpression history(QStringLiteral("/([0-9A-F]{8}\\.history)(\\.gz)?$"));
        for (const QJsonValue& k :
             boto3Keys(bucketOf(url), pathOf(url) + QLatin1Char('/') + server + QStringLiteral("/wals/"))) {
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
        // A child timeline's switch is dated by its history file's upload, as the listing has it.
        for (const QJsonValue& v : w.value(QStringLiteral("timelines")).toArray()) {
            const QJsonObject t = v.toObject();
            QCOMPARE(t.value(QStringLiteral("switched_at")).isNull(), t.value(QStringLiteral("parent")).isNull());
        }
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
                gaps.insert(go.value(QStringLiteral("first_missing")).toString(),
                            go.value(QStringLiteral("harmless")).toBool());
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
        const ProcessResult text =
            env().cli({QStringLiteral("window"), env().url(QStringLiteral("gap")), env().server(QStringLiteral("gap"))});
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

    // status: the newest DONE backup as barman-cloud-backup-list has it, the newest segment as the
    // fixture's own listing has it (by upload order the last on the newest timeline), exit 0.
    void statusAnswersFromTheBucket()
    {
        const ProcessResult barman = barmanList(QStringLiteral("main"));
        QCOMPARE(barman.exitCode, 0);
        QString newestDone;
        for (const QJsonValue& v : barman.json().value(QStringLiteral("backups_list")).toArray())
            if (v.toObject().value(QStringLiteral("status")).toString() == QLatin1String("DONE"))
                newestDone = std::max(newestDone, v.toObject().value(QStringLiteral("backup_id")).toString());
        QJsonObject newestTimeline;
        for (const QJsonValue& v : env().scenario(QStringLiteral("main")).value(QStringLiteral("wal_timelines")).toArray())
            if (v.toObject().value(QStringLiteral("timeline")).toInt()
                > newestTimeline.value(QStringLiteral("timeline")).toInt())
                newestTimeline = v.toObject();
        const ProcessResult r = env().cli({QStringLiteral("status"), env().url(QStringLiteral("main")),
                                           env().server(QStringLiteral("main")), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject st = r.json();
        QCOMPARE(st.value(QStringLiteral("verdict")).toString(), QStringLiteral("recoverable"));
        QCOMPARE(st.value(QStringLiteral("last_backup")).toObject().value(QStringLiteral("backup_id")).toString(), newestDone);
        QCOMPARE(st.value(QStringLiteral("last_archived_wal")).toObject().value(QStringLiteral("name")).toString(),
                 newestTimeline.value(QStringLiteral("last")).toString().left(24));
        QCOMPARE(st.value(QStringLiteral("latest_timeline")).toInt(),
                 newestTimeline.value(QStringLiteral("timeline")).toInt());
        QCOMPARE(st.value(QStringLiteral("timeline")).toInt(), newestTimeline.value(QStringLiteral("timeline")).toInt());
        QCOMPARE(st.value(QStringLiteral("gaps")).toInt(), 0);
        for (const char* key : {"restorable_from", "restorable_until", "warnings", "backups"})
            QVERIFY2(st.contains(QLatin1String(key)), key);
        // A copy of the bucket whose backups lost their backup.info (as barman-cloud-backup-delete
        // leaves them when interrupted, and as barman-cloud-backup-list no longer lists them):
        // nothing is restorable, exit 7, and no window is claimed.
        const QString mirror = env().localMirror();
        const QString localUrl = env().url(QStringLiteral("local"));
        QVERIFY(!mirror.isEmpty() && localUrl.startsWith(QLatin1String("file://") + mirror));
        QTemporaryDir dir;
        const QString copy = dir.filePath(QStringLiteral("bucket"));
        QCOMPARE(env().run(QStringLiteral("cp"), {QStringLiteral("-al"), mirror, copy}).exitCode, 0);
        const QString url = QStringLiteral("file://") + copy + localUrl.mid(7 + mirror.size());
        const QString server = env().server(QStringLiteral("local"));
        const QString baseDir = url.mid(7) + QLatin1Char('/') + server + QStringLiteral("/base");
        int removed = 0;
        for (const QString& id : QDir(baseDir).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            removed += QFile::remove(baseDir + QLatin1Char('/') + id + QStringLiteral("/backup.info"));
        QVERIFY(removed > 0);
        const ProcessResult none = env().cli({QStringLiteral("status"), url, server, QStringLiteral("--json")});
        QCOMPARE(none.exitCode, 7);
        QCOMPARE(none.json().value(QStringLiteral("verdict")).toString(), QStringLiteral("not_recoverable"));
        QVERIFY(none.json().value(QStringLiteral("restorable_from")).isNull());
        QVERIFY(none.json().value(QStringLiteral("last_backup")).isNull());
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
        for (const auto& [alias, id] : {std::pair{QStringLiteral("oldest"), first},
                                        std::pair{QStringLiteral("latest"), last}, std::pair{first, first}}) {
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
            const QString prefix =
                pathOf(url) + QLatin1Char('/') + s.value(QStringLiteral("server")).toString() + QLatin1Char('/');
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
                out[v.toObject().value(QStringLiteral("timeline")).toInt()] =
                    v.toObject().value(QStringLiteral("segments")).toInt();
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
        const ProcessResult s3 =
            env().cli({QStringLiteral("backups"), url, env().server(QStringLiteral("main")), QStringLiteral("--json")});
        const ProcessResult local =
            env().cli({QStringLiteral("backups"), fileUrl, env().server(QStringLiteral("main")), QStringLiteral("--json")});
        QVERIFY2(local.exitCode == 0, local.err.constData());
        const auto a = byId(s3.json().value(QStringLiteral("backups_list")).toArray());
        const auto b = byId(local.json().value(QStringLiteral("backups_list")).toArray());
        QCOMPARE(b.keys(), a.keys());
        for (const QString& id : a.keys())
            for (const char* field : {"end_time_iso", "begin_wal", "end_wal", "systemid", "bucket_bytes", "restorable"})
                QCOMPARE(b.value(id).value(QLatin1String(field)), a.value(id).value(QLatin1String(field)));
    }

    // After a failover whose first segments never reached the bucket, the new timeline has a
    // gap from its switch segment (read from the history file here, by its text) to its first
    // archived one, and nothing after the switch is recoverable whatever older timelines show.
    void aGapAtTheStartOfAChildTimelineIsFoundAndJudged()
    {
        const QString mirror = env().localMirror();
        const QString localUrl = env().url(QStringLiteral("local"));
        QVERIFY(!mirror.isEmpty() && localUrl.startsWith(QLatin1String("file://") + mirror));
        QTemporaryDir dir;
        const QString copy = dir.filePath(QStringLiteral("bucket"));
        QCOMPARE(env().run(QStringLiteral("cp"), {QStringLiteral("-al"), mirror, copy}).exitCode, 0);
        const QString url = QStringLiteral("file://") + copy + localUrl.mid(7 + mirror.size());
        const QString server = env().server(QStringLiteral("local"));
        const QString wals = url.mid(7) + QLatin1Char('/') + server + QStringLiteral("/wals/");

        // The newest history file, and the switch point on its last line.
        QStringList histories = QDir(wals).entryList({QStringLiteral("*.history*")}, QDir::Files, QDir::Name);
        QVERIFY(!histories.isEmpty());
        const QString history = histories.last();
        const quint32 tli = history.left(8).toUInt(nullptr, 16);
        QFile h(wals + history);
        QVERIFY(h.open(QIODevice::ReadOnly));
        QByteArray text = h.readAll();
        if (history.endsWith(QLatin1String(".gz")))
            text = env().run(QStringLiteral("gzip"), {QStringLiteral("-dc"), wals + history}).out;
        QString lastLine;
        for (const QString& line : QString::fromUtf8(text).split(QLatin1Char('\n')))
            if (!line.trimmed().isEmpty() && !line.trimmed().startsWith(QLatin1Char('#')))
                lastLine = line;
        const QStringList lsn = lastLine.split(QLatin1Char('\t')).value(1).split(QLatin1Char('/'));
        QCOMPARE(lsn.size(), 2);
        const quint64 segSize = 16 * 1024 * 1024;
        const quint64 switchSegno = ((lsn[0].toULongLong(nullptr, 16) << 32) | lsn[1].toULongLong(nullptr, 16)) / segSize;
        const quint64 perId = 0x100000000ULL / segSize;
        auto name = [&](quint64 segno) {
            return QStringLiteral("%1%2%3")
                .arg(tli, 8, 16, QLatin1Char('0'))
                .arg(segno / perId, 8, 16, QLatin1Char('0'))
                .arg(segno % perId, 8, 16, QLatin1Char('0'))
                .toUpper();
        };
        const QString switchName = name(switchSegno);
        const QString hashDir = wals + switchName.left(16) + QLatin1Char('/');
        const QStringList copies = QDir(hashDir).entryList({switchName + QLatin1Char('*')}, QDir::Files);
        QVERIFY2(!copies.isEmpty(), qPrintable(switchName));
        const ProcessResult before = env().cli({QStringLiteral("window"), url, server, QStringLiteral("--json")});
        QCOMPARE(before.json().value(QStringLiteral("latest_timeline")).toInteger(), qint64(tli));
        QVERIFY(before.json().value(QStringLiteral("latest_recoverable")).toBool());
        for (const QString& c : copies)
            QVERIFY(QFile::remove(hashDir + c));

        const ProcessResult w = env().cli({QStringLiteral("wals"), url, server, QStringLiteral("--json")});
        QCOMPARE(w.exitCode, 0);
        QJsonArray gaps;
        for (const QJsonValue& v : w.json().value(QStringLiteral("timelines")).toArray())
            if (v.toObject().value(QStringLiteral("timeline")).toInteger() == tli)
                gaps = v.toObject().value(QStringLiteral("gaps")).toArray();
        QVERIFY2(!gaps.isEmpty(), w.out.constData());
        QCOMPARE(gaps.first().toObject().value(QStringLiteral("first_missing")).toString(), switchName);
        QVERIFY(!gaps.first().toObject().value(QStringLiteral("harmless")).toBool());

        const ProcessResult after = env().cli({QStringLiteral("window"), url, server, QStringLiteral("--json")});
        QCOMPARE(after.json().value(QStringLiteral("latest_timeline")).toInteger(), qint64(tli));
        QVERIFY(!after.json().value(QStringLiteral("latest_recoverable")).toBool());
        const ProcessResult said = env().cli({QStringLiteral("window"), url, server});
        QVERIFY2(said.out.contains("is not recoverable"), said.out.constData());
        const ProcessResult status = env().cli({QStringLiteral("status"), url, server, QStringLiteral("--json")});
        QCOMPARE(status.exitCode, 7);
        QCOMPARE(status.json().value(QStringLiteral("verdict")).toString(), QStringLiteral("not_recoverable"));
        QVERIFY(!status.json().value(QStringLiteral("latest_recoverable")).toBool());
        QVERIFY(status.json().value(QStringLiteral("timeline")).toInteger() < qint64(tli));
    }
};

QTEST_GUILESS_MAIN(TestCliCatalog)
#include "TestCliCatalog.moc"
