// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/pitr/RecoveryWindow.h"

#include <algorithm>

namespace tideline::pitr {

using catalog::BackupEntry;

QList<TimelineWindow> computeRecoveryWindows(const catalog::ServerCatalog& catalog)
{
    const auto& wals = catalog.wals;
    const auto& graph = wals.graph();
    QList<TimelineWindow> windows;

    for (const auto& t : wals.timelines()) {
        if (t.segments.isEmpty())
            continue;
        TimelineWindow w;
        w.timeline = t.timeline;
        const auto& last = t.segments.last();
        w.lastArchivedWal = last.name.baseName();
        w.lastArchivedUsec = last.uploadedUsec;

        for (const BackupEntry* b : catalog.restorableBackups()) {
            const auto& info = *b->info;
            if (!info.endTime || !graph.isAncestor(info.timeline, t.timeline))
                continue;
            if (info.timeline != t.timeline) {
                const auto branchEnd = graph.endOnPathTo(info.timeline, t.timeline);
                if (!branchEnd || !info.endLsn || *info.endLsn > *branchEnd)
                    continue; // the backup ends after its timeline left this one's history
            }
            const auto reach = wals.lastReachable(info.timeline, b->beginSegno, t.timeline);
            if (!reach || reach->timeline != t.timeline)
                continue; // a gap on an ancestor timeline keeps this backup from getting here
            const catalog::WalObject* endObject = wals.find(reach->timeline, reach->segno);
            const bool atGap = reach->segno < t.lastSegno();
            if (!w.ranges.isEmpty() && w.ranges.last().toWal == endObject->name.baseName())
                continue; // same range, opened earlier by an older backup
            w.ranges.append({b->id, *info.endTime, endObject->name.baseName(), endObject->uploadedUsec, atGap});
        }
        if (!w.ranges.isEmpty()) {
            const auto& first = w.ranges.first();
            w.firstRecoverabilityPoint = first.from;
            w.firstRecoverabilityBackupId = first.fromBackupId;
            w.limitedByGap = first.endsAtGap;
            w.recoverableUntilWal = first.toWal;
            w.recoverableUntilUsec = first.toUploadedUsec;
        }
        windows.append(w);
    }
    return windows;
}

QList<TimeRange> mergedRecoverableRanges(const QList<TimelineWindow>& windows)
{
    QList<TimeRange> ranges;
    for (const TimelineWindow& w : windows)
        for (const RecoverableRange& r : w.ranges)
            if (r.toUploadedUsec >= r.from.usecUtc)
                ranges.append({r.from.usecUtc, r.toUploadedUsec});
    std::sort(ranges.begin(), ranges.end(), [](const TimeRange& a, const TimeRange& b) {
        return a.fromUsec != b.fromUsec ? a.fromUsec < b.fromUsec : a.toUsec < b.toUsec;
    });
    QList<TimeRange> merged;
    for (const TimeRange& r : ranges) {
        if (!merged.isEmpty() && r.fromUsec <= merged.last().toUsec)
            merged.last().toUsec = std::max(merged.last().toUsec, r.toUsec);
        else
            merged.append(r);
    }
    return merged;
}

LatestWindow latestWindow(const catalog::ServerCatalog& catalog, const QList<TimelineWindow>& windows)
{
    LatestWindow latest;
    latest.timeline = catalog.wals.graph().latest();
    for (const auto& w : windows)
        if (w.timeline == latest.timeline)
            latest.window = &w;
    return latest;
}

} // namespace tideline::pitr
