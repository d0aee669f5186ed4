// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/dialogs/ConnectionEditor.h"

#include "engine/k8s/HelmValues.h"
#include "src/jobs/CredentialVault.h"
#include "src/jobs/JobRunner.h"
#include "src/jobs/SourceSession.h"
#include "src/models/Format.h"

#include "ui_ConnectionEditor.h"

#include <QEvent>
#include <QFileDialog>
#include <QPushButton>

namespace tideline::gui {

ConnectionEditor::ConnectionEditor(JobRunner& runner, CredentialVault& vault, QWidget* parent)
    : QDialog(parent), m_ui(new Ui::ConnectionEditor), m_runner(runner), m_vault(vault)
{
    m_ui->setupUi(this);
    m_profile.id = ConnectionProfile::newId();
    m_ui->secretEdit->setEchoMode(QLineEdit::Password); // also in the form; a secret is never shown
    m_ui->secretEdit->setAttribute(Qt::WA_InputMethodEnabled, false);

    for (QLineEdit* edit : {m_ui->nameEdit, m_ui->endpointEdit, m_ui->bucketEdit, m_ui->pathEdit, m_ui->regionEdit,
                            m_ui->profileEdit, m_ui->accessKeyEdit, m_ui->secretEdit})
        connect(edit, &QLineEdit::textChanged, this, &ConnectionEditor::updateState);
    for (QRadioButton* radio : {m_ui->environmentRadio, m_ui->profileRadio, m_ui->keyRadio})
        connect(radio, &QRadioButton::toggled, this, &ConnectionEditor::updateState);
    connect(m_ui->testButton, &QPushButton::clicked, this, &ConnectionEditor::testConnection);
    connect(m_ui->importButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import Helm values"), QString(),
                                                          tr("Helm values (*.yaml *.yml);;All files (*)"));
        if (!path.isEmpty())
            importHelmValues(path);
    });
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateTitle();
    connect(&m_vault, &CredentialVault::statusChanged, this, &ConnectionEditor::updateState);
    if (m_vault.status() == CredentialVault::Status::Unknown)
        m_vault.probe();
    updateState();
}

ConnectionEditor::~ConnectionEditor()
{
    if (m_testJob)
        m_runner.cancel(m_testJob);
    if (m_importJob)
        m_runner.cancel(m_importJob);
}

void ConnectionEditor::setProfile(const ConnectionProfile& profile, const S3Secret& secret)
{
    m_profile = profile;
    m_ui->nameEdit->setText(profile.name);
    m_ui->endpointEdit->setText(profile.endpoint);
    m_ui->bucketEdit->setText(profile.bucket);
    m_ui->pathEdit->setText(profile.path);
    m_ui->regionEdit->setText(profile.region);
    m_ui->profileEdit->setText(profile.awsProfile);
    m_ui->accessKeyEdit->setText(secret.accessKeyId);
    m_ui->secretEdit->setText(secret.secretAccessKey);
    switch (profile.credentials) {
    case ConnectionProfile::CredentialSource::Environment: m_ui->environmentRadio->setChecked(true); break;
    case ConnectionProfile::CredentialSource::AwsProfile: m_ui->profileRadio->setChecked(true); break;
    case ConnectionProfile::CredentialSource::Keychain: m_ui->keyRadio->setChecked(true); break;
    }
    m_profileSet = true;
    updateTitle();
    updateState();
}

void ConnectionEditor::updateTitle()
{
    setWindowTitle(m_profileSet ? tr("Edit %1").arg(m_profile.displayName()) : tr("Add object store"));
}

void ConnectionEditor::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        // The form's labels; the typed fields are not part of retranslateUi and stay.
        m_ui->retranslateUi(this);
        updateTitle();
        updateState();
        if (m_resultHtml)
            m_ui->testResult->setText(m_resultHtml());
    }
    QDialog::changeEvent(event);
}

ConnectionProfile ConnectionEditor::profile() const
{
    ConnectionProfile p = m_profile;
    p.name = m_ui->nameEdit->text().trimmed();
    p.endpoint = m_ui->endpointEdit->text().trimmed();
    p.bucket = m_ui->bucketEdit->text().trimmed();
    // barman joins keys like os.path.join: stray slashes would make a different prefix.
    p.path = m_ui->pathEdit->text().trimmed();
    while (p.path.startsWith(QLatin1Char('/')))
        p.path.remove(0, 1);
    while (p.path.endsWith(QLatin1Char('/')))
        p.path.chop(1);
    p.region = m_ui->regionEdit->text().trimmed();
    p.awsProfile = m_ui->profileEdit->text().trimmed();
    p.credentials = m_ui->keyRadio->isChecked() ? ConnectionProfile::CredentialSource::Keychain
        : m_ui->profileRadio->isChecked()       ? ConnectionProfile::CredentialSource::AwsProfile
                                                : ConnectionProfile::CredentialSource::Environment;
    return p;
}

S3Secret ConnectionEditor::secret() const
{
    if (!m_ui->keyRadio->isChecked())
        return {};
    return {m_ui->accessKeyEdit->text().trimmed(), m_ui->secretEdit->text(), {}};
}

QString ConnectionEditor::testResultText() const
{
    return m_ui->testResult->text();
}

void ConnectionEditor::updateState()
{
    const ConnectionProfile p = profile();
    m_ui->profileEdit->setEnabled(m_ui->profileRadio->isChecked());
    m_ui->accessKeyEdit->setEnabled(m_ui->keyRadio->isChecked());
    m_ui->secretEdit->setEnabled(m_ui->keyRadio->isChecked());
    m_ui->secretLabel->setEnabled(m_ui->keyRadio->isChecked());
    m_ui->keychainLabel->setVisible(m_ui->keyRadio->isChecked());
    m_ui->keychainLabel->setText(m_vault.statusText());
    m_ui->sourceLabel->setText(p.bucket.isEmpty() ? tr("<i>enter a bucket</i>")
                                                  : QStringLiteral("<tt>%1</tt>").arg(p.sourceUrl().toHtmlEscaped()));
    const bool complete = !p.bucket.isEmpty()
        && (p.credentials != ConnectionProfile::CredentialSource::AwsProfile || !p.awsProfile.isEmpty())
        && (p.credentials != ConnectionProfile::CredentialSource::Keychain
            || (!secret().accessKeyId.isEmpty() && !secret().secretAccessKey.isEmpty()));
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setEnabled(complete);
    m_ui->testButton->setEnabled(complete);
    m_ui->testButton->setText(m_testJob ? tr("Cancel test") : tr("&Test connection"));
    if (m_testJob)
        m_ui->testButton->setEnabled(true);
}

void ConnectionEditor::showResult(std::optional<bool> ok, std::function<QString()> html)
{
    m_resultHtml = std::move(html);
    m_ui->testResult->setText(m_resultHtml());
    m_ui->testResult->setStyleSheet(!ok       ? QString()
                                        : *ok ? QStringLiteral("color: #2e7d32;")
                                              : QStringLiteral("color: #d03030;"));
}

void ConnectionEditor::testConnection()
{
    if (m_testJob) { // the button doubles as "Cancel test"
        m_runner.cancel(m_testJob);
        return;
    }
    const ConnectionProfile p = profile();
    auto options = p.s3Options(secret());
    if (!options) {
        const QString html =
            QStringLiteral("<b>%1</b><br>%2").arg(options.error().message.toHtmlEscaped(), options.error().hint.toHtmlEscaped());
        showResult(false, [html] { return html; });
        emit testFinished(false);
        return;
    }
    // A test should answer in seconds: fewer retries than a real load.
    options->maxAttempts = 2;
    options->requestTimeoutMs = 10'000;
    const QString url = p.sourceUrl();
    showResult(std::nullopt, [url] { return tr("Listing %1 …").arg(url.toHtmlEscaped()); });
    m_testJob = m_runner.run<SourceSession::Opened>(
        tr("Test connection to %1").arg(url),
        [options = *options, url](JobContext& context) { return SourceSession::openAndList(options, url, context); }, this,
        [this, url](Result<SourceSession::Opened> result) {
            m_testJob = 0;
            updateState();
            if (result) {
                const QStringList& servers = result->servers;
                if (servers.isEmpty())
                    showResult(false, [url] {
                        return tr("<b>Connected, but no server under %1.</b><br>Check the path: it is CNPG's "
                                  "destinationPath, the folder holding one folder per serverName.")
                            .arg(url.toHtmlEscaped());
                    });
                else
                    showResult(true, [url, servers] {
                        return tr("<b>Connected.</b> %Ln server(s) under %1: %2", nullptr, Format::count(servers.size()))
                            .arg(url.toHtmlEscaped(), servers.join(QStringLiteral(", ")).toHtmlEscaped());
                    });
                emit testFinished(!servers.isEmpty());
                return;
            }
            const Error& e = result.error();
            QString html = QStringLiteral("<b>%1</b>").arg(e.message.toHtmlEscaped());
            if (!e.detail.isEmpty())
                html += QStringLiteral(" (%1)").arg(e.detail.toHtmlEscaped());
            if (!e.hint.isEmpty())
                html += QStringLiteral("<br>%1").arg(e.hint.toHtmlEscaped());
            showResult(false, [html] { return html; });
            emit testFinished(false);
        });
    updateState();
}

void ConnectionEditor::importHelmValues(const QString& path)
{
    if (m_importJob)
        return;
    m_ui->importButton->setEnabled(false);
    m_importJob = m_runner.run<k8s::HelmBackupValues>(
        tr("Read Helm values %1").arg(path), [path](JobContext&) { return k8s::readHelmValues(path); }, this,
        [this](Result<k8s::HelmBackupValues> values) {
            m_importJob = 0;
            m_ui->importButton->setEnabled(true);
            if (!values) {
                const Error e = values.error();
                showResult(false, [e] {
                    return QStringLiteral("<b>%1</b><br>%2").arg(e.message.toHtmlEscaped(), e.hint.toHtmlEscaped());
                });
                emit importFinished(false);
                return;
            }
            if (!values->clusterName.isEmpty() && m_ui->nameEdit->text().trimmed().isEmpty())
                m_ui->nameEdit->setText(values->clusterName);
            m_ui->endpointEdit->setText(values->options.endpoint.isEmpty() ? QString() : values->options.endpoint.toString());
            m_ui->bucketEdit->setText(values->url.bucket);
            m_ui->pathEdit->setText(values->url.prefix);
            m_ui->regionEdit->setText(values->options.region);
            if (!values->options.accessKeyId.isEmpty()) {
                m_ui->keyRadio->setChecked(true);
                m_ui->accessKeyEdit->setText(values->options.accessKeyId);
                m_ui->secretEdit->setText(values->options.secretAccessKey);
            }
            QStringList notes = values->notes;
            if (!values->options.caBundlePem.isEmpty())
                notes.append(tr("the values carry the endpoint's CA; a connection does not keep it: add it to the system's "
                                "trusted certificates or AWS_CA_BUNDLE"));
            showResult(std::nullopt, [notes, block = values->block] {
                QString html = tr("<b>Filled in from the values' %1 block.</b>").arg(block.toHtmlEscaped());
                for (const QString& note : notes)
                    html += QStringLiteral("<br>") + note.toHtmlEscaped();
                return html;
            });
            updateState();
            emit importFinished(true);
        });
}

void ConnectionEditor::done(int result)
{
    for (quint64* job : {&m_testJob, &m_importJob})
        if (*job) {
            m_runner.cancel(*job);
            *job = 0;
        }
    QDialog::done(result);
}

} // namespace tideline::gui
