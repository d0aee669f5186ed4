// SPDX-License-Identifier: GPL-3.0-or-later
// The window's models on buckets barman-cloud wrote, loaded through the job runner exactly as the
// window loads them, compared with what `tideline-cli --json` prints for the same bucket: the
// window and the CLI must never disagree.
#include "GuiTestSupport.h"

#include "engine/catalog/ArchiveCadence.h"
#include "engine/pitr/ServerStatus.h"
#include "src/jobs/GuardedStore.h"
#include "src/models/BackupTableModel.h"
#include "src/models/BucketTreeModel.h"
#include "src/models/UsageTableModel.h"
#include "src/views/BackupHistoryView.h"

#include <QApplication>
#include <QSortFilterProxyModel>
#include <QTableView>

#include <algorithm>
#include <functional>

using namespace tideline;
using namespace tideline::gui;
using tideline::test::FixtureEnv;

namespace {
QMap<QString, QJsonObject> byKey(const QJsonArray& list, const QString& key)
{
    QMap<QString, QJsonObject> out;
    for (const QJsonValue& v : list)
        out.insert(v.toObject().value(key).toVariant().toString(), v.toObject());
    return out;
}
} // namespace

class TestGuiModels : public QObject {
    Q_OBJECT

    JobRunner* m_runner = nullptr;
    QMap<QString, SourceSession*> m_sessions;

    SourceSession* session(const QString& scenario)
    {
        if (m_sessions.contains(scenario))
            return m_sessions.value(scenario);
        auto* s = new SourceSession(*m_runner, this);
        QSignalSpy finished(s, &SourceSession::finished);
        s->open(test::fixtureProfile(scenario), {});
        if (!finished.wait(60'000))
            return nullptr;
        m_sessions.insert(scenario, s);
        return s;
    }
    SnapshotPtr snapshot(const QString& scenario)
    {
        SourceSession* s = session(scenario);
        return s ? s->snapshot(FixtureEnv::instance().server(scenario)) : nullptr;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(FixtureEnv::instance().ok(), "fixture env.json missing: run the fixture.buckets test first");
        test::exportFixtureCredentials();
        m_runner = new JobRunner(this);
    }

    void sessionLoadsEveryServerOffTheGuiThread()
    {
        const int before = GuardedStore::violations();
        SourceSession* s = session(QStringLiteral("main"));
        QVERIFY(s);
        QVERIFY2(s->errors().isEmpty(), qPrintable(s->errors().value(0).oneLine()));
        const QJsonObject servers =
            test::cliJson({QStringLiteral("servers"), FixtureEnv::instance().url(QStringLiteral("main"))});
        QStringList cliServers;
        for (const QJsonValue& v : servers.value(QStringLiteral("servers")).toArray())
            cliServers << (v.isObject() ? v.toObject().value(QStringLiteral("server")).toString() : v.toString());
        QCOMPARE(s->servers(), cliServers);
        QCOMPARE(s->snapshots().size(), cliServers.size());
        QCOMPARE(GuardedStore::violations(), before);
    }

    void backupsMatchCli_data()
    {
        QTest::addColumn<QString>("scenario");
        for (const char* s : {"main", "gap", "mixed", "incomplete", "corrupt"})
            QTest::newRow(s) << QString::fromLatin1(s);
    }
    void backupsMatchCli()
    {
        QFETCH(QString, scenario);
        const auto& env = FixtureEnv::instance();
        SnapshotPtr snap = snapshot(scenario);
        QVERIFY(snap);
        BackupTableModel model;
        model.setSnapshot(snap);
        const QJsonObject cli = test::cliJson({QStringLiteral("backups"), env.url(scenario), env.server(scenario)});
        const auto rows = byKey(cli.value(QStringLiteral("backups_list")).toArray(), QStringLiteral("backup_id"));
        QVERIFY(!rows.isEmpty());
        QCOMPARE(model.rowCount(), rows.size());
        for (int r = 0; r < model.rowCount(); ++r) {
            const QString id = model.index(r, BackupTableModel::Id).data().toString();
            QVERIFY2(rows.contains(id), qPrintable(id));
            const QJsonObject o = rows.value(id);
            QCOMPARE(model.index(r, BackupTableModel::Status).data().toString(), o.value(QStringLiteral("status")).toString());
            QCOMPARE(model.index(r, BackupTableModel::Size).data(BackupTableModel::SortRole).toLongLong(),
                     o.value(QStringLiteral("bucket_bytes")).toInteger());
            const bool restorable = o.value(QStringLiteral("restorable")).toBool();
            const QString text = model.index(r, BackupTableModel::Restorable).data().toString();
            if (o.value(QStringLiteral("status")).toString() == QLatin1String("DONE"))
                QCOMPARE(text == QLatin1String("yes"), restorable);
            if (o.contains(QStringLiteral("end_wal")) && o.value(QStringLiteral("end_wal")).isString())
                QCOMPARE(model.index(r, BackupTableModel::EndWal).data().toString(),
                         o.value(QStringLiteral("end_wal")).toString());
            if (o.value(QStringLiteral("begin_time_iso")).isString()) {
                const auto t = Timestamp::parse(o.value(QStringLiteral("begin_time_iso")).toString());
                QVERIFY(t);
                QCOMPARE(model.index(r, BackupTableModel::Begin).data(BackupTableModel::SortRole).toLongLong(), t->usecUtc);
            }
        }
    }

    void walsAndWindowMatchCli_data() { backupsMatchCli_data(); }
    void walsAndWindowMatchCli()
    {
        QFETCH(QString, scenario);
        const auto& env = FixtureEnv::instance();
        SnapshotPtr snap = snapshot(scenario);
        QVERIFY(snap);
        const QJsonObject wals = test::cliJson({QStringLiteral("wals"), env.url(scenario), env.server(scenario)});
        // The bucket tree's WAL part: per timeline the CLI's segment count and every gap.
        BucketTreeModel tree;
        tree.setSnapshots({snap});
        const QModelIndex server = tree.index(0, 0);
        QModelIndex walGroup;
        for (int i = 0; i < tree.rowCount(server); ++i)
            if (tree.index(i, 0, server).data(BucketTreeModel::KindRole).toInt() == int(BucketTreeModel::Kind::WalGroup))
                walGroup = tree.index(i, 0, server);
        QVERIFY(walGroup.isValid());
        QMap<QString, QModelIndex> timelines;
        for (int i = 0; i < tree.rowCount(walGroup); ++i) {
            const QModelIndex t = tree.index(i, 0, walGroup);
            if (t.data(BucketTreeModel::KindRole).toInt() == int(BucketTreeModel::Kind::Timeline))
                timelines.insert(t.data().toString(), t);
        }
        int cliGaps = 0;
        for (const QJsonValue& v : wals.value(QStringLiteral("timelines")).toArray()) {
            const QJsonObject t = v.toObject();
            const int segments = t.value(QStringLiteral("segments")).toInt();
            if (segments == 0)
                continue;
            const QString name = QStringLiteral("Timeline %1").arg(t.value(QStringLiteral("timeline")).toInt());
            QVERIFY2(timelines.contains(name), qPrintable(name));
            const QModelIndex ti = timelines.value(name);
            // Made when expanded: the timeline's hash directories, then each one's segments.
            QVERIFY(tree.hasChildren(ti) && tree.rowCount(ti) == 0 && tree.canFetchMore(ti));
            tree.fetchMore(ti);
            QVERIFY(!tree.canFetchMore(ti));
            QList<QModelIndex> rows;
            for (int r = 0; r < tree.rowCount(ti); ++r) {
                const QModelIndex row = tree.index(r, 0, ti);
                if (BucketTreeModel::Kind(row.data(BucketTreeModel::KindRole).toInt()) != BucketTreeModel::Kind::Directory) {
                    rows << row;
                    continue;
                }
                QVERIFY(row.data().toString().endsWith(u'/'));
                QVERIFY(tree.rowCount(row) == 0 && tree.canFetchMore(row));
                tree.fetchMore(row);
                int segmentsHere = 0;
                for (int k = 0; k < tree.rowCount(row); ++k) {
                    const QModelIndex child = tree.index(k, 0, row);
                    rows << child;
                    segmentsHere += BucketTreeModel::Kind(child.data(BucketTreeModel::KindRole).toInt())
                        == BucketTreeModel::Kind::Segment;
                    QVERIFY(child.data().toString().startsWith(row.data().toString().chopped(1)));
                }
                QCOMPARE(QString::number(segmentsHere), tree.index(row.row(), BucketTreeModel::Objects, ti).data().toString());
            }
            int segmentRows = 0;
            QStringList gapFirsts;
            QList<bool> harmless;
            for (const QModelIndex& row : std::as_const(rows)) {
                const auto kind = BucketTreeModel::Kind(row.data(BucketTreeModel::KindRole).toInt());
                if (kind == BucketTreeModel::Kind::Gap) {
                    gapFirsts << row.data().toString().left(24);
                    harmless << row.data(BucketTreeModel::HarmlessRole).toBool();
                    // Red unless harmless, grey when harmless.
                    const QColor fg = row.data(Qt::ForegroundRole).value<QBrush>().color();
                    QCOMPARE(fg.red() > fg.green() + 50, !harmless.last());
                } else if (!row.data().toString().contains(QLatin1String(".partial"))
                           && !row.data().toString().contains(QLatin1String(".backup"))) {
                    ++segmentRows;
                }
            }
            QCOMPARE(segmentRows, segments);
            const QJsonArray gaps = t.value(QStringLiteral("gaps")).toArray();
            QCOMPARE(gapFirsts.size(), gaps.size());
            for (int g = 0; g < gaps.size(); ++g) {
                QCOMPARE(gapFirsts[g], gaps[g].toObject().value(QStringLiteral("first_missing")).toString());
                QCOMPARE(harmless[g], gaps[g].toObject().value(QStringLiteral("harmless")).toBool());
            }
            cliGaps += static_cast<int>(gaps.size());
            // A filter finds rows not made yet: what it names is made, nothing else.
            for (const QString& text : {QStringLiteral("no-such-row"), gaps.isEmpty() ? QString() : gapFirsts.first()}) {
                if (text.isEmpty())
                    continue;
                BucketTreeModel fresh;
                fresh.setSnapshots({snap});
                fresh.fetchMatching(text);
                QStringList found;
                std::function<void(const QModelIndex&)> walk = [&](const QModelIndex& parent) {
                    for (int r = 0; r < fresh.rowCount(parent); ++r) {
                        const QModelIndex i = fresh.index(r, 0, parent);
                        if (BucketTreeModel::Kind(i.data(BucketTreeModel::KindRole).toInt()) == BucketTreeModel::Kind::Gap
                            || BucketTreeModel::Kind(i.data(BucketTreeModel::KindRole).toInt())
                                == BucketTreeModel::Kind::Segment)
                            found << i.data().toString();
                        walk(i);
                    }
                };
                walk({});
                if (text == QLatin1String("no-such-row"))
                    QVERIFY2(std::none_of(found.cbegin(), found.cend(),
                                          [](const QString& f) {
                                              return !f.contains(QLatin1String(".partial"))
                                                  && !f.contains(QLatin1String(".backup"));
                                          }),
                             qPrintable(found.value(0)));
                else
                    QVERIFY2(std::any_of(found.cbegin(), found.cend(), [&](const QString& f) { return f.startsWith(text); }),
                             qPrintable(text));
            }
        }
        // The overview's counts and headline come from the same results.
        const pitr::ServerStatus facts = pitr::computeStatus(snap->catalog, snap->windows);
        QCOMPARE(facts.gaps, cliGaps);
        // The cadence the WAL chart draws is the one `wals --json` prints.
        const catalog::ArchiveCadence& cadence = snap->cadence;
        const QJsonObject cliCadence = wals.value(QStringLiteral("cadence")).toObject();
        QCOMPARE(cliCadence.value(QStringLiteral("segments")).toInt(), cadence.segments);
        QCOMPARE(cliCadence.value(QStringLiteral("bins")).toArray().size(), cadence.bins.size());
        QCOMPARE(cliCadence.value(QStringLiteral("bin_seconds")).toInteger(), cadence.binUsec / 1'000'000);
        QCOMPARE(cliCadence.value(QStringLiteral("peak_per_hour")).toDouble(), cadence.peakPerHour);
        QCOMPARE(cliCadence.value(QStringLiteral("switches")).toArray().size(), cadence.switches.size());
        QCOMPARE(cliCadence.value(QStringLiteral("gaps")).toArray().size(), cadence.gaps.size());
        if (cadence.segments > 1)
            QCOMPARE(cliCadence.value(QStringLiteral("longest_silence")).toObject().value(QStringLiteral("after_wal")).toString(),
                     cadence.longestSilence.afterWal);
        // `status --json` is the same answer the overview shows.
        const QJsonObject status = test::cliJson({QStringLiteral("status"), env.url(scenario), env.server(scenario)});
        QCOMPARE(status.value(QStringLiteral("verdict")).toString(), pitr::ServerStatus::verdictName(facts.verdict));
        QCOMPARE(status.value(QStringLiteral("gaps")).toInt(), facts.gaps);
        QCOMPARE(status.value(QStringLiteral("restorable_until_wal")).toString(), facts.untilWal);
        QCOMPARE(status.value(QStringLiteral("last_archived_wal")).toObject().value(QStringLiteral("name")).toString(),
                 facts.lastWal);
        QCOMPARE(status.value(QStringLiteral("last_backup")).toObject().value(QStringLiteral("backup_id")).toString(),
                 facts.lastDone ? facts.lastDone->id : QString());
        const QJsonObject window = test::cliJson({QStringLiteral("window"), env.url(scenario), env.server(scenario)});
        // The headline is the window of the timeline 'latest' follows; when that one has none, the
        // newest window is shown under a red verdict.
        QJsonObject headline;
        const qint64 latest = window.value(QStringLiteral("latest_timeline")).toInteger();
        const bool latestRecoverable = window.value(QStringLiteral("latest_recoverable")).toBool();
        QCOMPARE(qint64(facts.latestTimeline), latest);
        for (const QJsonValue& v : window.value(QStringLiteral("timelines")).toArray())
            if (!v.toObject().value(QStringLiteral("first_recoverability_point")).isNull()
                && (!latestRecoverable || v.toObject().value(QStringLiteral("timeline")).toInteger() == latest))
                headline = v.toObject();
        if (headline.isEmpty()) {
            QCOMPARE(facts.verdict, pitr::ServerStatus::Verdict::NotRecoverable);
            return;
        }
        QCOMPARE(facts.verdict == pitr::ServerStatus::Verdict::LatestNotRecoverable, !latestRecoverable);
        QVERIFY(facts.window);
        QCOMPARE(qint64(facts.window->timeline), headline.value(QStringLiteral("timeline")).toInteger());
        QCOMPARE(facts.window->firstRecoverabilityPoint->toIso(),
                 headline.value(QStringLiteral("first_recoverability_point")).toString());
        if (latestRecoverable)
            QCOMPARE(facts.verdict == pitr::ServerStatus::Verdict::LimitedByGap,
                     headline.value(QStringLiteral("limited_by_gap")).toBool());
        const QString until =
            headline
                .value(headline.value(QStringLiteral("limited_by_gap")).toBool() ? QStringLiteral("recoverable_until_wal")
                                                                                 : QStringLiteral("last_archived_wal"))
                .toString();
        QCOMPARE(facts.untilWal, until);
    }

    void usageMatchesCli()
    {
        const auto& env = FixtureEnv::instance();
        SourceSession* s = session(QStringLiteral("main"));
        QVERIFY(s);
        QList<catalog::ServerUsage> usage;
        for (const SnapshotPtr& p : s->snapshots())
            usage.append(p->usage);
        UsageTableModel model;
        model.setUsage(usage);
        const QJsonObject cli = test::cliJson({QStringLiteral("usage"), env.url(QStringLiteral("main"))});
        int expectedRows = 0;
        for (const QJsonValue& v : cli.value(QStringLiteral("servers")).toArray()) {
            const QJsonObject server = v.toObject();
            const QJsonArray months = server.value(QStringLiteral("months")).toArray();
            expectedRows += static_cast<int>(months.size()) + 1;
            for (int r = 0; r < model.rowCount(); ++r) {
                if (model.index(r, UsageTableModel::Server).data().toString()
                    != server.value(QStringLiteral("server")).toString())
                    continue;
                const QString month = model.index(r, UsageTableModel::Month).data().toString();
                QJsonObject expected = server;
                for (const QJsonValue& m : months)
                    if (m.toObject().value(QStringLiteral("month")).toString() == month)
                        expected = m.toObject();
                QCOMPARE(model.index(r, UsageTableModel::BaseSize).data(UsageTableModel::SortRole).toLongLong(),
                         expected.value(QStringLiteral("base")).toObject().value(QStringLiteral("bytes")).toInteger());
                QCOMPARE(model.index(r, UsageTableModel::WalObjects).data(UsageTableModel::SortRole).toLongLong(),
                         expected.value(QStringLiteral("wals")).toObject().value(QStringLiteral("objects")).toInteger());
            }
        }
        QCOMPARE(model.rowCount(), expectedRows);
    }

    void sortingAndSelection()
    {
        SnapshotPtr snap = snapshot(QStringLiteral("incomplete"));
        QVERIFY(snap);
        BackupHistoryView view;
        view.resize(1200, 800);
        view.setSnapshot(snap);
        QSortFilterProxyModel* proxy = view.proxy();
        QVERIFY(proxy->rowCount() >= 2);
        // Newest first by default, numerically by begin time.
        for (int r = 1; r < proxy->rowCount(); ++r)
            QVERIFY(proxy->index(r - 1, BackupTableModel::Begin).data(BackupTableModel::SortRole).toLongLong()
                    >= proxy->index(r, BackupTableModel::Begin).data(BackupTableModel::SortRole).toLongLong());
        // By size, ascending: bytes, not text ("9.0 KiB" > "10.0 MiB" as strings).
        view.table()->sortByColumn(BackupTableModel::Size, Qt::AscendingOrder);
        for (int r = 1; r < proxy->rowCount(); ++r)
            QVERIFY(proxy->index(r - 1, BackupTableModel::Size).data(BackupTableModel::SortRole).toLongLong()
                    <= proxy->index(r, BackupTableModel::Size).data(BackupTableModel::SortRole).toLongLong());
        // Selection survives sorting and drives the details.
        const QString id = snap->catalog.backups.first().id;
        QVERIFY(view.selectBackup(id));
        QCOMPARE(view.selectedBackup(), id);
        QVERIFY(view.detailsText().contains(id));
        view.table()->sortByColumn(BackupTableModel::Id, Qt::DescendingOrder);
        QCOMPARE(view.selectedBackup(), id);
        QVERIFY(!view.selectBackup(QStringLiteral("19700101T000000")));
        // The unfinished backup is shown, red, with its reason.
        bool sawTrouble = false;
        for (int r = 0; r < proxy->rowCount(); ++r) {
            const auto state = catalog::BackupEntry::State(proxy->index(r, 0).data(BackupTableModel::StateRole).toInt());
            if (state == catalog::BackupEntry::State::Incomplete || state == catalog::BackupEntry::State::InProgress) {
                sawTrouble = true;
                QVERIFY(!proxy->index(r, BackupTableModel::Status).data(Qt::ToolTipRole).toString().isEmpty());
            }
        }
        QVERIFY(sawTrouble);
    }

    // A finished backup that cannot be restored: the column gives the engine's short answer, the
    // details its whole reason, both WAL names included.
    void anUnrestorableBackupSaysWhy()
    {
        SnapshotPtr snap = snapshot(QStringLiteral("main"));
        QVERIFY(snap);
        catalog::ServerCatalog c = snap->catalog;
        catalog::BackupEntry& b = c.backups.first();
        QCOMPARE(b.state, catalog::BackupEntry::State::Done);
        b.walRange = catalog::BackupEntry::WalRange::Backward;
        b.restorable = false;
        // Bucket bytes in a rich-text pane: markup in a name is shown, never applied.
        b.info->endWal = QStringLiteral("<b>restorable: yes</b>");
        BackupHistoryView view;
        view.resize(1200, 800);
        view.setSnapshot(ServerSnapshot::make(c));
        QVERIFY(view.selectBackup(b.id));
        const QString reason = b.unrestorableReason();
        QVERIFY2(reason.contains(b.info->beginWal) && reason.contains(b.info->endWal), qPrintable(reason));
        QVERIFY2(view.detailsText().contains(reason.toHtmlEscaped()), qPrintable(view.detailsText()));
        QVERIFY2(!view.detailsText().contains(QStringLiteral("<b>restorable")), qPrintable(view.detailsText()));
        bool shown = false;
        for (int r = 0; r < view.proxy()->rowCount(); ++r)
            if (view.proxy()->index(r, BackupTableModel::Id).data().toString() == b.id) {
                QCOMPARE(view.proxy()->index(r, BackupTableModel::Restorable).data().toString(),
                         QStringLiteral("no: end_wal before begin_wal"));
                QCOMPARE(view.proxy()->index(r, BackupTableModel::Restorable).data(Qt::ToolTipRole).toString(), reason);
                shown = true;
            }
        QVERIFY(shown);
    }

    void cleanupTestCase()
    {
        qDeleteAll(m_sessions);
        m_sessions.clear();
    }
};

QTEST_MAIN(TestGuiModels)
#include "TestGuiModels.moc"
