// SPDX-License-Identifier: GPL-3.0-or-later
// The Timeline tab and the restore wizard on the fixture's "main" bucket (timelines 1 -> 2 -> 3,
// restore points): the time edit, calendar, timeline marker and plan stay in sync and agree with
// `tideline-cli plan --json`; every wizard path runs to its end for real (manifest YAML, a local
// restore, a drill); a cancelled restore never leaves a directory that looks complete.
#include "GuiTestSupport.h"
#include "tests/integration/S3Proxy.h"

#include "engine/core/Clock.h"
#include "engine/core/Timestamp.h"
#include "engine/restore/DrillJob.h"
#include "engine/restore/RestoreJob.h"
#include "src/app/MainWindow.h"
#include "src/dialogs/RestoreWizard.h"
#include "src/models/Format.h"
#include "src/views/OverviewView.h"
#include "src/views/PitrTimeline.h"
#include "src/views/PitrView.h"

#include <QCalendarWidget>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTreeWidget>

using namespace tideline;
using namespace tideline::gui;
using tideline::test::FixtureEnv;

namespace {

// The view plans on a worker: its plan is the current target's once planning() is over.
PitrView* settled(PitrView* v)
{
    QElapsedTimer waited;
    waited.start();
    while (v->planning() && waited.elapsed() < 20'000)
        QTest::qWait(2);
    return v;
}

} // namespace

class TestPitrView : public QObject {
    Q_OBJECT
    QTemporaryDir m_data;
    std::unique_ptr<MainWindow> m_window;

    QJsonObject cliPlan(const pitr::RecoveryTarget& t)
    {
        const auto& env = FixtureEnv::instance();
        return test::cliJson({QStringLiteral("plan"), env.url(QStringLiteral("main")), env.server(QStringLiteral("main")),
                              QStringLiteral("--target-time"), t.time.toIso(), QStringLiteral("--target-tli"),
                              t.timeline.toString()});
    }

    RestoreWizard* wizardAt(const QDateTime& when)
    {
        PitrView* v = m_window->pitr();
        v->setTargetTime(when.toMSecsSinceEpoch() * 1000);
        if (!settled(v)->plan().ok())
            return nullptr;
        return m_window->openRestoreWizard();
    }

    // A wizard on the first restore point, set to restore locally into dest, at the review page.
    RestoreWizard* localRestoreReviewed(const QString& dest)
    {
        RestoreWizard* w = wizardAt(restorePointTime(0));
        if (!w)
            return nullptr;
        next(w, RestoreWizard::ActionPage);
        w->setAction(RestoreWizard::Action::LocalRestore);
        w->destination()->setText(dest);
        next(w, RestoreWizard::ReviewPage);
        return QTest::currentTestFailed() ? nullptr : w;
    }

    static void next(RestoreWizard* w, int expectedPage)
    {
        QVERIFY2(w->button(QWizard::NextButton)->isEnabled(), qPrintable(QString::number(w->currentId())));
        w->next();
        QCOMPARE(w->currentId(), expectedPage);
    }

    QDateTime restorePointTime(int index) const
    {
        const QJsonArray rps =
            FixtureEnv::instance().scenario(QStringLiteral("main")).value(QStringLiteral("restore_points")).toArray();
        return QDateTime::fromString(rps.at(index).toObject().value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(FixtureEnv::instance().ok(), "fixture env.json missing: run the fixture.buckets test first");
        QVERIFY(m_data.isValid());
        // Drills append to the user's drill history: keep the real one untouched.
        qputenv("XDG_DATA_HOME", m_data.path().toUtf8());
        test::exportFixtureCredentials();
        m_window = std::make_unique<MainWindow>(MainWindow::Options{false, {}});
        m_window->show();
        QSignalSpy loaded(m_window.get(), &MainWindow::sourceLoaded);
        m_window->openSource(test::fixtureProfile(QStringLiteral("main")),
                             FixtureEnv::instance().server(QStringLiteral("main")));
        QVERIFY(loaded.wait(60'000));
        m_window->showView(QStringLiteral("timeline"));
        QCOMPARE(m_window->currentView(), QStringLiteral("timeline"));
        QVERIFY(m_window->pitr()->snapshot());
    }

    void calendarTimelineAndPlanFollowTheTimeEdit()
    {
        PitrView* v = m_window->pitr();
        PitrTimeline* tl = v->timeline();
        QVERIFY(!tl->bands().isEmpty());
        // Row 0 is what `window --json` prints as recoverable_ranges.
        {
            const auto& env = FixtureEnv::instance();
            const QJsonArray cli =
                test::cliJson({QStringLiteral("window"), env.url(QStringLiteral("main")), env.server(QStringLiteral("main"))})
                    .value(QStringLiteral("recoverable_ranges"))
                    .toArray();
            QVERIFY(!cli.isEmpty());
            QCOMPARE(tl->recoverableRanges().size(), cli.size());
            for (qsizetype i = 0; i < cli.size(); ++i) {
                QCOMPARE(Timestamp::fromUsec(tl->recoverableRanges()[i].fromUsec).toIso(),
                         cli[i].toObject().value(QStringLiteral("from")).toString());
                QCOMPARE(Timestamp::fromUsec(tl->recoverableRanges()[i].toUsec).toIso(),
                         cli[i].toObject().value(QStringLiteral("to")).toString());
            }
        }
        const QJsonArray rps =
            FixtureEnv::instance().scenario(QStringLiteral("main")).value(QStringLiteral("restore_points")).toArray();
        QVERIFY(rps.size() >= 2);
        qint64 previous = 0; // two restore points in one second: the second edit changes nothing
        for (int i = 0; i < rps.size(); ++i) {
            const QDateTime when = restorePointTime(i).toUTC();
            QVERIFY(when.isValid());
            // Typed into the edit as a DBA would (whole seconds, UTC).
            v->timeEdit()->setDateTime(QDateTime(when.date(),
                                                 QTime(when.time().hour(), when.time().minute(), when.time().second()),
                                                 QTimeZone::utc()));
            const auto target = v->target();
            QVERIFY2(target, qPrintable(v->inputMessage()));
            // Planned on a worker: an edit returns before the plan, and the Restore button waits
            // for it.
            if (target->time.usecUtc != previous) {
                QVERIFY(v->planning());
                QVERIFY(!v->restoreButton()->isEnabled());
            }
            previous = target->time.usecUtc;
            QCOMPARE(target->time.usecUtc, (when.toSecsSinceEpoch()) * 1'000'000);
            QCOMPARE(v->calendar()->selectedDate(), when.date());
            QVERIFY(tl->markerX());
            QCOMPARE(*tl->markerX(), tl->widgetXForTime(target->time.usecUtc));
            const QJsonObject cli = cliPlan(*target);
            QCOMPARE(settled(v)->plan().backupId, cli.value(QStringLiteral("backup_id")).toString());
            QCOMPARE(pitr::RecoveryPlan::verdictName(settled(v)->plan().verdict),
                     cli.value(QStringLiteral("verdict")).toString());
            QCOMPARE(settled(v)->plan().downloadBytes, cli.value(QStringLiteral("download_bytes")).toInteger());
        }
    }

    // A drag asks for a plan at every step; one plan runs at a time, and what is shown is the
    // last target's plan, as `plan` gives it, announced once.
    void aDragPlansTheLastTargetOnly()
    {
        PitrView* v = m_window->pitr();
        settled(v);
        const auto& ranges = v->timeline()->recoverableRanges();
        QVERIFY(!ranges.isEmpty());
        const qint64 from = ranges.first().fromUsec, to = ranges.first().toUsec;
        QSignalSpy planned(v, &PitrView::planned);
        for (int i = 0; i <= 40; ++i)
            v->setTargetTime((from + (to - from) * i / 40) / 1'000'000 * 1'000'000);
        QVERIFY(v->planning());
        QVERIFY(!settled(v)->planning());
        QCOMPARE(planned.size(), 1);
        const auto target = v->target();
        QVERIFY(target);
        QCOMPARE(target->time.usecUtc, to / 1'000'000 * 1'000'000);
        const QJsonObject cli = cliPlan(*target);
        QCOMPARE(v->plan().backupId, cli.value(QStringLiteral("backup_id")).toString());
        QCOMPARE(pitr::RecoveryPlan::verdictName(v->plan().verdict), cli.value(QStringLiteral("verdict")).toString());
    }

    void aClickOnTheTimelinePicksATimeAndTheCalendarMovesTheEdit()
    {
        PitrView* v = m_window->pitr();
        PitrTimeline* tl = v->timeline();
        tl->resize(1000, 240);
        tl->fitAll();
        const QPoint at(tl->width() / 2, tl->backupRow().first + 4);
        QTest::mouseClick(tl, Qt::LeftButton, {}, at);
        const qint64 picked = tl->timeForWidgetX(at.x()) / 1'000'000 * 1'000'000;
        QVERIFY(v->target());
        QCOMPARE(v->target()->time.usecUtc, picked);
        QCOMPARE(v->timeEdit()->dateTime().toMSecsSinceEpoch() * 1000, picked); // UTC window
        // The calendar changes the day and keeps the time of day.
        const QTime time = v->timeEdit()->time();
        const QDate other = v->timeEdit()->date().addDays(-1);
        v->calendar()->setSelectedDate(other);
        QCOMPARE(v->timeEdit()->date(), other);
        QCOMPARE(v->timeEdit()->time(), time);
        QCOMPARE(v->target()->time.usecUtc, QDateTime(other, time, QTimeZone::utc()).toMSecsSinceEpoch() * 1000);
    }

    void aRefusedTargetOffersItsNearestAlternative()
    {
        PitrView* v = m_window->pitr();
        // Long before the first backup: nothing can reach it.
        v->setTargetTime(QDateTime(QDate(2001, 1, 1), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch() * 1000);
        QVERIFY(!settled(v)->plan().ok());
        QVERIFY(!v->restoreButton()->isEnabled());
        QVERIFY(settled(v)->plan().alternative);
        QVERIFY(v->alternativeButton()->isVisibleTo(v));
        v->alternativeButton()->click();
        QVERIFY2(settled(v)->plan().ok(), qPrintable(settled(v)->planText()));
        QVERIFY(v->restoreButton()->isEnabled());
    }

    // What the WAL says, as the window shows it: the restore point flags and the "what happened
    // here" list are `events`' own (and make_buckets' record of the DROP TABLE); one click on the
    // drop plans the restore to just before it, the plan the CLI makes for that target.
    void theWalsEventsAreOnTheTimelineAndOneClickAway()
    {
        PitrView* v = m_window->pitr();
        PitrTimeline* tl = v->timeline();
        const auto& env = FixtureEnv::instance();
        const QJsonObject events =
            test::cliJson({QStringLiteral("events"), env.url(QStringLiteral("main")), env.server(QStringLiteral("main")),
                           QStringLiteral("--kind"), QStringLiteral("restore_point,drop,truncate")});
        QCOMPARE(tl->marks().size(), events.value(QStringLiteral("events")).toArray().size());
        QVERIFY(!tl->commitsPerMinute().isEmpty());
        qint64 commits = 0;
        for (int n : tl->commitsPerMinute())
            commits += n;
        const QJsonObject allCommits =
            test::cliJson({QStringLiteral("events"), env.url(QStringLiteral("main")), env.server(QStringLiteral("main")),
                           QStringLiteral("--kind"), QStringLiteral("commit")});
        QCOMPARE(commits, allCommits.value(QStringLiteral("events")).toArray().size());

        tl->fitAll();
        const QJsonObject drop = env.scenario(QStringLiteral("main"))
                                     .value(QStringLiteral("wal_insight"))
                                     .toObject()
                                     .value(QStringLiteral("drop"))
                                     .toObject();
        const QString xid = QString::number(drop.value(QStringLiteral("xid")).toInt());
        QTreeWidgetItem* dropItem = nullptr;
        for (int i = 0; i < v->happenedList()->topLevelItemCount(); ++i) {
            QTreeWidgetItem* item = v->happenedList()->topLevelItem(i);
            if (item->text(3).startsWith(QStringLiteral("xid %1:").arg(xid)))
                dropItem = item;
        }
        QVERIFY2(dropItem, "the DROP TABLE is listed");
        QVERIFY2(dropItem->text(3).contains(drop.value(QStringLiteral("file")).toString()), qPrintable(dropItem->text(3)));
        emit v->happenedList()->itemClicked(dropItem, 0);
        QVERIFY(v->target());
        QCOMPARE(v->target()->kind, pitr::RecoveryTarget::Kind::Xid);
        QCOMPARE(v->target()->xid, xid);
        QVERIFY(v->target()->exclusive);
        const QJsonObject cli =
            test::cliJson({QStringLiteral("plan"), env.url(QStringLiteral("main")), env.server(QStringLiteral("main")),
                           QStringLiteral("--target-xid"), xid, QStringLiteral("--exclusive"),
                           QStringLiteral("--target-tli"), QString::number(drop.value(QStringLiteral("timeline")).toInt())});
        QCOMPARE(pitr::RecoveryPlan::verdictName(settled(v)->plan().verdict), cli.value(QStringLiteral("verdict")).toString());
        QVERIFY(settled(v)->plan().ok());
        QCOMPARE(settled(v)->plan().backupId, cli.value(QStringLiteral("backup_id")).toString());

        // The overview's banner ends at the last commit `window --json` reads from the WAL.
        const QJsonObject window =
            test::cliJson({QStringLiteral("window"), env.url(QStringLiteral("main")), env.server(QStringLiteral("main"))});
        QString lastCommit;
        for (const auto& t : window.value(QStringLiteral("timelines")).toArray())
            if (t.toObject().value(QStringLiteral("timeline")).toInt()
                == window.value(QStringLiteral("latest_timeline")).toInt())
                lastCommit = t.toObject().value(QStringLiteral("last_commit_time")).toString();
        QVERIFY(!lastCommit.isEmpty());
        const QString banner = m_window->overview()->verdictText();
        QVERIFY2(banner.contains(Format::time(Timestamp::parse(lastCommit)->usecUtc, TimeZoneMode::Utc)), qPrintable(banner));
    }

    void otherKindsPlanToo()
    {
        PitrView* v = m_window->pitr();
        v->kindCombo()->setCurrentIndex(3); // restore point name
        v->valueEdit()->setText(QStringLiteral("before_mistake"));
        QVERIFY(v->target());
        QCOMPARE(v->target()->kind, pitr::RecoveryTarget::Kind::Name);
        // The WAL's records place it: the window plans it as the CLI does, found, not guessed.
        const auto& env = FixtureEnv::instance();
        const QJsonObject cli =
            test::cliJson({QStringLiteral("plan"), env.url(QStringLiteral("main")), env.server(QStringLiteral("main")),
                           QStringLiteral("--target-name"), QStringLiteral("before_mistake")});
        QCOMPARE(pitr::RecoveryPlan::verdictName(settled(v)->plan().verdict), cli.value(QStringLiteral("verdict")).toString());
        QCOMPARE(settled(v)->plan().verdict, pitr::RecoveryPlan::Verdict::Ok);
        QVERIFY(settled(v)->plan().walChecked && settled(v)->plan().stopEvent);
        QCOMPARE(settled(v)->plan().backupId, cli.value(QStringLiteral("backup_id")).toString());
        QCOMPARE(settled(v)->plan().stopEvent->lsn.toString(),
                 cli.value(QStringLiteral("stop_event")).toObject().value(QStringLiteral("lsn")).toString());
        v->valueEdit()->setText(QStringLiteral("no_such_point"));
        QVERIFY(!settled(v)->plan().ok());
        QVERIFY2(settled(v)->plan().hint.contains(QStringLiteral("before_mistake")), qPrintable(settled(v)->plan().hint));
        v->kindCombo()->setCurrentIndex(2); // LSN
        v->valueEdit()->setText(QStringLiteral("not an lsn"));
        QVERIFY(!v->target());
        QVERIFY(!v->inputMessage().isEmpty());
        v->kindCombo()->setCurrentIndex(4); // immediate
        QVERIFY(v->target());
        QVERIFY(settled(v)->plan().ok());
        v->kindCombo()->setCurrentIndex(0);
        QVERIFY(!v->timeline()->markerX() || v->target());
    }

    void theManifestPathEndsInYamlPinningThePlansBackup()
    {
        RestoreWizard* w = wizardAt(restorePointTime(0));
        QVERIFY(w);
        QCOMPARE(w->currentId(), int(RestoreWizard::TargetPage));
        const QString backup = settled(m_window->pitr())->plan().backupId;
        QCOMPARE(w->plan().backupId, backup);
        next(w, RestoreWizard::ActionPage);
        w->setAction(RestoreWizard::Action::Manifest);
        w->clusterName()->setText(QStringLiteral("pg-main-restored"));
        w->nameSpace()->setText(QStringLiteral("dba"));
        next(w, RestoreWizard::ReviewPage);
        QVERIFY(!w->isDestructive());
        QVERIFY(w->reviewText().contains(backup));
        next(w, RestoreWizard::RunPage);
        QVERIFY(w->isFinished());
        QVERIFY2(w->succeeded(), qPrintable(w->resultMessage()));
        QVERIFY(w->button(QWizard::FinishButton)->isEnabled());
        const QString yaml = w->yamlView()->toPlainText();
        QVERIFY(w->yamlView()->isReadOnly());
        // Parse the lines that matter rather than matching the whole text.
        QString backupIdLine, nameLine, nsLine;
        for (const QString& line : yaml.split(QLatin1Char('\n'))) {
            const QString t = line.trimmed();
            if (t.startsWith(QLatin1String("backupID:")))
                backupIdLine = t.mid(9).trimmed().remove(QLatin1Char('"')).remove(QLatin1Char('\''));
            if (t.startsWith(QLatin1String("name:")) && nameLine.isEmpty())
                nameLine = t.mid(5).trimmed();
            if (t.startsWith(QLatin1String("namespace:")) && nsLine.isEmpty())
                nsLine = t.mid(10).trimmed();
        }
        QCOMPARE(backupIdLine, backup);
        QCOMPARE(nameLine, QStringLiteral("pg-main-restored"));
        QCOMPARE(nsLine, QStringLiteral("dba"));
        QVERIFY(!w->manifest()->notes.isEmpty());
        QVERIFY(!yaml.contains(qEnvironmentVariable("AWS_SECRET_ACCESS_KEY")));
        w->close();
    }

    void inPlaceAsksForTheServerNameBeforeGoingOn()
    {
        RestoreWizard* w = wizardAt(restorePointTime(0));
        QVERIFY(w);
        next(w, RestoreWizard::ActionPage);
        w->setAction(RestoreWizard::Action::Manifest);
        w->manifestMode()->setCurrentIndex(1);
        next(w, RestoreWizard::ReviewPage);
        QVERIFY(w->isDestructive());
        QVERIFY(!w->button(QWizard::NextButton)->isEnabled());
        w->confirmation()->setText(QStringLiteral("pg-mai"));
        QVERIFY(!w->button(QWizard::NextButton)->isEnabled());
        w->confirmation()->setText(FixtureEnv::instance().server(QStringLiteral("main")));
        next(w, RestoreWizard::RunPage);
        QVERIFY2(w->succeeded(), qPrintable(w->resultMessage()));
        QVERIFY(w->manifest()->archiveServer != FixtureEnv::instance().server(QStringLiteral("main")));
        w->close();
    }

    void theLocalRestorePathRestoresForReal()
    {
        QTemporaryDir dir;
        const QString dest = dir.filePath(QStringLiteral("pgdata"));
        RestoreWizard* w = localRestoreReviewed(dest);
        QVERIFY(w);
        QVERIFY(w->reviewText().contains(QStringLiteral("wal-restore")));
        QSignalSpy finished(w, &RestoreWizard::runFinished);
        next(w, RestoreWizard::RunPage);
        QVERIFY(!w->button(QWizard::FinishButton)->isEnabled()); // running
        QVERIFY(finished.wait(60'000));
        QVERIFY2(w->succeeded(), qPrintable(w->resultMessage()));
        QVERIFY(QFile::exists(dest + QStringLiteral("/recovery.signal")));
        QVERIFY(!QFile::exists(dest + QStringLiteral("/") + QLatin1String(restore::kIncompleteMarker)));
        QFile conf(dest + QStringLiteral("/postgresql.auto.conf"));
        QVERIFY(conf.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(conf.readAll());
        QVERIFY2(text.contains(RestoreWizard::locateCli() + QStringLiteral(" wal-restore")), qPrintable(text));
        QVERIFY(!text.contains(qEnvironmentVariable("AWS_SECRET_ACCESS_KEY")));
        w->close();
    }

    void cancellingARestoreLeavesNothingThatLooksComplete()
    {
        // The same bucket through the harness proxy, which sends the first bytes of every tar and
        // then holds the rest: the restore is certainly mid-download when it is cancelled.
        test::S3Proxy proxy;
        QVERIFY(proxy.start(FixtureEnv::instance().endpoint(),
                            {QStringLiteral("--rules"),
                             QStringLiteral(R"([{"action": "stall_body", "method": "GET", "path": "data[._]", "bytes": 65536,
                                                 "stall_ms": 120000}])")}));
        const QString server = FixtureEnv::instance().server(QStringLiteral("main"));
        QSignalSpy loaded(m_window.get(), &MainWindow::sourceLoaded);
        m_window->openSource(test::fixtureProfile(QStringLiteral("main"), proxy.endpoint()), server);
        QVERIFY(loaded.wait(60'000));
        m_window->showView(QStringLiteral("timeline"));

        QTemporaryDir dir;
        const QString dest = dir.filePath(QStringLiteral("pgdata"));
        RestoreWizard* w = localRestoreReviewed(dest);
        QVERIFY(w);
        QSignalSpy finished(w, &RestoreWizard::runFinished);
        next(w, RestoreWizard::RunPage);
        // Wait until the held tar has begun to land in the destination.
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(dest + QStringLiteral("/") + QLatin1String(restore::kIncompleteMarker)),
                                 30'000);
        QVERIFY(finished.isEmpty());
        w->cancelRun();
        QVERIFY(finished.wait(60'000));
        QVERIFY2(!w->succeeded(), "the restore finished although its download was held");
        QVERIFY2(w->resultMessage().contains(QStringLiteral("ancel")), qPrintable(w->resultMessage()));
        QVERIFY2(QFile::exists(dest + QStringLiteral("/") + QLatin1String(restore::kIncompleteMarker)),
                 "a cancelled restore left a directory without the incomplete marker");
        QVERIFY(!QFile::exists(dest + QStringLiteral("/recovery.signal")));
        w->close();

        // Back to the direct source for the tests that follow.
        m_window->openSource(test::fixtureProfile(QStringLiteral("main")), server);
        QVERIFY(loaded.wait(60'000));
        m_window->showView(QStringLiteral("timeline"));
    }

    void theDrillPathDrillsForRealAndRecordsHistory()
    {
        const QString server = FixtureEnv::instance().server(QStringLiteral("main"));
        const qsizetype before = restore::drillHistory(server).size();
        // The wizard tells the last drill's age against the window's clock: three days on.
        FixedClock clock(QDateTime::currentMSecsSinceEpoch() * 1000 + 3 * 86'400 * Q_INT64_C(1'000'000));
        m_window->setClock(clock);
        const auto restoreClock = qScopeGuard([this] { m_window->setClock(Clock::system()); });
        RestoreWizard* w = wizardAt(restorePointTime(0));
        QVERIFY(w);
        next(w, RestoreWizard::ActionPage);
        w->setAction(RestoreWizard::Action::Drill);
        w->checkQueries()->setPlainText(QStringLiteral("SELECT 1 = 1"));
        next(w, RestoreWizard::ReviewPage);
        QSignalSpy finished(w, &RestoreWizard::runFinished);
        next(w, RestoreWizard::RunPage);
        QVERIFY(finished.wait(90'000));
        QVERIFY(w->drillReport());
        QVERIFY2(w->succeeded(), qPrintable(w->resultMessage() + w->drillReport()->reasons.join(QLatin1Char(';'))));
        QVERIFY(w->drillReport()->passed);
        QCOMPARE(w->drillReport()->backupId, w->plan().backupId);
        QVERIFY(w->reportView()->toPlainText().contains(w->plan().backupId));
        QCOMPARE(restore::drillHistory(server).size(), before + 1);
        const auto lastPassed = Timestamp::parse(restore::summarizeDrills(restore::drillHistory(server)).lastPassedAt);
        QVERIFY(lastPassed);
        const QString age = Format::age(lastPassed->usecUtc, clock.nowUsec());
        QVERIFY2(w->historyLabel()->text().contains(QStringLiteral("Last passing drill: %1.").arg(age)),
                 qPrintable(w->historyLabel()->text() + QStringLiteral(" / expected age ") + age));
        QVERIFY(QDir(m_data.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).size() > 0);
        w->close();
    }

    void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(TestPitrView)
#include "TestPitrView.moc"
