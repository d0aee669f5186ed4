// SPDX-License-Identifier: GPL-3.0-or-later
// The retention dialog on a file:// copy of the fixture's barman-written "main" bucket: it shows
// what `tideline-cli retention --json` computes for the same copy (the engine, held to barman by
// cli.retention), greys what goes, refuses to apply without the server's name typed, on a
// previewed future date, or when the bucket changed since the preview, and when applied leaves
// exactly the objects the plan keeps; keep annotations are written as barman-cloud-backup-keep
// writes them.
#include "GuiTestSupport.h"

#include "engine/catalog/ServerCatalog.h"
#include "engine/storage/LocalStore.h"
#include "src/dialogs/RetentionDialog.h"
#include "src/views/PitrTimeline.h"

#include <QCheckBox>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>

using namespace tideline;
using namespace tideline::gui;
using tideline::test::FixtureEnv;

class TestRetentionDialog : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    JobRunner m_runner;
    std::shared_ptr<storage::LocalStore> m_store;
    QString m_server;
    QString m_url;

    SnapshotPtr load()
    {
        JobContext context;
        auto source = storage::SourceUrl::parse(m_url);
        auto catalog = catalog::loadServerCatalog(*m_store, *source, m_server, context);
        return catalog ? ServerSnapshot::make(std::move(*catalog)) : nullptr;
    }

    std::unique_ptr<RetentionDialog> dialog(const QString& policy)
    {
        auto d = std::make_unique<RetentionDialog>(m_runner, load(), m_store);
        QSignalSpy previewed(d.get(), &RetentionDialog::previewed);
        d->setPolicy(policy);
        while (!d->plan() || d->plan()->policy.barmanText() != cliPlan(policy).value(QStringLiteral("policy")).toString())
            if (!previewed.wait(10'000))
                return nullptr;
        return d;
    }

    QJsonObject cliPlan(const QString& policy) const
    {
        const test::ProcessResult r = FixtureEnv::instance().cli(
            {QStringLiteral("retention"), m_url, m_server, QStringLiteral("--policy"), policy, QStringLiteral("--json")});
        return QJsonDocument::fromJson(r.out).object();
    }

    template <typename W> static W* child(const RetentionDialog& d, const char* name)
    {
        W* w = d.findChild<W*>(QLatin1String(name));
        if (!w)
            qFatal("no widget %s", name);
        return w;
    }

    QString path(const QString& key) const { return m_dir.path() + QStringLiteral("/cnpg/") + key; }

private slots:
    void initTestCase()
    {
        QVERIFY(FixtureEnv::instance().ok());
        const QString mirror = FixtureEnv::instance().localMirror();
        QVERIFY(test::copyTree(mirror + QStringLiteral("/cnpg"), m_dir.path() + QStringLiteral("/cnpg")));
        m_store = std::make_shared<storage::LocalStore>(m_dir.path() + QStringLiteral("/cnpg"));
        m_server = FixtureEnv::instance().server(QStringLiteral("main"));
        m_url = QStringLiteral("file://%1/cnpg").arg(m_dir.path());
        QVERIFY(load());
    }

    void showsTheEnginesVerdict()
    {
        auto d = dialog(QStringLiteral("REDUNDANCY 2"));
        QVERIFY(d);
        const QJsonObject cli = cliPlan(QStringLiteral("REDUNDANCY 2"));
        const QJsonArray backups = cli.value(QStringLiteral("backups")).toArray();
        QTableWidget* table = child<QTableWidget>(*d, "backupTable");
        QCOMPARE(table->rowCount(), backups.size());
        int greyed = 0;
        for (int row = 0; row < table->rowCount(); ++row) {
            // Newest first on screen; oldest first in JSON.
            const QJsonObject b = backups.at(backups.size() - 1 - row).toObject();
            QCOMPARE(table->item(row, 0)->text(), b.value(QStringLiteral("backup_id")).toString());
            QCOMPARE(table->item(row, 1)->text(), b.value(QStringLiteral("status")).toString());
            const bool goes = b.value(QStringLiteral("action")).toString() == u"delete";
            QCOMPARE(table->item(row, 0)->font().strikeOut(), goes);
            QCOMPARE(table->item(row, 0)->foreground() == d->palette().brush(QPalette::Disabled, QPalette::Text), goes);
            greyed += goes ? 1 : 0;
        }
        QCOMPARE(greyed, cli.value(QStringLiteral("steps")).toArray().size());
        QVERIFY(greyed > 0);
        // The same plan on the server's timeline: the backups that go, and where restoring starts after.
        const PitrTimeline* timeline = d->findChild<PitrTimeline*>(QStringLiteral("retentionTimeline"));
        QVERIFY(timeline && timeline->retentionPreview());
        QSet<QString> going;
        for (const QJsonValue& b : backups)
            if (b[QStringLiteral("action")].toString() == u"delete")
                going.insert(b[QStringLiteral("backup_id")].toString());
        QCOMPARE(timeline->retentionPreview()->removedBackups, going);
        const auto after = Timestamp::parse(cli.value(QStringLiteral("restorable_from_after")).toString());
        QVERIFY(after && timeline->retentionPreview()->newStartUsec);
        QCOMPARE(*timeline->retentionPreview()->newStartUsec, after->usecUtc);
        QVERIFY(after->usecUtc > Timestamp::parse(cli.value(QStringLiteral("restorable_from_before")).toString())->usecUtc);
        // A picture to judge it by, when asked for (TIDELINE_SHOT_DIR).
        if (const QString dir = qEnvironmentVariable("TIDELINE_SHOT_DIR"); !dir.isEmpty()) {
            d->resize(900, 760);
            d->show();
            QVERIFY(QTest::qWaitForWindowExposed(d.get()));
            child<QTableWidget>(*d, "backupTable")->selectRow(2);
            QVERIFY(d->grab().save(dir + QStringLiteral("/retention-dialog.png")));
        }
        QVERIFY2(child<QLabel>(*d, "summaryLabel")
                     ->text()
                     .contains(QString::number(cli[QStringLiteral("wals")][QStringLiteral("delete_count")].toInt())),
                 qPrintable(child<QLabel>(*d, "summaryLabel")->text()));
    }

    void refusesWithoutConfirmationOrOnAFutureDate()
    {
        auto d = dialog(QStringLiteral("REDUNDANCY 1"));
        QVERIFY(d);
        QPushButton* apply = child<QPushButton>(*d, "applyButton");
        QVERIFY(!apply->isEnabled());
        child<QLineEdit>(*d, "confirmEdit")->setText(m_server + QStringLiteral("x"));
        QVERIFY(!apply->isEnabled());
        child<QLineEdit>(*d, "confirmEdit")->setText(m_server);
        QVERIFY(apply->isEnabled());
        QSignalSpy previewed(d.get(), &RetentionDialog::previewed);
        // An edited policy makes the plan on screen stale until its own preview arrives.
        child<QLineEdit>(*d, "policyEdit")->setText(QStringLiteral("REDUNDANCY 2"));
        QVERIFY(!apply->isEnabled());
        QVERIFY(previewed.wait(10'000));
        QCOMPARE(d->plan()->policy.barmanText(), QStringLiteral("REDUNDANCY 2"));
        QVERIFY(apply->isEnabled());
        child<QCheckBox>(*d, "futureCheck")->setChecked(true);
        QVERIFY(!apply->isEnabled());
        QVERIFY(previewed.wait(10'000));
        QVERIFY(!apply->isEnabled());
        QVERIFY(child<QLabel>(*d, "summaryLabel")->text().contains(QStringLiteral("cannot be applied")));

        child<QLineEdit>(*d, "policyEdit")->setText(QStringLiteral("30x"));
        QVERIFY(previewed.wait(10'000));
        QVERIFY(!d->plan());
        QVERIFY(child<QLabel>(*d, "summaryLabel")->text().contains(QStringLiteral("30d")));
        QVERIFY(!apply->isEnabled());
    }

    void refusesWhenTheBucketChangedSincePreview()
    {
        auto d = dialog(QStringLiteral("REDUNDANCY 3"));
        QVERIFY(d);
        QCOMPARE(d->plan()->steps.size(), 1);
        const QString oldest = d->plan()->steps.first().backupId;
        const QString info = d->plan()->steps.first().backupInfo.key;
        // Another tool keeps the oldest backup after the preview.
        const QString annotation = path(QStringLiteral("%1/base/%2/annotations/keep").arg(m_server, oldest));
        QVERIFY(QDir().mkpath(QFileInfo(annotation).absolutePath()));
        QFile f(annotation);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("full");
        f.close();
        child<QLineEdit>(*d, "confirmEdit")->setText(m_server);
        QSignalSpy previewed(d.get(), &RetentionDialog::previewed);
        child<QPushButton>(*d, "applyButton")->click();
        QTRY_VERIFY_WITH_TIMEOUT(!d->isBusy(), 20'000);
        QVERIFY2(child<QLabel>(*d, "statusLabel")->text().contains(QStringLiteral("changed since the preview")),
                 qPrintable(child<QLabel>(*d, "statusLabel")->text()));
        QVERIFY(QFile::exists(path(info)));
        QVERIFY(previewed.wait(10'000));
        QVERIFY(d->plan()->steps.isEmpty()); // kept now
        QVERIFY(QFile::remove(annotation));
    }

    void keepAndRelease()
    {
        auto d = dialog(QStringLiteral("REDUNDANCY 1"));
        QVERIFY(d);
        QTableWidget* table = child<QTableWidget>(*d, "backupTable");
        const int oldestRow = table->rowCount() - 1;
        const QString oldest = table->item(oldestRow, 0)->text();
        table->selectRow(oldestRow);
        QVERIFY(child<QPushButton>(*d, "keepStandaloneButton")->isEnabled());
        QVERIFY(!child<QPushButton>(*d, "releaseButton")->isEnabled());
        QSignalSpy changed(d.get(), &RetentionDialog::bucketChanged);
        child<QPushButton>(*d, "keepStandaloneButton")->click();
        QVERIFY(changed.wait(20'000));
        QFile f(path(QStringLiteral("%1/base/%2/annotations/keep").arg(m_server, oldest)));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("standalone"));
        f.close();
        QTRY_COMPARE_WITH_TIMEOUT(table->item(table->rowCount() - 1, 3)->text(), QStringLiteral("standalone"), 10'000);
        QCOMPARE(table->item(table->rowCount() - 1, 1)->text(), QStringLiteral("KEEP:STANDALONE"));
        table->selectRow(table->rowCount() - 1);
        QVERIFY(child<QPushButton>(*d, "releaseButton")->isEnabled());
        child<QPushButton>(*d, "releaseButton")->click();
        QVERIFY(changed.wait(20'000));
        QVERIFY(!f.exists());
    }

    void appliesExactlyThePlan()
    {
        auto d = dialog(QStringLiteral("REDUNDANCY 1"));
        QVERIFY(d);
        const QStringList gone = d->plan()->keys();
        QVERIFY(!gone.isEmpty());
        QStringList before;
        QDirIterator it(m_dir.path() + QStringLiteral("/cnpg/") + m_server, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            before.append(it.next().mid(m_dir.path().size() + 6)); // relative to .../cnpg/
        child<QLineEdit>(*d, "confirmEdit")->setText(m_server);
        QSignalSpy applied(d.get(), &RetentionDialog::applied);
        child<QPushButton>(*d, "applyButton")->click();
        QVERIFY(applied.wait(30'000));
        QVERIFY2(applied.first().first().toString().contains(QString::number(gone.size())),
                 qPrintable(applied.first().first().toString()));
        for (const QString& key : before)
            QCOMPARE(QFile::exists(path(key)), !gone.contains(key));
        QVERIFY(child<QLineEdit>(*d, "confirmEdit")->text().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(d->plan() && d->plan()->steps.isEmpty(), 10'000);
    }

    // Tiers in the window: the tiers' keeps previewed as `retention --tiers` plans them, then
    // written with the deletions the CLI plans for the same request.
    void tiersKeepThenDelete()
    {
        // Back to the fixture's four backups.
        QVERIFY(QDir(m_dir.path() + QStringLiteral("/cnpg")).removeRecursively());
        QVERIFY(test::copyTree(FixtureEnv::instance().localMirror() + QStringLiteral("/cnpg"),
                               m_dir.path() + QStringLiteral("/cnpg")));
        const test::ProcessResult r = FixtureEnv::instance().cli(
            {QStringLiteral("retention"), m_url, m_server, QStringLiteral("--policy"), QStringLiteral("REDUNDANCY 1"),
             QStringLiteral("--tiers"), QStringLiteral("daily=1"), QStringLiteral("--json")});
        const QJsonObject cli = QJsonDocument::fromJson(r.out).object();
        const QJsonArray kept = cli[QStringLiteral("tiers")][QStringLiteral("keep")].toArray();
        QCOMPARE(kept.size(), 1);
        const QString tierKept = kept.first().toString();
        QStringList cliKeys;
        for (const QJsonValue& step : cli[QStringLiteral("steps")].toArray()) {
            for (const QJsonValue& k : step[QStringLiteral("files")].toArray())
                cliKeys.append(k.toString());
            cliKeys.append(step[QStringLiteral("backup_info")].toString());
            for (const QJsonValue& k : step[QStringLiteral("wals")].toArray())
                cliKeys.append(k.toString());
        }
        QVERIFY(!cliKeys.isEmpty());

        auto d = dialog(QStringLiteral("REDUNDANCY 1"));
        QVERIFY(d);
        QSignalSpy previewed(d.get(), &RetentionDialog::previewed);
        child<QLineEdit>(*d, "tiersEdit")->setText(QStringLiteral("daily=1"));
        QVERIFY(previewed.wait(10'000));
        QStringList keys = d->plan()->keys();
        keys.sort();
        cliKeys.sort();
        QCOMPARE(keys, cliKeys);
        QTableWidget* table = child<QTableWidget>(*d, "backupTable");
        QCOMPARE(table->item(0, 0)->text(), tierKept); // newest first
        QVERIFY2(table->item(0, 3)->text().contains(QStringLiteral("daily")), qPrintable(table->item(0, 3)->text()));

        child<QLineEdit>(*d, "confirmEdit")->setText(m_server);
        QSignalSpy applied(d.get(), &RetentionDialog::applied);
        child<QPushButton>(*d, "applyButton")->click();
        QVERIFY(applied.wait(30'000));
        QFile keep(path(QStringLiteral("%1/base/%2/annotations/keep").arg(m_server, tierKept)));
        QVERIFY(keep.open(QIODevice::ReadOnly));
        QCOMPARE(keep.readAll(), QByteArray("standalone"));
        QVERIFY(QFile::exists(path(QStringLiteral("%1/base/%2/annotations/tideline-tier").arg(m_server, tierKept))));
        for (const QString& key : std::as_const(cliKeys))
            QVERIFY2(!QFile::exists(path(key)), qPrintable(key));
    }
};

QTEST_MAIN(TestRetentionDialog)
#include "TestRetentionDialog.moc"
