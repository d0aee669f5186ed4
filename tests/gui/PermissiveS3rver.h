// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tests/support/FixtureEnv.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>

namespace tideline::test {

/// A second s3rver over the fixture's store that accepts any signature, so a test can sign with a
/// planted key nobody else knows (s3rver cannot check a key it was never given). Stopped when
/// destroyed. Check ok() first.
class PermissiveS3rver {
public:
    explicit PermissiveS3rver(const QString& dir) : m_dir(dir)
    {
        if (!QDir().mkpath(m_dir)
            || !QFile::link(QStringLiteral(TIDELINE_FIXTURE_DIR "/s3rver/store"), m_dir + QStringLiteral("/store")))
            return;
        QProcess start;
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.insert(QStringLiteral("S3RVER_EXTRA_ARGS"), QStringLiteral("--allow-mismatched-signatures"));
        start.setProcessEnvironment(e);
        start.start(QStringLiteral("bash"), {ctl(), QStringLiteral("start"), m_dir});
        if (!start.waitForFinished(60'000) || start.exitCode() != 0)
            return;
        QFile portFile(m_dir + QStringLiteral("/port"));
        if (portFile.open(QIODevice::ReadOnly))
            m_endpoint = QStringLiteral("http://127.0.0.1:%1").arg(QString::fromLatin1(portFile.readAll().trimmed()));
    }
    ~PermissiveS3rver() { QProcess::execute(QStringLiteral("bash"), {ctl(), QStringLiteral("stop"), m_dir}); }
    PermissiveS3rver(const PermissiveS3rver&) = delete;
    PermissiveS3rver& operator=(const PermissiveS3rver&) = delete;

    bool ok() const { return !m_endpoint.isEmpty(); }
    QString endpoint() const { return m_endpoint; }

private:
    static QString ctl() { return QStringLiteral(TIDELINE_SOURCE_DIR "/tests/support/s3rver_ctl.sh"); }

    QString m_dir;
    QString m_endpoint;
};

} // namespace tideline::test
