// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/cli/BackupsCommand.h"

#include "src/cli/CatalogJson.h"
#include "src/cli/Output.h"
#include "src/cli/SourceAccess.h"

namespace tideline::cli {

namespace {
QString timeText(const std::optional<Timestamp>& t)
{
    return t ? t->toIso() : QStringLiteral("-");
}
} // namespace

int BackupsCommand::run(const Invocation& invocation)
{
    auto catalog = loadCatalog(invocation, invocation.args[0], invocation.args[1]);
    if (!catalog)
        return reportError(catalog.error());
    reportWarnings(catalog->warnings);
    if (invocation.json) {
        printJson(backupsJson(*catalog));
    } else {
        TextTable table({QStringLiteral("BACKUP ID"), QStringLiteral("NAME"), QStringLiteral("STATUS"),
                         QStringLiteral("BEGIN"), QStringLiteral("END"), QStringLiteral("TL"),
                         QStringLiteral("BEGIN WAL"), QStringLiteral("END WAL"), QStringLiteral("SIZE"),
                         QStringLiteral("PG"), QStringLiteral("COMPR"), QStringLiteral("KEEP"),
                         QStringLiteral("RESTORABLE")},
                        {5, 8, 9});
        for (const auto& b : catalog->backups) {
            const auto* i = b.info ? &*b.info : nullptr;
            QString restorable = QStringLiteral("-");
            if (b.state == catalog::BackupEntry::State::Done)
                restorable = b.restorable ? QStringLiteral("yes")
                                          : QStringLiteral("no: %1 WAL missing from %2")
                                                .arg(b.missingWalCount)
                                                .arg(b.firstMissingWal);
            table.addRow({b.id, i && !i->backupName.isEmpty() ? i->backupName : QStringLiteral("-"), b.statusText(),
                          i ? timeText(i->beginTime) : QStringLiteral("-"),
                          i ? timeText(i->endTime) : QStringLiteral("-"),
                          i ? QString::number(i->timeline) : QStringLiteral("-"), i ? i->beginWal : QStringLiteral("-"),
                          i ? i->endWal : QStringLiteral("-"), formatBytes(b.bytes),
                          i ? QString::number(i->majorVersion()) : QStringLiteral("-"),
                          i ? (i->compression.isEmpty() ? QStringLiteral("none") : i->compression) : QStringLiteral("-"),
                          b.keep.isEmpty() ? QStringLiteral("-") : b.keep, restorable});
        }
        printText(table.render());
    }
    // A backup.info nobody can read is data loss waiting to happen: say so in the exit status.
    for (const auto& b : catalog->backups)
        if (b.infoError)
            return reportError(*b.infoError);
    return 0;
}

} // namespace tideline::cli
