// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared by the GUI tests that read the fixture buckets: credentials in the process environment
// (as a user would export them), a source session loaded through the real job runner, and the
// CLI's JSON for the same source to compare with.

#include "src/jobs/ConnectionProfile.h"
#include "src/jobs/JobRunner.h"
#include "src/jobs/SourceSession.h"
#include "tests/support/FixtureEnv.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

namespace tideline::test {

/// Copies every file under `from` to the same place under `to` (a file:// copy of a fixture
/// bucket the test may change). False when a file could not be copied.
inline bool copyTree(const QString& from, const QString& to)
{
    QDirIterator it(from, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString target = to + file.mid(from.size());
        if (!QDir().mkpath(QFileInfo(target).absolutePath()) || !QFile::copy(file, target))
            return false;
    }
    return true;
}

inline void exportFixtureCredentials()
{
    const auto& root = FixtureEnv::instance().root();
    qputenv("AWS_ACCESS_KEY_ID", root.value(QStringLiteral("access_key")).toString().toUtf8());
    qputenv("AWS_SECRET_ACCESS_KEY", root.value(QStringLiteral("secret_key")).toString().toUtf8());
    qputenv("AWS_DEFAULT_REGION", root.value(QStringLiteral("region")).toString().toUtf8());
    qunsetenv("AWS_PROFILE");
}

inline gui::ConnectionProfile fixtureProfile(const QString& scenario, const QString& endpoint = {})
{
    const FixtureEnv& env = FixtureEnv::instance();
    auto p = gui::ConnectionProfile::fromSourceUrl(env.url(scenario));
    gui::ConnectionProfile profile = p ? *p : gui::ConnectionProfile{};
    profile.endpoint = endpoint.isEmpty() ? env.endpoint() : endpoint;
    return profile;
}

/// `tideline-cli --json VERB ...` against the fixture endpoint.
inline QJsonObject cliJson(const QStringList& args)
{
    QStringList all = args;
    all.append(QStringLiteral("--json"));
    const ProcessResult r = FixtureEnv::instance().cli(all);
    return QJsonDocument::fromJson(r.out).object();
}

} // namespace tideline::test
