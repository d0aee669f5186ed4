// SPDX-License-Identifier: GPL-3.0-or-later
// The GUI's pure parts: text formats, archiving cadence, transfer rates, the command line, and
// connection profiles (which must never carry a secret into settings).
#include "engine/catalog/ArchiveCadence.h"
#include "src/app/AppOptions.h"
#include "src/jobs/ConnectionProfile.h"
#include "src/models/Format.h"
#include "src/models/TransferModel.h"
#include "src/views/WalArchiveView.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace tideline;
using namespace tideline::gui;

namespace {
constexpr qint64 kMin = 60'000'000;
const qint64 kT0 = 1'764'028'800'000'000; // 2025-11-25T00:00:00Z

storage::ObjectInfo walObject(const QString& name, qint64 usec, qint64 size = 16 << 20)
{
    const QString hash = name.left(16);
    return {QStringLiteral("cnpg/pg/wals/%1/%2.gz").arg(hash, name), size, usec, {}};
}
} // namespace

class TestGuiHelpers : public QObject {
    Q_OBJECT
private slots:
    void formats()
    {
        QCOMPARE(Format::bytes(512), QStringLiteral("512 B"));
        QCOMPARE(Format::bytes(3 * 1024 * 1024 + 100), QStringLiteral("3.0 MiB"));
        QCOMPARE(Format::time(kT0 + 5'000'000, TimeZoneMode::Utc), QStringLiteral("2025-11-25 00:00:05 UTC"));
        QCOMPARE(Format::time(0, TimeZoneMode::Utc), QStringLiteral("-"));
        QCOMPARE(Format::duration(42'400'000), QStringLiteral("42 s"));
        QCOMPARE(Format::duration(185'000'000), QStringLiteral("3 min 05 s"));
        QCOMPARE(Format::duration(2 * 3600'000'000LL + 10 * kMin), QStringLiteral("2 h 10 min"));
        QCOMPARE(Format::age(kT0, kT0 + 12 * kMin), QStringLiteral("12 min ago"));
        QCOMPARE(Format::age(kT0, kT0 + 30'000'000), QStringLiteral("just now"));
        QVERIFY(Format::age(kT0 + 10 * kMin, kT0).contains(QStringLiteral("in the future")));
    }

    void cadenceBinsSilenceAndMarks()
    {
        // TL1: segments 1,2,3 then 6 (4-5 missing), TL2 branches off with 2 segments 30 min later.
        QList<storage::ObjectInfo> objects{
            walObject(QStringLiteral("000000010000000000000001"), kT0),
            walObject(QStringLiteral("000000010000000000000002"), kT0 + 1 * kMin),
            walObject(QStringLiteral("000000010000000000000003"), kT0 + 2 * kMin),
            walObject(QStringLiteral("000000010000000000000006"), kT0 + 5 * kMin),
            walObject(QStringLiteral("000000020000000000000006"), kT0 + 35 * kMin),
            walObject(QStringLiteral("000000020000000000000007"), kT0 + 36 * kMin),
        };
        auto archive = catalog::WalArchive::build(QStringLiteral("cnpg/pg/wals/"), objects, 16 << 20);
        wal::TimelineGraph graph;
        auto history = wal::parseHistoryFile(2, "1\t0/6000000\tno recovery target specified\n");
        QVERIFY(history.has_value());
        graph.addHistory(2, *history);
        archive.setGraph(graph);
        archive.computeGaps({{1, 1}, {2, 1}});

        const catalog::ArchiveCadence c = catalog::ArchiveCadence::compute(archive);
        QCOMPARE(c.segments, 6);
        QCOMPARE(c.binUsec, kMin); // a 36-minute span: minute bins
        QCOMPARE(c.bins.size(), 37);
        QCOMPARE(c.bins.first().segments, 1);
        QCOMPARE(c.bins.first().perHour, 60.0);
        QCOMPARE(c.longestSilence.lengthUsec(), 30 * kMin);
        QCOMPARE(c.longestSilence.afterWal, QStringLiteral("000000010000000000000006"));
        QCOMPARE(c.longestSilence.beforeWal, QStringLiteral("000000020000000000000006"));
        QCOMPARE(c.averagePerHour, 6.0 * 60.0 / 37.0);
        QVERIFY(c.averagePerHour <= c.peakPerHour);
        QCOMPARE(c.switches.size(), 1);
        QCOMPARE(c.switches.first().timeline, 2u);
        QCOMPARE(c.switches.first().atUsec, kT0 + 35 * kMin);
        QCOMPARE(c.gaps.size(), 1);
        QCOMPARE(c.gaps.first().firstMissing, QStringLiteral("000000010000000000000004"));
        QCOMPARE(c.gaps.first().count, 2u);
        QCOMPARE(c.gaps.first().atUsec, kT0 + 2 * kMin); // after segment 3, where 4 was due
        QVERIFY(!c.gaps.first().harmless);

        // The cluster page's bucket side: upload times since a moment, binned over a chart range.
        const QList<qint64> since = catalog::ArchiveCadence::uploadsSince(archive, kT0 + 2 * kMin);
        QCOMPARE(since, (QList<qint64>{kT0 + 2 * kMin, kT0 + 5 * kMin, kT0 + 35 * kMin, kT0 + 36 * kMin}));
        const auto all = catalog::ArchiveCadence::uploadsSince(archive, 0);
        const auto bins = catalog::ArchiveCadence::binUploads(all, kT0 + 30'000'000, kT0 + 40 * kMin, kT0 + 40 * kMin);
        QCOMPARE(bins.first().startUsec, kT0 - kT0 % kMin); // whole minutes; the first bin meets the range
        QCOMPARE(bins.size(), 41);
        int counted = 0;
        for (const auto& b : bins)
            counted += b.segments;
        QCOMPARE(counted, 6); // whole bins: the upload at kT0 shares the first bin with the range's start
        QCOMPARE(bins[35].segments, 1);
        QCOMPARE(bins[35].perHour, 60.0);
        QVERIFY(catalog::ArchiveCadence::binUploads(all, kT0, kT0, kT0).isEmpty());
        // Listed half-way through a bin: nothing drawn after, the bin rated over its half.
        const auto listed = catalog::ArchiveCadence::binUploads(all, kT0, kT0 + 40 * kMin, kT0 + 35 * kMin + 30'000'000);
        QCOMPARE(listed.size(), 36);
        QCOMPARE(listed.last().segments, 1);
        QCOMPARE(listed.last().perHour, 120.0);
        // Hostile ranges: far too many bins, or a range before the epoch.
        QVERIFY(catalog::ArchiveCadence::binUploads(all, 0, std::numeric_limits<qint64>::max() / 2,
                                                    std::numeric_limits<qint64>::max() / 2)
                    .isEmpty());
        QVERIFY(catalog::ArchiveCadence::binUploads(all, -kMin, kMin, kMin).isEmpty());
    }

    void cadenceBinWidths()
    {
        QCOMPARE(catalog::ArchiveCadence::chooseBin(30 * kMin), kMin);
        QCOMPARE(catalog::ArchiveCadence::chooseBin(5 * 60 * kMin), 5 * kMin);
        QCOMPARE(catalog::ArchiveCadence::chooseBin(3 * 24 * 60 * kMin), 60 * kMin);
        QCOMPARE(catalog::ArchiveCadence::chooseBin(400LL * 24 * 60 * kMin), 24 * 60 * kMin);
        QCOMPARE(WalArchiveView::binName(60 * kMin), QStringLiteral("per hour"));
        const catalog::ArchiveCadence empty = catalog::ArchiveCadence::compute(catalog::WalArchive{});
        QCOMPARE(empty.segments, 0);
        QVERIFY(empty.bins.isEmpty());
    }

    void transferStats()
    {
        Progress p{QStringLiteral("reading catalog"), 25, 100, 0};
        TransferStats s = TransferStats::compute(p, 5000);
        QCOMPARE(s.unitsPerSecond, 5.0);
        QCOMPARE(s.etaMs, 15000);
        QVERIFY(!s.bytes);
        p.bytes = 10 * 1024 * 1024;
        s = TransferStats::compute(p, 2000);
        QVERIFY(s.bytes);
        QCOMPARE(s.rateText(), QStringLiteral("5.0 MiB/s"));
        QCOMPARE(TransferStats::compute({QString(), 0, -1, 0}, 1000).etaMs, -1);
    }

    void transferModelStates()
    {
        TransferModel m;
        m.onJobStarted(7, QStringLiteral("Load pg-main"));
        m.onJobStarted(8, QStringLiteral("Load pg-plain"));
        QCOMPARE(m.rowCount(), 2);
        QCOMPARE(m.runningCount(), 2);
        m.onJobProgress(7, {QStringLiteral("reading catalog"), 3, 4, 0});
        QCOMPARE(m.index(0, TransferModel::Status).data().toString(), QStringLiteral("reading catalog"));
        QCOMPARE(m.index(0, TransferModel::ProgressBar).data(TransferModel::PercentRole).toInt(), 75);
        m.onJobFinished(7, std::nullopt);
        m.onJobFinished(8, Error{ErrorCode::Network, QStringLiteral("unreachable"), QStringLiteral("check it"), {}});
        QCOMPARE(m.state(0), TransferModel::State::Done);
        QCOMPARE(m.state(1), TransferModel::State::Failed);
        QCOMPARE(m.index(1, TransferModel::Status).data().toString(), QStringLiteral("failed: unreachable"));
        QCOMPARE(m.index(1, 0).data(TransferModel::HintRole).toString(), QStringLiteral("check it"));
        m.onJobStarted(9, QStringLiteral("Load again"));
        m.clearFinished();
        QCOMPARE(m.rowCount(), 1);
        QCOMPARE(m.jobId(0), 9u);
        // A job that recurs keeps one finished row; a failed run stays to be read.
        m.onJobFinished(9, std::nullopt);
        m.onJobStarted(10, QStringLiteral("Load again"));
        QCOMPARE(m.rowCount(), 1);
        QCOMPARE(m.jobId(0), 10u);
        m.onJobFinished(10, Error{ErrorCode::Auth, QStringLiteral("forbidden"), {}, {}});
        m.onJobStarted(11, QStringLiteral("Load again"));
        QCOMPARE(m.rowCount(), 2);
    }

    void transferModelElapsedFollowsTheClock()
    {
        // Elapsed times come from the model's clock: a running job's grows as the clock moves, a
        // finished one's stays where it ended.
        FixedClock clock(Q_INT64_C(1'800'000'000'000'000));
        TransferModel m;
        m.setClock(clock);
        m.onJobStarted(1, QStringLiteral("Restore"));
        clock.set(clock.nowUsec() + 65 * Q_INT64_C(1'000'000));
        QCOMPARE(m.index(0, TransferModel::Elapsed).data().toString(), Format::duration(65 * Q_INT64_C(1'000'000)));
        m.onJobProgress(1, {QStringLiteral("downloading"), 1, 2, 0});
        clock.set(clock.nowUsec() + 60 * Q_INT64_C(1'000'000));
        m.onJobFinished(1, std::nullopt);
        clock.set(clock.nowUsec() + 3600 * Q_INT64_C(1'000'000));
        QCOMPARE(m.index(0, TransferModel::Elapsed).data().toString(), Format::duration(125 * Q_INT64_C(1'000'000)));
        QVERIFY(Format::duration(125 * Q_INT64_C(1'000'000)) != Format::duration(65 * Q_INT64_C(1'000'000)));
    }

    void commandLine()
    {
        auto o = AppOptions::parse({QStringLiteral("tideline"), QStringLiteral("s3://b/cnpg"), QStringLiteral("pg-main"),
                                    QStringLiteral("--endpoint-url"), QStringLiteral("http://127.0.0.1:9"),
                                    QStringLiteral("--screenshot"), QStringLiteral("/tmp/x.png"), QStringLiteral("--view"),
                                    QStringLiteral("wals")});
        QVERIFY(o.has_value());
        QCOMPARE(o->source, QStringLiteral("s3://b/cnpg"));
        QCOMPARE(o->server, QStringLiteral("pg-main"));
        QCOMPARE(o->endpoint, QStringLiteral("http://127.0.0.1:9"));
        QCOMPARE(o->view, QStringLiteral("wals"));
        // Part 2 added the timeline view.
        auto timeline = AppOptions::parse(
            {QStringLiteral("tideline"), QStringLiteral("s3://b"), QStringLiteral("--view"), QStringLiteral("timeline")});
        QVERIFY(timeline.has_value());
        QCOMPARE(timeline->view, QStringLiteral("timeline"));
        auto bad = AppOptions::parse(
            {QStringLiteral("tideline"), QStringLiteral("s3://b"), QStringLiteral("--view"), QStringLiteral("calendar")});
        QVERIFY(!bad.has_value());
        QCOMPARE(bad.error().code, ErrorCode::Usage);
        QVERIFY(bad.error().hint.contains(QStringLiteral("overview")));
        auto noSource =
            AppOptions::parse({QStringLiteral("tideline"), QStringLiteral("--screenshot"), QStringLiteral("a.png")});
        QVERIFY(!noSource.has_value());
    }

    void profileOptionsAndSettings()
    {
        auto p = ConnectionProfile::fromSourceUrl(QStringLiteral("s3://backups/cnpg/prod"));
        QVERIFY(p.has_value());
        QCOMPARE(p->bucket, QStringLiteral("backups"));
        QCOMPARE(p->path, QStringLiteral("cnpg/prod"));
        QVERIFY(p->transient);
        p->endpoint = QStringLiteral("ftp://nope");
        QCOMPARE(p->s3Options({}).error().code, ErrorCode::Usage);
        p->endpoint = QStringLiteral("https://acct.r2.cloudflarestorage.com");
        p->credentials = ConnectionProfile::CredentialSource::Keychain;
        QCOMPARE(p->s3Options({}).error().code, ErrorCode::Auth); // typed credentials missing
        const S3Secret secret{QStringLiteral("AKIDEXAMPLE"), QStringLiteral("wJalrXUtnFEMI/secret-value"),
                              QStringLiteral("session-token-value")};
        auto options = p->s3Options(secret);
        QVERIFY(options.has_value());
        QCOMPARE(options->secretAccessKey, secret.secretAccessKey);
        QCOMPARE(options->sessionToken, secret.sessionToken); // a cluster Secret's temporary credentials

        // Saved profiles: everything but the secret, and never the transient ones.
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("t.ini"));
        ConnectionProfile saved = *p;
        saved.transient = false;
        saved.name = QStringLiteral("prod R2");
        {
            QSettings s(file, QSettings::IniFormat);
            ConnectionProfile::saveAll(s, {saved, *p});
        }
        QFile raw(file);
        QVERIFY(raw.open(QIODevice::ReadOnly));
        const QByteArray text = raw.readAll();
        QVERIFY(!text.contains("secret-value"));
        QVERIFY(!text.contains("AKIDEXAMPLE"));
        QVERIFY(!text.contains("session-token-value"));
        QSettings s(file, QSettings::IniFormat);
        const auto loaded = ConnectionProfile::loadAll(s);
        QCOMPARE(loaded.size(), 1);
        QCOMPARE(loaded.first().name, QStringLiteral("prod R2"));
        QCOMPARE(loaded.first().credentials, ConnectionProfile::CredentialSource::Keychain);
        QCOMPARE(loaded.first().sourceUrl(), QStringLiteral("s3://backups/cnpg/prod"));
    }
};

QTEST_GUILESS_MAIN(TestGuiHelpers)
#include "TestGuiHelpers.moc"
