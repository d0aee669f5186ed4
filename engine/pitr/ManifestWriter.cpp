// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/pitr/ManifestWriter.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QUrl>

#include <yaml-cpp/yaml.h>

#include <cmath>

namespace tideline::pitr {

namespace {

struct ManifestWriterText {
    Q_DECLARE_TR_FUNCTIONS(ManifestWriter)
};

// The YAML itself, comments included, stays in English whatever the user's language: it is a file
// kept in Git and applied to clusters, and it must not change with the language of the moment.

constexpr const char* kPluginName = "barman-cloud.cloudnative-pg.io";
constexpr const char* kSourceName = "origin";
constexpr qint64 kGiB = 1024LL * 1024 * 1024;

std::string s(const QString& text)
{
    return text.toStdString();
}

bool isDnsLabel(const QString& name)
{
    static const QRegularExpression re(QStringLiteral("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$"));
    return re.match(name).hasMatch();
}

bool isR2(const QString& endpoint)
{
    return QUrl(endpoint).host().endsWith(QLatin1String(".r2.cloudflarestorage.com"));
}

// barman-cloud writes compressed tars; without cluster_size (barman 3.4 does not record it) the
// data directory is estimated from them with a typical gzip ratio, and said to be an estimate.
struct SizeEstimate {
    QString size;
    QString basis;
};

SizeEstimate storageSize(const catalog::BackupEntry& b, const RecoveryPlan& plan, quint64 segmentSize)
{
    qint64 data = 0;
    QString basis;
    if (b.info && b.info->clusterSize) {
        data = *b.info->clusterSize;
        basis = QStringLiteral("cluster_size in backup.info");
    } else {
        bool compressed = false;
        for (const QString& f : b.dataFiles)
            compressed |= !f.endsWith(QLatin1String(".tar"));
        data = compressed ? b.bytes * 4 : b.bytes;
        basis = compressed ? QStringLiteral("estimated: 4x the compressed backup in the bucket")
                           : QStringLiteral("estimated: the uncompressed backup in the bucket");
    }
    // Headroom for growth during replay plus room for a few WAL segments in pg_wal.
    const qint64 needed = static_cast<qint64>(static_cast<double>(data) * 1.5) + 8 * static_cast<qint64>(segmentSize)
        + plan.requiredWal.bytes / 4;
    const qint64 gib = std::max<qint64>(1, (needed + kGiB - 1) / kGiB);
    return {QStringLiteral("%1Gi").arg(gib), basis};
}

QString nextServerName(const QString& base, const QStringList& existing)
{
    for (int n = 1;; ++n) {
        const QString candidate = QStringLiteral("%1-r%2").arg(base).arg(n);
        if (!existing.contains(candidate))
            return candidate;
    }
}

void emitCredentials(YAML::Emitter& y, const ManifestOptions& o)
{
    y << YAML::Key << "s3Credentials" << YAML::Value << YAML::BeginMap;
    if (o.inheritFromIamRole) {
        y << YAML::Key << "inheritFromIAMRole" << YAML::Value << true;
    } else {
        auto ref = [&](const char* field, const QString& key) {
            y << YAML::Key << field << YAML::Value << YAML::BeginMap << YAML::Key << "name" << YAML::Value << s(o.secretName)
              << YAML::Key << "key" << YAML::Value << s(key) << YAML::EndMap;
        };
        ref("accessKeyId", o.accessKeyIdKey);
        ref("secretAccessKey", o.secretAccessKeyKey);
        if (!o.regionKey.isEmpty())
            ref("region", o.regionKey);
    }
    y << YAML::EndMap;
}

void emitObjectStoreConfig(YAML::Emitter& y, const QString& destination, const ManifestOptions& o, const QString& serverName)
{
    y << YAML::Key << "destinationPath" << YAML::Value << s(destination);
    if (!o.endpointUrl.isEmpty())
        y << YAML::Key << "endpointURL" << YAML::Value << s(o.endpointUrl);
    if (!serverName.isEmpty())
        y << YAML::Key << "serverName" << YAML::Value << s(serverName);
    emitCredentials(y, o);
    y << YAML::Key << "wal" << YAML::Value << YAML::BeginMap << YAML::Key << "compression" << YAML::Value << "gzip"
      << YAML::Key << "maxParallel" << YAML::Value << 8 << YAML::EndMap;
    y << YAML::Key << "data" << YAML::Value << YAML::BeginMap << YAML::Key << "compression" << YAML::Value << "gzip"
      << YAML::Key << "jobs" << YAML::Value << 2 << YAML::EndMap;
}

void emitR2Env(YAML::Emitter& y)
{
    y << YAML::Key << "env" << YAML::Value << YAML::BeginSeq;
    for (const char* name : {"AWS_REQUEST_CHECKSUM_CALCULATION", "AWS_RESPONSE_CHECKSUM_VALIDATION"})
        y << YAML::BeginMap << YAML::Key << "name" << YAML::Value << name << YAML::Key << "value" << YAML::Value
          << "when_required" << YAML::EndMap;
    y << YAML::EndSeq;
}

void emitRecoveryTarget(YAML::Emitter& y, const RecoveryPlan& plan)
{
    const RecoveryTarget& t = plan.target;
    y << YAML::Key << "recoveryTarget" << YAML::Value << YAML::BeginMap;
    y << YAML::Key << "backupID" << YAML::Value << s(plan.backupId);
    switch (t.kind) {
    case RecoveryTarget::Kind::Time:
        y << YAML::Key << "targetTime" << YAML::Value << YAML::DoubleQuoted << s(t.time.toIso());
        break;
    case RecoveryTarget::Kind::Xid: y << YAML::Key << "targetXID" << YAML::Value << YAML::DoubleQuoted << s(t.xid); break;
    case RecoveryTarget::Kind::Lsn:
        y << YAML::Key << "targetLSN" << YAML::Value << YAML::DoubleQuoted << s(t.lsn.toString());
        break;
    case RecoveryTarget::Kind::Name: y << YAML::Key << "targetName" << YAML::Value << YAML::DoubleQuoted << s(t.name); break;
    case RecoveryTarget::Kind::Immediate: y << YAML::Key << "targetImmediate" << YAML::Value << true; break;
    }
    // CNPG's webhook takes an empty targetTLI, "latest" or a positive integer ("current" is
    // refused); the number the plan resolved pins replay to the timeline whose WAL was checked.
    // backupID is always set, so CNPG's own rule that a numbered targetTLI must match the
    // backup's timeline never applies.
    const bool immediate = t.kind == RecoveryTarget::Kind::Immediate;
    if (plan.resolvedTimeline() > 0)
        y << YAML::Key << "targetTLI" << YAML::Value << YAML::DoubleQuoted << std::to_string(plan.resolvedTimeline());
    if (!immediate)
        y << YAML::Key << "exclusive" << YAML::Value << t.exclusive;
    y << YAML::EndMap;
}

} // namespace

Result<Manifest> writeManifest(const catalog::ServerCatalog& catalog, const RecoveryPlan& plan, const ManifestOptions& o)
{
    if (!plan.ok())
        return fail(ErrorCode::Refused, ManifestWriterText::tr("no manifest for a refused plan: %1").arg(plan.reason),
                    plan.hint);
    if (!isDnsLabel(o.clusterName))
        return fail(ErrorCode::Usage, ManifestWriterText::tr("'%1' is not a valid cluster name").arg(o.clusterName),
                    ManifestWriterText::tr("Use lower-case letters, digits and '-', at most 63 characters (an RFC "
                                           "1123 label)."));
    if (!isDnsLabel(o.nameSpace))
        return fail(ErrorCode::Usage, ManifestWriterText::tr("'%1' is not a valid namespace").arg(o.nameSpace),
                    ManifestWriterText::tr("Use lower-case letters, digits and '-', at most 63 characters."));
    const catalog::BackupEntry* backup = catalog.findBackup(plan.backupId);
    if (!backup || !backup->info)
        return fail(ErrorCode::Internal,
                    ManifestWriterText::tr("the plan's backup %1 is not in the catalog").arg(plan.backupId));

    Manifest m;
    const QString destination = catalog.source.toString();
    const QString origin = catalog.server;
    QStringList taken = o.existingServers;
    taken.append(origin);
    // The recovered cluster must archive into an empty serverName: CNPG checks with
    // barman-cloud-check-wal-archive and refuses ("Expected empty archive") otherwise.
    m.archiveServer = (o.mode == ManifestOptions::Mode::InPlace || taken.contains(o.clusterName))
        ? nextServerName(o.clusterName, taken)
        : o.clusterName;
    const SizeEstimate size = storageSize(*backup, plan, catalog.wals.segmentSize());
    m.storageSize = size.size;
    const int major = backup->info->majorVersion();
    const QString image =
        o.imageName.isEmpty() ? QStringLiteral("ghcr.io/cloudnative-pg/postgresql:%1").arg(major) : o.imageName;
    const bool plugin = !o.pluginObjectStore.isEmpty();
    const bool r2 = isR2(o.endpointUrl);

    YAML::Emitter y;
    y << YAML::Comment(s(QStringLiteral("Written by Tideline: recover %1 from backup %2 of server %3 (%4), verdict %5")
                             .arg(plan.target.describeUntranslated(), plan.backupId, origin, destination,
                                  RecoveryPlan::verdictName(plan.verdict))));
    if (plugin) {
        y << YAML::BeginDoc << YAML::BeginMap;
        y << YAML::Key << "apiVersion" << YAML::Value << "barmancloud.cnpg.io/v1";
        y << YAML::Key << "kind" << YAML::Value << "ObjectStore";
        y << YAML::Key << "metadata" << YAML::Value << YAML::BeginMap << YAML::Key << "name" << YAML::Value
          << s(o.pluginObjectStore) << YAML::Key << "namespace" << YAML::Value << s(o.nameSpace) << YAML::EndMap;
        y << YAML::Key << "spec" << YAML::Value << YAML::BeginMap;
        y << YAML::Key << "configuration" << YAML::Value << YAML::BeginMap;
        emitObjectStoreConfig(y, destination, o, QString()); // the plugin rejects serverName here
        y << YAML::EndMap;
        if (r2) {
            y << YAML::Key << "instanceSidecarConfiguration" << YAML::Value << YAML::BeginMap;
            emitR2Env(y);
            y << YAML::EndMap;
        }
        y << YAML::EndMap << YAML::EndMap;
    }
    y << YAML::BeginDoc << YAML::BeginMap;
    y << YAML::Key << "apiVersion" << YAML::Value << "postgresql.cnpg.io/v1";
    y << YAML::Key << "kind" << YAML::Value << "Cluster";
    y << YAML::Key << "metadata" << YAML::Value << YAML::BeginMap << YAML::Key << "name" << YAML::Value << s(o.clusterName)
      << YAML::Key << "namespace" << YAML::Value << s(o.nameSpace) << YAML::EndMap;
    y << YAML::Key << "spec" << YAML::Value << YAML::BeginMap;
    y << YAML::Key << "instances" << YAML::Value << o.instances;
    y << YAML::Key << "imageName" << YAML::Value << s(image);
    y << YAML::Key << "storage" << YAML::Value << YAML::BeginMap << YAML::Key << "size" << YAML::Value << s(m.storageSize)
      << YAML::Comment(s(size.basis)) << YAML::EndMap;
    if (r2 && !plugin)
        emitR2Env(y);

    y << YAML::Key << "bootstrap" << YAML::Value << YAML::BeginMap << YAML::Key << "recovery" << YAML::Value << YAML::BeginMap;
    y << YAML::Key << "source" << YAML::Value << kSourceName;
    y << YAML::Key << "database" << YAML::Value << s(o.database);
    y << YAML::Key << "owner" << YAML::Value << s(o.owner);
    emitRecoveryTarget(y, plan);
    y << YAML::EndMap << YAML::EndMap;

    y << YAML::Key << "externalClusters" << YAML::Value << YAML::BeginSeq << YAML::BeginMap;
    y << YAML::Key << "name" << YAML::Value << kSourceName;
    if (plugin) {
        y << YAML::Key << "plugin" << YAML::Value << YAML::BeginMap << YAML::Key << "name" << YAML::Value << kPluginName
          << YAML::Key << "parameters" << YAML::Value << YAML::BeginMap << YAML::Key << "barmanObjectName" << YAML::Value
          << s(o.pluginObjectStore) << YAML::Key << "serverName" << YAML::Value << s(origin) << YAML::EndMap << YAML::EndMap;
    } else {
        y << YAML::Key << "barmanObjectStore" << YAML::Value << YAML::BeginMap;
        emitObjectStoreConfig(y, destination, o, origin);
        y << YAML::EndMap;
    }
    y << YAML::EndMap << YAML::EndSeq;

    if (plugin) {
        y << YAML::Key << "plugins" << YAML::Value << YAML::BeginSeq << YAML::BeginMap << YAML::Key << "name" << YAML::Value
          << kPluginName << YAML::Key << "isWALArchiver" << YAML::Value << true << YAML::Key << "parameters" << YAML::Value
          << YAML::BeginMap << YAML::Key << "barmanObjectName" << YAML::Value << s(o.pluginObjectStore) << YAML::Key
          << "serverName" << YAML::Value << s(m.archiveServer) << YAML::EndMap << YAML::EndMap << YAML::EndSeq;
    } else {
        y << YAML::Key << "backup" << YAML::Value << YAML::BeginMap << YAML::Key << "barmanObjectStore" << YAML::Value
          << YAML::BeginMap;
        emitObjectStoreConfig(y, destination, o, m.archiveServer);
        y << YAML::EndMap << YAML::EndMap;
    }
    y << YAML::EndMap << YAML::EndMap;

    if (!y.good())
        return fail(ErrorCode::Internal,
                    ManifestWriterText::tr("YAML emitter: %1").arg(QString::fromStdString(y.GetLastError())));
    m.yaml = QString::fromUtf8(y.c_str()) + QLatin1Char('\n');

    // What applying it does not do by itself.
    if (!o.inheritFromIamRole)
        m.notes.append(ManifestWriterText::tr("The Secret %1 (keys %2, %3) must exist in namespace %4 before you "
                                              "apply this. A ClusterExternalSecret only reaches namespaces that match "
                                              "its selector (the runbook's reaches namespaces labelled tier: "
                                              "application): label the namespace or create the Secret there.")
                           .arg(o.secretName, o.accessKeyIdKey, o.secretAccessKeyKey, o.nameSpace));
    if (m.archiveServer != o.clusterName || o.mode == ManifestOptions::Mode::InPlace)
        m.notes.append(ManifestWriterText::tr("The recovered cluster archives under serverName %1, not %2: CNPG "
                                              "refuses to archive into a serverName that already holds WAL "
                                              "(\"Expected empty archive\").")
                           .arg(m.archiveServer, o.clusterName));
    if (o.mode == ManifestOptions::Mode::InPlace) {
        m.notes.append(ManifestWriterText::tr("In-place recovery replaces cluster %1 in namespace %2. First delete it "
                                              "— this destroys its volumes; type the cluster name to confirm before "
                                              "you run: kubectl delete cluster %1 -n %2")
                           .arg(o.clusterName, o.nameSpace));
        m.notes.append(ManifestWriterText::tr("If a GitOps tool (ArgoCD, Flux) manages this cluster, make the same "
                                              "change in its source (bootstrap.recovery and the new serverName %1), or "
                                              "it will put the old spec back.")
                           .arg(m.archiveServer));
    }
    if (r2)
        m.notes.append(ManifestWriterText::tr("Cloudflare R2: the AWS_REQUEST_CHECKSUM_CALCULATION and "
                                              "AWS_RESPONSE_CHECKSUM_VALIDATION=when_required environment is set, "
                                              "because newer AWS SDKs send checksums R2 rejects."));
    // Only uncertain and unverified plans get this far (refused ones are turned away above).
    if (plan.verdict == RecoveryPlan::Verdict::Uncertain)
        m.notes.append(ManifestWriterText::tr("The plan is uncertain: %1").arg(plan.reason));
    else if (plan.verdict == RecoveryPlan::Verdict::Unverified)
        m.notes.append(ManifestWriterText::tr("The plan is unverified: %1").arg(plan.reason));
    return m;
}

} // namespace tideline::pitr
