// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/models/OverviewFacts.h"

namespace tideline::gui {

using catalog::BackupEntry;

OverviewFacts OverviewFacts::compute(const ServerSnapshot& snapshot)
{
    OverviewFacts f;
    // The verdict is that of the timeline a restore follows by default ('latest'): after a
    // failover whose first segments are missing, an older timeline's window must not show green.
    const pitr::LatestWindow latest = pitr::latestWindow(snapshot.catalog, snapshot.windows);
    f.latestTimeline = latest.timeline;
    if (latest.recoverable()) {
        f.window = latest.window;
        f.verdict = f.window->limitedByGap ? Verdict::LimitedByGap : Verdict::Recoverable;
        f.untilUsec = f.window->limitedByGap ? f.window->recoverableUntilUsec : f.window->lastArchivedUsec;
        f.untilWal = f.window->limitedByGap ? f.window->recoverableUntilWal : f.window->lastArchivedWal;
    } else {
        for (auto it = snapshot.windows.crbegin(); it != snapshot.windows.crend(); ++it) {
            if (it->firstRecoverabilityPoint) {
                f.window = &*it;
                f.verdict = Verdict::LatestNotRecoverable;
                f.untilUsec = it->limitedByGap ? it->recoverableUntilUsec : it->lastArchivedUsec;
                f.untilWal = it->limitedByGap ? it->recoverableUntilWal : it->lastArchivedWal;
                break;
            }
        }
    }
    for (const auto& w : snapshot.windows) {
        if (w.lastArchivedUsec >= f.lastWalUsec && !w.lastArchivedWal.isEmpty()) {
            f.lastWalUsec = w.lastArchivedUsec;
            f.lastWal = w.lastArchivedWal;
            f.lastWalTimeline = w.timeline;
        }
    }
    const auto& backups = snapshot.catalog.backups;
    f.lastDone = snapshot.catalog.findBackup(QStringLiteral("latest"));
    if (f.lastDone && f.lastDone->info && f.lastDone->info->endTime)
        f.lastDoneEndUsec = f.lastDone->info->endTime->usecUtc;
    if (!backups.isEmpty())
        f.newest = &backups.last(); // the catalog keeps them by id, oldest first
    for (const BackupEntry& b : backups) {
        switch (b.state) {
        case BackupEntry::State::Done:
            ++f.done;
            if (!b.restorable)
                ++f.unrestorable;
            break;
        case BackupEntry::State::Failed: ++f.failed; break;
        case BackupEntry::State::InProgress: ++f.inProgress; break;
        case BackupEntry::State::Incomplete: ++f.incomplete; break;
        case BackupEntry::State::Unreadable: ++f.unreadable; break;
        case BackupEntry::State::Other: break;
        }
    }
    for (const auto& t : snapshot.catalog.wals.timelines()) {
        for (const auto& g : t.gaps) {
            ++f.gaps;
            if (g.harmless)
                ++f.harmlessGaps;
            else
                f.missingSegments += g.count();
        }
    }
    return f;
}

} // namespace tideline::gui
