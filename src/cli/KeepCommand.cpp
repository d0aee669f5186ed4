// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/cli/KeepCommand.h"

#include "engine/retention/KeepAnnotation.h"
#include "src/cli/Interrupt.h"
#include "src/cli/Output.h"
#include "src/cli/SourceAccess.h"

namespace tideline::cli {

int KeepCommand::run(const Invocation& invocation)
{
    const bool release = invocation.has(QStringLiteral("release"));
    const bool status = invocation.has(QStringLiteral("status"));
    const bool target = invocation.has(QStringLiteral("target"));
    if (int(release) + int(status) + int(target) != 1)
        return reportError({ErrorCode::Usage,
                            tr("keep needs exactly one of --target, --release and --status"),
                            tr("For example: keep SOURCE SERVER BACKUP_ID --target standalone"),
                            {}});
    retention::KeepTarget keepTarget = retention::KeepTarget::Full;
    if (target) {
        const QString name = invocation.value(QStringLiteral("target"));
        if (name == u"standalone")
            keepTarget = retention::KeepTarget::Standalone;
        else if (name != u"full")
            return reportError({ErrorCode::Usage,
                                tr("--target must be full or standalone, got '%1'").arg(name.left(40)),
                                tr("full keeps the backup and all WAL after it; standalone keeps only the WAL the backup "
                                   "needs to be consistent."),
                                {}});
    }
    auto source = openSource(invocation, invocation.args[0]);
    if (!source)
        return reportError(source.error());
    const bool serverGiven = invocation.args.size() == 3;
    if (!serverGiven && source->serverName.isEmpty())
        return reportError(
            {ErrorCode::Usage, tr("keep needs SERVER and BACKUP_ID"), tr("Usage: tideline-cli keep %1").arg(synopsis()), {}});
    const QString server = serverGiven ? invocation.args[1] : source->serverName;
    const QString backup = invocation.args.constLast();
    JobContext context(interruptToken());
    auto catalog = catalog::loadServerCatalog(*source->store, source->url, server, context);
    if (!catalog)
        return reportError(catalog.error());

    QString id;
    QString keep;
    QString action;
    if (status) {
        auto b = retention::findBackup(*catalog, backup);
        if (!b)
            return reportError(b.error());
        id = (*b)->id;
        keep = (*b)->keepTarget();
        action = QStringLiteral("status");
    } else if (release) {
        auto released = retention::releaseKeep(*source->store, *catalog, backup, context.cancelToken());
        if (!released)
            return reportError(released.error());
        id = *released;
        action = QStringLiteral("released");
    } else {
        auto kept = retention::setKeep(*source->store, *catalog, backup, keepTarget, context.cancelToken());
        if (!kept)
            return reportError(kept.error());
        id = *kept;
        keep = retention::keepTargetName(keepTarget);
        action = QStringLiteral("set");
    }
    if (invocation.json) {
        printJson({{QStringLiteral("server"), server},
                   {QStringLiteral("backup_id"), id},
                   {QStringLiteral("keep"), keep.isEmpty() ? QJsonValue() : QJsonValue(keep)},
                   {QStringLiteral("action"), action}});
        return 0;
    }
    //: "nokeep" is barman-cloud-backup-keep's own word for no annotation; keep it as is
    printText(tr("%1: keep %2\n").arg(id, keep.isEmpty() ? QStringLiteral("nokeep") : keep));
    return 0;
}

} // namespace tideline::cli
