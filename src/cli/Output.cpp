// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/cli/Output.h"

#include "engine/catalog/ServerCatalog.h"
#include "engine/core/Redactor.h"
#include "engine/core/Units.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <cstdio>

namespace tideline::cli {

namespace {
struct OutputText {
    Q_DECLARE_TR_FUNCTIONS(Output)
};
} // namespace

int reportError(const Error& error)
{
    const QString line = QStringLiteral("tideline-cli: ") + Redactor::redact(error.oneLine()) + QLatin1Char('\n');
    std::fputs(line.toUtf8().constData(), stderr);
    return exitStatus(error.code);
}

void reportWarnings(const QList<catalog::CatalogWarning>& warnings)
{
    for (const auto& w : warnings) {
        const QString line = OutputText::tr("warning: %1").arg(Redactor::redact(w.message)) + QLatin1Char('\n');
        std::fputs(line.toUtf8().constData(), stderr);
    }
}

void printNote(const QString& note)
{
    const QString line = OutputText::tr("note: %1").arg(Redactor::redact(note)) + QLatin1Char('\n');
    std::fputs(line.toUtf8().constData(), stderr);
}

void printJson(const QJsonObject& object)
{
    const QByteArray bytes = QJsonDocument(object).toJson(QJsonDocument::Indented);
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stdout);
    std::fflush(stdout);
}

void printText(const QString& text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stdout);
    std::fflush(stdout);
}

QString labelledLines(const QList<std::pair<QString, QString>>& rows, qsizetype minWidth)
{
    qsizetype width = minWidth;
    for (const auto& [label, value] : rows)
        width = std::max(width, label.size() + 2);
    QString text;
    for (const auto& [label, value] : rows)
        text += label.leftJustified(width) + value + QLatin1Char('\n');
    return text;
}

QString formatBytes(qint64 bytes)
{
    // Numbers stay unlocalised (scripts parse them); only the unit is translated.
    return units::bytes(bytes, QLocale::c());
}

TextTable::TextTable(QStringList headers, QList<int> rightAligned)
    : m_headers(std::move(headers)), m_right(std::move(rightAligned))
{}

void TextTable::addRow(QStringList cells)
{
    while (cells.size() < m_headers.size())
        cells.append(QString());
    m_rows.append(std::move(cells));
}

QString TextTable::render() const
{
    QList<qsizetype> widths;
    for (const auto& h : m_headers)
        widths.append(h.size());
    for (const auto& row : m_rows)
        for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], row[i].size());
    auto line = [&](const QStringList& cells) -> QString {
        QString out;
        for (qsizetype i = 0; i < widths.size(); ++i) {
            const QString& c = cells.value(i);
            const bool last = i + 1 == widths.size();
            if (m_right.contains(static_cast<int>(i)))
                out += c.rightJustified(widths[i]);
            else
                out += last ? c : c.leftJustified(widths[i]);
            if (!last)
                out += QStringLiteral("  ");
        }
        while (out.endsWith(QLatin1Char(' ')))
            out.chop(1);
        return out + QLatin1Char('\n');
    };
    QString text = line(m_headers);
    for (const auto& row : m_rows)
        text += line(row);
    return text;
}

} // namespace tideline::cli
