// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/k8s/ClusterSource.h"

#include "engine/core/Redactor.h"

#include <QCoreApplication>

namespace tideline::k8s {

namespace {
struct ClusterSourceText {
    Q_DECLARE_TR_FUNCTIONS(ClusterSource)
};

QString collection(const QString& prefix, const QString& nameSpace, const QString& plural, const QString& name)
{
    QString path = prefix;
    if (!nameSpace.isEmpty())
        path += QStringLiteral("/namespaces/") + nameSpace;
    path += u'/' + plural;
    if (!name.isEmpty())
        path += u'/' + name;
    return path;
}
} // namespace

QString cnpgPath(const QString& nameSpace, const QString& plural, const QString& name)
{
    return collection(QStringLiteral("/apis/postgresql.cnpg.io/v1"), nameSpace, plural, name);
}

QString objectStorePath(const QString& nameSpace, const QString& name)
{
    return collection(QStringLiteral("/apis/barmancloud.cnpg.io/v1"), nameSpace, QStringLiteral("objectstores"), name);
}

Result<ClusterRef> ClusterRef::parse(const QString& text)
{
    const QString hint = ClusterSourceText::tr("Write cnpg://NAMESPACE/CLUSTER, e.g. cnpg://db/pg-main.");
    if (!looksLike(text))
        return fail(ErrorCode::Usage, ClusterSourceText::tr("\"%1\" is not a cnpg:// source").arg(text.left(200)), hint);
    const QStringList parts = text.mid(7).split(u'/');
    if (parts.size() != 2 || !isDnsLabel(parts[0]) || !isDnsSubdomain(parts[1]))
        return fail(ErrorCode::Usage,
                    ClusterSourceText::tr("\"%1\" does not name a namespace and a cluster").arg(text.left(200)), hint);
    return ClusterRef{parts[0], parts[1]};
}

Result<ClusterBucket> resolveClusterBucket(KubeClient& client, const ClusterRef& ref, const CancelToken& cancel)
{
    auto object = client.get(cnpgPath(ref.nameSpace, QStringLiteral("clusters"), ref.name), {}, cancel);
    if (!object)
        return fail(object.error());
    auto cluster = CnpgCluster::fromJson(*object);
    if (!cluster)
        return fail(cluster.error());
    ClusterBucket out;
    out.cluster = *cluster;
    out.serverName = cluster->serverName();

    BarmanStoreConfig config;
    switch (cluster->backupMethod) {
    case CnpgCluster::BackupMethod::None:
        return fail(ErrorCode::MissingSource, ClusterSourceText::tr("cluster %1 has no backup configured").arg(ref.toString()),
                    ClusterSourceText::tr("Neither spec.backup.barmanObjectStore nor the %1 plugin is set on it.")
                        .arg(kBarmanPluginName));
    case CnpgCluster::BackupMethod::BarmanObjectStore: config = cluster->barmanObjectStore; break;
    case CnpgCluster::BackupMethod::Plugin: {
        if (cluster->pluginObjectStore.isEmpty() || !isDnsSubdomain(cluster->pluginObjectStore))
            return fail(ErrorCode::MissingSource,
                        ClusterSourceText::tr("cluster %1 uses the Barman Cloud plugin without a valid barmanObjectName")
                            .arg(ref.toString()),
                        ClusterSourceText::tr("Set spec.plugins[].parameters.barmanObjectName to its ObjectStore."));
        auto storeObject = client.get(objectStorePath(ref.nameSpace, cluster->pluginObjectStore), {}, cancel);
        if (!storeObject)
            return fail(storeObject.error());
        auto store = CnpgObjectStore::fromJson(*storeObject);
        if (!store)
            return fail(store.error());
        out.objectStore = *store;
        config = store->configuration;
        break;
    }
    }

    if (config.provider != u"s3")
        return fail(ErrorCode::Refused,
                    ClusterSourceText::tr("cluster %1 backs up to %2 storage, which Tideline cannot read")
                        .arg(ref.toString(), config.provider),
                    ClusterSourceText::tr("Tideline reads S3-compatible stores (AWS S3, Cloudflare R2, MinIO, …)."));
    auto url = storage::SourceUrl::parse(config.destinationPath);
    if (!url || url->scheme != storage::SourceUrl::Scheme::S3)
        return fail(ErrorCode::Refused,
                    ClusterSourceText::tr("cluster %1 has destinationPath \"%2\", which is not s3://")
                        .arg(ref.toString(), config.destinationPath.left(200)),
                    url ? QString() : url.error().hint);
    out.url = *url;
    if (!config.endpointUrl.isEmpty()) {
        auto endpoint = storage::parseEndpointUrl(config.endpointUrl);
        if (!endpoint)
            return fail(endpoint.error());
        out.options.endpoint = *endpoint;
    }

    // Only the Secrets the configuration names, each read once.
    QMap<QString, QJsonObject> secrets;
    const auto secretValue = [&](const SecretKeyRef& ref2, bool secret) -> Result<QByteArray> {
        if (!ref2.isSet())
            return QByteArray();
        if (!isDnsSubdomain(ref2.name))
            return fail(ErrorCode::Corrupt,
                        ClusterSourceText::tr("cluster %1 names a Secret \"%2\", which is not a Kubernetes name")
                            .arg(ref.toString(), ref2.name.left(80)));
        if (!secrets.contains(ref2.name)) {
            auto s = client.get(QStringLiteral("/api/v1/namespaces/%1/secrets/%2").arg(ref.nameSpace, ref2.name), {}, cancel);
            if (!s)
                return fail(s.error());
            secrets.insert(ref2.name, s->value(QStringLiteral("data")).toObject());
        }
        const QJsonValue encoded = secrets.value(ref2.name).value(ref2.key);
        if (!encoded.isString())
            return fail(ErrorCode::MissingSource,
                        ClusterSourceText::tr("Secret %1/%2 has no key %3").arg(ref.nameSpace, ref2.name, ref2.key),
                        ClusterSourceText::tr("Check the Secret the backup configuration names (kubectl describe secret)."));
        auto decoded = QByteArray::fromBase64Encoding(encoded.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return fail(ErrorCode::Corrupt,
                        ClusterSourceText::tr("Secret %1/%2 key %3 is not base64").arg(ref.nameSpace, ref2.name, ref2.key));
        // The value is used trimmed (echo | base64 leaves a newline): register what is used too.
        if (secret) {
            Redactor::addSecret(QString::fromUtf8(*decoded));
            Redactor::addSecret(QString::fromUtf8(*decoded).trimmed());
        }
        return *decoded;
    };
    const auto text = [](const QByteArray& b) { return QString::fromUtf8(b).trimmed(); };

    if (config.inheritFromIamRole) {
        out.notes.append(ClusterSourceText::tr("the cluster uses inheritFromIAMRole: Tideline reads the bucket with this "
                                               "desktop's own AWS credentials (environment or --profile)"));
    } else {
        auto id = secretValue(config.accessKeyId, true);
        if (!id)
            return fail(id.error());
        auto key = secretValue(config.secretAccessKey, true);
        if (!key)
            return fail(key.error());
        auto token = secretValue(config.sessionToken, true);
        if (!token)
            return fail(token.error());
        if (id->isEmpty() || key->isEmpty())
            return fail(ErrorCode::Auth, ClusterSourceText::tr("cluster %1 names no S3 credentials").arg(ref.toString()),
                        ClusterSourceText::tr(
                            "s3Credentials needs accessKeyId and secretAccessKey, or inheritFromIAMRole."));
        out.options.accessKeyId = text(*id);
        out.options.secretAccessKey = text(*key);
        out.options.sessionToken = text(*token);
    }
    auto region = secretValue(config.region, false);
    if (!region)
        return fail(region.error());
    out.options.region = text(*region);
    auto ca = secretValue(config.endpointCa, false);
    if (!ca)
        return fail(ca.error());
    out.options.caBundlePem = *ca;
    return out;
}

} // namespace tideline::k8s
