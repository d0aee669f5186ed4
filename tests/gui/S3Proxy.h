// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The harness's delaying proxy (tests/support/s3proxy.py) in front of the fixture's s3rver: it
// prints its port on stdout and exits when its stdin closes, so it never outlives the test.

#include "tests/support/FixtureEnv.h"

#include <QProcess>
#include <QStringList>

namespace tideline::test {

class S3Proxy {
public:
    explicit S3Proxy(const QStringList& extraArgs)
    {
        m_process.setProgram(QStringLiteral("/usr/bin/python3"));
        QStringList args{QStringLiteral(TIDELINE_SOURCE_DIR "/tests/support/s3proxy.py"), QStringLiteral("--upstream"),
                         FixtureEnv::instance().endpoint()};
        args.append(extraArgs);
        m_process.setArguments(args);
        m_process.start();
        if (m_process.waitForStarted(5000) && m_process.waitForReadyRead(10'000))
            m_port = QString::fromUtf8(m_process.readLine()).trimmed().toInt();
    }
    ~S3Proxy()
    {
        m_process.closeWriteChannel();
        if (!m_process.waitForFinished(3000)) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }
    bool ok() const { return m_port > 0; }
    QString endpoint() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }

private:
    QProcess m_process;
    int m_port = 0;
};

} // namespace tideline::test
