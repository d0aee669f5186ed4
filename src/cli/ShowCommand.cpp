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
        return reportError(
            {ErrorCode::MissingSource,
             tr("no backup '%1' for server %2").arg(wanted, catalog->server),
             ids.isEmpty() ? tr("This server has no backups yet.")
                           //: "latest" and "oldest" are keywords the command accepts: keep them.
                           : tr("Known backups: %1 (or latest, oldest, a backup name).").arg(ids.join(QStringLiteral(", "))),
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
    // Labels and values; the value column starts after the longest (translated) label.
    QList<std::pair<QString, QString>> rows;
    auto row = [&](const QString& k, const QString& v) { rows.append({k, v}); };
    row(tr("Backup ID"), b->id);
    row(tr("Status"), b->statusText());
    if (b->info) {
        const auto& i = *b->info;
        row(tr("Name"), i.backupName.isEmpty() ? QStringLiteral("-") : i.backupName);
        row(tr("Begin time"), i.beginTime ? i.beginTime->toIso() : QStringLiteral("-"));
        row(tr("End time"), i.endTime ? i.endTime->toIso() : QStringLiteral("-"));
        row(tr("Timeline"), QString::number(i.timeline));
        row(tr("Begin WAL"), i.beginWal);
        row(tr("End WAL"), i.endWal);
        row(tr("Begin LSN"), i.beginLsn ? i.beginLsn->toString() : QStringLiteral("-"));
        row(tr("End LSN"), i.endLsn ? i.endLsn->toString() : QStringLiteral("-"));
        row(tr("System ID"), i.systemId);
        row(QStringLiteral("PostgreSQL"), QStringLiteral("%1 (%2)").arg(i.majorVersion()).arg(i.version));
        row(tr("WAL segment size"), formatBytes(static_cast<qint64>(i.segmentSize)));
        row(tr("Compression"), b->compressionText());
        if (i.clusterSize)
            row(tr("Cluster size"), formatBytes(*i.clusterSize));
        for (const auto& t : i.tablespaces)
            //: %1 is the tablespace name, %2 its oid, %3 its directory.
            row(tr("Tablespace"), tr("%1 (oid %2) at %3").arg(t.name, QString::number(t.oid), t.location));
        if (!i.error.isEmpty())
            row(tr("Error"), i.error);
    }
    row(tr("Keep"), b->keep.isEmpty() ? QStringLiteral("-") : b->keepTarget());
    //: %1 is a size, %2 a number of objects.
    row(tr("Size in bucket"), tr("%1 in %2 objects").arg(formatBytes(b->bytes), QString::number(b->objects)));
    row(tr("Data files"), b->dataFiles.join(QStringLiteral(", ")));
    if (b->state == catalog::BackupEntry::State::Done)
        row(tr("Restorable"), b->restorable ? b->restorableSummary() : b->unrestorableReason());
    printText(labelledLines(rows, 22));
    return 0;
}

} // namespace tideline::cli
