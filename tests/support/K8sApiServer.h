// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// tests/support/k8s_api.py as a test fixture: objects generated from the bucket fixture by
// k8s_objects.py, the server started on 127.0.0.1 with its kubeconfigs, and its control plane.
// Header-only, for tests.

#include "engine/core/CancelToken.h"
#include "engine/net/HttpExchange.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <memory>

namespace tideline::test {

class K8sApiServer {
public:
    static QString supportDir() { return QStringLiteral(TIDELINE_SOURCE_DIR "/tests/support/"); }

    /// Writes objects.json into `dir` from the fixture's env.json; returns its path or empty.
    static QString makeObjects(const QString& dir, QString* summary = nullptr)
    {
        const QString out = dir + QStringLiteral("/objects.json");
        QProcess gen;
        gen.start(QStringLiteral("/usr/bin/python3"),
                  {supportDir() + QStringLiteral("k8s_objects.py"), QStringLiteral("--env"),
                   QStringLiteral(TIDELINE_FIXTURE_DIR "/env.json"), QStringLiteral("--out"), out});
        if (!gen.waitForFinished(60'000) || gen.exitCode() != 0) {
            qWarning("k8s_objects.py failed: %s", gen.readAllStandardError().constData());
            return {};
        }
        if (summary)
            *summary = QString::fromUtf8(gen.readAllStandardOutput());
        return out;
    }

    /// Starts a server in `dir` (TLS material copied from `tlsFrom` when given, so openssl runs
    /// once per test). False when it did not come up.
    bool start(const QString& objects, const QString& dir, const QStringList& extra = {}, const QString& tlsFrom = {})
    {
        m_dir = dir;
        QDir().mkpath(dir);
        if (!tlsFrom.isEmpty())
            for (const char* f : {"ca.crt", "ca.key", "server.crt", "server.key", "client.crt", "client.key"})
                QFile::copy(tlsFrom + u'/' + QLatin1StringView(f), dir + u'/' + QLatin1StringView(f));
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process->start(QStringLiteral("/usr/bin/python3"),
                         QStringList{supportDir() + QStringLiteral("k8s_api.py"), QStringLiteral("--objects"), objects,
                                     QStringLiteral("--tls-dir"), dir}
                             + extra);
        if (!m_process->waitForStarted())
            return false;
        QByteArray line;
        while (!line.contains('\n') && m_process->state() == QProcess::Running) {
            m_process->waitForReadyRead(30'000);
            line += m_process->readAllStandardOutput();
        }
        m_port = line.trimmed().toInt();
        return m_port > 0;
    }

    ~K8sApiServer() { stop(); }

    void stop()
    {
        if (m_process && m_process->state() == QProcess::Running) {
            m_process->closeWriteChannel(); // the server exits when its stdin closes
            if (!m_process->waitForFinished(10'000))
                m_process->kill();
        }
    }

    QString dir() const { return m_dir; }
    int port() const { return m_port; }
    QString url() const { return QStringLiteral("https://127.0.0.1:%1").arg(m_port); }
    /// kubeconfig-token (token-ctx, namespace db), -cert, -exec or -all.
    QString kubeconfig(const QString& which) const { return m_dir + QStringLiteral("/kubeconfig-") + which; }

    /// The control plane (POST with a JSON body, or GET); the answer's JSON.
    QJsonDocument control(const QString& path, const QJsonObject& body = {}, const QByteArray& method = "POST") const
    {
        net::HttpCall call;
        call.method = method;
        call.request = QNetworkRequest(QUrl(url() + path));
        call.request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        call.body = method == "POST" ? QJsonDocument(body).toJson() : QByteArray();
        call.ignoreTlsErrors = true; // the test's own control channel on loopback
        const auto http = net::exchange(call, CancelToken{});
        if (http.end != net::HttpExchange::End::Finished || !http.response.is2xx())
            qWarning("k8s_api.py control %s failed: %d", qPrintable(path), http.response.status);
        return QJsonDocument::fromJson(http.response.body);
    }

private:
    std::unique_ptr<QProcess> m_process;
    QString m_dir;
    int m_port = 0;
};

} // namespace tideline::test
