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
    // Column headers: TextTable sizes every column from the (translated) header and its cells.
    TextTable table(
        {//: timeline column header (TLI)
         tr("TL"),
         //: parent timeline column header
         tr("PARENT"), tr("SWITCH LSN"),
         //: first WAL segment column header
         tr("FIRST"),
         //: last WAL segment column header
         tr("LAST"), tr("SEGMENTS"), tr("SIZE"), tr("GAPS"),
         //: number of .partial WAL files column header
         tr("PARTIAL"), tr("LAST UPLOAD")},
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
            const int count = static_cast<int>(go[QStringLiteral("count")].toInteger());
            const QString timeline = QString::number(t[QStringLiteral("timeline")].toInt());
            const QString first = go[QStringLiteral("first_missing")].toString();
            const QString last = go[QStringLiteral("last_missing")].toString();
            details += (go[QStringLiteral("harmless")].toBool()
                            //: %1 is the timeline, %n the number of missing segments, %2 .. %3 the first and last missing.
                            ? tr("timeline %1: %n missing segment(s) %2 .. %3 (harmless: older than every backup that "
                                 "needs it)",
                                 nullptr, count)
                            //: %1 is the timeline, %n the number of missing segments, %2 .. %3 the first and last missing.
                            : tr("timeline %1: %n missing segment(s) %2 .. %3 (recovery cannot cross it)", nullptr, count))
                           .arg(timeline, first, last)
                + QLatin1Char('\n');
        }
        auto text = [&](const char* key) {
            const QJsonValue x = t[QLatin1String(key)];
            return x.isNull() ? QStringLiteral("-") : x.isString() ? x.toString() : QString::number(x.toInteger());
        };
        table.addRow({text("timeline"), text("parent"), text("switch_lsn"), text("first"), text("last"), text("segments"),
                      formatBytes(t[QStringLiteral("bytes")].toInteger()),
                      gaps.isEmpty() ? QStringLiteral("0")
                                     //: %1 is the number of gaps, %2 how many of them stop recovery.
                                     : tr("%1 (%2 harmful)").arg(QString::number(gaps.size()), QString::number(harmful)),
                      QString::number(t[QStringLiteral("partial")].toArray().size()), text("last_uploaded")});
    }
    QString out = table.render();
    if (!details.isEmpty())
        out += QLatin1Char('\n') + details;
    QStringList history;
    for (const QJsonValue& h : json[QStringLiteral("history_files")].toArray())
        history.append(h.toString());
    const QString segmentSize = formatBytes(json[QStringLiteral("wal_segment_size")].toInteger());
    out += QLatin1Char('\n')
        + (json[QStringLiteral("wal_segment_size_inferred")].toBool()
               ? tr("WAL segment size: %1 (inferred from names)").arg(segmentSize)
               : tr("WAL segment size: %1").arg(segmentSize))
        + QLatin1Char('\n')
        + tr("History files: %1").arg(history.isEmpty() ? tr("none", "history files") : history.join(QStringLiteral(", ")))
        + QLatin1Char('\n');
    printText(out);
    return 0;
}

} // namespace tideline::cli
