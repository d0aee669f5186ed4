// SPDX-License-Identifier: GPL-3.0-or-later
// The connection editor: a test that lists the servers of a real bucket, failures explained with
// the engine's hint (missing bucket, unreachable endpoint, bad URL), a secret that is never
// shown, and an honest word about where typed credentials are kept.
#include "GuiTestSupport.h"

#include "src/dialogs/ConnectionEditor.h"
#include "src/jobs/CredentialVault.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTcpServer>
#include <QTemporaryDir>

using namespace tideline;
using namespace tideline::gui;
using tideline::test::FixtureEnv;

class TestConnectionEditor : public QObject {
    Q_OBJECT

    JobRunner* m_runner = nullptr;
    CredentialVault* m_vault = nullptr;

    bool runTest(ConnectionEditor& editor)
    {
        QSignalSpy spy(&editor, &ConnectionEditor::testFinished);
        editor.findChild<QPushButton*>(QStringLiteral("testButton"))->click();
        if (spy.isEmpty() && !spy.wait(30'000))
            return false;
        return spy.first().first().toBool();
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(FixtureEnv::instance().ok(), "fixture env.json missing: run the fixture.buckets test first");
        test::exportFixtureCredentials();
        m_runner = new JobRunner(this);
        m_vault = new CredentialVault(QStringLiteral("tideline-test"), this);
    }

    void successListsServers()
    {
        ConnectionEditor editor(*m_runner, *m_vault);
        editor.setProfile(test::fixtureProfile(QStringLiteral("main")));
        QVERIFY(runTest(editor));
        QVERIFY2(editor.testResultText().contains(QStringLiteral("pg-main")), qPrintable(editor.testResultText()));
        QVERIFY(editor.testResultText().contains(QStringLiteral("Connected")));
        QVERIFY(!editor.isTesting());
    }

    void typedCredentialsWork()
    {
        // The environment's keys removed: only the typed ones can open the bucket.
        const QByteArray id = qgetenv("AWS_ACCESS_KEY_ID");
        qputenv("AWS_ACCESS_KEY_ID", "");
        qputenv("AWS_SECRET_ACCESS_KEY", "");
        ConnectionEditor editor(*m_runner, *m_vault);
        auto p = test::fixtureProfile(QStringLiteral("main"));
        p.credentials = ConnectionProfile::CredentialSource::Keychain;
        editor.setProfile(p, {QString::fromUtf8(id), QStringLiteral("S3RVER"), {}});
        const bool ok = runTest(editor);
        test::exportFixtureCredentials();
        QVERIFY2(ok, qPrintable(editor.testResultText()));
        QCOMPARE(editor.secret().accessKeyId, QString::fromUtf8(id));
    }

    void missingBucketExplained()
    {
        ConnectionEditor editor(*m_runner, *m_vault);
        auto p = test::fixtureProfile(QStringLiteral("main"));
        p.bucket = QStringLiteral("no-such-bucket-here");
        editor.setProfile(p);
        QVERIFY(!runTest(editor));
        const QString text = editor.testResultText();
        // For a person to look at (TIDELINE_GUI_SHOTS=DIR): the form with a failure explained.
        if (const QString dir = qEnvironmentVariable("TIDELINE_GUI_SHOTS"); !dir.isEmpty()) {
            editor.show();
            editor.grab().save(dir + QStringLiteral("/connection-editor.png"));
        }
        QVERIFY2(text.contains(QStringLiteral("no-such-bucket-here")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("<br>")), "the failure carries no hint");
    }

    void unreachableEndpointExplained()
    {
        // A port that was free a moment ago: connection refused.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        ConnectionEditor editor(*m_runner, *m_vault);
        editor.setProfile(test::fixtureProfile(QStringLiteral("main"), QStringLiteral("http://127.0.0.1:%1").arg(port)));
        QVERIFY(!runTest(editor));
        const QString text = editor.testResultText();
        QVERIFY2(text.contains(QStringLiteral("127.0.0.1:%1").arg(port)) || text.contains(QStringLiteral("reach")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("<br>")), "the failure carries no hint");
    }

    // The cluster chart's values fill the form; with the environment's keys gone, the keys the
    // values hold open the real bucket and list the server barman wrote.
    void helmValuesFillTheForm()
    {
        const FixtureEnv& env = FixtureEnv::instance();
        const QString url = env.url(QStringLiteral("main"));
        const qsizetype slash = url.indexOf(QLatin1Char('/'), 5);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("values.yaml"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const QStringList
            lines{QStringLiteral("fullnameOverride: pg-main"),
                  QStringLiteral("backups:"),
                  QStringLiteral("  enabled: true"),
                  QStringLiteral("  endpointURL: %1").arg(env.endpoint()),
                  QStringLiteral("  s3:"),
                  QStringLiteral("    region: us-east-1"),
                  QStringLiteral("    bucket: %1").arg(url.mid(5, slash < 0 ? -1 : slash - 5)),
                  QStringLiteral("    path: \"%1\"").arg(slash < 0 ? QStringLiteral("/") : url.mid(slash)),
                  QStringLiteral("    accessKey: %1").arg(env.root().value(QStringLiteral("access_key")).toString()),
                  QStringLiteral("    secretKey: %1").arg(env.root().value(QStringLiteral("secret_key")).toString())};
        f.write(lines.join(QLatin1Char('\n')).toUtf8());
        f.close();

        qputenv("AWS_ACCESS_KEY_ID", "");
        qputenv("AWS_SECRET_ACCESS_KEY", "");
        ConnectionEditor editor(*m_runner, *m_vault);
        QSignalSpy imported(&editor, &ConnectionEditor::importFinished);
        editor.importHelmValues(file);
        QVERIFY(imported.wait(20'000));
        QVERIFY2(imported.first().first().toBool(), qPrintable(editor.testResultText()));
        QCOMPARE(editor.profile().sourceUrl(), url);
        QCOMPARE(editor.profile().name, QStringLiteral("pg-main"));
        QCOMPARE(editor.profile().credentials, ConnectionProfile::CredentialSource::Keychain);
        const bool ok = runTest(editor);
        test::exportFixtureCredentials();
        QVERIFY2(ok, qPrintable(editor.testResultText()));
        QVERIFY(editor.testResultText().contains(env.server(QStringLiteral("main"))));

        // A file that is not one: the reason and its hint, and the fields stay as they were.
        QFile bad(dir.filePath(QStringLiteral("bad.yaml")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("backups: {enabled: true, provider: azure}\n");
        bad.close();
        QSignalSpy again(&editor, &ConnectionEditor::importFinished);
        editor.importHelmValues(bad.fileName());
        QVERIFY(again.wait(20'000));
        QVERIFY(!again.first().first().toBool());
        QVERIFY2(editor.testResultText().contains(QStringLiteral("azure")), qPrintable(editor.testResultText()));
        QCOMPARE(editor.profile().sourceUrl(), url);
    }

    void badEndpointRefusedWithoutAJob()
    {
        ConnectionEditor editor(*m_runner, *m_vault);
        editor.setProfile(test::fixtureProfile(QStringLiteral("main"), QStringLiteral("ftp://example")));
        QSignalSpy started(m_runner, &JobRunner::jobStarted);
        QVERIFY(!runTest(editor));
        QVERIFY(started.isEmpty());
        QVERIFY(editor.testResultText().contains(QStringLiteral("http(s)://")));
    }

    void secretIsAPasswordField()
    {
        ConnectionEditor editor(*m_runner, *m_vault);
        auto p = test::fixtureProfile(QStringLiteral("main"));
        p.credentials = ConnectionProfile::CredentialSource::Keychain;
        editor.setProfile(p, {QStringLiteral("AKID"), QStringLiteral("very-secret"), {}});
        auto* secret = editor.findChild<QLineEdit*>(QStringLiteral("secretEdit"));
        QVERIFY(secret);
        QCOMPARE(secret->echoMode(), QLineEdit::Password);
        QVERIFY(secret->isEnabled());
        // Switching away from typed keys disables them and stops handing them out.
        editor.findChild<QRadioButton*>(QStringLiteral("environmentRadio"))->setChecked(true);
        QVERIFY(!secret->isEnabled());
        QVERIFY(editor.secret().isEmpty());
        QCOMPARE(editor.profile().credentials, ConnectionProfile::CredentialSource::Environment);
    }

    void keychainStatusIsStated()
    {
        ConnectionEditor editor(*m_runner, *m_vault);
        auto p = test::fixtureProfile(QStringLiteral("main"));
        p.credentials = ConnectionProfile::CredentialSource::Keychain;
        editor.setProfile(p, {QStringLiteral("AKID"), QStringLiteral("x"), {}});
        QTRY_VERIFY_WITH_TIMEOUT(m_vault->status() != CredentialVault::Status::Unknown, 20'000);
        auto* label = editor.findChild<QLabel*>(QStringLiteral("keychainLabel"));
        QVERIFY(label->isVisibleTo(&editor));
        if (m_vault->status() == CredentialVault::Status::Unavailable)
            QVERIFY(label->text().contains(QStringLiteral("this session only")));
        else
            QVERIFY(label->text().contains(QStringLiteral("keychain")));
        // Either way the session remembers what was typed, and only in memory.
        bool done = false;
        m_vault->store(QStringLiteral("test-id"), {QStringLiteral("AKID"), QStringLiteral("x-secret"), {}},
                       [&done](bool, const QString&) { done = true; });
        QTRY_VERIFY_WITH_TIMEOUT(done, 20'000);
        QCOMPARE(m_vault->sessionSecret(QStringLiteral("test-id"))->secretAccessKey, QStringLiteral("x-secret"));
        m_vault->remove(QStringLiteral("test-id"));
        QVERIFY(!m_vault->sessionSecret(QStringLiteral("test-id")));
    }
};

QTEST_MAIN(TestConnectionEditor)
#include "TestConnectionEditor.moc"
