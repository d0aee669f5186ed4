// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/cli/ServersCommand.h"

#include "src/cli/Interrupt.h"
#include "src/cli/Output.h"
#include "src/cli/SourceAccess.h"

#include <QJsonArray>

namespace tideline::cli {

int ServersCommand::run(const Invocation& invocation)
{
    auto source = openSource(invocation, invocation.args[0]);
    if (!source)
        return reportError(source.error());
    JobContext context(interruptToken());
    auto servers = catalog::listServers(*source->store, source->url, context);
    if (!servers)
        return reportError(servers.error());
    if (invocation.json)
        printJson({{QStringLiteral("source"), source->url.toString()},
                   {QStringLiteral("servers"), QJsonArray::fromStringList(*servers)}});
    else
        printText(servers->join(QLatin1Char('\n')) + QLatin1Char('\n'));
    return 0;
}

} // namespace tideline::cli
