// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Drives tests/support/s3proxy.py from a Qt test: starts it in front of an upstream endpoint,
// sets its fault rules, reads its request log and statistics. Header-only, for tests.

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTimer>

namespace tideline::test {

class S3Proxy {
public:
    S3Proxy() = default;
    S3Proxy(const S3Proxy&) = delete;
    S3Proxy& operator=(const S3Proxy&) = delete;
    ~S3Proxy() { stop(); }

    /// Starts the proxy; false (with the reason in error()) when it did not print a port.
    bool start(const QString& upstream, const QStringList& extraArgs = {})
    {
        QStringList args{QStringLiteral(TIDELINE_SOURCE_DIR "/tests/support/s3proxy.py"), QStringLiteral("--upstream"),
                         upstream};
        args += extraArgs;
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        // Debian's python: a pyenv python3 first on PATH is not guaranteed to be usable.
        m_process.start(QStringLiteral("/usr/bin/python3"), args);
        if (!m_process.waitForStarted(10'000) || !m_process.waitForReadyRead(10'000)) {
            m_error = QString::fromUtf8(m_process.readAllStandardError());
            return false;
        }
        m_port = m_process.readLine().trimmed().toInt();
        return m_port > 0;
    }
    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.closeWriteChannel(); // the proxy exits when its stdin closes
        if (!m_process.waitForFinished(5000)) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }
    QString error() const { return m_error; }
    int port() const { return m_port; }
    QString endpoint() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }

    /// One call of the control API; the parsed JSON answer (empty on failure).
    QByteArray control(const QByteArray& verb, const QString& path, const QByteArray& body = {})
    {
        QNetworkAccessManager nam;
        QNetworkRequest rq(QUrl(endpoint() + path));
        rq.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        QNetworkReply* reply = nam.sendCustomRequest(rq, verb, body);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(10'000, &loop, &QEventLoop::quit);
        loop.exec();
        const QByteArray out =
            reply->isFinished() && reply->error() == QNetworkReply::NoError ? reply->readAll() : QByteArray();
        reply->abort();
        reply->deleteLater();
        return out;
    }
    bool setRules(const QJsonArray& rules)
    {
        return !control("POST", QStringLiteral("/__proxy/rules"), QJsonDocument(rules).toJson()).isEmpty();
    }
    bool reset() { return !control("POST", QStringLiteral("/__proxy/reset"), "{}").isEmpty(); }
    QJsonObject stats() { return QJsonDocument::fromJson(control("GET", QStringLiteral("/__proxy/stats"))).object(); }
    QList<QJsonObject> log()
    {
        QList<QJsonObject> out;
        for (const QByteArray& line : control("GET", QStringLiteral("/__proxy/log")).split('\n'))
            if (!line.trimmed().isEmpty())
                out.append(QJsonDocument::fromJson(line).object());
        return out;
    }
    /// Log entries whose target contains `needle`.
    QList<QJsonObject> logFor(const QString& needle)
    {
        QList<QJsonObject> out;
        for (const QJsonObject& e : log())
            if (e.value(QStringLiteral("target")).toString().contains(needle))
                out.append(e);
        return out;
    }

private:
    QProcess m_process;
    QString m_error;
    int m_port = 0;
};

/// One rule for s3proxy.py (see its docstring for the fields).
inline QJsonObject proxyRule(const QString& action, const QString& pathRegex, const QJsonObject& extra = {})
{
    QJsonObject r = extra;
    r.insert(QStringLiteral("action"), action);
    if (!pathRegex.isEmpty())
        r.insert(QStringLiteral("path"), pathRegex);
    return r;
}

} // namespace tideline::test
