// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/catalog/ServerCatalog.h"
#include "engine/pitr/RecoveryPlan.h"

#include <QString>
#include <QStringList>

namespace tideline::pitr {

/// How the recovered cluster should look and where its credentials live. Only names and keys of
/// Kubernetes Secrets are ever written, never their values.
struct ManifestOptions {
    enum class Mode {
        New,     ///< a new cluster (another name, or the same name in another namespace)
        InPlace, ///< disaster recovery: the old cluster is deleted and recreated under its name
    };
    QString clusterName;
    QString nameSpace = QStringLiteral("default");
    Mode mode = Mode::New;
    QString endpointUrl; ///< empty: AWS S3 (no endpointURL written)
    QString secretName = QStringLiteral("backup-creds");
    QString accessKeyIdKey = QStringLiteral("ACCESS_KEY_ID");
    QString secretAccessKeyKey = QStringLiteral("ACCESS_SECRET_KEY");
    QString regionKey;               ///< when the Secret carries the region too
    bool inheritFromIamRole = false; ///< IRSA and friends: no s3Credentials Secret at all
    QString pluginObjectStore;       ///< non-empty: the barman-cloud plugin form with this ObjectStore
    QString database = QStringLiteral("app");
    QString owner = QStringLiteral("app");
    int instances = 1;
    QString imageName;           ///< empty: ghcr.io/cloudnative-pg/postgresql:<the backup's major>
    QStringList existingServers; ///< server names already in the bucket (for the new serverName)
};

/// A CNPG Cluster manifest (and, for the plugin form, its ObjectStore) that recovers the plan.
struct Manifest {
    QString yaml;          ///< one or two YAML documents, comments included
    QStringList notes;     ///< what the DBA must do or know besides applying it
    QString archiveServer; ///< the serverName the recovered cluster archives under
    QString storageSize;   ///< e.g. "4Gi"
};

/// Writes the manifest for one of the runbook's recovery scenarios: a new cluster from a backup,
/// PITR, a restore into another namespace keeping the original serverName for reading, and
/// in-place disaster recovery (the new cluster archives under `<name>-rN`, because CNPG refuses
/// to archive into a non-empty serverName: "Expected empty archive").
///
/// recoveryTarget always pins backupID to the plan's backup, so CNPG cannot choose another.
/// Errors: Refused when the plan is refused (there is nothing safe to write); Usage for an
/// invalid cluster or namespace name (not an RFC 1123 label). Pure; any thread.
Result<Manifest> writeManifest(const catalog::ServerCatalog& catalog, const RecoveryPlan& plan,
                               const ManifestOptions& options);

} // namespace tideline::pitr
