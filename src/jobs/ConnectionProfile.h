// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/Error.h"
#include "engine/storage/StoreFactory.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

class QSettings;

namespace tideline::gui {

/// Credentials typed into the connection editor. Never written to QSettings or logs: they live
/// in the desktop keychain, or in memory for the session when no keychain service runs.
struct S3Secret {
    QString accessKeyId;
    QString secretAccessKey;
    QString sessionToken; ///< temporary credentials only (a cluster Secret's sessionToken)
    bool isEmpty() const { return accessKeyId.isEmpty() && secretAccessKey.isEmpty(); }
};

/// One object store in the sidebar: where the bucket is and where its credentials come from.
/// Kubernetes contexts will be a sibling kind of connection; this one is an object store.
struct ConnectionProfile {
    Q_DECLARE_TR_FUNCTIONS(ConnectionProfile)

public:
    enum class CredentialSource {
        Environment, ///< AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, then ~/.aws (like the CLI)
        AwsProfile,  ///< a named profile of ~/.aws/credentials and config
        Keychain,    ///< typed in; kept in the desktop keychain (or for the session only)
    };

    QString id;       ///< stable, also the keychain entry's key
    QString name;     ///< shown in the sidebar; empty: the source URL
    QString endpoint; ///< http(s)://host[:port]; empty: AWS_ENDPOINT_URL, else AWS S3
    QString bucket;
    QString path;   ///< CNPG destinationPath below the bucket, without slashes at the ends
    QString region; ///< "auto" for R2; empty: environment or profile
    CredentialSource credentials = CredentialSource::Environment;
    QString awsProfile;
    bool transient = false; ///< from the command line: shown, never saved
    /// A CNPG cluster's endpointCA, read from its Secret: only ever on transient profiles, held in
    /// memory and never saved.
    QByteArray caBundlePem;

    /// "s3://bucket/path".
    QString sourceUrl() const;
    QString displayName() const;
    /// Validates and turns the profile into engine options the way tideline-cli reads its flags.
    /// Errors: Usage with a hint (bad endpoint URL, missing bucket, missing typed credentials).
    Result<storage::S3Options> s3Options(const S3Secret& secret) const;
    /// From a SOURCE_URL as given on the command line ("s3://bucket/path").
    static Result<ConnectionProfile> fromSourceUrl(const QString& url);

    void save(QSettings& settings) const;
    static ConnectionProfile load(const QSettings& settings);
    /// Every saved profile under "connections/" and writing them back (no secrets in either).
    static QList<ConnectionProfile> loadAll(QSettings& settings);
    static void saveAll(QSettings& settings, const QList<ConnectionProfile>& profiles);
    static QString newId();
};

} // namespace tideline::gui
