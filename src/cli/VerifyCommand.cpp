// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/cli/VerifyCommand.h"

#include "engine/catalog/WalEventIndex.h"
#include "engine/restore/VerifyJob.h"
#include "src/cli/Interrupt.h"
#include "src/cli/Output.h"
#include "src/cli/SourceAccess.h"

namespace tideline::cli {

int VerifyCommand::run(const Invocation& invocation)
{
    const bool all =
        invocation.has(QStringLiteral("all")) || (invocation.args.size() == 2 && !invocation.has(QStringLiteral("wals")));
    if (invocation.args.size() == 3 && invocation.has(QStringLiteral("all")))
        return reportError(Error{ErrorCode::Usage,
                                 tr("a backup id and --all together"),
                                 tr("name one backup, or --all for every backup and the WAL"),
                                 {}});
    restore::VerifyOptions options;
    options.wals = all || invocation.has(QStringLiteral("wals"));
    if (invocation.has(QStringLiteral("jobs"))) {
        bool ok = false;
        options.jobs = invocation.value(QStringLiteral("jobs")).toInt(&ok);
        if (!ok || options.jobs < 1 || options.jobs > 64)
            return reportError(
                Error{ErrorCode::Usage, tr("--jobs wants a number from 1 to 64"), tr("for example --jobs 4"), {}});
    }

    JobContext context(interruptToken());
    auto loaded = openAndLoad(invocation, invocation.args[0], invocation.args[1], context);
    if (!loaded)
        return reportError(loaded.error());
    reportWarnings(loaded->catalog.warnings);
    const catalog::ServerCatalog& catalog = loaded->catalog;
    if (invocation.args.size() == 3)
        options.backupIds << invocation.args[2];
    options.allBackups = all;
    const QString dir = catalog::defaultServerCacheDir(loaded->source.url, loaded->server);
    options.stateFile = dir + QStringLiteral("/verified-backups.json");
    options.walCacheDir = catalog::defaultWalEventCacheDir(loaded->source.url, loaded->server);
    options.full = invocation.has(QStringLiteral("full"));

    auto report = restore::runVerify(*loaded->source.store, catalog, options, context);
    if (!report)
        return reportError(report.error());
    if (invocation.json) {
        printJson(report->toJson());
    } else {
        QList<std::pair<QString, QString>> lines;
        lines.append({tr("Server"), report->server});
        lines.append(
            {tr("Backups verified"), report->backups.isEmpty() ? tr("none") : report->backups.join(QStringLiteral(", "))});
        if (report->walsChecked)
            //: %1 segments present, %2 missing but older than every backup, %3 missing where a restore needs them
            lines.append({tr("WAL"),
                          tr("%1 found, %2 missing before every backup (harmless), %3 missing where a restore needs them")
                              .arg(report->walFound)
                              .arg(report->walMissingHarmless)
                              .arg(report->walMissingFatal)});
        //: %1 objects, %2 a size such as "1.5 GiB"
        lines.append({tr("Read now"), tr("%1 objects, %2").arg(report->objectsChecked).arg(formatBytes(report->bytesChecked))});
        lines.append({tr("Passed before"),
                      tr("%1 objects, unchanged since (--full reads them again)").arg(report->objectsRemembered)});
        lines.append({tr("Result"), report->ok() ? tr("OK") : tr("%n problem(s)", nullptr, int(report->problems.size()))});
        printText(labelledLines(lines, 18));
        if (!report->ok()) {
            TextTable table({tr("KIND"), tr("OBJECT"), tr("PROBLEM")});
            for (const auto& p : report->problems)
                table.addRow({p.kind, p.key, p.message});
            printText(QStringLiteral("\n") + table.render());
        }
    }
    if (report->backupsLeftOut > 0)
        printNote(tr("%n backup(s) not DONE (failed or unfinished) were left out; name one to check it", nullptr,
                     report->backupsLeftOut));
    return report->ok() ? 0 : exitStatus(ErrorCode::Corrupt);
}

} // namespace tideline::cli
