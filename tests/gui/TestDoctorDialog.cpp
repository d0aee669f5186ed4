// SPDX-License-Identifier: GPL-3.0-or-later
// The doctor window on a file:// copy of the fixture's barman-written "main" bucket with one
// backup's backup.info removed (a backup that died before finishing): it shows the checks
// `tideline-cli doctor --json` gives for the same copy (the engine, held to barman, boto3 and
// Kubernetes objects by cli.doctor), row for row, selects the first problem and says what to do,
// leaves no probe behind, and without the probe skips the permission and clock checks.
#include "GuiTestSupport.h"

#include "engine/storage/LocalStore.h"
#include "src/dialogs/DoctorDialog.h"

#include <QCheckBox>
#include <QDir>
#include <QDirIterator>
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

class TestDoctorDialog : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QTemporaryDir m_data;
    JobRunner m_runner;
    std::shared_ptr<storage::LocalStore> m_store;
    QString m_server;
    QString m_url;
    QString m_stuck;

    std::unique_ptr<DoctorDialog> run(bool probe)
    {
        doctor::DoctorOptions options;
        options.source = *storage::SourceUrl::parse(m_url);
        options.server = m_server;
        options.writeProbe = probe;
        auto d = std::make_unique<DoctorDialog>(m_runner, m_store, options);
        QSignalSpy finished(d.get(), &DoctorDialog::finished);
        if (!finished.wait(60'000) || !d->report())
            return nullptr;
        return d;
    }

    QJsonObject cliReport(bool probe) const
    {
        QStringList args{QStringLiteral("doctor"), m_url, m_server, QStringLiteral("--json")};
        if (!probe)
            args << QStringLiteral("--read-only");
        return QJsonDocument::fromJson(FixtureEnv::instance().cli(args).out).object();
    }

    template <typename W> static W* child(const DoctorDialog& d, const char* name)
    {
        W* w = d.findChild<W*>(QLatin1String(name));
        if (!w)
            qFatal("no widget %s", name);
        return w;
    }

    int probesLeft() const
    {
        int n = 0;
        QDirIterator it(m_dir.path(), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            n += it.next().contains(QStringLiteral("tideline-doctor-probe")) ? 1 : 0;
        return n;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(FixtureEnv::instance().ok());
        // Drill history from an empty data directory, for the dialog and the CLI alike.
        qputenv("XDG_DATA_HOME", m_data.path().toUtf8());
        QVERIFY(test::copyTree(FixtureEnv::instance().localMirror() + QStringLiteral("/cnpg"),
                               m_dir.path() + QStringLiteral("/cnpg")));
        m_store = std::make_shared<storage::LocalStore>(m_dir.path() + QStringLiteral("/cnpg"));
        m_server = FixtureEnv::instance().server(QStringLiteral("main"));
        m_url = QStringLiteral("file://%1/cnpg").arg(m_dir.path());
        const QJsonArray ids =
            FixtureEnv::instance().scenario(QStringLiteral("main")).value(QStringLiteral("done_backup_ids")).toArray();
        QVERIFY(ids.size() >= 3);
        m_stuck = ids.at(1).toString();
        QVERIFY(QFile::remove(QStringLiteral("%1/cnpg/%2/base/%3/backup.info").arg(m_dir.path(), m_server, m_stuck)));
    }

    void showsTheEnginesChecks()
    {
        auto d = run(true);
        QVERIFY(d);
        const QJsonArray checks = cliReport(true).value(QStringLiteral("checks")).toArray();
        QTableWidget* table = child<QTableWidget>(*d, "checkTable");
        QCOMPARE(table->rowCount(), checks.size());
        int stuckRow = -1;
        for (int row = 0; row < table->rowCount(); ++row) {
            const QJsonObject c = checks.at(row).toObject();
            QCOMPARE(table->item(row, 1)->text(), c.value(QStringLiteral("title")).toString());
            QCOMPARE(table->item(row, 2)->text(), c.value(QStringLiteral("server")).toString());
            QCOMPARE(d->report()->checks.at(row).id, c.value(QStringLiteral("id")).toString());
            QCOMPARE(doctor::DoctorCheck::statusName(d->report()->checks.at(row).status),
                     c.value(QStringLiteral("status")).toString());
            if (c.value(QStringLiteral("id")).toString() == u"stuck_backups")
                stuckRow = row;
        }
        QVERIFY(stuckRow >= 0);
        QCOMPARE(table->item(stuckRow, 0)->text(), DoctorDialog::tr("Warning"));
        QVERIFY(table->item(stuckRow, 3)->text().contains(m_stuck));
        // The first problem is selected and what to do about it is spelled out.
        const int selected = table->selectionModel()->selectedRows().value(0).row();
        QVERIFY(d->report()->checks.at(selected).status != doctor::DoctorCheck::Status::Ok);
        QVERIFY(!d->report()->checks.at(selected).hint.isEmpty());
        QVERIFY2(child<QLabel>(*d, "detailLabel")->text().contains(d->report()->checks.at(selected).hint.toHtmlEscaped()),
                 qPrintable(child<QLabel>(*d, "detailLabel")->text()));
        QCOMPARE(probesLeft(), 0);
        if (const QString dir = qEnvironmentVariable("TIDELINE_SHOT_DIR"); !dir.isEmpty()) {
            d->resize(1000, 640);
            d->show();
            QVERIFY(QTest::qWaitForWindowExposed(d.get()));
            table->selectRow(stuckRow);
            QVERIFY(d->grab().save(dir + QStringLiteral("/doctor-dialog.png")));
        }
    }

    void withoutTheProbeNothingIsWritten()
    {
        auto d = run(false);
        QVERIFY(d);
        const QList<doctor::DoctorCheck>& checks = d->report()->checks;
        const auto find = [&](const char* id) {
            return std::find_if(checks.cbegin(), checks.cend(),
                                [id](const doctor::DoctorCheck& c) { return c.id == QLatin1String(id); });
        };
        QCOMPARE(find("permissions")->status, doctor::DoctorCheck::Status::Skipped);
        QCOMPARE(find("clock")->status, doctor::DoctorCheck::Status::Skipped);
        QVERIFY(!child<QCheckBox>(*d, "probeCheck")->isChecked());
        QVERIFY(child<QPushButton>(*d, "runButton")->isEnabled());
        QVERIFY(!child<QPushButton>(*d, "cancelButton")->isEnabled());
        QCOMPARE(probesLeft(), 0);
    }
};

QTEST_MAIN(TestDoctorDialog)
#include "TestDoctorDialog.moc"
