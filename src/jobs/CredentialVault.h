// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "src/jobs/ConnectionProfile.h"

#include <QHash>
#include <QObject>

#include <functional>
#include <optional>

namespace tideline::gui {

/// Typed-in credentials: kept in the desktop keychain through QtKeychain (asynchronous, never a
/// nested event loop), and in memory for this session. Where the keychain cannot keep them (a
/// headless box, a desktop without a secret service, a locked keyring) it says so, and the secrets last only as
/// long as the process. Never falls back to a plain-text file.
/// Thread: GUI thread.
class CredentialVault final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CredentialVault)

public:
    enum class Status { Unknown, Available, Unavailable };

    /// service: the keychain's service name (tests use their own).
    explicit CredentialVault(QString service = QStringLiteral("Tideline"), QObject* parent = nullptr);
    ~CredentialVault() override;

    Status status() const { return m_status; }
    /// One sentence for the connection editor: where typed credentials will be kept.
    QString statusText() const;
    /// Asks the keychain once whether it answers; statusChanged() follows.
    void probe();

    /// Keeps the secret for the session and writes it to the keychain; done(persisted, why).
    void store(const QString& id, const S3Secret& secret, std::function<void(bool, QString)> done = {});
    /// The session copy, else the keychain's; done(nullopt, why) when neither has it.
    void lookup(const QString& id, std::function<void(std::optional<S3Secret>, QString)> done);
    void remove(const QString& id);
    std::optional<S3Secret> sessionSecret(const QString& id) const;

signals:
    void statusChanged(tideline::gui::CredentialVault::Status status);

private:
    void setStatus(Status status, const QString& why);

    QString m_service;
    QHash<QString, S3Secret> m_session;
    Status m_status = Status::Unknown;
    QString m_why;
};

} // namespace tideline::gui
