// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/Compression.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace tideline::catalog {

struct BackupEntry;

/// One tar stream of a base backup: barman-cloud writes NAME.tar, then NAME_0001.tar,
/// NAME_0002.tar ... (each a complete tar), NAME being "data" or a tablespace's OID.
struct TarPart {
    QString key;    ///< the object's key
    QString file;   ///< relative to base/ID/, e.g. "data_0001.tar.gz"
    QString name;   ///< "data" or the tablespace OID
    int number = 0; ///< 0 for NAME.tar, n for NAME_%04d.tar
    Compression compression = Compression::None;
    qint64 size = 0;
};

/// The tar parts of a backup, data first then by tablespace OID and part number, and why the
/// set is incomplete: no data tar; a part number missing between NAME.tar and the highest
/// NAME_nnnn.tar (an interrupted upload or barman-cloud-backup-delete); the same part twice
/// under two compressions; a tablespace of backup.info without its tar, or a tar for a
/// tablespace backup.info does not list. `problems` is empty when the set can be restored.
/// Pure; any thread.
struct TarPartSet {
    QList<TarPart> parts;
    QStringList problems; ///< one sentence each, in the user's language
};
TarPartSet tarParts(const BackupEntry& backup, const QString& backupPrefix);

} // namespace tideline::catalog
