// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/cli/ArchiverCommand.h"

#include "engine/core/Timestamp.h"
#include "engine/core/Units.h"
#include "engine/monitor/ArchiverHealth.h"
#include "src/cli/AlertsCommand.h"
#include "src/cli/Interrupt.h"
#include "src/cli/Output.h"
#include "src/cli/SourceAccess.h"

#include <QJsonArray>

namespace tideline::cli {

namespace {

QJsonValue timeJson(std::optional<qint64> usec)
{
    return usec ? QJsonValue(Timestamp::fromUsec(*usec).toIso()) : QJsonValue(QJsonValue::Null);
}

QJsonValue textJson(const QString& text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

template <typename T> QJsonValue numberJson(const std::optional<T>& n)
{
    return n ? QJsonValue(static_cast<qint64>(*n)) : QJsonValue(QJsonValue::Null);
}

} // namespace

QJsonObject archiverJson(const monitor::ArchiverHealth& h, const QString& source, const QString& server)
{
    const monitor::ArchiverFacts& f = h.facts;
    const monitor::BucketWalPosition* b = h.bucket ? &*h.bucket : nullptr;
    QJsonArray alerts;
    for (const auto& a : h.alerts)
        alerts.append(QJsonObject{{QStringLiteral("alert"), a.name},
                                  {QStringLiteral("severity"), a.severity},
                                  {QStringLiteral("message"), a.message},
                                  {QStringLiteral("hint"), a.hint}});
    const QJsonValue null(QJsonValue::Null);
    return {
        {QStringLiteral("server_version"), f.serverVersion},
        {QStringLiteral("archive_mode"), f.archiveMode},
        {QStringLiteral("archived_count"), f.archivedCount},
        {QStringLiteral("last_archived_wal"), textJson(f.lastArchivedWal)},
        {QStringLiteral("last_archived_time"), timeJson(f.lastArchivedUsec)},
        {QStringLiteral("failed_count"), f.failedCount},
        {QStringLiteral("last_failed_wal"), textJson(f.lastFailedWal)},
        {QStringLiteral("last_failed_time"), timeJson(f.lastFailedUsec)},
        {QStringLiteral("stats_reset"), timeJson(f.statsResetUsec)},
        {QStringLiteral("current_wal"), f.currentWal},
        {QStringLiteral("current_lsn"), f.currentLsn.toString()},
        {QStringLiteral("timeline"), static_cast<qint64>(f.timeline)},
        {QStringLiteral("wal_segment_size"), static_cast<qint64>(f.segmentSize)},
        {QStringLiteral("ready_count"), numberJson(f.readyCount)},
        {QStringLiteral("oldest_ready_wal"), textJson(f.oldestReadyWal)},
        {QStringLiteral("oldest_ready_time"), timeJson(f.oldestReadyUsec)},
        {QStringLiteral("server_time"), timeJson(f.serverNowUsec)},
        {QStringLiteral("source"), b ? QJsonValue(source) : null},
        {QStringLiteral("server"), b ? QJsonValue(server) : null},
        {QStringLiteral("bucket_last_wal"), b ? textJson(b->lastWal) : null},
        {QStringLiteral("bucket_last_wal_uploaded"), b && b->lastSegno ? timeJson(b->lastUploadedUsec) : null},
        {QStringLiteral("segments_not_in_bucket"), numberJson(h.segmentsNotInBucket)},
        {QStringLiteral("complete_segments_not_in_bucket"), numberJson(h.completeSegmentsNotInBucket)},
        {QStringLiteral("bytes_not_in_bucket"), numberJson(h.bytesNotInBucket)},
        {QStringLiteral("last_archived_in_bucket"), b && b->lastArchivedFound ? QJsonValue(*b->lastArchivedFound) : null},
        {QStringLiteral("last_archived_key"), b ? textJson(b->lastArchivedKey) : null},
        {QStringLiteral("bucket_requests"), b ? QJsonValue(b->requests) : null},
        {QStringLiteral("alerts"), alerts},
        {QStringLiteral("warnings"), QJsonArray::fromStringList(h.warnings)},
    };
}

QString archiverText(const monitor::ArchiverHealth& h, const QString& source, const QString& server)
{
    const monitor::ArchiverFacts& f = h.facts;
    auto time = [](std::optional<qint64> usec) { return usec ? Timestamp::fromUsec(*usec).toIso() : QStringLiteral("-"); };
    auto named = [&](const QString& wal, std::optional<qint64> usec) {
        //: %1 a count, %2 a WAL file name, %3 a time
        return wal.isEmpty() ? QStringLiteral("-") : ArchiverCommand::tr("last %1 at %2").arg(wal, time(usec));
    };
    QList<std::pair<QString, QString>> rows{
        {ArchiverCommand::tr("archived"),
         QStringLiteral("%1 (%2)").arg(f.archivedCount).arg(named(f.lastArchivedWal, f.lastArchivedUsec))},
        {ArchiverCommand::tr("failed"),
         QStringLiteral("%1 (%2)").arg(f.failedCount).arg(named(f.lastFailedWal, f.lastFailedUsec))},
        //: %1 a WAL file name, %2 an LSN, %3 a timeline number
        {ArchiverCommand::tr("writing"),
         ArchiverCommand::tr("%1 at %2 (timeline %3)").arg(f.currentWal, f.currentLsn.toString()).arg(f.timeline)},
        {ArchiverCommand::tr("waiting"),
         !f.readyCount ? QStringLiteral("-")
             : *f.readyCount == 0
             ? QStringLiteral("0")
             //: %1 a count of WAL files, %2 the oldest one's name, %3 its age
             : ArchiverCommand::tr("%1 (oldest %2, %3)")
                   .arg(*f.readyCount)
                   .arg(f.oldestReadyWal, units::duration(f.serverNowUsec - f.oldestReadyUsec.value_or(f.serverNowUsec)))},
    };
    if (h.bucket) {
        const auto& b = *h.bucket;
        //: %1 a source URL, %2 a server name
        rows.append({ArchiverCommand::tr("bucket"), ArchiverCommand::tr("%1, server %2").arg(source, server)});
        rows.append({ArchiverCommand::tr("bucket's last WAL"),
                     b.lastSegno ? ArchiverCommand::tr("%1 (uploaded %2)").arg(b.lastWal, time(b.lastUploadedUsec))
                                 : QStringLiteral("-")});
        if (h.segmentsNotInBucket)
            //: %1 a count of segments, %2 a size, %3 a count of finished segments
            rows.append({ArchiverCommand::tr("not in bucket"),
                         ArchiverCommand::tr("%1 segment(s), %2 (%3 finished)")
                             .arg(*h.segmentsNotInBucket)
                             .arg(units::bytes(*h.bytesNotInBucket, QLocale::c()))
                             .arg(*h.completeSegmentsNotInBucket)});
    }
    QString text = labelledLines(rows, 18);
    for (const auto& a : h.alerts)
        //: %1 severity, %2 the alert's name, %3 what is wrong, %4 what to check
        text += ArchiverCommand::tr("ALERT %1 %2: %3. Hint: %4").arg(a.severity.toUpper(), a.name, a.message, a.hint)
            + QLatin1Char('\n');
    if (h.alerts.isEmpty())
        text += ArchiverCommand::tr("no archiving alert fires") + QLatin1Char('\n');
    return text;
}

Result<monitor::ArchiverThresholds> archiverThresholds(const Invocation& inv)
{
    auto rules = alertThresholds(inv);
    if (!rules)
        return std::unexpected(rules.error());
    monitor::ArchiverThresholds thresholds{*rules};
    if (inv.has(QStringLiteral("max-behind"))) {
        bool ok = false;
        thresholds.bucketBehindSegments = inv.value(QStringLiteral("max-behind")).toLongLong(&ok);
        if (!ok || thresholds.bucketBehindSegments < 0 || thresholds.bucketBehindSegments > 1'000'000)
            return fail(ErrorCode::Usage,
                        ArchiverCommand::tr("--max-behind takes a number of finished segments from 0 to 1000000"),
                        ArchiverCommand::tr("For example --max-behind 10."));
    }
    return thresholds;
}

int ArchiverCommand::run(const Invocation& inv)
{
    const QString conninfo = inv.args.value(0);
    auto thresholds = archiverThresholds(inv);
    if (!thresholds)
        return reportError(thresholds.error());
    const QString sourceUrl = inv.value(QStringLiteral("source"));
    if (sourceUrl.isEmpty() && inv.args.size() > 1)
        return reportError({ErrorCode::Usage,
                            tr("SERVER is given without --source"),
                            tr("Usage: tideline-cli archiver %1").arg(synopsis()),
                            {}});
    if (monitor::conninfoHasPassword(conninfo))
        printNote(tr("the connection string holds a password, which any user of this machine can read in the process "
                     "list; use ~/.pgpass, PGPASSFILE, PGPASSWORD or a service file"));

    // The bucket is opened first: a source that cannot be read fails before the server is asked,
    // and the server's position is then as fresh as possible when the bucket is listed.
    std::optional<OpenedSource> source;
    QString server;
    if (!sourceUrl.isEmpty()) {
        auto opened = openSource(inv, sourceUrl);
        if (!opened)
            return reportError(opened.error());
        server = serverFor(*opened, inv.args.value(1));
        if (server.isEmpty())
            return reportError({ErrorCode::Usage,
                                tr("--source needs the SERVER whose WAL to look for"),
                                tr("Usage: tideline-cli archiver %1").arg(synopsis()),
                                {}});
        source = std::move(*opened);
    }
    auto facts = monitor::probeArchiver(conninfo);
    if (!facts)
        return reportError(facts.error());
    std::optional<monitor::BucketWalPosition> position;
    if (source) {
        auto located = monitor::locateServerWal(*source->store, source->url, server, *facts, interruptToken());
        if (!located)
            return reportError(located.error());
        position = std::move(*located);
    }
    const auto health = monitor::assessArchiver(std::move(*facts), std::move(position), *thresholds);
    const QString shownSource = source ? source->url.toString() : QString();
    if (inv.json)
        printJson(archiverJson(health, shownSource, server));
    else {
        for (const auto& w : health.warnings)
            printNote(w);
        printText(archiverText(health, shownSource, server));
    }
    return health.alerts.isEmpty() ? 0 : static_cast<int>(ErrorCode::Refused);
}

} // namespace tideline::cli
