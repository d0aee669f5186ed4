// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/catalog/ServerCatalog.h"
#include "engine/core/CancelToken.h"
#include "engine/storage/ObjectStore.h"

#include <QString>

namespace tideline::retention {

/// barman-cloud-backup-keep's annotation: base/ID/annotations/keep holding "full" or "standalone".
/// Retention never deletes a backup that has one; "standalone" keeps only the WAL the backup
/// needs to be consistent, "full" keeps every WAL after it too.
enum class KeepTarget { Full, Standalone };

/// The backup as the catalog's findBackup() finds it (an id, a name, latest, oldest).
/// Errors: MissingSource, with the verb that lists the backups as hint. Pure; any thread.
Result<const catalog::BackupEntry*> findBackup(const catalog::ServerCatalog& catalog, const QString& backup);

/// "full" or "standalone".
QString keepTargetName(KeepTarget target);

/// The annotation's key for a backup of the catalog's server.
QString keepKey(const catalog::ServerCatalog& catalog, const QString& backupId);

/// Writes the keep annotation, as barman-cloud-backup-keep does, and removes a tier marker beside
/// it (the keep is the user's from then on, never released by tiers). The backup is looked up as
/// the catalog's findBackup() does (an id, a name, latest, oldest).
/// Errors: MissingSource for an unknown backup; Refused for a backup whose status is not DONE
/// (barman refuses too); the store's errors. Thread: not the GUI thread.
Result<QString> setKeep(storage::ObjectStore& store, const catalog::ServerCatalog& catalog, const QString& backup,
                        KeepTarget target, const CancelToken& cancel);

/// Deletes the keep annotation (barman-cloud-backup-keep --release) and any tier marker; releasing a backup without
/// one is not an error. Returns the backup id. Errors: MissingSource for an unknown backup; the
/// store's errors. Thread: not the GUI thread.
Result<QString> releaseKeep(storage::ObjectStore& store, const catalog::ServerCatalog& catalog, const QString& backup,
                            const CancelToken& cancel);

} // namespace tideline::retention
