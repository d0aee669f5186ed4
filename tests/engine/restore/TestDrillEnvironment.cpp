// SPDX-License-Identifier: GPL-3.0-or-later
// The GUI keeps typed-in keys in the keychain, not in the environment: a drill must hand them to
// the PostgreSQL it starts, or that server's restore_command cannot read the archive.
#include "engine/pitr/RecoveryPlanner.h"
#include "engine/restore/DrillJob.h"
#include "tests/support/FixtureEnv.h"

#include <QTemporaryDir>
#include <QTest>

using namespace tideline;
using tideline::test::FixtureEnv;

class TestDrillEnvironment : public QObject {
    Q_OBJECT
    QTemporaryDir m_home;

    restore::DrillReport drill(const QMap<QString, QString>& environment)
    {
        const FixtureEnv& env = FixtureEnv::instance();
        const auto url = storage::SourceUrl::parse(env.url(QStringLiteral("main")));
        storage::S3Options options;
        options.endpoint = QUrl(env.endpoint());
        options.accessKeyId = QStringLiteral("S3RVER");
        options.secretAccessKey = QStringLiteral("S3RVER");
        auto store = storage::openStore(*url, options);
        JobContext context;
        auto catalog = catalog::loadServerCatalog(**store, *url, env.server(QStringLiteral("main")), context);
        if (!catalog)
            qFatal("catalog: %s", qPrintable(catalog.error().oneLine()));
        pitr::RecoveryTarget target;
        target.kind = pitr::RecoveryTarget::Kind::Immediate;
        const pitr::RecoveryPlan plan = pitr::planRecovery(*catalog, target);
        restore::DrillOptions o;
        o.restoreCommand = QStringLiteral("'%1' wal-restore --retry-for 1 --endpoint-url '%2' '%3' '%4' %f %p")
                               .arg(QStringLiteral(TIDELINE_CLI), env.endpoint(), env.url(QStringLiteral("main")),
                                    env.server(QStringLiteral("main")));
        o.timeoutSeconds = 60;
        o.environment = environment;
        o.checkSql = {QStringLiteral("SELECT count(*) > 0 FROM tideline_events")};
        auto report = restore::runDrill(**store, *catalog, plan, o, context);
        if (!report)
            qFatal("drill: %s", qPrintable(report.error().oneLine()));
        return *report;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(FixtureEnv::instance().ok());
        // Nothing in this process's environment or home may carry credentials.
        for (const char* name : {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
                                 "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE"})
            qunsetenv(name);
        qputenv("HOME", QFile::encodeName(m_home.path()));
    }

    void withoutTheKeysReplayCannotStart()
    {
        const restore::DrillReport report = drill({});
        QVERIFY(!report.passed);
        QVERIFY(!report.reasons.isEmpty());
    }

    void theKeysReachRestoreCommand()
    {
        const restore::DrillReport report = drill({{QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("S3RVER")},
                                                   {QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("S3RVER")}});
        QVERIFY2(report.passed, qPrintable(report.reasons.join(QStringLiteral("; "))));
        QCOMPARE(report.checks.size(), 1);
        QVERIFY(report.checks.first().passed);
    }
};

QTEST_GUILESS_MAIN(TestDrillEnvironment)
#include "TestDrillEnvironment.moc"
