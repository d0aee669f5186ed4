// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/cli/EventsCommand.h"

#include "engine/catalog/WalEventIndex.h"
#include "engine/core/Excerpt.h"
#include "engine/pitr/RecoveryTarget.h"
#include "engine/restore/RelationNames.h"
#include "src/cli/CatalogJson.h"
#include "src/cli/Interrupt.h"
#include "src/cli/Output.h"
#include "src/cli/SourceAccess.h"

#include <QJsonArray>

namespace tideline::cli {

namespace {

using Names = QHash<QString, restore::RelationName>;

// "base/5/16385 (public.accounts)" when the restored copy knew the file, else the path alone.
QString relationText(const QString& path, const Names& names)
{
    const auto it = names.constFind(path);
    if (it == names.cend())
        return path;
    return QStringLiteral("%1 (%2.%3)").arg(path, excerpt::printable(it->schema, 64), excerpt::printable(it->name, 64));
}

QString detailOf(const wal::WalEvent& e, const Names& names)
{
    using K = wal::WalEvent::Kind;
    switch (e.kind) {
    // Anyone who could call pg_create_restore_point() chose these bytes.
    case K::RestorePoint: return excerpt::printable(e.name, 64);
    case K::Drop: {
        QStringList out;
        for (const QString& r : e.relations)
            out << relationText(r, names);
        return out.join(u' ');
    }
    //: %1 is a relation file path, %2 a number of 8 KiB blocks
    case K::Truncate: return EventsCommand::tr("%1 to %2 blocks").arg(relationText(e.relations.value(0), names), e.name);
    //: %1 is the timeline recovery left
    case K::TimelineSwitch: return EventsCommand::tr("from timeline %1").arg(e.name);
    case K::Checkpoint: return e.name;
    case K::Commit:
    case K::Abort:
        //: %1 is a number of subtransactions
        return e.subxacts.isEmpty() ? QString() : EventsCommand::tr("%n subtransaction(s)", nullptr, int(e.subxacts.size()));
    }
    return {};
}

} // namespace

int EventsCommand::run(const Invocation& invocation)
{
    std::optional<qint64> from;
    std::optional<qint64> to;
    for (const auto& [option, bound] : {std::pair{QStringLiteral("from"), &from}, std::pair{QStringLiteral("to"), &to}}) {
        if (!invocation.has(option))
            continue;
        auto t = pitr::RecoveryTarget::parseTime(invocation.value(option));
        if (!t)
            return reportError(t.error());
        *bound = t->usecUtc;
    }
    QList<wal::WalEvent::Kind> kinds;
    for (const QString& k : invocation.value(QStringLiteral("kind")).split(u',', Qt::SkipEmptyParts)) {
        const auto kind = wal::walEventKindFromName(k.trimmed());
        if (!kind)
            return reportError(Error{ErrorCode::Usage,
                                     tr("unknown event kind '%1'").arg(k),
                                     tr("use commit, abort, restore_point, drop, truncate, timeline_switch or checkpoint"),
                                     {}});
        kinds << *kind;
    }
    catalog::WalEventIndexOptions options;
    options.kinds = kinds;
    if (invocation.has(QStringLiteral("timeline"))) {
        bool ok = false;
        const uint tli = invocation.value(QStringLiteral("timeline")).toUInt(&ok);
        if (!ok || tli == 0)
            return reportError(
                Error{ErrorCode::Usage, tr("--timeline wants a timeline number"), tr("for example --timeline 2"), {}});
        options.timelines << tli;
    }

    // Before the WAL is read: a copy that cannot be reached fails at once, not after an hour.
    Names names;
    if (invocation.has(QStringLiteral("names-from"))) {
        const CancelToken cancel = interruptToken();
        auto read = restore::readRelationNames(invocation.value(QStringLiteral("names-from")), {}, &cancel);
        if (!read)
            return reportError(read.error());
        names = std::move(read->byFile);
        for (const QString& note : read->notes)
            printNote(note);
    }

    JobContext context(interruptToken());
    auto loaded = openAndLoad(invocation, invocation.args[0], invocation.args[1], context);
    if (!loaded)
        return reportError(loaded.error());
    reportWarnings(loaded->catalog.warnings);
    const QString& server = loaded->server;
    if (!invocation.has(QStringLiteral("no-cache")))
        options.cacheDir = catalog::defaultWalEventCacheDir(loaded->source.url, server);
    auto index = catalog::buildWalEventIndex(*loaded->source.store, loaded->catalog, options, context);
    if (!index)
        return reportError(index.error());

    // An event without a time of its own (a truncation) is filtered by the time of the record
    // before it on its timeline.
    QList<const wal::WalEvent*> shown;
    for (const auto& e : index->events) {
        const std::optional<qint64> when = e.timeUsec ? e.timeUsec : e.notBeforeUsec;
        if (!options.timelines.isEmpty() && e.timeline != options.timelines.first())
            continue;
        if (!kinds.isEmpty() && !kinds.contains(e.kind))
            continue;
        if ((from && (!when || *when < *from)) || (to && when && *when > *to))
            continue;
        shown << &e;
    }

    const auto problems = index->problems();
    if (invocation.json) {
        QJsonArray events;
        for (const auto* e : shown) {
            QJsonObject event = walEventJson(*e);
            QJsonArray named;
            for (const QString& r : e->relations) {
                const auto it = names.constFind(r);
                named.append(it == names.cend()
                                 ? QJsonValue()
                                 : QJsonObject{{QStringLiteral("database"),
                                                it->database.isEmpty() ? QJsonValue() : QJsonValue(it->database)},
                                               {QStringLiteral("schema"), it->schema},
                                               {QStringLiteral("name"), it->name}});
            }
            event.insert(QStringLiteral("relation_names"), named);
            events.append(event);
        }
        QJsonArray problemList;
        for (const auto* s : problems)
            problemList.append(QJsonObject{{QStringLiteral("segment"), s->name},
                                           {QStringLiteral("lsn"), s->problem->lsn.toString()},
                                           {QStringLiteral("message"), s->problem->message}});
        QJsonArray perMinute;
        const auto minutes = index->commitsPerMinute;
        for (auto it = minutes.begin(); it != minutes.end(); ++it)
            perMinute.append(QJsonObject{{QStringLiteral("minute"), Timestamp::fromUsec(it.key()).toIso()},
                                         {QStringLiteral("commits"), it.value()}});
        QJsonArray segments;
        for (const auto& s : index->segments) {
            const auto delay = s.archiveDelayUsec();
            segments.append(
                QJsonObject{{QStringLiteral("name"), s.name},
                            {QStringLiteral("timeline"), qint64(s.timeline)},
                            {QStringLiteral("uploaded"), Timestamp::fromUsec(s.uploadedUsec).toIso()},
                            {QStringLiteral("records"), s.records},
                            {QStringLiteral("commits"), s.commits},
                            {QStringLiteral("last_record_time"),
                             s.lastRecordTimeUsec ? QJsonValue(Timestamp::fromUsec(*s.lastRecordTimeUsec).toIso())
                                                  : QJsonValue()},
                            {QStringLiteral("archive_delay_seconds"), delay ? QJsonValue(double(*delay) / 1e6) : QJsonValue()},
                            {QStringLiteral("problem"), s.problem ? QJsonValue(s.problem->message) : QJsonValue()}});
        }
        printJson(
            {{QStringLiteral("server"), server},
             {QStringLiteral("commits_per_minute"), perMinute},
             {QStringLiteral("segments"), segments},
             {QStringLiteral("postgres_version"), index->postgresVersion ? QJsonValue(index->postgresVersion) : QJsonValue()},
             {QStringLiteral("events"), events},
             {QStringLiteral("complete"), problems.isEmpty()},
             {QStringLiteral("problems"), problemList},
             {QStringLiteral("segments_read"), index->segmentsDownloaded},
             {QStringLiteral("segments_cached"), index->segmentsFromCache},
             {QStringLiteral("bytes_downloaded"), index->bytesDownloaded}});
    } else {
        TextTable table({tr("TIME"), tr("TLI"), tr("LSN"), tr("KIND"), tr("XID"), tr("DETAIL")}, {1, 4});
        for (const auto* e : shown)
            table.addRow({e->timeUsec ? Timestamp::fromUsec(*e->timeUsec).toIso() : QStringLiteral("-"),
                          QString::number(e->timeline), e->lsn.toString(), wal::walEventKindName(e->kind),
                          e->xid ? QString::number(e->xid) : QStringLiteral("-"), detailOf(*e, names)});
        printText(table.render());
        //: %1 and %2 are numbers of WAL segments
        printNote(tr("segments read from the bucket: %1; from the local cache: %2")
                      .arg(index->segmentsDownloaded)
                      .arg(index->segmentsFromCache));
    }
    for (const auto* s : problems)
        //: %1 is a WAL segment name, %2 an LSN, %3 what is wrong
        printNote(tr("%1 could not be read past %2: %3; the events after it in that segment are missing")
                      .arg(s->name, s->problem->lsn.toString(), s->problem->message));
    if (index->malformedRecords > 0)
        printNote(tr("%n record(s) of a known kind had data that did not parse and were left out", nullptr,
                     index->malformedRecords));
    return problems.isEmpty() ? 0 : exitStatus(ErrorCode::Corrupt);
}

} // namespace tideline::cli
