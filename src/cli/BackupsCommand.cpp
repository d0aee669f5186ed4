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
    // A backup list needs each backup's own WAL range, not the archive (barman's lists neither).
    auto catalog = loadCatalog(invocation, invocation.args[0], invocation.args[1], catalog::WalScope::BackupRanges);
    if (!catalog)
        return reportError(catalog.error());
    reportWarnings(catalog->warnings);
    if (invocation.json) {
        printJson(backupsJson(*catalog));
    } else {
        // Column headers: TextTable sizes every column from the (translated) header and its cells.
        TextTable table({tr("BACKUP ID"), tr("NAME"), tr("STATUS"), tr("BEGIN"), tr("END"),
                         //: timeline column header (TLI)
                         tr("TL"), tr("BEGIN WAL"), tr("END WAL"), tr("SIZE"),
                         //: PostgreSQL major version column header
                         tr("PG"),
                         //: compression column header (abbreviated)
                         tr("COMPR"), tr("KEEP"), tr("RESTORABLE")},
                        {5, 8, 9});
        for (const auto& b : catalog->backups) {
            const auto* i = b.info ? &*b.info : nullptr;
            const QString restorable = b.restorableSummary();
            table.addRow({b.id, i && !i->backupName.isEmpty() ? i->backupName : QStringLiteral("-"), b.statusText(),
                          i ? timeText(i->beginTime) : QStringLiteral("-"), i ? timeText(i->endTime) : QStringLiteral("-"),
                          i ? QString::number(i->timeline) : QStringLiteral("-"), i ? i->beginWal : QStringLiteral("-"),
                          i ? i->endWal : QStringLiteral("-"), formatBytes(b.bytes),
                          i ? QString::number(i->majorVersion()) : QStringLiteral("-"),
                          i ? b.compressionText() : QStringLiteral("-"),
                          b.keep.isEmpty() ? QStringLiteral("-") : b.keepTarget(), restorable});
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
