// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/pitr/RecoveryPlanner.h"

#include <QCoreApplication>

#include <cmath>

namespace tideline::pitr {

using catalog::BackupEntry;
using catalog::ServerCatalog;
using catalog::WalArchive;
using catalog::WalObject;
using wal::TimelineId;

QString RecoveryPlan::verdictName(Verdict v)
{
    switch (v) {
    case Verdict::Ok: return QStringLiteral("ok");
    case Verdict::Refused: return QStringLiteral("refused");
    case Verdict::Uncertain: return QStringLiteral("uncertain");
    case Verdict::Unverified: return QStringLiteral("unverified");
    }
    return {};
}

namespace {

struct RecoveryPlannerText {
    Q_DECLARE_TR_FUNCTIONS(RecoveryPlanner)
};
} // namespace

QString RecoveryPlan::verdictText(Verdict v)
{
    switch (v) {
    case Verdict::Ok: return RecoveryPlannerText::tr("ok", "plan verdict");
    case Verdict::Refused: return RecoveryPlannerText::tr("refused", "plan verdict");
    case Verdict::Uncertain: return RecoveryPlannerText::tr("uncertain", "plan verdict");
    case Verdict::Unverified: return RecoveryPlannerText::tr("unverified", "plan verdict");
    }
    return verdictName(v);
}

namespace {

constexpr int kMaxMissingNames = 50;
// S3's LastModified is truncated to the second: an object listed at 10:00:00 went up before 10:00:01.
constexpr qint64 kUploadTimeResolutionUsec = 1'000'000;

// One position of the replay: which timeline's copy of which segment.
struct Step {
    TimelineId timeline;
    quint64 segno;
};

// Where replay reads, as stretches of one timeline each, with every position numbered along it
// but never spelled out: a month of a busy server is two million segments, and the window plans
// again on every edit.
class ReplayPath {
public:
    using Leg = WalArchive::Leg;

    ReplayPath() = default;
    explicit ReplayPath(const QList<Leg>& legs)
    {
        for (const Leg& l : legs)
            if (l.to >= l.from)
                m_legs.append(l);
    }

    const QList<Leg>& legs() const { return m_legs; }
    bool isEmpty() const { return m_legs.isEmpty(); }
    static qsizetype lengthOf(const Leg& l) { return qsizetype(l.to - l.from + 1); }
    qsizetype size() const
    {
        qsizetype n = 0;
        for (const Leg& l : m_legs)
            n += lengthOf(l);
        return n;
    }
    Step at(qsizetype i) const
    {
        for (const Leg& l : m_legs) {
            if (i < lengthOf(l))
                return {l.timeline, l.from + quint64(i)};
            i -= lengthOf(l);
        }
        return last();
    }
    Step last() const { return {m_legs.constLast().timeline, m_legs.constLast().to}; }
    // The first `n` positions.
    ReplayPath head(qsizetype n) const
    {
        ReplayPath out;
        for (Leg l : m_legs) {
            if (n <= 0)
                break;
            l.to = std::min(l.to, l.from + quint64(n) - 1);
            n -= lengthOf(l);
            out.m_legs.append(l);
        }
        return out;
    }
    // The first position at or past segment `segno` (segment numbers only grow along a replay),
    // or -1 when the path ends before it.
    qsizetype indexOfSegno(quint64 segno) const
    {
        qsizetype offset = 0;
        for (const Leg& l : m_legs) {
            if (l.to >= segno)
                return offset + (segno > l.from ? qsizetype(segno - l.from) : 0);
            offset += lengthOf(l);
        }
        return -1;
    }

private:
    QList<Leg> m_legs;
};

class Planner {
public:
    Planner(const ServerCatalog& catalog, const RecoveryTarget& target, const PlanningRates& rates,
            const catalog::WalEventIndex* events)
        : m_catalog(catalog), m_wals(catalog.wals), m_graph(catalog.wals.graph()), m_rates(rates), m_events(events)
    {
        m_plan.target = target;
    }

    RecoveryPlan run()
    {
        if (refuseUnknownInWal())
            return finish();
        const BackupEntry* backup = chooseBackup();
        if (!backup)
            return finish();
        m_plan.backupId = backup->id;
        m_plan.backupTimeline = backup->info->timeline;
        m_plan.baseBytes = backup->bytes;

        const auto timeline = targetTimeline(*backup);
        if (!timeline)
            return finish();
        m_plan.targetTimeline = *timeline;
        const QList<TimelineId> fullPath = m_graph.path(*timeline);
        m_plan.timelinePath = fullPath.mid(fullPath.indexOf(backup->info->timeline));
        if (m_plan.target.kind == RecoveryTarget::Kind::Immediate)
            m_plan.timelinePath = {backup->info->timeline};

        switch (m_plan.target.kind) {
        case RecoveryTarget::Kind::Immediate: planImmediate(*backup); break;
        case RecoveryTarget::Kind::Lsn: planLsn(*backup, *timeline); break;
        case RecoveryTarget::Kind::Time:
            if (!planFromEvents(*backup, *timeline))
                planTime(*backup, *timeline);
            break;
        case RecoveryTarget::Kind::Xid:
        case RecoveryTarget::Kind::Name:
            if (!planFromEvents(*backup, *timeline))
                planUnverifiable(*backup, *timeline);
            break;
        }
        addGeneralWarnings();
        return finish();
    }

private:
    const ServerCatalog& m_catalog;
    const WalArchive& m_wals;
    const wal::TimelineGraph& m_graph;
    const PlanningRates& m_rates;
    const catalog::WalEventIndex* m_events;
    RecoveryPlan m_plan;

    const RecoveryTarget& target() const { return m_plan.target; }
    quint64 segmentSize() const { return m_wals.segmentSize(); }
    QString name(TimelineId tli, quint64 segno) const { return wal::segmentName(tli, segno, segmentSize()); }

    void refuse(const QString& reason, const QString& hint, std::optional<RecoveryTarget> alternative = {})
    {
        m_plan.verdict = RecoveryPlan::Verdict::Refused;
        m_plan.reason = reason;
        m_plan.hint = hint;
        m_plan.alternative = std::move(alternative);
    }

    RecoveryPlan finish()
    {
        const double segments16 =
            static_cast<double>(m_plan.requiredWal.count) * static_cast<double>(segmentSize()) / (16.0 * 1024 * 1024);
        m_plan.downloadBytes = m_plan.baseBytes + m_plan.requiredWal.bytes;
        if (!m_plan.backupId.isEmpty())
            m_plan.estimatedSeconds = static_cast<qint64>(
                std::ceil(m_rates.startupSeconds + static_cast<double>(m_plan.downloadBytes) / m_rates.downloadBytesPerSecond
                          + segments16 * m_rates.replaySecondsPerSegment16MiB));
        return m_plan;
    }

    // --- the backup -------------------------------------------------------------------------

    TimelineId resolveTimeline(const BackupEntry& b) const
    {
        switch (target().timeline.kind) {
        case TimelineSpec::Kind::Latest: return m_graph.probeLatest(b.info->timeline);
        case TimelineSpec::Kind::Current: return b.info->timeline;
        case TimelineSpec::Kind::Number: return target().timeline.number;
        }
        return b.info->timeline;
    }

    // The backup can start a recovery that ends on `timeline`: its timeline is on the path and
    // it finished before that timeline left its own.
    bool reaches(const BackupEntry& b, TimelineId timeline) const
    {
        const TimelineId own = b.info->timeline;
        if (!m_graph.isAncestor(own, timeline))
            return false;
        if (own == timeline)
            return true;
        const auto branchEnd = m_graph.endOnPathTo(own, timeline);
        return branchEnd && b.info->endLsn && *b.info->endLsn <= *branchEnd;
    }

    bool satisfiesTarget(const BackupEntry& b) const
    {
        switch (target().kind) {
        case RecoveryTarget::Kind::Time: return b.info->endTime && b.info->endTime->usecUtc <= target().time.usecUtc;
        case RecoveryTarget::Kind::Lsn: return b.info->endLsn && *b.info->endLsn < target().lsn;
        case RecoveryTarget::Kind::Xid:
        case RecoveryTarget::Kind::Name: {
            const TimelineId t = resolveTimeline(b);
            if (!eventsComplete(t))
                return true;
            // PostgreSQL stops at the first match after the backup's start; one before its end
            // stops replay before consistency, which is fatal.
            const auto e = stopEvent(t, b.info->beginLsn.value_or(wal::Lsn()));
            return e && e->lsn >= b.info->endLsn.value_or(wal::Lsn());
        }
        default: return true;
        }
    }

    // --- what the WAL says (the event index) -----------------------------------------------

    // The index can answer for t's path: it was built, and no segment on the path is damaged.
    bool eventsComplete(TimelineId t) const
    {
        if (!m_events || m_events->segments.isEmpty())
            return false;
        const QList<TimelineId> path = m_graph.path(t);
        for (const auto& s : m_events->segments)
            if (s.problem && path.contains(s.timeline))
                return false;
        for (TimelineId p : path)
            if (m_wals.timeline(p)
                && std::none_of(m_events->segments.begin(), m_events->segments.end(),
                                [&](const catalog::SegmentReading& s) { return s.timeline == p; }))
                return false; // the index was built without this timeline
        return true;
    }

    quint32 targetXid() const
    {
        // PostgreSQL takes the low 32 bits of an epoch-qualified xid.
        return static_cast<quint32>(target().xid.toULongLong() & 0xFFFFFFFFu);
    }

    // The record replay on t's path stops at, at or after `from`: the first restore point of the
    // name, the xid's commit or abort, the first commit or abort after a time target.
    std::optional<wal::WalEvent> stopEvent(TimelineId t, wal::Lsn from) const
    {
        using K = wal::WalEvent::Kind;
        const wal::WalEvent* best = nullptr;
        for (const auto& e : m_events->events) {
            // Only what a restore replays: not a .partial, not a copy it never fetches.
            if (e.lsn < from || (best && e.lsn >= best->lsn) || !catalog::restoreReplays(m_wals, t, e))
                continue;
            bool stops = false;
            switch (target().kind) {
            case RecoveryTarget::Kind::Name: stops = e.kind == K::RestorePoint && e.name == target().name; break;
            case RecoveryTarget::Kind::Xid:
                stops = (e.kind == K::Commit || e.kind == K::Abort) && e.xid == targetXid();
                break;
            case RecoveryTarget::Kind::Time:
                stops = (e.kind == K::Commit || e.kind == K::Abort) && e.timeUsec
                    && (target().exclusive ? *e.timeUsec >= target().time.usecUtc : *e.timeUsec > target().time.usecUtc);
                break;
            default: break;
            }
            if (stops)
                best = &e;
        }
        return best ? std::optional<wal::WalEvent>(*best) : std::nullopt;
    }

    // A restore point or xid the whole archive never mentions is refused before any backup is
    // chosen, with what does exist.
    bool refuseUnknownInWal()
    {
        using K = wal::WalEvent::Kind;
        if (!m_events || m_events->segments.isEmpty() || !m_events->problems().isEmpty())
            return false;
        if (target().kind == RecoveryTarget::Kind::Name) {
            QStringList names;
            for (const auto& e : m_events->events)
                if (e.kind == K::RestorePoint) {
                    if (e.name == target().name)
                        return false;
                    if (!names.contains(e.name))
                        names.append(e.name);
                }
            const QStringList shown = names.mid(std::max<qsizetype>(0, names.size() - 20));
            refuse(RecoveryPlannerText::tr("there is no restore point named '%1' in the archived WAL").arg(target().name),
                   names.isEmpty() ? RecoveryPlannerText::tr("The archived WAL holds no restore point at all "
                                                             "(pg_create_restore_point writes them).")
                                   : RecoveryPlannerText::tr("Restore points in the archive (newest last): %1")
                                         .arg(shown.join(QStringLiteral(", "))));
            return true;
        }
        if (target().kind == RecoveryTarget::Kind::Xid) {
            const quint32 xid = targetXid();
            for (const auto& e : m_events->events) {
                if ((e.kind == K::Commit || e.kind == K::Abort) && e.xid == xid)
                    return false;
                if ((e.kind == K::Commit || e.kind == K::Abort) && e.subxacts.contains(xid)) {
                    RecoveryTarget parent = target();
                    parent.xid = QString::number(e.xid);
                    refuse(RecoveryPlannerText::tr("transaction %1 is a subtransaction of %2; recovery_target_xid "
                                                   "only stops at top-level transactions")
                               .arg(target().xid)
                               .arg(e.xid),
                           RecoveryPlannerText::tr("Aim at the transaction it belongs to: --target-xid %1.").arg(e.xid),
                           parent);
                    return true;
                }
            }
            refuse(RecoveryPlannerText::tr("transaction %1 never commits or aborts in the archived WAL").arg(target().xid),
                   RecoveryPlannerText::tr("Check the xid (the events command lists commits and aborts); a transaction "
                                           "still running, or one that wrote nothing, cannot be a target."));
            return true;
        }
        return false;
    }

    // Plans a time, xid or name target from the decoded records; false when the index cannot
    // answer for this path (then the upload-time rules apply).
    bool planFromEvents(const BackupEntry& b, TimelineId timeline)
    {
        if (!eventsComplete(timeline))
            return false;
        // A time target stops at the first commit after it once consistent; a name or xid at its
        // first occurrence after the backup's start (chooseBackup made sure that is after the end).
        const wal::Lsn from = target().kind == RecoveryTarget::Kind::Time ? b.info->endLsn.value_or(wal::Lsn())
                                                                          : b.info->beginLsn.value_or(wal::Lsn());
        const auto stop = stopEvent(timeline, from);
        if (!stop && target().kind != RecoveryTarget::Kind::Time)
            return false;
        if (!stop)
            m_plan.walChecked = true;
        const ReplayPath all = steps(b, timeline, lastSegnoOf(timeline));
        if (!stop) {
            // Only a time target gets here (chooseBackup proved the others): nothing after it.
            require(all);
            std::optional<catalog::LastCommit> last = m_events->lastCommit(m_wals, timeline);
            if (last && last->lsn < from)
                last.reset();
            if (!last) {
                refuse(RecoveryPlannerText::tr("%1 is after the end of the archived WAL: no commit follows backup %2 on "
                                               "timeline %3")
                           .arg(target().describe(), b.id)
                           .arg(timeline),
                       RecoveryPlannerText::tr("Restore to the end of the backup (--target-immediate --backup-id %1), "
                                               "or wait for archiving to catch up.")
                           .arg(b.id),
                       immediateOn(b.id));
                return true;
            }
            refuse(RecoveryPlannerText::tr("no commit after %1 is archived on timeline %2 (the last is at %3, xid %4, "
                                           "LSN %5), and PostgreSQL stops a time target only at a later commit")
                       .arg(target().describe())
                       .arg(timeline)
                       .arg(Timestamp::fromUsec(last->timeUsec).toIso())
                       .arg(last->xid)
                       .arg(last->lsn.toString()),
                   RecoveryPlannerText::tr("To restore everything archived, that commit included: --target-lsn %1; or "
                                           "wait for archiving to catch up.")
                       .arg(last->lsn.toString()),
                   lsnTarget(last->lsn));
            return true;
        }
        m_plan.stopEvent = stop;
        // Replay must read the stop record whole: up to the segment of its last byte.
        const quint64 seg = wal::segnoOfLsn(wal::Lsn(stop->end.value() - 1), segmentSize());
        const qsizetype at = all.indexOfSegno(seg);
        if (at < 0)
            return false; // the record lies past what replay reads: upload-time rules decide
        m_plan.walChecked = true;
        if (const qsizetype missing = require(all.head(at + 1)); missing >= 0) {
            refuseGap(b, all, missing);
            return true;
        }
        m_plan.verdict = RecoveryPlan::Verdict::Ok;
        if (target().kind == RecoveryTarget::Kind::Xid)
            for (const auto& e : m_events->events)
                if ((e.kind == wal::WalEvent::Kind::Commit || e.kind == wal::WalEvent::Kind::Abort) && e.xid == stop->xid
                    && !m_graph.holds(timeline, e.timeline, e.lsn))
                    m_plan.warnings.append(RecoveryPlannerText::tr("transaction id %1 also ended on timeline %2 at %3, "
                                                                   "a different transaction (a point-in-time recovery "
                                                                   "hands out xids again); this plan stops at the one on "
                                                                   "timeline %4 at %5")
                                               .arg(target().xid)
                                               .arg(e.timeline)
                                               .arg(Timestamp::fromUsec(e.timeUsec.value_or(0)).toIso())
                                               .arg(stop->timeline)
                                               .arg(Timestamp::fromUsec(stop->timeUsec.value_or(0)).toIso()));
        if (stop->kind == wal::WalEvent::Kind::Abort && target().kind == RecoveryTarget::Kind::Xid)
            m_plan.warnings.append(RecoveryPlannerText::tr("transaction %1 rolled back (%2): recovery stops at its "
                                                           "abort, so none of its changes are restored")
                                       .arg(target().xid, Timestamp::fromUsec(stop->timeUsec.value_or(0)).toIso()));
        return true;
    }

    static RecoveryTarget immediateOn(const QString& backupId)
    {
        RecoveryTarget t;
        t.kind = RecoveryTarget::Kind::Immediate;
        t.timeline.kind = TimelineSpec::Kind::Current;
        t.backupId = backupId;
        return t;
    }

    bool refuseUnknownTimeline(TimelineId t)
    {
        const QList<TimelineId> known = m_graph.timelines();
        if (known.contains(t))
            return false;
        QStringList names;
        for (TimelineId k : known)
            names.append(QString::number(k));
        refuse(RecoveryPlannerText::tr("timeline %1 is not in the archive").arg(t),
               RecoveryPlannerText::tr("Known timelines: %1 (the wals command shows the tree).")
                   .arg(names.join(QStringLiteral(", "))));
        return true;
    }

    const BackupEntry* chooseBackup()
    {
        const QList<const BackupEntry*> restorable = m_catalog.restorableBackups();
        if (target().timeline.kind == TimelineSpec::Kind::Number && refuseUnknownTimeline(target().timeline.number))
            return nullptr;
        if (!target().backupId.isEmpty()) {
            const BackupEntry* b = m_catalog.findBackup(target().backupId);
            if (!b) {
                refuse(RecoveryPlannerText::tr("there is no backup '%1'").arg(target().backupId),
                       RecoveryPlannerText::tr("List the backups with the backups command, or leave --backup-id out "
                                               "to let Tideline choose."));
                return nullptr;
            }
            if (!b->restorable) {
                refuse(b->unrestorableReason(), RecoveryPlannerText::tr("Choose another backup, or leave --backup-id out."),
                       alternativeWithoutPin());
                return nullptr;
            }
            if (!satisfiesTarget(*b)) {
                refuse(RecoveryPlannerText::tr("backup %1 ended after the target %2; recovery cannot go back in time")
                           .arg(b->id, target().describe()),
                       RecoveryPlannerText::tr("Choose a backup that ended before the target, or leave --backup-id "
                                               "out."),
                       alternativeWithoutPin());
                return nullptr;
            }
            return b;
        }
        if (restorable.isEmpty()) {
            refuse(RecoveryPlannerText::tr("no backup of server %1 can be restored").arg(m_catalog.server),
                   m_catalog.backups.isEmpty()
                       ? RecoveryPlannerText::tr("There are no backups yet: take one (a CNPG Backup or ScheduledBackup).")
                       : RecoveryPlannerText::tr("Every backup lacks WAL or tar files, or is unfinished; see the backups "
                                                 "and wals commands."));
            return nullptr;
        }
        for (auto it = restorable.crbegin(); it != restorable.crend(); ++it)
            if (satisfiesTarget(**it) && reaches(**it, resolveTimeline(**it)))
                return *it;

        // Nothing ended early enough (or on a usable timeline): the target is before the window.
        const BackupEntry* oldest = nullptr;
        for (const BackupEntry* b : restorable)
            if (reaches(*b, resolveTimeline(*b))) {
                oldest = b;
                break;
            }
        if (!oldest) {
            refuse(RecoveryPlannerText::tr("no restorable backup lies on the history of timeline %1")
                       .arg(target().timeline.toString()),
                   RecoveryPlannerText::tr("Pick another --target-tli; the wals command shows the timeline tree."));
            return nullptr;
        }
        refuse(RecoveryPlannerText::tr("%1 is before the first recoverability point %2 (the end of the oldest "
                                       "restorable backup, %3)")
                   .arg(target().describe(), oldest->info->endTime ? oldest->info->endTime->toIso() : QString(), oldest->id),
               RecoveryPlannerText::tr("Nothing older can be restored: the nearest point is the end of backup %1 "
                                       "(--target-immediate --backup-id %1).")
                   .arg(oldest->id),
               immediateOn(oldest->id));
        return nullptr;
    }

    std::optional<RecoveryTarget> alternativeWithoutPin() const
    {
        RecoveryTarget unpinned = target();
        unpinned.backupId.clear();
        const RecoveryPlan p = planRecovery(m_catalog, unpinned, m_rates, m_events);
        if (p.ok()) {
            unpinned.backupId = p.backupId;
            return unpinned;
        }
        return p.alternative;
    }

    std::optional<TimelineId> targetTimeline(const BackupEntry& b)
    {
        const TimelineId t = resolveTimeline(b);
        if (refuseUnknownTimeline(t))
            return std::nullopt;
        if (!reaches(b, t)) {
            if (target().timeline.kind == TimelineSpec::Kind::Latest)
                refuse(RecoveryPlannerText::tr("PostgreSQL would follow the history files to timeline %1 (latest), "
                                               "which does not descend from backup %2 on timeline %3 before it "
                                               "branched")
                           .arg(QString::number(t), b.id, QString::number(b.info->timeline)),
                       RecoveryPlannerText::tr("Give --target-tli with a timeline on the backup's history (the wals "
                                               "command shows the tree)."));
            else
                refuse(RecoveryPlannerText::tr("backup %1 (timeline %2) is not on the history of timeline %3, or "
                                               "ended after timeline %3 branched off")
                           .arg(b.id, QString::number(b.info->timeline), QString::number(t)),
                       RecoveryPlannerText::tr("Choose a backup taken on timeline %1 or on an ancestor before the "
                                               "switch.")
                           .arg(t));
            return std::nullopt;
        }
        return t;
    }

    // --- the WAL ------------------------------------------------------------------------------

    // What replay reads from the backup's start to (toTli, toSegno), in order.
    ReplayPath steps(const BackupEntry& b, TimelineId toTli, quint64 toSegno) const
    {
        return ReplayPath(m_wals.legs(b.info->timeline, b.beginSegno, toTli, toSegno));
    }

    // The archived segments of a leg's timeline within the leg, in segno order.
    std::pair<const WalObject*, const WalObject*> archivedIn(const ReplayPath::Leg& leg) const
    {
        const catalog::TimelineWal* t = m_wals.timeline(leg.timeline);
        if (!t)
            return {nullptr, nullptr};
        const auto bySegno = [](const WalObject& w, quint64 s) { return w.segno < s; };
        const WalObject* all = t->segments.constData();
        const WalObject* allEnd = all + t->segments.size();
        const WalObject* begin = std::lower_bound(all, allEnd, leg.from, bySegno);
        return {begin, std::lower_bound(begin, allEnd, leg.to + 1, bySegno)};
    }

    // Fills requiredWal for the path, returns the position of the first missing segment or -1.
    // One pass over the archived segments of each leg: the missing ones are the holes between.
    qsizetype require(const ReplayPath& path)
    {
        RequiredWal& r = m_plan.requiredWal;
        r = {};
        if (path.isEmpty())
            return -1;
        const Step first = path.at(0);
        r.first = name(first.timeline, first.segno);
        r.last = name(path.last().timeline, path.last().segno);
        r.count = static_cast<quint64>(path.size());
        qsizetype firstMissing = -1;
        qsizetype offset = 0;
        for (const ReplayPath::Leg& leg : path.legs()) {
            const auto missing = [&](quint64 from, quint64 to) {
                if (firstMissing < 0)
                    firstMissing = offset + qsizetype(from - leg.from);
                r.missingCount += to - from + 1;
                for (quint64 s = from; s <= to && r.missing.size() < kMaxMissingNames; ++s)
                    r.missing.append(name(leg.timeline, s));
            };
            quint64 expected = leg.from;
            const auto [begin, end] = archivedIn(leg);
            for (const WalObject* w = begin; w != end; ++w) {
                if (w->segno > expected)
                    missing(expected, w->segno - 1);
                r.bytes += w->size;
                expected = w->segno + 1;
            }
            if (expected <= leg.to)
                missing(expected, leg.to);
            offset += ReplayPath::lengthOf(leg);
        }
        return firstMissing;
    }

    quint64 lastSegnoOf(TimelineId tli) const
    {
        const auto* t = m_wals.timeline(tli);
        return t && !t->segments.isEmpty() ? t->lastSegno() : 0;
    }

    RecoveryTarget lsnTarget(wal::Lsn lsn) const
    {
        RecoveryTarget t = target();
        t.kind = RecoveryTarget::Kind::Lsn;
        t.lsn = lsn;
        t.backupId = m_plan.backupId;
        return t;
    }

    RecoveryTarget timeTarget(qint64 usec) const
    {
        RecoveryTarget t = target();
        t.kind = RecoveryTarget::Kind::Time;
        t.time = Timestamp::fromUsec(usec, target().kind == RecoveryTarget::Kind::Time ? target().time.offsetSeconds : 0);
        t.backupId = m_plan.backupId;
        return t;
    }

    // The safest point before position `end` (exclusive) of the path: the start of the last
    // archived segment before it — replay finds a record there — or, when even that is the
    // backup's own end, the end of the backup.
    RecoveryTarget alternativeBefore(const BackupEntry& b, const ReplayPath& path, qsizetype end) const
    {
        const qsizetype last = end - 1;
        const Step lastStep = last >= 0 ? path.at(last) : Step{};
        if (last >= 0 && lastStep.segno > b.endSegno) {
            if (target().kind == RecoveryTarget::Kind::Time && last >= 1) {
                // A time is safe when a later segment, uploaded strictly after it, is archived.
                const Step previous = path.at(last - 1);
                const WalObject* before = m_wals.find(previous.timeline, previous.segno);
                const WalObject* lastObject = m_wals.find(lastStep.timeline, lastStep.segno);
                if (before && lastObject && b.info->endTime && before->uploadedUsec > b.info->endTime->usecUtc
                    && lastObject->uploadedUsec > before->uploadedUsec)
                    return timeTarget(before->uploadedUsec);
            }
            return lsnTarget(wal::segmentStartLsn(lastStep.segno, segmentSize()));
        }
        return immediateOn(b.id);
    }

    QString argsOf(const RecoveryTarget& t) const
    {
        switch (t.kind) {
        case RecoveryTarget::Kind::Time: return QStringLiteral("--target-time %1").arg(t.time.toIso());
        case RecoveryTarget::Kind::Lsn: return QStringLiteral("--target-lsn %1").arg(t.lsn.toString());
        default: return QStringLiteral("--target-immediate --backup-id %1").arg(t.backupId);
        }
    }

    void refuseGap(const BackupEntry& b, const ReplayPath& path, qsizetype missingAt)
    {
        const RecoveryTarget alt = alternativeBefore(b, path, missingAt);
        const Step missing = path.at(missingAt);
        refuse(RecoveryPlannerText::tr("WAL segment %1 is missing from the archive, so replay from backup %2 stops "
                                       "before %3")
                   .arg(name(missing.timeline, missing.segno), b.id, target().describe()),
               RecoveryPlannerText::tr("The archive has a gap (see the wals command). The nearest reachable point "
                                       "before it: %1; a later target needs a backup taken after the gap.")
                   .arg(argsOf(alt)),
               alt);
    }

    void planImmediate(const BackupEntry& b)
    {
        require(steps(b, b.info->timeline, b.endSegno)); // restorable: nothing missing
        m_plan.verdict = RecoveryPlan::Verdict::Ok;
    }

    void planLsn(const BackupEntry& b, TimelineId timeline)
    {
        // Segment numbers only grow along the replay path, so the target's segment is the first
        // step at or past it — read from whichever timeline PostgreSQL reads it from (the switch
        // segment comes from the new timeline, even when the LSN lies before the switch).
        const quint64 seg = wal::segnoOfLsn(target().lsn, segmentSize());
        const ReplayPath all = steps(b, timeline, lastSegnoOf(timeline));
        const qsizetype at = all.indexOfSegno(seg);
        if (at < 0) {
            require(all);
            const RecoveryTarget alt = alternativeBefore(b, all, all.size());
            refuse(RecoveryPlannerText::tr("LSN %1 is after the end of the archive on timeline %2 (last segment %3)")
                       .arg(target().lsn.toString(), QString::number(timeline), name(timeline, lastSegnoOf(timeline))),
                   RecoveryPlannerText::tr("Wait for archiving to catch up, or aim at %1.").arg(argsOf(alt)), alt);
            return;
        }
        const qsizetype missing = require(all.head(at + 1));
        if (missing >= 0) {
            refuseGap(b, all, missing);
            return;
        }
        if (at + 1 == all.size()) {
            m_plan.verdict = RecoveryPlan::Verdict::Uncertain;
            m_plan.reason = RecoveryPlannerText::tr("the target lies in the newest archived segment; if no record at "
                                                    "or after it is archived yet, recovery ends before reaching it");
            return;
        }
        m_plan.verdict = RecoveryPlan::Verdict::Ok;
    }

    void planTime(const BackupEntry& b, TimelineId timeline)
    {
        const qint64 t = target().time.usecUtc;
        const ReplayPath all = steps(b, timeline, lastSegnoOf(timeline));
        // Every record written after t is in a segment uploaded after t; the first such segment on
        // the path is where replay can prove it has passed the target.
        qsizetype proof = -1;
        qsizetype firstMissing = -1;
        qsizetype offset = 0;
        for (const ReplayPath::Leg& leg : all.legs()) {
            quint64 expected = leg.from;
            const auto [begin, end] = archivedIn(leg);
            for (const WalObject* w = begin; w != end && proof < 0 && firstMissing < 0; ++w) {
                if (w->segno > expected)
                    firstMissing = offset + qsizetype(expected - leg.from);
                else if (w->uploadedUsec > t) // truncated to the second, so strictly later really is later
                    proof = offset + qsizetype(w->segno - leg.from);
                expected = w->segno + 1;
            }
            if (proof < 0 && firstMissing < 0 && expected <= leg.to)
                firstMissing = offset + qsizetype(expected - leg.from);
            if (proof >= 0 || firstMissing >= 0)
                break;
            offset += ReplayPath::lengthOf(leg);
        }
        if (firstMissing >= 0) {
            require(all.head(firstMissing + 1));
            refuseGap(b, all, firstMissing);
            return;
        }
        if (proof < 0) {
            require(all);
            const WalObject* newest = all.isEmpty() ? nullptr : m_wals.find(all.last().timeline, all.last().segno);
            if (newest && newest->uploadedUsec + kUploadTimeResolutionUsec > t) {
                m_plan.verdict = RecoveryPlan::Verdict::Uncertain;
                m_plan.reason = RecoveryPlannerText::tr("the newest archived segment was uploaded in the same second "
                                                        "as the target (object stores keep upload times to the "
                                                        "second); whether it holds a commit after the target is only "
                                                        "known by replaying");
                return;
            }
            const RecoveryTarget alt = alternativeBefore(b, all, all.size());
            const WalObject* lastObject = all.isEmpty() ? nullptr : m_wals.find(all.last().timeline, all.last().segno);
            refuse(RecoveryPlannerText::tr("%1 is after the end of the archive: the newest segment on timeline %2 "
                                           "was uploaded at %3")
                       .arg(target().describe(), QString::number(timeline),
                            lastObject ? Timestamp::fromUsec(lastObject->uploadedUsec).toIso() : QStringLiteral("-")),
                   RecoveryPlannerText::tr("Wait for archiving to catch up (check the cluster's ContinuousArchiving "
                                           "condition), or aim at %1.")
                       .arg(argsOf(alt)),
                   alt);
            return;
        }
        require(all.head(proof + 1));
        const bool nextArchived = proof + 1 < all.size();
        if (!nextArchived) {
            m_plan.verdict = RecoveryPlan::Verdict::Uncertain;
            m_plan.reason = RecoveryPlannerText::tr("the target is later than the upload of the second-to-last "
                                                    "archived segment; the last commit in the archive is not known "
                                                    "without reading WAL, so PostgreSQL may end recovery before "
                                                    "reaching it");
            return;
        }
        m_plan.verdict = RecoveryPlan::Verdict::Ok;
    }

    void planUnverifiable(const BackupEntry& b, TimelineId timeline)
    {
        const ReplayPath all = steps(b, timeline, lastSegnoOf(timeline));
        qsizetype stop = all.size();
        qsizetype offset = 0;
        for (const ReplayPath::Leg& leg : all.legs()) {
            if (const auto missing = m_wals.firstMissing(leg.timeline, leg.from, leg.to)) {
                stop = offset + qsizetype(*missing - leg.from);
                break;
            }
            offset += ReplayPath::lengthOf(leg);
        }
        require(all.head(stop));
        if (stop < all.size())
            m_plan.warnings.append(RecoveryPlannerText::tr("WAL segment %1 is missing: if the target lies after it, "
                                                           "recovery cannot reach it and ends there")
                                       .arg(name(all.at(stop).timeline, all.at(stop).segno)));
        m_plan.verdict = RecoveryPlan::Verdict::Unverified;
        m_plan.reason = target().kind == RecoveryTarget::Kind::Xid
            ? RecoveryPlannerText::tr("whether transaction %1 exists on this path is only known by "
                                      "replaying")
                  .arg(target().xid)
            : RecoveryPlannerText::tr("whether restore point '%1' exists on this path is only known by "
                                      "replaying")
                  .arg(target().name);
        m_plan.warnings.append(RecoveryPlannerText::tr("if the target is never reached, PostgreSQL stops with an error "
                                                       "rather than promote; it must lie after backup %1 ended (%2), so "
                                                       "for an older one pin an older backup with --backup-id")
                                   .arg(b.id, b.info->endTime ? b.info->endTime->toIso() : QString()));
        if (target().kind == RecoveryTarget::Kind::Name && target().name.startsWith(QLatin1String("barman_"))) {
            const BackupEntry* after = m_catalog.findBackup(target().name.mid(7));
            if (after)
                m_plan.warnings.append(
                    RecoveryPlannerText::tr("barman-cloud-backup created this restore point right "
                                            "after backup %1 ended (%2)")
                        .arg(after->id, after->info && after->info->endTime ? after->info->endTime->toIso() : QString()));
        }
    }

    void addGeneralWarnings()
    {
        const QList<TimelineId> known = m_graph.timelines();
        if (known.size() > 1 && m_plan.target.kind != RecoveryTarget::Kind::Immediate) {
            QStringList path;
            for (TimelineId t : m_plan.timelinePath)
                path.append(QString::number(t));
            QStringList all;
            for (TimelineId t : known)
                all.append(QString::number(t));
            m_plan.warnings.append(RecoveryPlannerText::tr("the archive holds timelines %1; replay follows %2 "
                                                           "(recovery_target_timeline=%3); after a switch point each "
                                                           "timeline holds different data, and --target-tli picks one")
                                       .arg(all.join(QStringLiteral(", ")), path.join(QStringLiteral(" -> ")),
                                            m_plan.target.timeline.toString()));
        }
        for (const auto& w : m_catalog.warnings)
            if (w.code == QLatin1String("mixed_system_ids"))
                m_plan.warnings.append(w.message);
    }
};

} // namespace

bool planReadsWalEvents(const RecoveryTarget& target)
{
    switch (target.kind) {
    case RecoveryTarget::Kind::Time:
    case RecoveryTarget::Kind::Xid:
    case RecoveryTarget::Kind::Name: return true;
    case RecoveryTarget::Kind::Lsn:
    case RecoveryTarget::Kind::Immediate: return false;
    }
    return true;
}

RecoveryPlan planRecovery(const ServerCatalog& catalog, const RecoveryTarget& target, const PlanningRates& rates,
                          const catalog::WalEventIndex* events)
{
    return Planner(catalog, target, rates, events).run();
}

} // namespace tideline::pitr
