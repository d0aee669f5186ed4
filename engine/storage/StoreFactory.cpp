// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/storage/StoreFactory.h"

#include "engine/core/Excerpt.h"
#include "engine/core/Redactor.h"
#include "engine/storage/LocalStore.h"
#include "engine/storage/S3Store.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QTextStream>

#include <optional>

namespace tideline::storage {

namespace {

struct StoreFactoryText {
    Q_DECLARE_TR_FUNCTIONS(StoreFactory)
};

// A function, not a constant: translated when the error is made.
QString urlHint()
{
    return StoreFactoryText::tr("Use s3://bucket[/path] or file:///absolute/dir.");
}

using IniSection = QHash<QString, QString>;
using IniFile = QHash<QString, IniSection>;

// The AWS CLI's INI dialect: "[section]", "key = value", '#'/';' comments, and one level of
// nesting ("s3 =" followed by indented "key = value" lines), stored here as "s3.key".
IniFile readIni(const QString& path)
{
    IniFile out;
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly | QIODevice::Text))
        return out;
    QTextStream in(&file);
    QString section;
    QString parent; // the key of an open nested block
    while (!in.atEnd()) {
        const QString raw = in.readLine();
        const QString line = raw.trimmed();
        if (line.isEmpty() || line.startsWith(u'#') || line.startsWith(u';'))
            continue;
        if (line.startsWith(u'[') && line.endsWith(u']')) {
            section = line.mid(1, line.size() - 2).simplified();
            parent.clear();
            out[section];
            continue;
        }
        const qsizetype eq = line.indexOf(u'=');
        if (eq < 0 || section.isEmpty())
            continue;
        const QString key = line.left(eq).trimmed().toLower();
        const QString value = line.mid(eq + 1).trimmed();
        const bool indented = raw.startsWith(u' ') || raw.startsWith(u'\t');
        if (indented && !parent.isEmpty()) {
            out[section][parent + u'.' + key] = value;
            continue;
        }
        parent = value.isEmpty() ? key : QString();
        out[section][key] = value;
    }
    return out;
}

QString env(const char* name)
{
    return qEnvironmentVariable(name).trimmed();
}

// A positive integer from the environment; unset, empty or malformed values are ignored so a
// typo can never turn retries off.
std::optional<int> envInt(const char* name)
{
    bool ok = false;
    const int value = env(name).toInt(&ok);
    return ok && value > 0 ? std::optional<int>(value) : std::nullopt;
}

QString firstNonEmpty(std::initializer_list<QString> values)
{
    for (const QString& v : values)
        if (!v.isEmpty())
            return v;
    return {};
}

} // namespace

Result<SourceUrl> SourceUrl::parse(const QString& text)
{
    SourceUrl url;
    const QString t = text.trimmed();
    if (t.startsWith(QStringLiteral("s3://"), Qt::CaseInsensitive)) {
        url.scheme = Scheme::S3;
        const QString rest = t.mid(5);
        const qsizetype slash = rest.indexOf(u'/');
        url.bucket = slash < 0 ? rest : rest.left(slash);
        QString path = slash < 0 ? QString() : rest.mid(slash + 1);
        while (path.startsWith(u'/'))
            path.remove(0, 1);
        while (path.endsWith(u'/'))
            path.chop(1);
        url.prefix = path;
        if (url.bucket.isEmpty() || url.bucket.contains(u' ') || url.bucket.contains(u'?') || url.bucket.contains(u'#'))
            return fail(ErrorCode::Usage, StoreFactoryText::tr("\"%1\" does not name a bucket").arg(text), urlHint());
        return url;
    }
    if (t.startsWith(QStringLiteral("file://"), Qt::CaseInsensitive)) {
        url.scheme = Scheme::File;
        const QUrl parsed(t, QUrl::TolerantMode);
        const QString host = parsed.host();
        if (!parsed.isValid() || !(host.isEmpty() || host == u"localhost"))
            return fail(ErrorCode::Usage, StoreFactoryText::tr("\"%1\" is not a local directory URL").arg(text), urlHint());
        QString path = parsed.path(QUrl::FullyDecoded);
        if (!path.startsWith(u'/'))
            return fail(ErrorCode::Usage, StoreFactoryText::tr("\"%1\" needs an absolute path").arg(text), urlHint());
        path = QDir::cleanPath(path);
        url.localPath = path;
        return url;
    }
    return fail(ErrorCode::Usage, StoreFactoryText::tr("\"%1\" is not a source URL").arg(text), urlHint());
}

QString SourceUrl::toString() const
{
    if (scheme == Scheme::File)
        return QStringLiteral("file://") + localPath;
    return prefix.isEmpty() ? QStringLiteral("s3://") + bucket : QStringLiteral("s3://%1/%2").arg(bucket, prefix);
}

QString SourceUrl::key(const QString& relative) const
{
    // os.path.join semantics, as barman builds its keys.
    if (prefix.isEmpty() || relative.startsWith(u'/'))
        return relative;
    return prefix + u'/' + relative;
}

Result<QUrl> parseEndpointUrl(const QString& text)
{
    QUrl endpoint(text.trimmed(), QUrl::StrictMode);
    const QString scheme = endpoint.scheme().toLower();
    if (!endpoint.isValid() || (scheme != u"http" && scheme != u"https") || endpoint.host().isEmpty()
        || !endpoint.query().isEmpty() || !endpoint.userInfo().isEmpty() || !endpoint.fragment().isEmpty())
        return fail(ErrorCode::Usage,
                    StoreFactoryText::tr("\"%1\" is not a usable endpoint URL")
                        .arg(endpoint.isValid() ? endpoint.toString(QUrl::RemoveUserInfo) : QStringLiteral("?")),
                    StoreFactoryText::tr("Give the endpoint as http(s)://host[:port], like "
                                         "https://ACCOUNT_ID.r2.cloudflarestorage.com or http://127.0.0.1:9000."));
    endpoint.setScheme(scheme);
    return endpoint;
}

Result<S3Options::Addressing> parseAddressingStyle(const QString& text)
{
    const QString style = text.trimmed().toLower();
    if (style.isEmpty())
        return S3Options::Addressing::Unset;
    if (style == u"auto")
        return S3Options::Addressing::Auto;
    if (style == u"path")
        return S3Options::Addressing::Path;
    if (style == u"virtual")
        return S3Options::Addressing::VirtualHost;
    return fail(ErrorCode::Usage, StoreFactoryText::tr("\"%1\" is not an addressing style").arg(text.left(40)),
                StoreFactoryText::tr("Use path (http://host/bucket/key) or virtual (http://bucket.host/key)."));
}

Result<ResolvedS3> resolveS3(const SourceUrl& url, const S3Options& options)
{
    // An explicit --profile wins over credentials in the environment, as in the AWS CLI.
    const bool explicitProfile = !options.profile.isEmpty();
    const QString profile =
        firstNonEmpty({options.profile, env("AWS_PROFILE"), env("AWS_DEFAULT_PROFILE"), QStringLiteral("default")});
    const QString awsDir = QDir::homePath() + QStringLiteral("/.aws/");
    const IniFile credentialsIni =
        readIni(firstNonEmpty({env("AWS_SHARED_CREDENTIALS_FILE"), awsDir + QStringLiteral("credentials")}));
    const IniFile configIni = readIni(firstNonEmpty({env("AWS_CONFIG_FILE"), awsDir + QStringLiteral("config")}));
    const IniSection credentialsSection = credentialsIni.value(profile);
    IniSection configSection = configIni.value(QStringLiteral("profile ") + profile);
    if (profile == u"default" && configSection.isEmpty())
        configSection = configIni.value(QStringLiteral("default"));
    const bool profileFound = credentialsIni.contains(profile) || !configSection.isEmpty();

    ResolvedS3 out;
    // Credentials: options, environment, then the profile (credentials file before config file).
    if (!options.accessKeyId.isEmpty()) {
        out.accessKeyId = options.accessKeyId;
        out.secretAccessKey = options.secretAccessKey;
        out.sessionToken = options.sessionToken;
    } else if (!explicitProfile && !env("AWS_ACCESS_KEY_ID").isEmpty()) {
        out.accessKeyId = env("AWS_ACCESS_KEY_ID");
        out.secretAccessKey = env("AWS_SECRET_ACCESS_KEY");
        out.sessionToken = env("AWS_SESSION_TOKEN");
    } else {
        const auto pick = [&](const QString& key) {
            return firstNonEmpty({credentialsSection.value(key), configSection.value(key)});
        };
        out.accessKeyId = pick(QStringLiteral("aws_access_key_id"));
        out.secretAccessKey = pick(QStringLiteral("aws_secret_access_key"));
        out.sessionToken = pick(QStringLiteral("aws_session_token"));
    }
    Redactor::addSecret(out.accessKeyId);
    Redactor::addSecret(out.secretAccessKey);
    Redactor::addSecret(out.sessionToken);
    if (out.accessKeyId.isEmpty() || out.secretAccessKey.isEmpty()) {
        if (explicitProfile && !profileFound)
            return fail(ErrorCode::Auth,
                        StoreFactoryText::tr("profile \"%1\" was not found in the AWS credentials or config files").arg(profile),
                        StoreFactoryText::tr("Check --profile, or AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE."));
        return fail(ErrorCode::Auth, StoreFactoryText::tr("no S3 credentials found for %1").arg(url.toString()),
                    StoreFactoryText::tr("Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or use --profile with "
                                         "~/.aws/credentials."));
    }

    out.region = firstNonEmpty({options.region, env("AWS_REGION"), env("AWS_DEFAULT_REGION"),
                                configSection.value(QStringLiteral("region")), QStringLiteral("us-east-1")});

    QString endpointText = options.endpoint.toString();
    if (endpointText.isEmpty()) {
        endpointText = firstNonEmpty({env("AWS_ENDPOINT_URL_S3"), env("AWS_ENDPOINT_URL"),
                                      configSection.value(QStringLiteral("s3.endpoint_url")),
                                      configSection.value(QStringLiteral("endpoint_url"))});
        if (endpointText.isEmpty())
            endpointText = QStringLiteral("https://s3.%1.amazonaws.com").arg(out.region);
    }
    auto endpoint = parseEndpointUrl(endpointText);
    if (!endpoint)
        return fail(endpoint.error());
    out.endpoint = *endpoint;

    // A profile's unknown style counts as auto, as in the AWS CLI.
    S3Options::Addressing addressing = options.addressing;
    if (addressing == S3Options::Addressing::Unset)
        addressing = parseAddressingStyle(configSection.value(QStringLiteral("s3.addressing_style")))
                         .value_or(S3Options::Addressing::Auto);
    if (addressing == S3Options::Addressing::Unset) // the profile says nothing either
        addressing = S3Options::Addressing::Auto;
    out.virtualHost = addressing == S3Options::Addressing::VirtualHost
        || (addressing == S3Options::Addressing::Auto && S3Store::autoVirtualHost(out.endpoint, url.bucket));
    // The bucket becomes part of the host name: one that is no DNS name (an '@', a ':', a '/')
    // would send the request, signed, to another host.
    static const QRegularExpression hostLabels(
        QStringLiteral("\\A(?=.{1,63}\\z)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\\z"));
    if (out.virtualHost && !hostLabels.match(url.bucket).hasMatch())
        return fail(ErrorCode::Usage,
                    StoreFactoryText::tr("bucket \"%1\" cannot be addressed as a host name")
                        .arg(excerpt::printable(url.bucket, 80)),
                    StoreFactoryText::tr("Use --addressing-style path (or s3.addressing_style = path in the profile)."));
    out.caBundlePath =
        firstNonEmpty({options.caBundlePath, env("AWS_CA_BUNDLE"), configSection.value(QStringLiteral("ca_bundle"))});
    return out;
}

Result<std::unique_ptr<ObjectStore>> openStore(const SourceUrl& url, const S3Options& options)
{
    if (url.scheme == SourceUrl::Scheme::File) {
        if (!QFileInfo(url.localPath).isDir())
            return fail(ErrorCode::MissingSource, StoreFactoryText::tr("directory %1 does not exist").arg(url.localPath),
                        StoreFactoryText::tr("Check the path of the file:// source (file:///absolute/dir)."));
        return std::unique_ptr<ObjectStore>(std::make_unique<LocalStore>(url.localPath));
    }

    auto resolved = resolveS3(url, options);
    if (!resolved)
        return fail(resolved.error());
    S3Store::Config cfg;
    cfg.bucket = url.bucket;
    cfg.credentials = {resolved->accessKeyId, resolved->secretAccessKey, resolved->sessionToken};
    cfg.region = resolved->region;
    cfg.endpoint = resolved->endpoint;
    cfg.virtualHost = resolved->virtualHost;

    // Certificates matter only over TLS; a distribution-wide bundle takes ~30 ms to parse, which is
    // most of a restore_command call against a plain-http endpoint.
    const QString& caBundle = resolved->caBundlePath;
    if (!options.caBundlePem.isEmpty() && cfg.endpoint.scheme() == u"https") {
        cfg.extraCaCertificates = QSslCertificate::fromData(options.caBundlePem, QSsl::Pem);
        if (cfg.extraCaCertificates.isEmpty())
            return fail(ErrorCode::Usage, StoreFactoryText::tr("the endpoint CA holds no PEM certificate"),
                        StoreFactoryText::tr("The Secret key named by endpointCA must hold PEM certificates."));
    } else if (!caBundle.isEmpty() && cfg.endpoint.scheme() == u"https") {
        QFile file(caBundle);
        if (!file.open(QIODevice::ReadOnly))
            return fail(ErrorCode::Usage,
                        StoreFactoryText::tr("cannot read the CA bundle %1: %2").arg(caBundle, file.errorString()),
                        StoreFactoryText::tr("Check AWS_CA_BUNDLE (a PEM file of trusted certificates)."));
        cfg.extraCaCertificates = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
        if (cfg.extraCaCertificates.isEmpty())
            return fail(ErrorCode::Usage, StoreFactoryText::tr("the CA bundle %1 holds no PEM certificate").arg(caBundle),
                        StoreFactoryText::tr("Check AWS_CA_BUNDLE (a PEM file of trusted certificates)."));
    }
    cfg.verifyTls = options.verifyTls;
    cfg.maxAttempts = std::max(1, envInt("TIDELINE_S3_MAX_ATTEMPTS").value_or(options.maxAttempts));
    cfg.requestTimeoutMs = std::max(1, envInt("TIDELINE_S3_TIMEOUT_MS").value_or(options.requestTimeoutMs));
    if (const auto backoff = envInt("TIDELINE_S3_BACKOFF_MS"))
        cfg.backoffBaseMs = std::max(0, *backoff);
    return std::unique_ptr<ObjectStore>(std::make_unique<S3Store>(std::move(cfg)));
}

} // namespace tideline::storage
