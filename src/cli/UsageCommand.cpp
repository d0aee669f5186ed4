// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/cli/UsageCommand.h"

#include "engine/catalog/BucketUsage.h"
#include "src/cli/CatalogJson.h"
#include "src/cli/Interrupt.h"
#include "src/cli/Output.h"
#include "src/cli/SourceAccess.h"

namespace tideline::cli {

int UsageCommand::run(const Invocation& invocation)
{
    auto source = openSource(invocation, invocation.args[0]);
    if (!source)
        return reportError(source.error());
    JobContext context(interruptToken());
    QStringList servers;
    if (invocation.args.size() > 1) {
        servers.append(invocation.args[1]);
    } else {
        auto found = catalog::listServers(*source->store, source->url, context);
        if (!found)
            return reportError(found.error());
        servers = *found;
    }
    QList<catalog::ServerUsage> usage;
    for (const QString& server : servers) {
        auto catalog = catalog::loadServerCatalog(*source->store, source->url, server, context);
        if (!catalog)
            return reportError(catalog.error());
        usage.append(catalog::ServerUsage::compute(*catalog));
    }
    if (invocation.json) {
        printJson(usageJson(source->url.toString(), usage));
        return 0;
    }
    // Column headers: TextTable sizes every column from the (translated) header and its cells.
    TextTable table({tr("SERVER"), tr("MONTH"), tr("BASE OBJECTS"), tr("BASE SIZE"), tr("WAL OBJECTS"), tr("WAL SIZE"),
                     tr("TOTAL SIZE")},
                    {2, 3, 4, 5, 6});
    for (const auto& u : usage) {
        for (const auto& m : u.months)
            table.addRow({u.server, m.month, QString::number(m.base.objects), formatBytes(m.base.bytes),
                          QString::number(m.wals.objects), formatBytes(m.wals.bytes),
                          formatBytes(m.base.bytes + m.wals.bytes)});
        table.addRow({u.server,
                      //: the MONTH cell of a server's total row
                      tr("all"), QString::number(u.base.objects), formatBytes(u.base.bytes), QString::number(u.wals.objects),
                      formatBytes(u.wals.bytes), formatBytes(u.base.bytes + u.wals.bytes)});
    }
    printText(table.render());
    return 0;
}

} // namespace tideline::cli
