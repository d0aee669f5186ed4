// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/k8s/CnpgCluster.h"
#include "engine/k8s/KubeClient.h"
#include "engine/storage/StoreFactory.h"

namespace tideline::k8s {

/// A `cnpg://NAMESPACE/CLUSTER` source as typed. Pure; any thread.
struct ClusterRef {
    QString nameSpace;
    QString name;
    /// Errors: Usage (not cnpg://, or a namespace or name Kubernetes would refuse), with the form
    /// in the hint.
    static Result<ClusterRef> parse(const QString& text);
    static bool looksLike(const QString& text) { return text.startsWith(QStringLiteral("cnpg://")); }
    QString toString() const { return QStringLiteral("cnpg://%1/%2").arg(nameSpace, name); }
};

/// Where a cluster's backups are and how to open them, read from the cluster side: the Cluster,
/// its ObjectStore (plugin form) and the Secret they reference. Credentials are in `options`
/// only (memory; registered with the Redactor), never written anywhere.
struct ClusterBucket {
    CnpgCluster cluster;
    std::optional<CnpgObjectStore> objectStore;
    storage::SourceUrl url;     ///< the destinationPath
    storage::S3Options options; ///< endpoint, credentials, endpoint CA
    QString serverName;         ///< the serverName in effect
    QStringList notes;          ///< what the user should know (inheritFromIAMRole, …)
};

/// Reads everything a cnpg:// source needs. Blocks: not on the GUI thread. Errors: the client's
/// (Auth 403 names `get secrets` or `get objectstores` when those are what is missing),
/// MissingSource (no such cluster; a cluster without a backup section; an ObjectStore or Secret
/// it names that does not exist), Refused (Azure or Google stores, which Tideline cannot read;
/// a destinationPath that is not s3://), Corrupt (a Secret value that is not base64).
Result<ClusterBucket> resolveClusterBucket(KubeClient& client, const ClusterRef& ref, const CancelToken& cancel);

/// API paths, for callers that list or get CNPG resources.
QString cnpgPath(const QString& nameSpace, const QString& plural, const QString& name = {});
QString objectStorePath(const QString& nameSpace, const QString& name = {});

} // namespace tideline::k8s
