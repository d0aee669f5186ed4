// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/Error.h"
#include "engine/storage/StoreFactory.h"

#include <QStringList>

namespace tideline::k8s {

/// The backup destination that cloudnative-pg's "cluster" Helm chart renders from a values file,
/// read the way its templates read it, so a DBA can open a cluster's bucket from the values they
/// deploy with and no cluster access.
///
/// From the `backups:` block (else, when that is disabled, `barmanCloudPlugin:`):
///   destinationPath, else "s3://" + s3.bucket + s3.path (the chart's default path is "/");
///   endpointURL, else "https://s3." + s3.region + ".amazonaws.com";
///   s3.region as the signing region; s3.accessKey and s3.secretKey when the values hold them
///   (the chart then creates the Secret from them): in memory only, registered with the Redactor;
///   secret.name, else "<fullname>-backup-s3-creds", the Secret the cluster reads its keys from;
///   fullnameOverride, the cluster's name and so its default serverName.
struct HelmBackupValues {
    storage::SourceUrl url;
    storage::S3Options options; ///< endpoint, region and, when present, the keys
    QString block;              ///< "backups" or "barmanCloudPlugin": where the values came from
    QString clusterName;        ///< fullnameOverride; empty when the release name decides it
    QString secretName;         ///< the Secret the cluster reads ("RELEASE-cluster-backup-s3-creds" when unknown)
    QStringList notes;          ///< what the user should know (the endpoint CA, missing keys, …)
};

/// Reads a values file. Blocks on a small local read: not on the GUI thread. Errors: Usage (the
/// file is missing, unreadable, over 4 MiB, not YAML, or a key has the wrong type; no bucket and
/// no destinationPath; an endpoint URL Tideline refuses), Refused (an Azure or Google provider,
/// which Tideline cannot read), MissingSource (neither block enables backups).
Result<HelmBackupValues> readHelmValues(const QString& path);

/// The same from the file's bytes; `fileName` names it in errors. Pure; any thread.
Result<HelmBackupValues> parseHelmValues(const QByteArray& yaml, const QString& fileName);

} // namespace tideline::k8s
