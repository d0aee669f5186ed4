// SPDX-License-Identifier: GPL-3.0-or-later
#include "PitrFixture.h"
#include "engine/pitr/RecoveryPlanner.h"

#include <QTest>

using namespace tideline;
using namespace tideline::pitr;
using tideline::test::kT0;
using tideline::test::uploadOf;

namespace {
RecoveryTarget timeTarget(qint64 usec, TimelineSpec::Kind tli = TimelineSpec::Kind::Latest)
{
    RecoveryTarget t;
    t.kind = RecoveryTarget::Kind::Time;
    t.time = Timestamp::fromUsec(usec);
    t.timeline.kind = tli;
    return t;
}
RecoveryTarget lsnTarget(quint64 lsn, TimelineSpec spec = {})
{
    RecoveryTarget t;
    t.kind = RecoveryTarget::Kind::Lsn;
    t.lsn = wal::Lsn(lsn);
    t.timeline = spec;
    return t;
}
RecoveryTarget kindTarget(RecoveryTarget::Kind kind)
{
    RecoveryTarget t;
    t.kind = kind;
    t.xid = QStringLiteral("735");
    t.name = QStringLiteral("before_mistake");
    return t;
}
} // namespace

Q_DECLARE_METATYPE(tideline::pitr::RecoveryTarget)

class TestRecoveryPlanner : public QObject {
    Q_OBJECT
private slots:
    void plans_data()
    {
        QTest::addColumn<RecoveryTarget>("target");
        QTest::addColumn<QString>("verdict");
        QTest::addColumn<QString>("backup");
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("last");
        QTest::addColumn<QString>("path");

        // Segment 6 of timeline 1 is uploaded at T0+60 s; a target 5 s before it needs replay up to 6.
        QTest::newRow("time-in-window") << timeTarget(uploadOf(1, 6) - 5'000'000, TimelineSpec::Kind::Current) << "ok"
                                        << "A"
                                        << "000000010000000000000004"
                                        << "000000010000000000000006"
                                        << "1";
        QTest::newRow("time-exactly-backup-end") << timeTarget(uploadOf(1, 7) - 2'000'000, TimelineSpec::Kind::Current) << "ok"
                                                 << "B"
                                                 << "000000010000000000000007"
                                                 << "000000010000000000000007"
                                                 << "1";
        QTest::newRow("time-before-first-backup") << timeTarget(kT0) << "refused"
                                                  << ""
                                                  << ""
                                                  << ""
                                                  << "";
        // Upload times are kept to the second: within the newest upload's second it is uncertain,
        // a full second later it is after the end.
        QTest::newRow("time-same-second-as-last-upload") << timeTarget(uploadOf(2, 0x10) + 999'999) << "uncertain"
                                                         << "D"
                                                         << "00000002000000000000000E"
                                                         << "000000020000000000000010"
                                                         << "2";
        QTest::newRow("time-after-archive-end") << timeTarget(uploadOf(2, 0x10) + 1'000'000) << "refused"
                                                << "D"
                                                << "00000002000000000000000E"
                                                << "000000020000000000000010"
                                                << "2";
        QTest::newRow("time-in-last-segment") << timeTarget(uploadOf(2, 0x10) - 1) << "uncertain"
                                              << "D"
                                              << "00000002000000000000000E"
                                              << "000000020000000000000010"
                                              << "2";
        // Latest follows the history to timeline 2: 0xB, 0xC from 1, the switch segment 0xD from 2.
        QTest::newRow("time-across-switch") << timeTarget(uploadOf(1, 0xC) + 1) << "ok"
                                            << "C"
                                            << "00000001000000000000000A"
                                            << "00000002000000000000000D"
                                            << "1,2";
        // On timeline 1 (current) the same time stays on 1's own segments.
        QTest::newRow("time-same-on-tl1") << timeTarget(uploadOf(1, 0xC) + 1, TimelineSpec::Kind::Current) << "ok"
                                          << "C"
                                          << "00000001000000000000000A"
                                          << "00000001000000000000000D"
                                          << "1";
        QTest::newRow("lsn-on-tl1") << lsnTarget(0x9000000, {TimelineSpec::Kind::Number, 1}) << "ok"
                                    << "B"
                                    << "000000010000000000000007"
                                    << "000000010000000000000009"
                                    << "1";
        // CNPG: newest backup whose end LSN is strictly before the target.
        QTest::newRow("lsn-equal-to-backup-end") << lsnTarget(0x7000100, {TimelineSpec::Kind::Number, 1}) << "ok"
                                                 << "A"
                                                 << "000000010000000000000004"
                                                 << "000000010000000000000007"
                                                 << "1";
        // An LSN before the switch point, replayed towards timeline 2: its segment comes from 2.
        QTest::newRow("lsn-in-switch-segment") << lsnTarget(0xD000050) << "ok"
                                               << "C"
                                               << "00000001000000000000000A"
                                               << "00000002000000000000000D"
                                               << "1,2";
        QTest::newRow("lsn-last-segment") << lsnTarget(0x10000050) << "uncertain"
                                          << "D"
                                          << "00000002000000000000000E"
                                          << "000000020000000000000010"
                                          << "2";
        QTest::newRow("lsn-after-end") << lsnTarget(0x20000000) << "refused"
                                       << "D"
                                       << "00000002000000000000000E"
                                       << "000000020000000000000010"
                                       << "2";
        QTest::newRow("xid") << kindTarget(RecoveryTarget::Kind::Xid) << "unverified"
                             << "D"
                             << "00000002000000000000000E"
                             << "000000020000000000000010"
                             << "2";
        QTest::newRow("name") << kindTarget(RecoveryTarget::Kind::Name) << "unverified"
                              << "D"
                              << "00000002000000000000000E"
                              << "000000020000000000000010"
                              << "2";
        QTest::newRow("immediate") << kindTarget(RecoveryTarget::Kind::Immediate) << "ok"
                                   << "D"
                                   << "00000002000000000000000E"
                                   << "00000002000000000000000E"
                                   << "2";
        RecoveryTarget unknownTli = timeTarget(uploadOf(1, 6));
        unknownTli.timeline = {TimelineSpec::Kind::Number, 5};
        QTest::newRow("unknown-timeline") << unknownTli << "refused"
                                          << ""
                                          << ""
                                          << ""
                                          << "";
        // Timeline 2 branched at segment 0xD: backup D is on 2, but a timeline-1 target cannot use it.
        RecoveryTarget pinned = kindTarget(RecoveryTarget::Kind::Xid);
        pinned.backupId = QStringLiteral("B");
        QTest::newRow("pinned-backup") << pinned << "unverified"
                                       << "B"
                                       << "000000010000000000000007"
                                       << "000000020000000000000010"
                                       << "1,2";
        RecoveryTarget tooLate = timeTarget(uploadOf(1, 6));
        tooLate.backupId = QStringLiteral("C");
        QTest::newRow("pinned-backup-after-target") << tooLate << "refused"
                                                    << ""
                                                    << ""
                                                    << ""
                                                    << "";
    }
    void plans()
    {
        QFETCH(RecoveryTarget, target);
        QFETCH(QString, verdict);
        QFETCH(QString, backup);
        QFETCH(QString, first);
        QFETCH(QString, last);
        QFETCH(QString, path);
        const RecoveryPlan p = planRecovery(test::pitrCatalog(), target);
        QCOMPARE(RecoveryPlan::verdictName(p.verdict), verdict);
        QCOMPARE(p.ok(), verdict != QLatin1String("refused"));
        QCOMPARE(p.backupId, backup);
        if (!first.isEmpty()) {
            QCOMPARE(p.requiredWal.first, first);
            QCOMPARE(p.requiredWal.last, last);
            QStringList tl;
            for (auto t : p.timelinePath)
                tl.append(QString::number(t));
            QCOMPARE(tl.join(QLatin1Char(',')), path);
            QVERIFY(p.downloadBytes >= p.baseBytes + p.requiredWal.bytes);
            QVERIFY(p.estimatedSeconds > 0);
        }
        if (verdict == QLatin1String("refused")) {
            QVERIFY(!p.reason.isEmpty());
            QVERIFY(!p.hint.isEmpty());
        }
        if (verdict == QLatin1String("uncertain") || verdict == QLatin1String("unverified"))
            QVERIFY(!p.reason.isEmpty());
    }

    void beforeTheWindowOffersTheOldestBackup()
    {
        const RecoveryPlan p = planRecovery(test::pitrCatalog(), timeTarget(kT0));
        QVERIFY(p.reason.contains(QStringLiteral("before the first recoverability point")));
        QVERIFY(p.alternative);
        QCOMPARE(p.alternative->kind, RecoveryTarget::Kind::Immediate);
        QCOMPARE(p.alternative->backupId, QStringLiteral("A"));
        QCOMPARE(planRecovery(test::pitrCatalog(), *p.alternative).verdict, RecoveryPlan::Verdict::Ok);
    }

    void aGapRefusesAndOffersTheLastReachablePoint()
    {
        const auto catalog = test::pitrCatalog({9});
        // From backup B (segment 7), a target in segment 10's time needs segment 9: missing.
        const RecoveryPlan p = planRecovery(catalog, timeTarget(uploadOf(1, 9) + 1, TimelineSpec::Kind::Current));
        QCOMPARE(p.verdict, RecoveryPlan::Verdict::Refused);
        QCOMPARE(p.backupId, QStringLiteral("B"));
        QCOMPARE(p.requiredWal.missing, QStringList{QStringLiteral("000000010000000000000009")});
        QVERIFY(p.reason.contains(QStringLiteral("000000010000000000000009")));
        QVERIFY(p.alternative);
        // The alternative is accepted and lies before the gap.
        const RecoveryPlan alt = planRecovery(catalog, *p.alternative);
        QVERIFY2(alt.ok(), qPrintable(alt.reason));
        QVERIFY(alt.requiredWal.last < QStringLiteral("000000010000000000000009"));
        // After the next backup (C, segment 0xA) the same archive is fine again.
        QCOMPARE(planRecovery(catalog, timeTarget(uploadOf(1, 0xB) + 1, TimelineSpec::Kind::Current)).verdict,
                 RecoveryPlan::Verdict::Ok);
    }

    void afterTheEndOffersAnAcceptedTarget()
    {
        const auto catalog = test::pitrCatalog();
        const RecoveryPlan p = planRecovery(catalog, timeTarget(uploadOf(2, 0x10) + 60'000'000));
        QVERIFY(p.alternative);
        const RecoveryPlan alt = planRecovery(catalog, *p.alternative);
        QVERIFY2(alt.ok(), qPrintable(alt.reason));
    }

    void choosesLikeCnpg()
    {
        // CNPG FindBackupInfo: time -> newest backup with end_time <= target; LSN -> newest with
        // end LSN < target (any timeline under 'latest').
        const auto catalog = test::pitrCatalog();
        for (qint64 t = uploadOf(1, 4); t < uploadOf(2, 0xF); t += 3'000'000) {
            QString expected;
            for (const auto& b : catalog.backups)
                if (b.info->endTime->usecUtc <= t)
                    expected = b.id;
            const RecoveryPlan p = planRecovery(catalog, timeTarget(t));
            QCOMPARE(p.backupId, expected);
        }
    }

    void timelineLatestFollowsHistoryFiles()
    {
        const auto catalog = test::pitrCatalog();
        const RecoveryPlan p = planRecovery(catalog, kindTarget(RecoveryTarget::Kind::Xid));
        QCOMPARE(p.targetTimeline, 2u);
        bool warned = false;
        for (const QString& w : p.warnings)
            warned |= w.contains(QStringLiteral("timelines 1, 2"));
        QVERIFY(warned);
    }
};

QTEST_GUILESS_MAIN(TestRecoveryPlanner)
#include "TestRecoveryPlanner.moc"
