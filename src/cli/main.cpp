// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/core/Redactor.h"
#include "src/cli/BackupsCommand.h"
#include "src/cli/CommandLine.h"
#include "src/cli/ManifestCommand.h"
#include "src/cli/Output.h"
#include "src/cli/PlanCommand.h"
#include "src/cli/ServersCommand.h"
#include "src/cli/ShowCommand.h"
#include "src/cli/UsageCommand.h"
#include "src/cli/WalsCommand.h"
#include "src/cli/WindowCommand.h"

#include <QCoreApplication>

int main(int argc, char* argv[])
{
    using namespace tideline::cli;
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tideline-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TIDELINE_VERSION));
    tideline::Redactor::installMessageHandler();

    const CommandLine commandLine({std::make_shared<ServersCommand>(), std::make_shared<BackupsCommand>(),
                                   std::make_shared<ShowCommand>(), std::make_shared<WalsCommand>(),
                                   std::make_shared<WindowCommand>(), std::make_shared<UsageCommand>(),
                                   std::make_shared<PlanCommand>(), std::make_shared<ManifestCommand>()});
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.contains(QStringLiteral("--version"))) {
        printText(QStringLiteral("tideline-cli %1\n").arg(QCoreApplication::applicationVersion()));
        return 0;
    }
    auto parsed = commandLine.parse(arguments);
    if (!parsed)
        return reportError(parsed.error());
    auto& [invocation, command] = *parsed;
    if (!command) {
        printText(commandLine.help());
        return 0;
    }
    return command->run(invocation);
}
