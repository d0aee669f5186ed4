// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/catalog/BucketUsage.h"
#include "engine/catalog/ServerCatalog.h"
#include "engine/catalog/WalEventIndex.h"
#include "engine/pitr/RecoveryWindow.h"

#include <QJsonArray>
#include <QJsonObject>

namespace tideline::cli {

/// The JSON shapes of DESIGN.md's command-line contract. Times are ISO 8601 with offset.
QJsonObject backupJson(const catalog::BackupEntry& entry);
QJsonObject backupsJson(const catalog::ServerCatalog& catalog);
QJsonObject walsJson(const catalog::ServerCatalog& catalog);
/// One decoded WAL event as `events` prints it (DESIGN.md's shape plus end_lsn and subxacts).
QJsonObject walEventJson(const wal::WalEvent& event);
/// `lastCommits`: the newest commit decoded from each timeline's WAL (readLastCommits); a
/// timeline without one, or whose window a gap cuts short, gets null last_commit_* fields.
QJsonObject windowJson(const catalog::ServerCatalog& catalog, const QList<pitr::TimelineWindow>& windows,
                       const QMap<wal::TimelineId, catalog::LastCommit>& lastCommits);
QJsonObject usageJson(const QString& source, const QList<catalog::ServerUsage>& usage);
QJsonArray warningsJson(const QList<catalog::CatalogWarning>& warnings);
/// An upload time (µs UTC) as ISO 8601 in UTC; null for 0.
QJsonValue uploadTimeJson(qint64 usec);

} // namespace tideline::cli
