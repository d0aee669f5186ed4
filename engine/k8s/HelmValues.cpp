// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/k8s/HelmValues.h"

#include "engine/core/Redactor.h"
#include "engine/k8s/ObjectMeta.h"

#include <QCoreApplication>
#include <QFile>

#include <yaml-cpp/yaml.h>

namespace tideline::k8s {

namespace {

struct HelmValuesText {
    Q_DECLARE_TR_FUNCTIONS(HelmValues)
};

// A values file is a few kilobytes; one past this is not one.
constexpr qint64 kMaxFileBytes = 4 * 1024 * 1024;

// Reads the chart's keys; the first wrongly typed one is the error.
class Reader {
public:
    explicit Reader(QString fileName) : m_fileName(std::move(fileName)) {}

    std::optional<Error> error;

    // lupdate reads tr() inside a function named map() under the wrong context: translate() names it.
    YAML::Node map(const YAML::Node& parent, const QString& path, const char* key)
    {
        const YAML::Node n = parent.IsMap() ? parent[key] : YAML::Node();
        if (n && !n.IsNull() && !n.IsMap())
            bad(path + QLatin1String(key), QCoreApplication::translate("HelmValues", "a map"));
        return n && n.IsMap() ? n : YAML::Node(YAML::NodeType::Map);
    }

    QString string(const YAML::Node& parent, const QString& path, const char* key)
    {
        const YAML::Node n = parent.IsMap() ? parent[key] : YAML::Node();
        if (!n || n.IsNull())
            return {};
        if (!n.IsScalar()) {
            bad(path + QLatin1String(key), HelmValuesText::tr("a string"));
            return {};
        }
        return QString::fromStdString(n.Scalar());
    }

    bool has(const YAML::Node& parent, const char* key) const
    {
        return parent.IsMap() && parent[key] && !parent[key].IsNull();
    }

    bool boolean(const YAML::Node& parent, const QString& path, const char* key)
    {
        const YAML::Node n = parent.IsMap() ? parent[key] : YAML::Node();
        bool value = false;
        if (n && !n.IsNull() && (!n.IsScalar() || !YAML::convert<bool>::decode(n, value)))
            bad(path + QLatin1String(key), HelmValuesText::tr("true or false"));
        return value;
    }

private:
    void bad(const QString& key, const QString& expected)
    {
        if (!error)
            error = Error{ErrorCode::Usage,
                          HelmValuesText::tr("values file %1: %2 must be %3").arg(m_fileName, key, expected),
                          HelmValuesText::tr("Fix the file (helm template renders what the chart makes of it)."),
                          {}};
    }

    QString m_fileName;
};

// Helm's `trunc 63 | trimSuffix "-"`, which the chart applies to every name it derives.
QString helmName(QString name)
{
    name.truncate(63);
    if (name.endsWith(QLatin1Char('-')))
        name.chop(1);
    return name;
}

} // namespace

Result<HelmBackupValues> parseHelmValues(const QByteArray& yaml, const QString& fileName)
{
    const QString fixHint = HelmValuesText::tr("Fix the file (helm template renders what the chart makes of it).");
    YAML::Node root;
    try {
        root = YAML::Load(yaml.toStdString());
    } catch (const YAML::Exception& e) {
        return fail(ErrorCode::Usage,
                    HelmValuesText::tr("values file %1 is not valid YAML (line %2)").arg(fileName).arg(e.mark.line + 1),
                    fixHint, QString::fromStdString(e.msg));
    }
    if (root && !root.IsNull() && !root.IsMap())
        return fail(ErrorCode::Usage, HelmValuesText::tr("values file %1 is not a map of values").arg(fileName), fixHint);

    HelmBackupValues out;
    Reader r(fileName);
    try {
        const YAML::Node backups = r.map(root, {}, "backups");
        const YAML::Node plugin = r.map(root, {}, "barmanCloudPlugin");
        const bool backupsOn = r.boolean(backups, QStringLiteral("backups."), "enabled");
        const bool pluginOn = r.boolean(plugin, QStringLiteral("barmanCloudPlugin."), "enabled");
        if (r.error)
            return fail(*r.error);
        if (!backupsOn && !pluginOn)
            return fail(ErrorCode::MissingSource,
                        HelmValuesText::tr("values file %1 enables no backups (backups.enabled is not true)").arg(fileName),
                        HelmValuesText::tr(
                            "Check that this is the cluster chart's values file, or give the bucket as SOURCE_URL."));
        out.block = backupsOn ? QStringLiteral("backups") : QStringLiteral("barmanCloudPlugin");
        const YAML::Node scope = backupsOn ? backups : plugin;
        const QString at = out.block + QLatin1Char('.');
        const QString provider = backupsOn ? r.string(scope, at, "provider") : QString();
        const YAML::Node s3 = r.map(scope, at, "s3");
        const QString s3At = at + QStringLiteral("s3.");
        QString destinationPath = r.string(scope, at, "destinationPath");
        QString endpointUrl = r.string(scope, at, "endpointURL");
        const QString bucket = r.string(s3, s3At, "bucket");
        // The chart's values.yaml sets s3.path to "/"; a file that leaves the key out gets that.
        const QString path = r.has(s3, "path") ? r.string(s3, s3At, "path") : QStringLiteral("/");
        const QString region = r.string(s3, s3At, "region");
        const QString accessKey = backupsOn ? r.string(s3, s3At, "accessKey") : QString();
        const QString secretKey = backupsOn ? r.string(s3, s3At, "secretKey") : QString();
        const QString secretName = r.string(r.map(scope, at, "secret"), at + QStringLiteral("secret."), "name");
        const YAML::Node ca = r.map(scope, at, "endpointCA");
        const QString caName = r.string(ca, at + QStringLiteral("endpointCA."), "name");
        const QString caValue = r.string(ca, at + QStringLiteral("endpointCA."), "value");
        const QString fullname = r.string(root, {}, "fullnameOverride");
        if (r.error)
            return fail(*r.error);

        if (!provider.isEmpty() && provider != QLatin1String("s3"))
            return fail(ErrorCode::Refused,
                        HelmValuesText::tr("values file %1 backs up to %2 storage, which Tideline cannot read")
                            .arg(fileName, provider),
                        HelmValuesText::tr("Tideline reads S3-compatible stores (AWS S3, Cloudflare R2, MinIO, …)."));
        if (destinationPath.isEmpty()) {
            if (bucket.isEmpty())
                return fail(ErrorCode::Usage,
                            HelmValuesText::tr("values file %1 gives neither %2destinationPath nor %2s3.bucket").arg(fileName, at),
                            HelmValuesText::tr(
                                "The chart needs one of them too; set the bucket, or give the bucket as SOURCE_URL."));
            destinationPath = QStringLiteral("s3://") + bucket + path;
        }
        auto url = storage::SourceUrl::parse(destinationPath);
        if (!url || url->scheme != storage::SourceUrl::Scheme::S3)
            return fail(ErrorCode::Usage,
                        HelmValuesText::tr("values file %1 makes destinationPath \"%2\", which is not s3://bucket[/path]")
                            .arg(fileName, destinationPath),
                        fixHint);
        out.url = *url;
        if (endpointUrl.isEmpty() && !region.isEmpty())
            endpointUrl = QStringLiteral("https://s3.%1.amazonaws.com").arg(region);
        if (endpointUrl.isEmpty() && backupsOn)
            return fail(ErrorCode::Usage,
                        HelmValuesText::tr("values file %1 gives neither backups.endpointURL nor backups.s3.region").arg(fileName),
                        HelmValuesText::tr(
                            "The chart needs one of them too: the endpoint of R2 or MinIO, or the AWS region."));
        if (!endpointUrl.isEmpty()) {
            auto endpoint = storage::parseEndpointUrl(endpointUrl);
            if (!endpoint)
                return fail(endpoint.error());
            out.options.endpoint = *endpoint;
        }
        out.options.region = region;
        if (!accessKey.isEmpty() && !secretKey.isEmpty()) {
            Redactor::addSecret(secretKey);
            out.options.accessKeyId = accessKey;
            out.options.secretAccessKey = secretKey;
        }
        if (!caValue.isEmpty()) {
            if (!caValue.contains(QLatin1String("-----BEGIN CERTIFICATE-----")))
                return fail(ErrorCode::Usage,
                            HelmValuesText::tr("values file %1: %2endpointCA.value holds no PEM certificate").arg(fileName, at),
                            fixHint);
            out.options.caBundlePem = caValue.toUtf8();
        } else if (!caName.isEmpty()) {
            out.notes.append(
                HelmValuesText::tr("the endpoint's CA is in Secret %1, which Tideline does not read from a values "
                                   "file: pass its certificate with --ca-bundle if the endpoint needs it")
                    .arg(caName));
        }
        if (!fullname.isEmpty()) {
            out.clusterName = helmName(fullname);
            if (!isDnsSubdomain(out.clusterName))
                return fail(ErrorCode::Usage,
                            HelmValuesText::tr("values file %1: fullnameOverride \"%2\" is not a Kubernetes name")
                                .arg(fileName, fullname),
                            fixHint);
        }
        const QString fullnameShown = out.clusterName.isEmpty() ? QStringLiteral("RELEASE-cluster") : out.clusterName;
        out.secretName = secretName.isEmpty() ? helmName(fullnameShown) + QStringLiteral("-backup-s3-creds") : secretName;
        if (out.options.accessKeyId.isEmpty())
            out.notes.append(HelmValuesText::tr("the values hold no access keys (the cluster reads them from Secret %1): "
                                                "Tideline uses this desktop's own credentials (environment or --profile)")
                                 .arg(out.secretName));
    } catch (const YAML::Exception& e) {
        return fail(ErrorCode::Usage, HelmValuesText::tr("values file %1 cannot be read as values").arg(fileName), fixHint,
                    QString::fromStdString(e.msg));
    }
    return out;
}

Result<HelmBackupValues> readHelmValues(const QString& path)
{
    QFile file(path);
    if (!file.exists())
        return fail(ErrorCode::Usage, HelmValuesText::tr("values file %1 does not exist").arg(path),
                    HelmValuesText::tr("Check --helm-values."));
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Usage, HelmValuesText::tr("values file %1 cannot be read: %2").arg(path, file.errorString()),
                    HelmValuesText::tr("Check the file's permissions."));
    const QByteArray data = file.read(kMaxFileBytes + 1);
    if (data.size() > kMaxFileBytes)
        return fail(ErrorCode::Usage, HelmValuesText::tr("values file %1 is too large to be one").arg(path),
                    HelmValuesText::tr("Check --helm-values."));
    return parseHelmValues(data, path);
}

} // namespace tideline::k8s
