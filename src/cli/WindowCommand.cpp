// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/cli/WindowCommand.h"

#include "engine/pitr/RecoveryWindow.h"
#include "src/cli/CatalogJson.h"
#include "src/cli/Output.h"
#include "src/cli/SourceAccess.h"

namespace tideline::cli {

int WindowCommand::run(const Invocation& invocation)
{
    auto catalog = loadCatalog(invocation, invocation.args[0], invocation.args[1]);
    if (!catalog)
        return reportError(catalog.error());
    reportWarnings(catalog->warnings);
    const auto windows = pitr::computeRecoveryWindows(*catalog);
    if (invocation.json) {
        printJson(windowJson(*catalog, windows));
        return 0;
    }
    QString out;
    for (const auto& w : windows) {
        out += QStringLiteral("Timeline %1\n").arg(w.timeline);
        if (!w.firstRecoverabilityPoint) {
            out += QStringLiteral("  nothing restorable: no complete backup reaches this timeline\n");
        } else {
            out += QStringLiteral("  first recoverability point  %1 (end of backup %2)\n")
                       .arg(w.firstRecoverabilityPoint->toIso(), w.firstRecoverabilityBackupId);
            if (w.limitedByGap)
                out += QStringLiteral("  RECOVERABLE ONLY UNTIL      %1 (uploaded %2): a gap in the WAL archive cuts the "
                                      "window short\n")
                           .arg(w.recoverableUntilWal, Timestamp::fromUsec(w.recoverableUntilUsec).toIso());
        }
        out += QStringLiteral("  last archived WAL           %1 (uploaded %2)\n")
                   .arg(w.lastArchivedWal, Timestamp::fromUsec(w.lastArchivedUsec).toIso());
        if (w.ranges.size() > 1)
            for (const auto& r : w.ranges)
                out += QStringLiteral("  range  %1 .. %2 (from backup %3, WAL up to %4%5)\n")
                           .arg(r.from.toIso(), Timestamp::fromUsec(r.toUploadedUsec).toIso(), r.fromBackupId, r.toWal,
                                r.endsAtGap ? QStringLiteral(", then a gap") : QString());
    }
    printText(out);
    return 0;
}

} // namespace tideline::cli
