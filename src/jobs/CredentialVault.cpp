// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/jobs/CredentialVault.h"

#include "engine/core/Redactor.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <qt6keychain/keychain.h>

namespace tideline::gui {

namespace {
QString keyFor(const QString& id)
{
    return QStringLiteral("s3/%1").arg(id);
}

bool backendMissing(QKeychain::Error e)
{
    return e == QKeychain::NoBackendAvailable || e == QKeychain::NotImplemented || e == QKeychain::OtherError
        || e == QKeychain::AccessDenied || e == QKeychain::AccessDeniedByUser;
}
} // namespace

CredentialVault::CredentialVault(QString service, QObject* parent) : QObject(parent), m_service(std::move(service))
{}

CredentialVault::~CredentialVault() = default;

QString CredentialVault::statusText() const
{
    switch (m_status) {
    case Status::Available: return tr("Typed-in credentials are kept in the desktop keychain.");
    case Status::Unavailable:
        return tr("The desktop keychain cannot keep them (%1): typed-in credentials are kept for this "
                  "session only and asked for again next time.")
            .arg(m_why);
    case Status::Unknown: break;
    }
    return tr("Checking the desktop keychain…");
}

void CredentialVault::setStatus(Status status, const QString& why)
{
    if (status == m_status && why == m_why)
        return;
    m_status = status;
    m_why = why;
    emit statusChanged(status);
}

void CredentialVault::probe()
{
    auto* job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setKey(QStringLiteral("probe"));
    connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job* j) {
        const bool works = j->error() == QKeychain::NoError || j->error() == QKeychain::EntryNotFound;
        setStatus(works ? Status::Available : Status::Unavailable, j->errorString());
    });
    job->start();
}

void CredentialVault::store(const QString& id, const S3Secret& secret, std::function<void(bool, QString)> done)
{
    Redactor::addSecret(secret.secretAccessKey);
    Redactor::addSecret(secret.sessionToken);
    m_session.insert(id, secret);
    auto* job = new QKeychain::WritePasswordJob(m_service, this);
    job->setKey(keyFor(id));
    QJsonObject o{{QStringLiteral("access_key_id"), secret.accessKeyId},
                  {QStringLiteral("secret_access_key"), secret.secretAccessKey}};
    if (!secret.sessionToken.isEmpty())
        o.insert(QStringLiteral("session_token"), secret.sessionToken);
    job->setTextData(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
    connect(job, &QKeychain::Job::finished, this, [this, done = std::move(done)](QKeychain::Job* j) {
        const bool ok = j->error() == QKeychain::NoError;
        if (ok)
            setStatus(Status::Available, {});
        else if (backendMissing(j->error()))
            setStatus(Status::Unavailable, j->errorString());
        if (done)
            done(ok, ok ? QString() : j->errorString());
    });
    job->start();
}

void CredentialVault::lookup(const QString& id, std::function<void(std::optional<S3Secret>, QString)> done)
{
    if (const auto s = sessionSecret(id)) {
        done(s, {});
        return;
    }
    auto* job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setKey(keyFor(id));
    connect(job, &QKeychain::Job::finished, this, [this, id, done = std::move(done)](QKeychain::Job* j) {
        auto* read = static_cast<QKeychain::ReadPasswordJob*>(j);
        if (read->error() != QKeychain::NoError) {
            if (backendMissing(read->error()))
                setStatus(Status::Unavailable, read->errorString());
            done(std::nullopt, read->errorString());
            return;
        }
        setStatus(Status::Available, {});
        const QJsonObject o = QJsonDocument::fromJson(read->textData().toUtf8()).object();
        S3Secret s{o.value(QStringLiteral("access_key_id")).toString(),
                   o.value(QStringLiteral("secret_access_key")).toString(),
                   o.value(QStringLiteral("session_token")).toString()};
        Redactor::addSecret(s.secretAccessKey);
        Redactor::addSecret(s.sessionToken);
        m_session.insert(id, s);
        done(s, {});
    });
    job->start();
}

void CredentialVault::remove(const QString& id)
{
    m_session.remove(id);
    auto* job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setKey(keyFor(id));
    job->start();
}

std::optional<S3Secret> CredentialVault::sessionSecret(const QString& id) const
{
    const auto it = m_session.constFind(id);
    return it == m_session.cend() ? std::nullopt : std::optional<S3Secret>(*it);
}

} // namespace tideline::gui
