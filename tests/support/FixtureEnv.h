// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the integration fixture (tests/integration) built: endpoint, credentials and one entry per
// scenario bucket, read from the env.json that make_buckets.py writes. Header-only, for tests.

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace tideline::test {

struct ProcessResult {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

class FixtureEnv {
public:
    static FixtureEnv& instance()
    {
        static FixtureEnv env;
        return env;
    }
    bool ok() const { return !m_root.isEmpty(); }
    QString endpoint() const { return m_root.value(QStringLiteral("endpoint")).toString(); }
    QJsonObject scenario(const QString& name) const
    {
        return m_root.value(QStringLiteral("scenarios")).toObject().value(name).toObject();
    }
    QString url(const QString& name) const { return scenario(name).value(QStringLiteral("url")).toString(); }
    QString server(const QString& name) const { return scenario(name).value(QStringLiteral("server")).toString(); }
    QString localMirror() const { return m_root.value(QStringLiteral("local_mirror")).toString(); }
    const QJsonObject& root() const { return m_root; }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), m_root.value(QStringLiteral("access_key")).toString());
        env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), m_root.value(QStringLiteral("secret_key")).toString());
        env.insert(QStringLiteral("AWS_DEFAULT_REGION"), m_root.value(QStringLiteral("region")).toString());
        env.remove(QStringLiteral("AWS_PROFILE"));
        env.insert(QStringLiteral("TZ"), QStringLiteral("UTC"));
        // Messages follow the locale; the tests compare English ones (TestTranslations covers the rest).
        env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
        env.remove(QStringLiteral("LANGUAGE"));
        // The decoded-WAL cache of the fixture buckets, never the user's.
        env.insert(QStringLiteral("XDG_CACHE_HOME"), QStringLiteral(TIDELINE_FIXTURE_DIR "/cache"));
        return env;
    }

    ProcessResult run(const QString& program, const QStringList& args, int timeoutMs = 120'000) const
    {
        return runWith(environment(), program, args, timeoutMs);
    }
    static ProcessResult runWith(const QProcessEnvironment& env, const QString& program, const QStringList& args,
                                 int timeoutMs = 120'000)
    {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(program, args);
        ProcessResult r;
        if (!p.waitForFinished(timeoutMs)) {
            p.kill();
            p.waitForFinished();
            r.err = "timed out";
            return r;
        }
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        return r;
    }
    /// tideline-cli with the fixture's endpoint.
    ProcessResult cli(QStringList args) const
    {
        args.prepend(endpoint());
        args.prepend(QStringLiteral("--endpoint-url"));
        return run(QStringLiteral(TIDELINE_CLI), args);
    }

private:
    FixtureEnv()
    {
        QFile f(QStringLiteral(TIDELINE_FIXTURE_DIR "/env.json"));
        if (f.open(QIODevice::ReadOnly))
            m_root = QJsonDocument::fromJson(f.readAll()).object();
    }
    QJsonObject m_root;
};

} // namespace tideline::test
