// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/catalog/BucketUsage.h"
#include "engine/catalog/ServerCatalog.h"
#include "engine/pitr/RecoveryWindow.h"

#include <QJsonArray>
#include <QJsonObject>

namespace tideline::cli {

/// The JSON shapes of DESIGN.md's command-line contract. Times are ISO 8601 with offset.
QJsonObject backupJson(const catalog::BackupEntry& entry);
QJsonObject backupsJson(const catalog::ServerCatalog& catalog);
QJsonObject walsJson(const catalog::ServerCatalog& catalog);
QJsonObject windowJson(const catalog::ServerCatalog& catalog, const QList<pitr::TimelineWindow>& windows);
QJsonObject usageJson(const QString& source, const QList<catalog::ServerUsage>& usage);
QJsonArray warningsJson(const QList<catalog::CatalogWarning>& warnings);
/// An upload time (µs UTC) as ISO 8601 in UTC; null for 0.
QJsonValue uploadTimeJson(qint64 usec);

} // namespace tideline::cli
