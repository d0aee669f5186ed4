// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "src/jobs/ConnectionProfile.h"

#include <QDialog>
#include <QScopedPointer>

#include <functional>
#include <optional>

namespace Ui {
class ConnectionEditor;
}

namespace tideline::gui {

class CredentialVault;
class JobRunner;

/// Adds or edits an object-store connection. "Test connection" lists the servers under the
/// source on the job runner (the dialog stays responsive and can be closed meanwhile) and
/// explains a failure with the engine's hint. The secret is a password field and is only ever
/// handed to the credential vault, never to settings.
class ConnectionEditor final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionEditor)

public:
    ConnectionEditor(JobRunner& runner, CredentialVault& vault, QWidget* parent = nullptr);
    ~ConnectionEditor() override;

    void setProfile(const ConnectionProfile& profile, const S3Secret& secret = {});
    ConnectionProfile profile() const;
    S3Secret secret() const;

    /// Starts the test; testFinished() follows on the GUI thread.
    void testConnection();
    bool isTesting() const { return m_testJob != 0; }
    QString testResultText() const;

    /// Reads the cluster chart's values file on the job runner and fills the fields from its
    /// backups: block (bucket, path, endpoint, region, the cluster's name, and the keys when the
    /// file holds them); importFinished() follows on the GUI thread. Nothing is saved until Save.
    void importHelmValues(const QString& path);

signals:
    void testFinished(bool ok);
    void importFinished(bool ok);

protected:
    void changeEvent(QEvent* event) override;
    void done(int result) override;

private:
    void updateState();
    void updateTitle();
    /// Shows the test's result (nullopt: neutral, while it runs). `html` is called again when
    /// the language changes, so the text follows it.
    void showResult(std::optional<bool> ok, std::function<QString()> html);

    const QScopedPointer<Ui::ConnectionEditor> m_ui;
    JobRunner& m_runner;
    CredentialVault& m_vault;
    ConnectionProfile m_profile;
    bool m_profileSet = false; ///< setProfile() ran: the title says "Edit …", else "Add …"
    std::function<QString()> m_resultHtml;
    quint64 m_testJob = 0;
    quint64 m_importJob = 0;
};

} // namespace tideline::gui
