// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/cli/RestoreCommand.h"

#include "engine/restore/RestoreJob.h"
#include "src/cli/Interrupt.h"
#include "src/cli/Output.h"
#include "src/cli/PlanJson.h"
#include "src/cli/SourceAccess.h"
#include "src/cli/TargetOptions.h"

#include <QDir>
#include <QJsonArray>

namespace tideline::cli {

QMap<QString, bool> RestoreCommand::options() const
{
    QMap<QString, bool> o = targetOptions();
    for (const char* valued : {"jobs", "target-action", "tablespace", "port", "owner"})
        o.insert(QLatin1String(valued), true);
    o.insert(QStringLiteral("no-sync"), false);
    return o;
}

int RestoreCommand::run(const Invocation& inv)
{
    auto target = parseTarget(inv);
    if (!target)
        return reportError(target.error());
    restore::RestoreOptions options;
    options.destination = QDir(inv.args[2]).absolutePath();
    if (inv.has(QStringLiteral("jobs"))) {
        bool ok = false;
        options.jobs = inv.value(QStringLiteral("jobs")).toInt(&ok);
        if (!ok || options.jobs < 1 || options.jobs > 64)
            return reportError({ErrorCode::Usage, tr("--jobs must be a number from 1 to 64"), {}, {}});
    }
    const QString action = inv.value(QStringLiteral("target-action"));
    if (action == QLatin1String("promote"))
        options.action = restore::RestoreOptions::TargetAction::Promote;
    else if (action == QLatin1String("shutdown"))
        options.action = restore::RestoreOptions::TargetAction::Shutdown;
    else if (!action.isEmpty() && action != QLatin1String("pause"))
        return reportError({ErrorCode::Usage,
                            tr("unknown --target-action '%1'").arg(action),
                            //: pause, promote and shutdown are values of --target-action: keep them.
                            tr("Use pause (the default: inspect, then promote), promote or shutdown."),
                            {}});
    for (const QString& spec : inv.options.value(QStringLiteral("tablespace"))) {
        const qsizetype eq = spec.indexOf(QLatin1Char('='));
        if (eq <= 0 || !QDir::isAbsolutePath(spec.mid(eq + 1)))
            return reportError({ErrorCode::Usage,
                                tr("--tablespace '%1' is not NAME=/absolute/dir").arg(spec),
                                tr("For example --tablespace tbs_one=/srv/restore/tbs_one."),
                                {}});
        options.tablespaces.insert(spec.left(eq), QDir::cleanPath(spec.mid(eq + 1)));
    }
    if (inv.has(QStringLiteral("port")))
        options.port = inv.value(QStringLiteral("port")).toInt();
    options.owner = inv.value(QStringLiteral("owner"));
    options.sync = !inv.has(QStringLiteral("no-sync"));
    options.restoreCommand = restoreCommandFor(inv, inv.args[0], inv.args[1]);

    auto planned = openAndPlan(inv, *target);
    if (!planned)
        return reportError(planned.error());
    const pitr::RecoveryPlan& plan = planned->plan;
    JobContext context(interruptToken());
    auto report = restore::runRestore(*planned->source.store, planned->catalog, plan, options, context);
    if (!report)
        return reportError(report.error());
    if (inv.json) {
        QJsonObject json = report->toJson();
        json.insert(QStringLiteral("plan"), planJson(plan));
        printJson(json);
        return 0;
    }
    QString text = report->toMarkdown(QLocale::c());
    for (const QString& w : plan.warnings)
        text += QStringLiteral("- ") + tr("warning: %1").arg(w) + QLatin1Char('\n');
    printText(text);
    return 0;
}

} // namespace tideline::cli
