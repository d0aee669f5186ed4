// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/jobs/ConnectionProfile.h"

#include <QSettings>
#include <QUrl>
#include <QUuid>

namespace tideline::gui {

namespace {
QString sourceName(ConnectionProfile::CredentialSource s)
{
    switch (s) {
    case ConnectionProfile::CredentialSource::Environment: return QStringLiteral("environment");
    case ConnectionProfile::CredentialSource::AwsProfile: return QStringLiteral("profile");
    case ConnectionProfile::CredentialSource::Keychain: return QStringLiteral("keychain");
    }
    return {};
}

ConnectionProfile::CredentialSource sourceFromName(const QString& name)
{
    if (name == QLatin1String("profile"))
        return ConnectionProfile::CredentialSource::AwsProfile;
    if (name == QLatin1String("keychain"))
        return ConnectionProfile::CredentialSource::Keychain;
    return ConnectionProfile::CredentialSource::Environment;
}
} // namespace

QString ConnectionProfile::sourceUrl() const
{
    return path.isEmpty() ? QStringLiteral("s3://%1").arg(bucket) : QStringLiteral("s3://%1/%2").arg(bucket, path);
}

QString ConnectionProfile::displayName() const
{
    return name.isEmpty() ? sourceUrl() : name;
}

Result<storage::S3Options> ConnectionProfile::s3Options(const S3Secret& secret) const
{
    storage::S3Options options;
    if (bucket.trimmed().isEmpty())
        return fail(ErrorCode::Usage, tr("No bucket given."),
                    tr("Enter the bucket of CNPG's destinationPath (s3://BUCKET/path)."));
    if (!endpoint.isEmpty()) {
        auto url = storage::parseEndpointUrl(endpoint);
        if (!url)
            return fail(url.error());
        options.endpoint = *url;
    }
    options.region = region;
    options.caBundlePem = caBundlePem;
    switch (credentials) {
    case CredentialSource::Environment: break;
    case CredentialSource::AwsProfile:
        if (awsProfile.isEmpty())
            return fail(ErrorCode::Usage, tr("No AWS profile named."),
                        tr("Enter a profile of ~/.aws/credentials, or choose another credential source."));
        options.profile = awsProfile;
        break;
    case CredentialSource::Keychain:
        if (secret.accessKeyId.isEmpty() || secret.secretAccessKey.isEmpty())
            return fail(ErrorCode::Auth, tr("No access key for this connection."),
                        tr("Edit the connection and enter the access key id and secret."));
        options.accessKeyId = secret.accessKeyId;
        options.secretAccessKey = secret.secretAccessKey;
        options.sessionToken = secret.sessionToken;
        break;
    }
    return options;
}

Result<ConnectionProfile> ConnectionProfile::fromSourceUrl(const QString& url)
{
    auto parsed = storage::SourceUrl::parse(url);
    if (!parsed)
        return fail(parsed.error());
    if (parsed->scheme != storage::SourceUrl::Scheme::S3)
        return fail(ErrorCode::Usage, tr("The window opens s3:// sources only for now."),
                    tr("Use tideline-cli for file:// sources."));
    ConnectionProfile p;
    p.id = newId();
    p.bucket = parsed->bucket;
    p.path = parsed->prefix;
    p.transient = true;
    return p;
}

void ConnectionProfile::save(QSettings& s) const
{
    s.setValue(QStringLiteral("id"), id);
    s.setValue(QStringLiteral("name"), name);
    s.setValue(QStringLiteral("endpoint"), endpoint);
    s.setValue(QStringLiteral("bucket"), bucket);
    s.setValue(QStringLiteral("path"), path);
    s.setValue(QStringLiteral("region"), region);
    s.setValue(QStringLiteral("credentials"), sourceName(credentials));
    s.setValue(QStringLiteral("awsProfile"), awsProfile);
}

ConnectionProfile ConnectionProfile::load(const QSettings& s)
{
    ConnectionProfile p;
    p.id = s.value(QStringLiteral("id")).toString();
    p.name = s.value(QStringLiteral("name")).toString();
    p.endpoint = s.value(QStringLiteral("endpoint")).toString();
    p.bucket = s.value(QStringLiteral("bucket")).toString();
    p.path = s.value(QStringLiteral("path")).toString();
    p.region = s.value(QStringLiteral("region")).toString();
    p.credentials = sourceFromName(s.value(QStringLiteral("credentials")).toString());
    p.awsProfile = s.value(QStringLiteral("awsProfile")).toString();
    if (p.id.isEmpty())
        p.id = newId();
    return p;
}

QList<ConnectionProfile> ConnectionProfile::loadAll(QSettings& s)
{
    QList<ConnectionProfile> out;
    const int n = s.beginReadArray(QStringLiteral("connections"));
    for (int i = 0; i < n; ++i) {
        s.setArrayIndex(i);
        out.append(load(s));
    }
    s.endArray();
    return out;
}

void ConnectionProfile::saveAll(QSettings& s, const QList<ConnectionProfile>& profiles)
{
    s.remove(QStringLiteral("connections"));
    s.beginWriteArray(QStringLiteral("connections"));
    int i = 0;
    for (const auto& p : profiles) {
        if (p.transient)
            continue;
        s.setArrayIndex(i++);
        p.save(s);
    }
    s.endArray();
}

QString ConnectionProfile::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace tideline::gui
