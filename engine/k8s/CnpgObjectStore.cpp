// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/k8s/CnpgObjectStore.h"

namespace tideline::k8s {

namespace {
SecretKeyRef secretRef(const QJsonObject& object, QStringView path)
{
    const QJsonObject ref = json::at(object, path).toObject();
    return {ref.value(QStringLiteral("name")).toString(), ref.value(QStringLiteral("key")).toString()};
}
} // namespace

BarmanStoreConfig BarmanStoreConfig::fromJson(const QJsonObject& c)
{
    BarmanStoreConfig out;
    out.destinationPath = json::string(c, u"destinationPath");
    out.endpointUrl = json::string(c, u"endpointURL");
    out.endpointCa = secretRef(c, u"endpointCA");
    out.accessKeyId = secretRef(c, u"s3Credentials.accessKeyId");
    out.secretAccessKey = secretRef(c, u"s3Credentials.secretAccessKey");
    out.sessionToken = secretRef(c, u"s3Credentials.sessionToken");
    out.region = secretRef(c, u"s3Credentials.region");
    out.inheritFromIamRole = json::boolean(c, u"s3Credentials.inheritFromIAMRole").value_or(false);
    if (c.contains(QStringLiteral("azureCredentials")))
        out.provider = QStringLiteral("azure");
    else if (c.contains(QStringLiteral("googleCredentials")))
        out.provider = QStringLiteral("google");
    else
        out.provider = QStringLiteral("s3");
    out.serverName = json::string(c, u"serverName");
    out.walCompression = json::string(c, u"wal.compression");
    out.dataCompression = json::string(c, u"data.compression");
    return out;
}

Result<CnpgObjectStore> CnpgObjectStore::fromJson(const QJsonObject& object)
{
    auto meta = ObjectMeta::fromJson(object);
    if (!meta)
        return fail(meta.error());
    CnpgObjectStore out;
    out.meta = *meta;
    out.configuration = BarmanStoreConfig::fromJson(json::at(object, u"spec.configuration").toObject());
    out.retentionPolicy = json::string(object, u"spec.retentionPolicy");
    out.sidecarEnv = json::env(object, u"spec.instanceSidecarConfiguration.env");
    const QJsonObject windows = json::at(object, u"status.serverRecoveryWindow").toObject();
    for (auto it = windows.begin(); it != windows.end(); ++it) {
        const QJsonObject w = it.value().toObject();
        out.recoveryWindows.insert(it.key(),
                                   RecoveryWindow{json::time(w, u"firstRecoverabilityPoint"),
                                                  json::time(w, u"lastSuccessfulBackupTime"),
                                                  json::time(w, u"lastFailedBackupTime")});
    }
    return out;
}

} // namespace tideline::k8s
