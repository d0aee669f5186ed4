// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/retention/RetentionPlanner.h"

#include "engine/catalog/BackupFiles.h"
#include "engine/pitr/RecoveryWindow.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <vector>

namespace tideline::retention {

namespace {

struct RetentionPlannerText {
    Q_DECLARE_TR_FUNCTIONS(RetentionPlanner)
};

using catalog::BackupEntry;
using storage::ObjectInfo;

const QString kDone = QStringLiteral("DONE");
const QString kWaitingForWals = QStringLiteral("WAITING_FOR_WALS");

// barman's KeepManager: "standalone" is standalone, any other annotation is treated as full.
QString keepStatus(const BackupEntry& b)
{
    return b.keep.isEmpty() ? QString() : QStringLiteral("KEEP:") + b.keepTarget().toUpper();
}

// One WAL object as barman-cloud's get_wal_paths() sees it.
struct WalFile {
    ObjectInfo object;
    QString name; ///< compression stripped, as stored
    wal::TimelineId timeline = 0;
    bool backupLabel = false;
};

QList<WalFile> walFiles(const catalog::WalArchive& wals)
{
    QList<WalFile> out;
    const auto add = [&](const catalog::WalObject& o) {
        out.append({ObjectInfo{wals.keyOf(o), o.size, o.uploadedUsec, {}}, o.name.baseName(), o.name.timeline,
                    o.name.kind == wal::WalFileName::Kind::BackupHistory});
    };
    for (const catalog::TimelineWal& t : wals.timelines()) {
        for (const auto& o : t.segments)
            add(o);
        for (const auto& o : t.partials)
            add(o);
        for (const auto& o : t.backupLabels)
            add(o);
    }
    for (const auto& o : wals.duplicateCopies())
        add(o);
    // By name, as barman compares them: what a step can delete is then a prefix of the list.
    std::sort(out.begin(), out.end(), [](const WalFile& a, const WalFile& b) { return a.name < b.name; });
    return out;
}

std::optional<Timestamp> restorableFrom(const catalog::ServerCatalog& catalog)
{
    const auto windows = pitr::computeRecoveryWindows(catalog);
    const auto latest = pitr::latestWindow(catalog, windows);
    if (!latest.recoverable())
        return std::nullopt;
    return latest.window->firstRecoverabilityPoint;
}

// barman's BackupManager.should_remove_wals for `-r`: WAL goes only when every earlier
// DONE/WAITING_FOR_WALS backup is keep:standalone (or there is none); their WAL ranges stay.
struct WalDecision {
    bool remove = false;
    QList<std::pair<QString, QString>> protectedRanges;
    QString whyNot;
};
WalDecision shouldRemoveWals(const QList<const BackupEntry*>& remaining, qsizetype index)
{
    WalDecision d;
    for (qsizetype i = index - 1; i >= 0; --i) {
        const BackupEntry& prev = *remaining[i];
        if (prev.info->status != kDone && prev.info->status != kWaitingForWals)
            continue;
        if (prev.keep != u"standalone") {
            d.whyNot = prev.keep.isEmpty()
                ? RetentionPlannerText::tr("an older backup (%1) remains and needs this WAL to reach the present").arg(prev.id)
                : RetentionPlannerText::tr("an older backup (%1) is kept in full and needs this WAL").arg(prev.id);
            d.protectedRanges.clear();
            return d;
        }
        d.protectedRanges.append({prev.info->beginWal, prev.info->endWal});
    }
    d.remove = true;
    return d;
}

} // namespace

qint64 RetentionStep::bytes() const
{
    qint64 total = backupInfo.size;
    for (const auto& o : files)
        total += o.size;
    for (const auto& o : wals)
        total += o.size;
    return total;
}

QStringList RetentionPlan::keys() const
{
    QStringList out;
    for (const RetentionStep& s : steps) {
        for (const auto& o : s.files)
            out.append(o.key);
        out.append(s.backupInfo.key);
        for (const auto& o : s.wals)
            out.append(o.key);
    }
    return out;
}

RetentionPlan planRetention(const catalog::ServerCatalog& catalog, const RetentionPolicy& policy, int minimumRedundancy,
                            qint64 nowUsec)
{
    RetentionPlan plan;
    plan.policy = policy;
    plan.minimumRedundancy = std::max(0, minimumRedundancy);
    plan.nowUsec = nowUsec;
    if (policy.kind == RetentionPolicy::Kind::RecoveryWindow)
        plan.pointOfRecoverabilityUsec = nowUsec - policy.windowUsec();

    // barman's catalog: backups with a readable backup.info, by id.
    QList<const BackupEntry*> listed;
    QHash<QString, BackupVerdict> verdicts;
    for (const BackupEntry& b : catalog.backups) {
        BackupVerdict v{b.id, {}, false, {}};
        if (b.infoError) {
            v.reason = RetentionPlannerText::tr("backup.info is unreadable: nothing can be deleted safely until it is "
                                                "fixed or removed");
            plan.blockers.append(RetentionPlannerText::tr("backup %1's backup.info is unreadable").arg(b.id));
        } else if (!b.info) {
            v.reason = RetentionPlannerText::tr("no backup.info (still running, or it never finished): retention does not "
                                                "see it");
        } else {
            listed.append(&b);
        }
        verdicts.insert(b.id, v);
    }

    // The report, newest first (retention_policies.py).
    const int redundancy = std::max(policy.value, plan.minimumRedundancy);
    int counted = 0;    // Redundancy: DONE backups seen; RecoveryWindow: backups kept as valid
    bool found = false; // RecoveryWindow: the first backup ending before the point was seen
    for (auto it = listed.crbegin(); it != listed.crend(); ++it) {
        const BackupEntry& b = **it;
        BackupVerdict& v = verdicts[b.id];
        if (b.info->status != kDone) {
            v.status = QStringLiteral("-");
            v.reason = RetentionPlannerText::tr("status %1: only DONE backups are rated, and never deleted")
                           .arg(b.info->status.left(40));
            continue;
        }
        const QString keep = keepStatus(b);
        const QString keptReason = RetentionPlannerText::tr("kept by its keep annotation (%1)").arg(b.keepTarget());
        if (policy.kind == RetentionPolicy::Kind::Redundancy) {
            if (!keep.isEmpty()) {
                v.status = keep;
                v.reason = keptReason;
            } else if (counted < redundancy) {
                v.status = QStringLiteral("VALID");
                v.reason = RetentionPlannerText::tr("one of the %n newest backups", nullptr, redundancy);
            } else {
                v.status = QStringLiteral("OBSOLETE");
                v.reason = RetentionPlannerText::tr("older than the %n newest backups", nullptr, redundancy);
            }
            ++counted;
            continue;
        }
        if (!b.info->endTime) {
            plan.blockers.append(RetentionPlannerText::tr("backup %1 is DONE but has no end_time").arg(b.id));
            v.status = QStringLiteral("-");
            v.reason = RetentionPlannerText::tr("DONE without an end time: it cannot be placed against the window");
            continue;
        }
        if (found) {
            if (counted < plan.minimumRedundancy) {
                v.status = keep.isEmpty() ? QStringLiteral("OBSOLETE*") : keep;
                v.reason = keep.isEmpty() ? RetentionPlannerText::tr("outside the window, kept for the minimum redundancy "
                                                                     "of %1")
                                                .arg(plan.minimumRedundancy)
                                          : keptReason;
                ++counted;
            } else if (!keep.isEmpty()) {
                v.status = keep;
                v.reason = keptReason;
            } else {
                v.status = QStringLiteral("OBSOLETE");
                v.reason = RetentionPlannerText::tr("older than the newest backup that ended before the point of "
                                                    "recoverability");
            }
            continue;
        }
        v.status = keep.isEmpty() ? QStringLiteral("VALID") : keep;
        ++counted;
        if (b.info->endTime->usecUtc < *plan.pointOfRecoverabilityUsec) {
            found = true;
            v.reason = keep.isEmpty() ? RetentionPlannerText::tr("the newest backup that ended before the point of "
                                                                 "recoverability: restores to the window's start begin here")
                                      : keptReason;
        } else {
            v.reason = keep.isEmpty() ? RetentionPlannerText::tr("ended inside the recovery window") : keptReason;
        }
    }
    for (const BackupEntry& b : catalog.backups) {
        BackupVerdict v = verdicts.value(b.id);
        v.remove = v.status == u"OBSOLETE";
        plan.backups.append(v);
    }

    // The deletions, oldest first, each seeing the catalog the earlier ones left
    // (cloud_backup_delete.py: remove_backup_from_cache, remove_wal_from_cache).
    QList<const BackupEntry*> remaining = listed;
    const QList<WalFile> wals = walFiles(catalog.wals);
    std::vector<char> walGone(size_t(wals.size()), 0);
    const QString basePrefix = catalog.source.key(catalog.server) + QStringLiteral("/base/");
    for (const BackupVerdict& v : plan.backups) {
        if (!v.remove)
            continue;
        const qsizetype index =
            std::find_if(remaining.cbegin(), remaining.cend(), [&](const BackupEntry* b) { return b->id == v.backupId; })
            - remaining.cbegin();
        const BackupEntry& b = *remaining[index];
        RetentionStep step;
        step.backupId = b.id;
        const QString prefix = basePrefix + b.id + QLatin1Char('/');
        for (const catalog::TarPart& part : catalog::tarParts(b, prefix).parts)
            step.files.append(ObjectInfo{part.key, part.size, 0, {}});
        step.backupInfo.key = prefix + QStringLiteral("backup.info");
        for (const ObjectInfo& o : b.objectList)
            if (o.key == step.backupInfo.key)
                step.backupInfo = o;

        const WalDecision decision = shouldRemoveWals(remaining, index);
        step.walCleanup = decision.remove;
        step.walCleanupSkipped = decision.whyNot;
        if (decision.remove) {
            const BackupEntry* removeUntil = &b;
            for (qsizetype i = index + 1; i < remaining.size(); ++i)
                if (remaining[i]->info->status == kDone || remaining[i]->info->status == kWaitingForWals) {
                    removeUntil = remaining[i];
                    break;
                }
            step.removeUntilWal = removeUntil->info->beginWal;
            QSet<wal::TimelineId> protectedTimelines;
            for (const BackupEntry* r : remaining)
                protectedTimelines.insert(r->info->timeline);
            protectedTimelines.remove(removeUntil->info->timeline);
            const qsizetype below = std::lower_bound(wals.cbegin(), wals.cend(), step.removeUntilWal,
                                                     [](const WalFile& w, const QString& until) { return w.name < until; })
                - wals.cbegin();
            for (qsizetype i = 0; i < below; ++i) {
                const WalFile& w = wals[i];
                if (walGone[size_t(i)] || protectedTimelines.contains(w.timeline))
                    continue;
                const QString rangeName = w.backupLabel ? w.name.left(24) : w.name;
                if (std::any_of(decision.protectedRanges.cbegin(), decision.protectedRanges.cend(),
                                [&](const auto& range) { return rangeName >= range.first && rangeName <= range.second; }))
                    continue;
                walGone[size_t(i)] = 1;
                step.wals.append(w.object);
            }
            std::sort(step.wals.begin(), step.wals.end(),
                      [](const ObjectInfo& x, const ObjectInfo& y) { return x.key < y.key; });
            if (step.removeUntilWal > plan.removeUntilWal)
                plan.removeUntilWal = step.removeUntilWal;
        }
        plan.walDeleteCount += step.wals.size();
        for (const auto& o : step.wals)
            plan.walDeleteBytes += o.size;
        plan.freedBytes += step.bytes();
        plan.steps.append(step);
        remaining.removeAt(index);
    }

    QSet<QString> gone;
    for (const QString& key : plan.keys())
        gone.insert(key);
    plan.restorableFromBefore = restorableFrom(catalog);
    plan.restorableFromAfter =
        plan.steps.isEmpty() ? plan.restorableFromBefore : restorableFrom(catalog::catalogWithout(catalog, gone));
    return plan;
}

} // namespace tideline::retention
