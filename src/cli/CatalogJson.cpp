// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/cli/CatalogJson.h"

#include "engine/catalog/ArchiveCadence.h"
#include "engine/core/Timestamp.h"

namespace tideline::cli {

using catalog::BackupEntry;

QJsonValue uploadTimeJson(qint64 usec)
{
    return usec == 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(Timestamp::fromUsec(usec).toIso());
}

QJsonArray warningsJson(const QList<catalog::CatalogWarning>& warnings)
{
    QJsonArray out;
    for (const auto& w : warnings)
        out.append(QJsonObject{{QStringLiteral("code"), w.code}, {QStringLiteral("message"), w.message}});
    return out;
}

QJsonObject backupJson(const BackupEntry& b)
{
    QJsonObject o;
    if (b.info) {
        o = b.info->toBarmanJson();
    } else {
        o.insert(QStringLiteral("backup_id"), b.id);
        o.insert(QStringLiteral("status"), b.statusText());
    }
    o.insert(QStringLiteral("status"), b.statusText());
    if (b.infoError)
        o.insert(QStringLiteral("error"), b.infoError->message);
    o.insert(QStringLiteral("bucket_bytes"), b.bytes);
    o.insert(QStringLiteral("bucket_objects"), b.objects);
    o.insert(QStringLiteral("data_files"), QJsonArray::fromStringList(b.dataFiles));
    o.insert(QStringLiteral("keep"), b.keep.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(b.keepTarget()));
    o.insert(QStringLiteral("restorable"), b.restorable);
    o.insert(QStringLiteral("unrestorable_reason"),
             b.restorable ? QJsonValue(QJsonValue::Null) : QJsonValue(b.unrestorableReason()));
    // The reason's kind, for scripts: the reason itself is in the user's language.
    o.insert(QStringLiteral("unrestorable_cause"),
             b.restorable ? QJsonValue(QJsonValue::Null) : QJsonValue(catalog::BackupEntry::causeCode(b.unrestorableCause())));
    o.insert(QStringLiteral("missing_files"), QJsonArray::fromStringList(b.fileProblems));
    // "compression" stays barman's raw value (barman 3.4 writes None beside data.tar.gz).
    o.insert(QStringLiteral("files_compression"),
             b.filesCompression.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(b.filesCompression));
    o.insert(QStringLiteral("missing_wal_count"), static_cast<qint64>(b.missingWalCount));
    o.insert(QStringLiteral("first_missing_wal"),
             b.firstMissingWal.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(b.firstMissingWal));
    o.insert(QStringLiteral("uploaded_first"), uploadTimeJson(b.firstUploadUsec));
    o.insert(QStringLiteral("uploaded_last"), uploadTimeJson(b.lastUploadUsec));
    if (b.info) {
        o.insert(QStringLiteral("pg_major"), b.info->majorVersion());
        o.insert(QStringLiteral("wal_segment_size"), static_cast<qint64>(b.info->segmentSize));
    }
    return o;
}

QJsonObject backupsJson(const catalog::ServerCatalog& catalog)
{
    QJsonArray list;
    for (const auto& b : catalog.backups)
        list.append(backupJson(b));
    return {{QStringLiteral("backups_list"), list},
            {QStringLiteral("server"), catalog.server},
            {QStringLiteral("warnings"), warningsJson(catalog.warnings)}};
}

namespace {
// What the WAL chart draws: segments per bin, the longest silence, timeline switches and gaps.
QJsonObject cadenceJson(const catalog::ArchiveCadence& c)
{
    const QJsonValue null(QJsonValue::Null);
    QJsonArray bins;
    for (const auto& b : c.bins)
        bins.append(QJsonObject{{QStringLiteral("start"), uploadTimeJson(b.startUsec)},
                                {QStringLiteral("segments"), b.segments},
                                {QStringLiteral("per_hour"), b.perHour}});
    QJsonArray switches;
    for (const auto& sw : c.switches)
        switches.append(QJsonObject{{QStringLiteral("timeline"), static_cast<qint64>(sw.timeline)},
                                    {QStringLiteral("at"), uploadTimeJson(sw.atUsec)}});
    QJsonArray gaps;
    for (const auto& g : c.gaps)
        gaps.append(QJsonObject{{QStringLiteral("timeline"), static_cast<qint64>(g.timeline)},
                                {QStringLiteral("at"), uploadTimeJson(g.atUsec)},
                                {QStringLiteral("first_missing"), g.firstMissing},
                                {QStringLiteral("count"), static_cast<qint64>(g.count)},
                                {QStringLiteral("harmless"), g.harmless}});
    const auto& s = c.longestSilence;
    const QJsonObject silence{{QStringLiteral("from"), uploadTimeJson(s.fromUsec)},
                              {QStringLiteral("to"), uploadTimeJson(s.toUsec)},
                              {QStringLiteral("after_wal"), s.afterWal},
                              {QStringLiteral("before_wal"), s.beforeWal},
                              {QStringLiteral("seconds"), static_cast<double>(s.lengthUsec()) / 1e6}};
    return {{QStringLiteral("segments"), c.segments},
            {QStringLiteral("first_uploaded"), c.segments ? uploadTimeJson(c.firstUsec) : null},
            {QStringLiteral("last_uploaded"), c.segments ? uploadTimeJson(c.lastUsec) : null},
            {QStringLiteral("bin_seconds"), static_cast<qint64>(c.binUsec / 1'000'000)},
            {QStringLiteral("average_per_hour"), c.averagePerHour},
            {QStringLiteral("peak_per_hour"), c.peakPerHour},
            {QStringLiteral("longest_silence"), c.segments > 1 ? QJsonValue(silence) : null},
            {QStringLiteral("bins"), bins},
            {QStringLiteral("switches"), switches},
            {QStringLiteral("gaps"), gaps}};
}
} // namespace

QJsonObject walsJson(const catalog::ServerCatalog& catalog)
{
    const auto& wals = catalog.wals;
    const quint64 size = wals.segmentSize();
    const auto& graph = wals.graph();
    QJsonArray timelines;
    // Timelines known only from history files (no segments yet) are listed too.
    QList<wal::TimelineId> ids = graph.timelines();
    for (const auto& t : wals.timelines())
        if (!ids.contains(t.timeline))
            ids.append(t.timeline);
    std::sort(ids.begin(), ids.end());
    for (const wal::TimelineId id : ids) {
        const catalog::TimelineWal* t = wals.timeline(id);
        QJsonObject o{{QStringLiteral("timeline"), static_cast<qint64>(id)}};
        const bool any = t && !t->segments.isEmpty();
        o.insert(QStringLiteral("first"), any ? QJsonValue(t->segments.first().name.baseName()) : QJsonValue());
        o.insert(QStringLiteral("last"), any ? QJsonValue(t->segments.last().name.baseName()) : QJsonValue());
        o.insert(QStringLiteral("segments"), t ? t->segments.size() : 0);
        o.insert(QStringLiteral("bytes"), t ? t->bytes : 0);
        o.insert(QStringLiteral("last_uploaded"), any ? uploadTimeJson(t->segments.last().uploadedUsec) : QJsonValue());
        QJsonArray gaps;
        QJsonArray partial;
        QJsonArray labels;
        if (t) {
            for (const auto& g : t->gaps)
                gaps.append(QJsonObject{{QStringLiteral("first_missing"), wal::segmentName(id, g.firstMissing, size)},
                                        {QStringLiteral("last_missing"), wal::segmentName(id, g.lastMissing, size)},
                                        {QStringLiteral("count"), static_cast<qint64>(g.count())},
                                        {QStringLiteral("harmless"), g.harmless}});
            for (const auto& p : t->partials)
                partial.append(p.name.baseName());
            for (const auto& l : t->backupLabels)
                labels.append(l.name.baseName());
        }
        o.insert(QStringLiteral("gaps"), gaps);
        o.insert(QStringLiteral("partial"), partial);
        o.insert(QStringLiteral("backup_labels"), labels);
        const auto parent = graph.parent(id);
        const auto branch = graph.branchPoint(id);
        const auto reason = graph.reason(id);
        o.insert(QStringLiteral("parent"), parent ? QJsonValue(static_cast<qint64>(*parent)) : QJsonValue());
        o.insert(QStringLiteral("switch_lsn"), branch ? QJsonValue(branch->toString()) : QJsonValue());
        const auto switchedAt = wals.branchTimeUsec(id);
        o.insert(QStringLiteral("switched_at"), switchedAt ? uploadTimeJson(*switchedAt) : QJsonValue());
        o.insert(QStringLiteral("reason"), reason ? QJsonValue(*reason) : QJsonValue());
        timelines.append(o);
    }
    QJsonArray history;
    for (const auto& h : wals.historyFiles())
        history.append(h.name.baseName());
    return {{QStringLiteral("server"), catalog.server},
            {QStringLiteral("wal_segment_size"), static_cast<qint64>(size)},
            {QStringLiteral("wal_segment_size_inferred"), wals.segmentSizeInferred()},
            {QStringLiteral("timelines"), timelines},
            {QStringLiteral("history_files"), history},
            {QStringLiteral("cadence"), cadenceJson(catalog::ArchiveCadence::compute(wals))},
            {QStringLiteral("warnings"), warningsJson(catalog.warnings)}};
}

QJsonObject walEventJson(const wal::WalEvent& e)
{
    QJsonArray subxacts;
    for (quint32 x : e.subxacts)
        subxacts.append(qint64(x));
    return {{QStringLiteral("kind"), wal::walEventKindName(e.kind)},
            {QStringLiteral("timeline"), qint64(e.timeline)},
            {QStringLiteral("lsn"), e.lsn.toString()},
            {QStringLiteral("end_lsn"), e.end.toString()},
            {QStringLiteral("time"), e.timeUsec ? QJsonValue(Timestamp::fromUsec(*e.timeUsec).toIso()) : QJsonValue()},
            {QStringLiteral("not_before"),
             e.notBeforeUsec ? QJsonValue(Timestamp::fromUsec(*e.notBeforeUsec).toIso()) : QJsonValue()},
            {QStringLiteral("xid"), e.xid ? QJsonValue(qint64(e.xid)) : QJsonValue()},
            {QStringLiteral("name"), e.name.isEmpty() ? QJsonValue() : QJsonValue(e.name)},
            {QStringLiteral("relations"), QJsonArray::fromStringList(e.relations)},
            {QStringLiteral("subxacts"), subxacts}};
}

QJsonObject windowJson(const catalog::ServerCatalog& catalog, const QList<pitr::TimelineWindow>& windows,
                       const QMap<wal::TimelineId, catalog::LastCommit>& lastCommits)
{
    QJsonArray timelines;
    for (const auto& w : windows) {
        const auto last = w.limitedByGap ? lastCommits.end() : lastCommits.find(w.timeline);
        const bool known = last != lastCommits.end();
        QJsonArray ranges;
        for (const auto& r : w.ranges)
            ranges.append(QJsonObject{{QStringLiteral("from_backup"), r.fromBackupId},
                                      {QStringLiteral("from_time"), r.from.toIso()},
                                      {QStringLiteral("to_wal"), r.toWal},
                                      {QStringLiteral("to_time"), uploadTimeJson(r.toUploadedUsec)},
                                      {QStringLiteral("ends_at_gap"), r.endsAtGap}});
        timelines.append(
            QJsonObject{{QStringLiteral("timeline"), static_cast<qint64>(w.timeline)},
                        {QStringLiteral("first_recoverability_point"),
                         w.firstRecoverabilityPoint ? QJsonValue(w.firstRecoverabilityPoint->toIso()) : QJsonValue()},
                        {QStringLiteral("first_recoverability_backup"),
                         w.firstRecoverabilityBackupId.isEmpty() ? QJsonValue() : QJsonValue(w.firstRecoverabilityBackupId)},
                        {QStringLiteral("last_archived_wal"), w.lastArchivedWal},
                        {QStringLiteral("last_archived_time"), uploadTimeJson(w.lastArchivedUsec)},
                        {QStringLiteral("limited_by_gap"), w.limitedByGap},
                        {QStringLiteral("recoverable_until_wal"),
                         w.recoverableUntilWal.isEmpty() ? QJsonValue() : QJsonValue(w.recoverableUntilWal)},
                        {QStringLiteral("recoverable_until_time"), uploadTimeJson(w.recoverableUntilUsec)},
                        {QStringLiteral("ranges"), ranges},
                        {QStringLiteral("last_commit_time"),
                         known ? QJsonValue(Timestamp::fromUsec(last->timeUsec).toIso()) : QJsonValue()},
                        {QStringLiteral("last_commit_lsn"), known ? QJsonValue(last->lsn.toString()) : QJsonValue()},
                        {QStringLiteral("last_commit_xid"), known ? QJsonValue(qint64(last->xid)) : QJsonValue()}});
    }
    const pitr::LatestWindow latest = pitr::latestWindow(catalog, windows);
    QJsonArray merged;
    for (const pitr::TimeRange& r : pitr::mergedRecoverableRanges(windows))
        merged.append(QJsonObject{{QStringLiteral("from"), uploadTimeJson(r.fromUsec)},
                                  {QStringLiteral("to"), uploadTimeJson(r.toUsec)}});
    return {{QStringLiteral("server"), catalog.server},
            {QStringLiteral("timelines"), timelines},
            {QStringLiteral("recoverable_ranges"), merged},
            {QStringLiteral("latest_timeline"), static_cast<qint64>(latest.timeline)},
            {QStringLiteral("latest_recoverable"), latest.recoverable()},
            {QStringLiteral("warnings"), warningsJson(catalog.warnings)}};
}

namespace {
QJsonObject countJson(const catalog::UsageCount& c)
{
    return {{QStringLiteral("objects"), c.objects}, {QStringLiteral("bytes"), c.bytes}};
}
} // namespace

QJsonObject usageJson(const QString& source, const QList<catalog::ServerUsage>& usage)
{
    QJsonArray servers;
    catalog::UsageCount total;
    for (const auto& u : usage) {
        QJsonArray months;
        for (const auto& m : u.months)
            months.append(QJsonObject{{QStringLiteral("month"), m.month},
                                      {QStringLiteral("base"), countJson(m.base)},
                                      {QStringLiteral("wals"), countJson(m.wals)}});
        const catalog::UsageCount serverTotal{u.base.objects + u.wals.objects, u.base.bytes + u.wals.bytes};
        total.objects += serverTotal.objects;
        total.bytes += serverTotal.bytes;
        servers.append(QJsonObject{{QStringLiteral("server"), u.server},
                                   {QStringLiteral("base"), countJson(u.base)},
                                   {QStringLiteral("wals"), countJson(u.wals)},
                                   {QStringLiteral("total"), countJson(serverTotal)},
                                   {QStringLiteral("months"), months}});
    }
    return {{QStringLiteral("source"), source},
            {QStringLiteral("servers"), servers},
            {QStringLiteral("total"), countJson(total)}};
}

} // namespace tideline::cli
