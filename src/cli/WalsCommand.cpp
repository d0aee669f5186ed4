// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/cli/WalsCommand.h"

#include "src/cli/CatalogJson.h"
#include "src/cli/Output.h"
#include "src/cli/SourceAccess.h"

#include <QJsonArray>

namespace tideline::cli {

int WalsCommand::run(const Invocation& invocation)
{
    auto catalog = loadCatalog(invocation, invocation.args[0], invocation.args[1]);
    if (!catalog)
        return reportError(catalog.error());
    reportWarnings(catalog->warnings);
    const QJsonObject json = walsJson(*catalog);
    if (invocation.json) {
        printJson(json);
        return 0;
    }
    // The table is rendered from the same JSON the scripts get, so the two never disagree.
    TextTable table({QStringLiteral("TL"), QStringLiteral("PARENT"), QStringLiteral("SWITCH LSN"),
                     QStringLiteral("FIRST"), QStringLiteral("LAST"), QStringLiteral("SEGMENTS"), QStringLiteral("SIZE"),
                     QStringLiteral("GAPS"), QStringLiteral("PARTIAL"), QStringLiteral("LAST UPLOAD")},
                    {0, 5, 6, 7});
    QString details;
    for (const QJsonValue& v : json[QStringLiteral("timelines")].toArray()) {
        const QJsonObject t = v.toObject();
        const QJsonArray gaps = t[QStringLiteral("gaps")].toArray();
        int harmful = 0;
        for (const QJsonValue& g : gaps) {
            const QJsonObject go = g.toObject();
            if (!go[QStringLiteral("harmless")].toBool())
                ++harmful;
            details += QStringLiteral("timeline %1: %2 missing segment(s) %3 .. %4%5\n")
                           .arg(t[QStringLiteral("timeline")].toInt())
                           .arg(go[QStringLiteral("count")].toInteger())
                           .arg(go[QStringLiteral("first_missing")].toString(), go[QStringLiteral("last_missing")].toString(),
                                go[QStringLiteral("harmless")].toBool()
                                    ? QStringLiteral(" (harmless: older than every backup that needs it)")
                                    : QStringLiteral(" (recovery cannot cross it)"));
        }
        auto text = [&](const char* key) {
            const QJsonValue x = t[QLatin1String(key)];
            return x.isNull() ? QStringLiteral("-") : x.isString() ? x.toString() : QString::number(x.toInteger());
        };
        table.addRow({text("timeline"), text("parent"), text("switch_lsn"), text("first"), text("last"), text("segments"),
                      formatBytes(t[QStringLiteral("bytes")].toInteger()),
                      gaps.isEmpty() ? QStringLiteral("0") : QStringLiteral("%1 (%2 harmful)").arg(gaps.size()).arg(harmful),
                      QString::number(t[QStringLiteral("partial")].toArray().size()), text("last_uploaded")});
    }
    QString out = table.render();
    if (!details.isEmpty())
        out += QLatin1Char('\n') + details;
    QStringList history;
    for (const QJsonValue& h : json[QStringLiteral("history_files")].toArray())
        history.append(h.toString());
    out += QStringLiteral("\nWAL segment size: %1%2\nHistory files: %3\n")
               .arg(formatBytes(json[QStringLiteral("wal_segment_size")].toInteger()),
                    json[QStringLiteral("wal_segment_size_inferred")].toBool() ? QStringLiteral(" (inferred from names)")
                                                                                : QString(),
                    history.isEmpty() ? QStringLiteral("none") : history.join(QStringLiteral(", ")));
    printText(out);
    return 0;
}

} // namespace tideline::cli
