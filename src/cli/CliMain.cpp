// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/cli/CliMain.h"
#include "engine/core/Redactor.h"
#include "engine/core/Translations.h"
#include "src/cli/AlertsCommand.h"
#include "src/cli/ArchiverCommand.h"
#include "src/cli/BackupsCommand.h"
#include "src/cli/CommandLine.h"
#include "src/cli/DoctorCommand.h"
#include "src/cli/DrillCommand.h"
#include "src/cli/DrillsCommand.h"
#include "src/cli/EventsCommand.h"
#include "src/cli/Interrupt.h"
#include "src/cli/K8sCommand.h"
#include "src/cli/KeepCommand.h"
#include "src/cli/ManifestCommand.h"
#include "src/cli/Output.h"
#include "src/cli/PlanCommand.h"
#include "src/cli/RestoreCommand.h"
#include "src/cli/RetentionCommand.h"
#include "src/cli/ServersCommand.h"
#include "src/cli/ShowCommand.h"
#include "src/cli/SourceAccess.h"
#include "src/cli/StatusCommand.h"
#include "src/cli/UsageCommand.h"
#include "src/cli/VerifyCommand.h"
#include "src/cli/WalRestoreCommand.h"
#include "src/cli/WalsCommand.h"
#include "src/cli/WindowCommand.h"

#include <QCoreApplication>

const int tideline_cli_interface = kCliInterface;

int tideline_cli_main(int argc, char** argv)
{
    using namespace tideline::cli;
    // Qt's GLib event loop makes every timer and socket notifier a GSource: a fifth of the CPU of
    // loading a 100,000-segment catalog, which on two cores is what sets its round trips. The
    // command line uses no GLib library (the window keeps it, for the keychain's libsecret).
    // Each thread's event dispatcher reads this, so it stays set for the process.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tideline-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TIDELINE_VERSION));
    tideline::Redactor::installMessageHandler();
    const QStringList arguments = QCoreApplication::arguments();
    // Messages follow the environment (LANGUAGE, LC_ALL, LC_MESSAGES, LANG) as other command-line
    // tools' do; numbers and timestamps stay unlocalised because scripts parse them. --json is for
    // scripts too: its messages (warnings, plan reasons, notes) stay English, like its keys.
    tideline::Translations::install(arguments.contains(QStringLiteral("--json")) ? QLocale::c() : QLocale::system());

    const CommandLine commandLine(
        {std::make_shared<ServersCommand>(),  std::make_shared<StatusCommand>(),    std::make_shared<BackupsCommand>(),
         std::make_shared<ShowCommand>(),     std::make_shared<WalsCommand>(),      std::make_shared<WindowCommand>(),
         std::make_shared<UsageCommand>(),    std::make_shared<RetentionCommand>(), std::make_shared<KeepCommand>(),
         std::make_shared<DoctorCommand>(),   std::make_shared<EventsCommand>(),    std::make_shared<PlanCommand>(),
         std::make_shared<ManifestCommand>(), std::make_shared<RestoreCommand>(),   std::make_shared<DrillCommand>(),
         std::make_shared<DrillsCommand>(),   std::make_shared<K8sCommand>(),       std::make_shared<AlertsCommand>(),
         std::make_shared<ArchiverCommand>(), std::make_shared<VerifyCommand>(),    std::make_shared<WalRestoreCommand>()});
    if (arguments.contains(QStringLiteral("--version"))) {
        printText(QStringLiteral("tideline-cli %1\n").arg(QCoreApplication::applicationVersion()));
        return 0;
    }
    auto parsed = commandLine.parse(arguments);
    if (!parsed) {
        const int status = reportError(parsed.error());
        // PostgreSQL reads 1-125 from a restore_command as "not found" and may end recovery early;
        // a broken restore_command line must stop it instead (DESIGN.md: exit status 255).
        return arguments.contains(QStringLiteral("wal-restore")) ? 255 : status;
    }
    auto& [invocation, command] = *parsed;
    if (!command) {
        printText(commandLine.help());
        return 0;
    }
    if (auto applied = applyHelmValues(invocation); !applied) {
        const int status = reportError(applied.error());
        return invocation.verb == QLatin1String("wal-restore") ? 255 : status;
    }
    // Not for wal-restore: PostgreSQL signals its restore_command on shutdown and must see it
    // die of the signal, not exit 8 (which it would read as "not found").
    if (invocation.verb != QLatin1String("wal-restore"))
        installInterruptHandlers();
    return command->run(invocation);
}
