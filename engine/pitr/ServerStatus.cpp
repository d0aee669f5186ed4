// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/pitr/ServerStatus.h"

namespace tideline::pitr {

using catalog::BackupEntry;

QString ServerStatus::verdictName(Verdict v)
{
    switch (v) {
    case Verdict::Recoverable: return QStringLiteral("recoverable");
    case Verdict::LimitedByGap: return QStringLiteral("limited_by_gap");
    case Verdict::NotRecoverable:
    case Verdict::LatestNotRecoverable: return QStringLiteral("not_recoverable");
    }
    return {};
}

ServerStatus computeStatus(const catalog::ServerCatalog& catalog, const QList<TimelineWindow>& windows)
{
    ServerStatus s;
    // The verdict is that of the timeline a restore follows by default ('latest'): after a
    // failover whose first segments are missing, an older timeline's window must not show green.
    const LatestWindow latest = latestWindow(catalog, windows);
    s.latestTimeline = latest.timeline;
    if (latest.recoverable()) {
        s.window = latest.window;
        s.verdict = s.window->limitedByGap ? ServerStatus::Verdict::LimitedByGap : ServerStatus::Verdict::Recoverable;
    } else {
        for (auto it = windows.crbegin(); it != windows.crend(); ++it) {
            if (it->firstRecoverabilityPoint) {
                s.window = &*it;
                s.verdict = ServerStatus::Verdict::LatestNotRecoverable;
                break;
            }
        }
    }
    if (s.window) {
        s.untilUsec = s.window->limitedByGap ? s.window->recoverableUntilUsec : s.window->lastArchivedUsec;
        s.untilWal = s.window->limitedByGap ? s.window->recoverableUntilWal : s.window->lastArchivedWal;
    }
    for (const auto& w : windows) {
        if (w.lastArchivedUsec >= s.lastWalUsec && !w.lastArchivedWal.isEmpty()) {
            s.lastWalUsec = w.lastArchivedUsec;
            s.lastWal = w.lastArchivedWal;
            s.lastWalTimeline = w.timeline;
        }
    }
    const auto& backups = catalog.backups;
    s.lastDone = catalog.findBackup(QStringLiteral("latest"));
    if (s.lastDone && s.lastDone->info && s.lastDone->info->endTime)
        s.lastDoneEndUsec = s.lastDone->info->endTime->usecUtc;
    if (!backups.isEmpty())
        s.newest = &backups.last(); // the catalog keeps them by id, oldest first
    for (const BackupEntry& b : backups) {
        switch (b.state) {
        case BackupEntry::State::Done:
            ++s.done;
            if (!b.restorable)
                ++s.unrestorable;
            break;
        case BackupEntry::State::Failed: ++s.failed; break;
        case BackupEntry::State::InProgress: ++s.inProgress; break;
        case BackupEntry::State::Incomplete: ++s.incomplete; break;
        case BackupEntry::State::Unreadable: ++s.unreadable; break;
        case BackupEntry::State::Other: break;
        }
    }
    for (const auto& t : catalog.wals.timelines()) {
        for (const auto& g : t.gaps) {
            ++s.gaps;
            if (g.harmless)
                ++s.harmlessGaps;
            else
                s.missingSegments += g.count();
        }
    }
    return s;
}

} // namespace tideline::pitr
