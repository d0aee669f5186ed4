// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/k8s/ObjectMeta.h"

#include <QMap>

namespace tideline::k8s {

/// A reference to one key of a Secret in the resource's namespace.
struct SecretKeyRef {
    QString name;
    QString key;
    bool isSet() const { return !name.isEmpty() && !key.isEmpty(); }
};

/// Barman Cloud's object-store configuration, the same in the in-tree
/// `spec.backup.barmanObjectStore` and the plugin's `ObjectStore.spec.configuration`.
struct BarmanStoreConfig {
    QString destinationPath; ///< s3://bucket/prefix (the server's folder is under it)
    QString endpointUrl;
    SecretKeyRef endpointCa;
    SecretKeyRef accessKeyId;
    SecretKeyRef secretAccessKey;
    SecretKeyRef sessionToken;
    SecretKeyRef region;
    bool inheritFromIamRole = false;
    QString provider;   ///< "s3", "azure" or "google": which credentials block is present
    QString serverName; ///< in-tree only (the plugin forbids it here)
    QString walCompression;
    QString dataCompression;

    /// Reads the configuration object (tolerant: unknown fields ignored).
    static BarmanStoreConfig fromJson(const QJsonObject& configuration);
};

/// The server-wide recovery window the plugin keeps for one serverName.
struct RecoveryWindow {
    std::optional<Timestamp> firstRecoverabilityPoint;
    std::optional<Timestamp> lastSuccessfulBackup;
    std::optional<Timestamp> lastFailedBackup;
};

/// barmancloud.cnpg.io/v1 ObjectStore (plugin-barman-cloud). Pure value; any thread.
struct CnpgObjectStore {
    ObjectMeta meta;
    BarmanStoreConfig configuration;
    QString retentionPolicy;
    /// spec.instanceSidecarConfiguration.env: the plugin sidecar's environment, where barman-cloud
    /// runs in the plugin form (R2 users set the checksum variables here).
    QMap<QString, std::optional<QString>> sidecarEnv;
    QMap<QString, RecoveryWindow> recoveryWindows; ///< status.serverRecoveryWindow by serverName

    /// Errors: Corrupt (see ObjectMeta).
    static Result<CnpgObjectStore> fromJson(const QJsonObject& object);
};

} // namespace tideline::k8s
