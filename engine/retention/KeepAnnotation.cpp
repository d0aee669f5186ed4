// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/retention/KeepAnnotation.h"

#include "engine/retention/RetentionTiers.h"

#include <QCoreApplication>

namespace tideline::retention {

namespace {
struct KeepAnnotationText {
    Q_DECLARE_TR_FUNCTIONS(KeepAnnotation)
};
} // namespace

Result<const catalog::BackupEntry*> findBackup(const catalog::ServerCatalog& catalog, const QString& backup)
{
    if (const catalog::BackupEntry* b = catalog.findBackup(backup))
        return b;
    return fail(ErrorCode::MissingSource,
                KeepAnnotationText::tr("no backup \"%1\" for server %2").arg(backup.left(80), catalog.server),
                KeepAnnotationText::tr("List the backups with: tideline-cli backups %1 %2")
                    .arg(catalog.source.toString(), catalog.server));
}

QString keepTargetName(KeepTarget target)
{
    return target == KeepTarget::Standalone ? QStringLiteral("standalone") : QStringLiteral("full");
}

QString keepKey(const catalog::ServerCatalog& catalog, const QString& backupId)
{
    return catalog.source.key(catalog.server) + QStringLiteral("/base/") + backupId + QStringLiteral("/annotations/keep");
}

Result<QString> setKeep(storage::ObjectStore& store, const catalog::ServerCatalog& catalog, const QString& backup,
                        KeepTarget target, const CancelToken& cancel)
{
    auto b = findBackup(catalog, backup);
    if (!b)
        return fail(b.error());
    const catalog::BackupEntry& entry = **b;
    if (!entry.info || entry.info->status != u"DONE")
        return fail(ErrorCode::Refused,
                    KeepAnnotationText::tr("backup %1 has status %2; only DONE backups can be kept")
                        .arg(entry.id, entry.statusText()),
                    KeepAnnotationText::tr("Keep a finished backup (tideline-cli backups lists them)."));
    if (auto ok = store.put(keepKey(catalog, entry.id), keepTargetName(target).toLatin1(), cancel); !ok)
        return fail(ok.error());
    // The keep is the user's now: a tier marker left beside it must not let tiers release it.
    const storage::DeleteReport report = store.deleteObjects({tierMarkerKey(catalog, entry.id)}, cancel);
    if (!report.failed.isEmpty())
        return fail(report.failed.constFirst().second);
    return entry.id;
}

Result<QString> releaseKeep(storage::ObjectStore& store, const catalog::ServerCatalog& catalog, const QString& backup,
                            const CancelToken& cancel)
{
    auto b = findBackup(catalog, backup);
    if (!b)
        return fail(b.error());
    const storage::DeleteReport report =
        store.deleteObjects({keepKey(catalog, (*b)->id), tierMarkerKey(catalog, (*b)->id)}, cancel);
    if (!report.failed.isEmpty())
        return fail(report.failed.constFirst().second);
    return (*b)->id;
}

} // namespace tideline::retention
