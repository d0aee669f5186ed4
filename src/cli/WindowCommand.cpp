// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/cli/WindowCommand.h"

#include "engine/catalog/WalEventIndex.h"
#include "engine/pitr/RecoveryWindow.h"
#include "src/cli/CatalogJson.h"
#include "src/cli/Interrupt.h"
#include "src/cli/Output.h"
#include "src/cli/SourceAccess.h"

#include <algorithm>

namespace tideline::cli {

int WindowCommand::run(const Invocation& invocation)
{
    JobContext context(interruptToken());
    auto loaded = openAndLoad(invocation, invocation.args[0], invocation.args[1], context);
    if (!loaded)
        return reportError(loaded.error());
    reportWarnings(loaded->catalog.warnings);
    const catalog::ServerCatalog& served = loaded->catalog;
    const auto windows = pitr::computeRecoveryWindows(served);
    // The true end of each window is its last commit, decoded from the WAL's tail. Without it
    // the window still stands on upload times, so a failure here is a note, not an error.
    catalog::WalEventIndexOptions options;
    options.cacheDir = catalog::defaultWalEventCacheDir(loaded->source.url, loaded->server);
    QMap<wal::TimelineId, catalog::LastCommit> lastCommits;
    if (auto found = catalog::readLastCommits(*loaded->source.store, served, options, context))
        lastCommits = *found;
    else if (found.error().code == ErrorCode::Cancelled)
        return reportError(found.error());
    else
        //: %1 is why the WAL could not be read
        printNote(tr("the last commits could not be read from the WAL: %1").arg(found.error().oneLine()));
    if (invocation.json) {
        printJson(windowJson(served, windows, lastCommits));
        return 0;
    }
    // Labels in one column: the values start after the longest (translated) label.
    const QString firstLabel = tr("first recoverability point");
    //: shouted on purpose: the recovery window ends early because of a gap
    const QString untilLabel = tr("RECOVERABLE ONLY UNTIL");
    const QString lastLabel = tr("last archived WAL");
    const QString commitLabel = tr("last commit");
    const qsizetype width = std::max({firstLabel.size(), untilLabel.size(), lastLabel.size(), commitLabel.size()});
    auto row = [&](const QString& label, const QString& value) {
        return QStringLiteral("  %1  %2\n").arg(label.leftJustified(width), value);
    };
    QString out;
    for (const auto& w : windows) {
        out += tr("Timeline %1").arg(w.timeline) + QLatin1Char('\n');
        if (!w.firstRecoverabilityPoint) {
            out +=
                QStringLiteral("  ") + tr("nothing restorable: no complete backup reaches this timeline") + QLatin1Char('\n');
        } else {
            //: %1 is a time, %2 a backup ID
            out += row(firstLabel,
                       tr("%1 (end of backup %2)").arg(w.firstRecoverabilityPoint->toIso(), w.firstRecoverabilityBackupId));
            if (w.limitedByGap)
                //: %1 is a WAL segment name, %2 the time it was uploaded
                out += row(untilLabel,
                           tr("%1 (uploaded %2): a gap in the WAL archive cuts the window short")
                               .arg(w.recoverableUntilWal, Timestamp::fromUsec(w.recoverableUntilUsec).toIso()));
        }
        //: %1 is a WAL segment name, %2 the time it was uploaded
        out += row(lastLabel, tr("%1 (uploaded %2)").arg(w.lastArchivedWal, Timestamp::fromUsec(w.lastArchivedUsec).toIso()));
        if (const auto last = lastCommits.find(w.timeline); last != lastCommits.end() && !w.limitedByGap)
            //: %1 is a time, %2 an LSN, %3 a transaction id
            out += row(commitLabel,
                       tr("%1 (LSN %2, xid %3)")
                           .arg(Timestamp::fromUsec(last->timeUsec).toIso(), last->lsn.toString())
                           .arg(last->xid));
        if (w.ranges.size() > 1)
            for (const auto& r : w.ranges)
                out += QStringLiteral("  ")
                    + (r.endsAtGap
                           //: %1 .. %2 are times, %3 a backup ID, %4 a WAL segment name
                           ? tr("range  %1 .. %2 (from backup %3, WAL up to %4, then a gap)")
                           //: %1 .. %2 are times, %3 a backup ID, %4 a WAL segment name
                           : tr("range  %1 .. %2 (from backup %3, WAL up to %4)"))
                          .arg(r.from.toIso(), Timestamp::fromUsec(r.toUploadedUsec).toIso(), r.fromBackupId, r.toWal)
                    + QLatin1Char('\n');
    }
    if (const pitr::LatestWindow latest = pitr::latestWindow(served, windows); latest.timeline && !latest.recoverable())
        //: %1 is a timeline number
        out += tr("Timeline %1, which a restore follows by default (latest), is not recoverable: no complete backup "
                  "reaches its archived WAL (a gap at its start, or nothing archived on it yet). Restore with "
                  "--target-tli to an older timeline, or take a new backup.")
                   .arg(latest.timeline)
            + QLatin1Char('\n');
    printText(out);
    return 0;
}

} // namespace tideline::cli
