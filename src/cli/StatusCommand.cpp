// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/cli/StatusCommand.h"

#include "engine/core/Timestamp.h"
#include "engine/pitr/ServerStatus.h"
#include "src/cli/CatalogJson.h"
#include "src/cli/Output.h"
#include "src/cli/SourceAccess.h"

namespace tideline::cli {

namespace {

QJsonObject statusJson(const catalog::ServerCatalog& catalog, const pitr::ServerStatus& s)
{
    const pitr::TimelineWindow* w = s.window;
    const QJsonValue null(QJsonValue::Null);
    QJsonObject lastBackup;
    if (s.lastDone)
        lastBackup = {{QStringLiteral("backup_id"), s.lastDone->id},
                      {QStringLiteral("end_time"),
                       s.lastDoneEndUsec ? QJsonValue(Timestamp::fromUsec(s.lastDoneEndUsec).toIso()) : null}};
    QJsonObject lastWal;
    if (!s.lastWal.isEmpty())
        lastWal = {{QStringLiteral("name"), s.lastWal},
                   {QStringLiteral("uploaded"), uploadTimeJson(s.lastWalUsec)},
                   {QStringLiteral("timeline"), static_cast<qint64>(s.lastWalTimeline)}};
    return {
        {QStringLiteral("server"), catalog.server},
        {QStringLiteral("verdict"), pitr::ServerStatus::verdictName(s.verdict)},
        // The headline window: latest's, or (verdict not_recoverable, latest_recoverable false)
        // the newest older timeline that is, which only --target-tli reaches.
        {QStringLiteral("restorable_from"), w ? QJsonValue(w->firstRecoverabilityPoint->toIso()) : null},
        {QStringLiteral("restorable_from_backup"), w ? QJsonValue(w->firstRecoverabilityBackupId) : null},
        {QStringLiteral("restorable_until"), w ? uploadTimeJson(s.untilUsec) : null},
        {QStringLiteral("restorable_until_wal"), w ? QJsonValue(s.untilWal) : null},
        {QStringLiteral("timeline"), w ? QJsonValue(static_cast<qint64>(w->timeline)) : null},
        {QStringLiteral("latest_timeline"), static_cast<qint64>(s.latestTimeline)},
        {QStringLiteral("latest_recoverable"), s.recoverable()},
        {QStringLiteral("last_backup"), s.lastDone ? QJsonValue(lastBackup) : null},
        {QStringLiteral("last_archived_wal"), s.lastWal.isEmpty() ? null : QJsonValue(lastWal)},
        {QStringLiteral("gaps"), s.gaps},
        {QStringLiteral("harmless_gaps"), s.harmlessGaps},
        {QStringLiteral("missing_segments"), static_cast<qint64>(s.missingSegments)},
        {QStringLiteral("backups"),
         QJsonObject{{QStringLiteral("done"), s.done},
                     {QStringLiteral("unrestorable"), s.unrestorable},
                     {QStringLiteral("failed"), s.failed},
                     {QStringLiteral("in_progress"), s.inProgress},
                     {QStringLiteral("incomplete"), s.incomplete},
                     {QStringLiteral("unreadable"), s.unreadable}}},
        {QStringLiteral("warnings"), warningsJson(catalog.warnings)},
    };
}

} // namespace

int StatusCommand::run(const Invocation& invocation)
{
    auto catalog = loadCatalog(invocation, invocation.args[0], invocation.args[1]);
    if (!catalog)
        return reportError(catalog.error());
    const auto windows = pitr::computeRecoveryWindows(*catalog);
    const pitr::ServerStatus s = pitr::computeStatus(*catalog, windows);
    const int exitCode = s.recoverable() ? 0 : static_cast<int>(ErrorCode::Refused);
    if (invocation.json) {
        printJson(statusJson(*catalog, s));
        return exitCode;
    }
    reportWarnings(catalog->warnings);
    auto time = [](qint64 usec) { return usec ? Timestamp::fromUsec(usec).toIso() : QStringLiteral("-"); };
    QString headline;
    switch (s.verdict) {
    case pitr::ServerStatus::Verdict::Recoverable:
        //: %1 and %2 are times, %3 a timeline number
        headline = tr("RECOVERABLE from %1 to %2 (timeline %3)")
                       .arg(s.window->firstRecoverabilityPoint->toIso(), time(s.untilUsec))
                       .arg(s.window->timeline);
        break;
    case pitr::ServerStatus::Verdict::LimitedByGap:
        //: %1 and %2 are times, %3 a timeline number, %4 a WAL segment name
        headline = tr("RECOVERABLE ONLY from %1 to %2 (timeline %3): a gap stops replay after %4")
                       .arg(s.window->firstRecoverabilityPoint->toIso(), time(s.untilUsec))
                       .arg(s.window->timeline)
                       .arg(s.untilWal);
        break;
    case pitr::ServerStatus::Verdict::LatestNotRecoverable:
        //: %1 and %2 are timeline numbers, %3 and %4 times
        headline = tr("NOT RECOVERABLE on timeline %1 (latest); timeline %2 is, from %3 to %4, with --target-tli %2")
                       .arg(s.latestTimeline)
                       .arg(s.window->timeline)
                       .arg(s.window->firstRecoverabilityPoint->toIso(), time(s.untilUsec));
        break;
    case pitr::ServerStatus::Verdict::NotRecoverable:
        headline = tr("NOT RECOVERABLE: no finished backup has all of its files and WAL in the archive");
        break;
    }
    //: %1 is a backup ID, %2 a time
    const QString lastBackup =
        s.lastDone ? tr("%1 (ended %2)").arg(s.lastDone->id, time(s.lastDoneEndUsec)) : QStringLiteral("-");
    //: %1 is a WAL segment name, %2 a time
    const QString lastWal =
        s.lastWal.isEmpty() ? QStringLiteral("-") : tr("%1 (uploaded %2)").arg(s.lastWal, time(s.lastWalUsec));
    //: %n gaps in all, %1 of them harmless (older than every backup that needs them)
    const QString gaps = tr("%n gap(s), %1 harmless", nullptr, s.gaps).arg(s.harmlessGaps);
    printText(
        catalog->server + QStringLiteral(": ") + headline + QLatin1Char('\n')
        + labelledLines({{tr("last backup"), lastBackup}, {tr("last archived WAL"), lastWal}, {tr("WAL gaps"), gaps}}, 20));
    return exitCode;
}

} // namespace tideline::cli
