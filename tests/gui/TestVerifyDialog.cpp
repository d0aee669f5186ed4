// SPDX-License-Identifier: GPL-3.0-or-later
// The verify window on a file:// copy of the fixture's barman-written "main" bucket with one
// backup's tar cut short: it lists the problems `tideline-cli verify --json` finds in the same
// copy (the engine, held to gzip, barman's tools and pg_waldump by cli.verify), row for row, says
// how much it read, and a second run reads nothing that passed the first.
#include "GuiTestSupport.h"

#include "engine/catalog/ServerCatalog.h"
#include "engine/storage/LocalStore.h"
#include "src/dialogs/VerifyDialog.h"

#include <QCheckBox>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>

using namespace tideline;
using namespace tideline::gui;
using tideline::test::FixtureEnv;

class TestVerifyDialog : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QTemporaryDir m_cache;
    JobRunner m_runner;
    std::shared_ptr<storage::LocalStore> m_store;
    QString m_server;
    QString m_url;
    QString m_cutKey;

    SnapshotPtr load()
    {
        JobContext context(CancelToken{});
        auto catalog = catalog::loadServerCatalog(*m_store, *storage::SourceUrl::parse(m_url), m_server, context);
        return catalog ? ServerSnapshot::make(std::move(*catalog)) : nullptr;
    }

    static bool waitFinished(VerifyDialog& d)
    {
        QSignalSpy finished(&d, &VerifyDialog::finished);
        return finished.wait(120'000) && d.report();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(FixtureEnv::instance().ok());
        qputenv("XDG_CACHE_HOME", m_cache.path().toUtf8()); // what verify remembers, for this test alone
        QVERIFY(test::copyTree(FixtureEnv::instance().localMirror() + QStringLiteral("/cnpg"),
                               m_dir.path() + QStringLiteral("/cnpg")));
        m_store = std::make_shared<storage::LocalStore>(m_dir.path() + QStringLiteral("/cnpg"));
        m_server = FixtureEnv::instance().server(QStringLiteral("main"));
        m_url = QStringLiteral("file://%1/cnpg").arg(m_dir.path());
        const QJsonArray ids =
            FixtureEnv::instance().scenario(QStringLiteral("main")).value(QStringLiteral("done_backup_ids")).toArray();
        QVERIFY(ids.size() >= 2);
        m_cutKey = QStringLiteral("%1/base/%2/data.tar.gz").arg(m_server, ids.at(1).toString()); // under the store's root
        QFile tar(m_dir.path() + QStringLiteral("/cnpg/") + m_cutKey);
        QVERIFY(tar.open(QIODevice::ReadWrite));
        QVERIFY(tar.resize(tar.size() / 2));
    }

    void listsTheEnginesProblems()
    {
        const SnapshotPtr s = load();
        QVERIFY(s);
        VerifyDialog d(m_runner, s, m_store);
        QVERIFY(waitFinished(d));
        const auto cli = FixtureEnv::instance().cli(
            {QStringLiteral("verify"), m_url, m_server, QStringLiteral("--json"), QStringLiteral("--full")});
        QCOMPARE(cli.exitCode, 6);
        const QJsonArray problems = QJsonDocument::fromJson(cli.out).object().value(QStringLiteral("problems")).toArray();
        auto* table = d.findChild<QTableWidget*>(QStringLiteral("problemTable"));
        QVERIFY(table);
        QCOMPARE(table->rowCount(), problems.size());
        bool cutListed = false;
        for (int row = 0; row < table->rowCount(); ++row) {
            const QJsonObject p = problems.at(row).toObject();
            QCOMPARE(table->item(row, 0)->text(), p.value(QStringLiteral("kind")).toString());
            QCOMPARE(table->item(row, 1)->text(), p.value(QStringLiteral("key")).toString());
            QCOMPARE(table->item(row, 2)->text(), p.value(QStringLiteral("message")).toString());
            cutListed = cutListed || table->item(row, 1)->text() == m_cutKey;
        }
        QVERIFY(cutListed);
        QVERIFY(d.report()->objectsChecked > 0);
        const QString summary = d.findChild<QLabel*>(QStringLiteral("summaryLabel"))->text();
        QVERIFY2(summary.contains(QString::number(d.report()->objectsChecked)), qPrintable(summary));
        if (const QString dir = qEnvironmentVariable("TIDELINE_SHOT_DIR"); !dir.isEmpty()) {
            d.resize(1000, 560);
            d.show();
            QVERIFY(QTest::qWaitForWindowExposed(&d));
            QVERIFY(d.grab().save(dir + QStringLiteral("/verify-dialog.png")));
        }

        // Run again: what passed is not read again, the cut tar is (problems are never remembered).
        const qint64 first = d.report()->objectsChecked;
        d.findChild<QPushButton*>(QStringLiteral("runButton"))->click();
        QVERIFY(waitFinished(d));
        QCOMPARE(d.report()->objectsChecked, 1);
        QVERIFY(d.report()->objectsRemembered == first - 1);
        QCOMPARE(table->rowCount(), problems.size());
    }
};

QTEST_MAIN(TestVerifyDialog)
#include "TestVerifyDialog.moc"
