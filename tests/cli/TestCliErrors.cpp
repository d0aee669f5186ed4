// SPDX-License-Identifier: GPL-3.0-or-later
// Bad input gets one clear line on stderr with a hint and DESIGN.md's exit status; no crash,
// no credential in the output.
#include "tests/support/FixtureEnv.h"

#include <QJsonArray>
#include <QTcpServer>
#include <QTest>

using tideline::test::FixtureEnv;
using tideline::test::ProcessResult;

namespace {
const FixtureEnv& env()
{
    return FixtureEnv::instance();
}

const QString kSecret = QStringLiteral("TopSecretKeyThatMustNeverBePrinted/0123456789");

ProcessResult cliWithSecret(const QStringList& args)
{
    QProcessEnvironment e = env().environment();
    e.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), kSecret);
    e.insert(QStringLiteral("AWS_SESSION_TOKEN"), QStringLiteral("SessionTokenSecretValue0123456789"));
    return FixtureEnv::runWith(e, QStringLiteral(TIDELINE_CLI), args, 180'000);
}

int closedPort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort(); // closed again when s goes out of scope
}

void checkOneLine(const ProcessResult& r)
{
    const QByteArray err = r.err.trimmed();
    QVERIFY2(!err.isEmpty(), "no error message");
    QVERIFY2(!err.contains('\n'), err.constData());
    QVERIFY2(err.contains("Hint:"), err.constData());
    QVERIFY2(!r.err.contains(kSecret.toUtf8()) && !r.out.contains(kSecret.toUtf8()), "secret leaked");
    QVERIFY2(!r.err.contains("SessionTokenSecretValue"), "session token leaked");
    QVERIFY2(!r.err.contains("Signature="), "signature leaked");
}
} // namespace

class TestCliErrors : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY2(env().ok(), "fixture env.json missing"); }

    void statuses_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("status");
        const QString e = env().endpoint();
        const QString url = env().url(QStringLiteral("main"));
        const QString server = env().server(QStringLiteral("main"));
        const QString closed = QStringLiteral("http://127.0.0.1:%1").arg(closedPort());
        QTest::newRow("bad-url") << QStringList{QStringLiteral("backups"), QStringLiteral("ftp://x"), server} << 2;
        QTest::newRow("unknown-verb") << QStringList{QStringLiteral("frobnicate")} << 2;
        QTest::newRow("unknown-option") << QStringList{QStringLiteral("backups"), url, server, QStringLiteral("--nope")} << 2;
        QTest::newRow("missing-arg") << QStringList{QStringLiteral("backups"), url} << 2;
        QTest::newRow("bad-addressing") << QStringList{QStringLiteral("--addressing-style"), QStringLiteral("vhost"),
                                                       QStringLiteral("servers"), url}
                                        << 2;
        QTest::newRow("bad-endpoint") << QStringList{QStringLiteral("--endpoint-url"), QStringLiteral("not a url"),
                                                     QStringLiteral("servers"), url}
                                      << 2;
        QTest::newRow("unreachable") << QStringList{QStringLiteral("--endpoint-url"), closed, QStringLiteral("backups"), url,
                                                    server}
                                     << 3;
        QTest::newRow("missing-bucket") << QStringList{QStringLiteral("--endpoint-url"), e, QStringLiteral("backups"),
                                                       QStringLiteral("s3://no-such-bucket-here/x"), server}
                                        << 5;
        QTest::newRow("unknown-server") << QStringList{QStringLiteral("--endpoint-url"), e, QStringLiteral("backups"), url,
                                                       QStringLiteral("nobody")}
                                        << 5;
        QTest::newRow("unknown-prefix") << QStringList{QStringLiteral("--endpoint-url"), e, QStringLiteral("servers"),
                                                       url + QStringLiteral("/nothing-here")}
                                        << 5;
        QTest::newRow("unknown-backup")
            << QStringList{QStringLiteral("--endpoint-url"), e, QStringLiteral("show"), url, server,
                           QStringLiteral("20000101T000000")}
            << 5;
        // A broken restore_command line must stop PostgreSQL, not look like "not found".
        QTest::newRow("wal-restore-usage") << QStringList{QStringLiteral("wal-restore"),
                                                          url,
                                                          server,
                                                          QStringLiteral("000000010000000000000001"),
                                                          QStringLiteral("/tmp/x"),
                                                          QStringLiteral("--bogus")}
                                           << 255;
        QTest::newRow("missing-dir") << QStringList{QStringLiteral("backups"), QStringLiteral("file:///nonexistent/dir"),
                                                    server}
                                     << 5;
        const QString corrupt = env().url(QStringLiteral("corrupt"));
        const QJsonObject c = env().scenario(QStringLiteral("corrupt"));
        QTest::newRow("corrupt-list") << QStringList{QStringLiteral("--endpoint-url"), e, QStringLiteral("backups"), corrupt,
                                                     server}
                                      << 6;
        QTest::newRow("corrupt-garbage") << QStringList{QStringLiteral("--endpoint-url"),
                                                        e,
                                                        QStringLiteral("show"),
                                                        corrupt,
                                                        server,
                                                        c.value(QStringLiteral("garbage_id")).toString()}
                                         << 6;
        QTest::newRow("corrupt-truncated") << QStringList{QStringLiteral("--endpoint-url"),
                                                          e,
                                                          QStringLiteral("show"),
                                                          corrupt,
                                                          server,
                                                          c.value(QStringLiteral("truncated_id")).toString()}
                                           << 6;
    }
    void statuses()
    {
        QFETCH(QStringList, args);
        QFETCH(int, status);
        const ProcessResult r = cliWithSecret(args);
        QVERIFY2(r.exitCode == status,
                 qPrintable(QStringLiteral("exit %1, stderr: %2").arg(r.exitCode).arg(QString::fromUtf8(r.err))));
        if (args.contains(QStringLiteral("backups")) && status == 6) {
            // The listing still prints every backup, the unreadable one marked.
            QVERIFY(r.out.contains("UNREADABLE"));
            QVERIFY(r.err.trimmed().split('\n').last().contains("Hint:"));
            return;
        }
        checkOneLine(r);
        // A bad value is named, so the user sees which of the options was wrong.
        if (const qsizetype at = args.indexOf(QStringLiteral("--addressing-style")); at >= 0)
            QVERIFY2(r.err.contains(args[at + 1].toUtf8()), r.err.constData());
    }

    void goodBackupInACorruptBucketStillShows()
    {
        const QJsonObject c = env().scenario(QStringLiteral("corrupt"));
        QString good;
        for (const QJsonValue& v : c.value(QStringLiteral("backup_ids")).toArray())
            if (v.toString() != c.value(QStringLiteral("garbage_id")).toString()
                && v.toString() != c.value(QStringLiteral("truncated_id")).toString())
                good = v.toString();
        QVERIFY(!good.isEmpty());
        const ProcessResult r = env().cli(
            {QStringLiteral("show"), env().url(QStringLiteral("corrupt")), env().server(QStringLiteral("corrupt")), good});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    void accessDeniedIsAnAuthenticationError()
    {
        QProcess server;
        server.start(QStringLiteral("/usr/bin/python3"),
                     {QStringLiteral(TIDELINE_SOURCE_DIR "/tests/support/scripted_s3.py")});
        QVERIFY(server.waitForReadyRead(10'000));
        const int port = server.readLine().trimmed().toInt();
        QVERIFY(port > 0);
        for (const QString bucket : {QStringLiteral("denied"), QStringLiteral("sigfail")}) {
            const ProcessResult r =
                cliWithSecret({QStringLiteral("--endpoint-url"), QStringLiteral("http://127.0.0.1:%1").arg(port),
                               QStringLiteral("backups"), QStringLiteral("s3://%1/x").arg(bucket), QStringLiteral("pg")});
            QVERIFY2(r.exitCode == 4, r.err.constData());
            checkOneLine(r);
        }
        server.closeWriteChannel();
        if (!server.waitForFinished(5000))
            server.kill();
    }
};

QTEST_GUILESS_MAIN(TestCliErrors)
#include "TestCliErrors.moc"
