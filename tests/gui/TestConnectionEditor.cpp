// SPDX-License-Identifier: GPL-3.0-or-later
// The connection editor: a test that lists the servers of a real bucket, failures explained with
// the engine's hint (missing bucket, unreachable endpoint, bad URL), a secret that is never
// shown, and an honest word about where typed credentials are kept.
#include "GuiTestSupport.h"

#include "src/dialogs/ConnectionEditor.h"
#include "src/jobs/CredentialVault.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTcpServer>

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
        editor.setProfile(p, {QString::fromUtf8(id), QStringLiteral("S3RVER")});
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
        editor.setProfile(p, {QStringLiteral("AKID"), QStringLiteral("very-secret")});
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
        editor.setProfile(p, {QStringLiteral("AKID"), QStringLiteral("x")});
        QTRY_VERIFY_WITH_TIMEOUT(m_vault->status() != CredentialVault::Status::Unknown, 20'000);
        auto* label = editor.findChild<QLabel*>(QStringLiteral("keychainLabel"));
        QVERIFY(label->isVisibleTo(&editor));
        if (m_vault->status() == CredentialVault::Status::Unavailable)
            QVERIFY(label->text().contains(QStringLiteral("this session only")));
        else
            QVERIFY(label->text().contains(QStringLiteral("keychain")));
        // Either way the session remembers what was typed, and only in memory.
        bool done = false;
        m_vault->store(QStringLiteral("test-id"), {QStringLiteral("AKID"), QStringLiteral("x-secret")},
                       [&done](bool, const QString&) { done = true; });
        QTRY_VERIFY_WITH_TIMEOUT(done, 20'000);
        QCOMPARE(m_vault->sessionSecret(QStringLiteral("test-id"))->secretAccessKey, QStringLiteral("x-secret"));
        m_vault->remove(QStringLiteral("test-id"));
        QVERIFY(!m_vault->sessionSecret(QStringLiteral("test-id")));
    }
};

QTEST_MAIN(TestConnectionEditor)
#include "TestConnectionEditor.moc"
