// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/cli/ShowCommand.h"

#include "src/cli/CatalogJson.h"
#include "src/cli/Output.h"
#include "src/cli/SourceAccess.h"

#include <QJsonArray>

namespace tideline::cli {

int ShowCommand::run(const Invocation& invocation)
{
    auto catalog = loadCatalog(invocation, invocation.args[0], invocation.args[1]);
    if (!catalog)
        return reportError(catalog.error());
    const QString& wanted = invocation.args[2];
    const catalog::BackupEntry* b = catalog->findBackup(wanted);
    if (!b) {
        QStringList ids;
        for (const auto& e : catalog->backups)
            ids.append(e.id);
        return reportError({ErrorCode::MissingSource,
                            QStringLiteral("no backup '%1' for server %2").arg(wanted, catalog->server),
                            ids.isEmpty() ? QStringLiteral("This server has no backups yet.")
                                          : QStringLiteral("Known backups: %1 (or latest, oldest, a backup name).")
                                                .arg(ids.join(QStringLiteral(", "))),
                            {}});
    }
    if (b->infoError)
        return reportError(*b->infoError);
    if (invocation.json) {
        QJsonObject o = backupJson(*b);
        QJsonArray files;
        for (const auto& obj : b->objectList)
            files.append(QJsonObject{{QStringLiteral("key"), obj.key},
                                     {QStringLiteral("size"), obj.size},
                                     {QStringLiteral("uploaded"), uploadTimeJson(obj.lastModifiedUsec)}});
        o.insert(QStringLiteral("objects"), files);
        printJson(o);
        return 0;
    }
    QString text;
    auto row = [&](const QString& k, const QString& v) { text += k.leftJustified(22) + v + QLatin1Char('\n'); };
    row(QStringLiteral("Backup ID"), b->id);
    row(QStringLiteral("Status"), b->statusText());
    if (b->info) {
        const auto& i = *b->info;
        row(QStringLiteral("Name"), i.backupName.isEmpty() ? QStringLiteral("-") : i.backupName);
        row(QStringLiteral("Begin time"), i.beginTime ? i.beginTime->toIso() : QStringLiteral("-"));
        row(QStringLiteral("End time"), i.endTime ? i.endTime->toIso() : QStringLiteral("-"));
        row(QStringLiteral("Timeline"), QString::number(i.timeline));
        row(QStringLiteral("Begin WAL"), i.beginWal);
        row(QStringLiteral("End WAL"), i.endWal);
        row(QStringLiteral("Begin LSN"), i.beginLsn ? i.beginLsn->toString() : QStringLiteral("-"));
        row(QStringLiteral("End LSN"), i.endLsn ? i.endLsn->toString() : QStringLiteral("-"));
        row(QStringLiteral("System ID"), i.systemId);
        row(QStringLiteral("PostgreSQL"), QStringLiteral("%1 (%2)").arg(i.majorVersion()).arg(i.version));
        row(QStringLiteral("WAL segment size"), formatBytes(static_cast<qint64>(i.segmentSize)));
        row(QStringLiteral("Compression"), i.compression.isEmpty() ? QStringLiteral("none") : i.compression);
        if (i.clusterSize)
            row(QStringLiteral("Cluster size"), formatBytes(*i.clusterSize));
        for (const auto& t : i.tablespaces)
            row(QStringLiteral("Tablespace"), QStringLiteral("%1 (oid %2) at %3").arg(t.name).arg(t.oid).arg(t.location));
        if (!i.error.isEmpty())
            row(QStringLiteral("Error"), i.error);
    }
    row(QStringLiteral("Keep"), b->keep.isEmpty() ? QStringLiteral("-") : b->keep);
    row(QStringLiteral("Size in bucket"), QStringLiteral("%1 in %2 objects").arg(formatBytes(b->bytes)).arg(b->objects));
    row(QStringLiteral("Data files"), b->dataFiles.join(QStringLiteral(", ")));
    if (b->state == catalog::BackupEntry::State::Done)
        row(QStringLiteral("Restorable"), b->restorable ? QStringLiteral("yes")
                                                        : QStringLiteral("no: %1 WAL segments missing, first %2")
                                                              .arg(b->missingWalCount)
                                                              .arg(b->firstMissingWal));
    printText(text);
    return 0;
}

} // namespace tideline::cli
