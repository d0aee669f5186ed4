// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/Error.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace tideline::catalog {
struct CatalogWarning;
}

namespace tideline::cli {

/// Prints one error line on stderr ("tideline-cli: message. Hint: hint") and returns its exit status.
int reportError(const Error& error);
/// Prints "warning: ..." lines on stderr.
void reportWarnings(const QList<catalog::CatalogWarning>& warnings);
/// Prints "note: ..." on stderr: facts the user should know that are not warnings.
void printNote(const QString& note);
/// Prints a JSON document on stdout, indented, UTF-8, newline-terminated.
void printJson(const QJsonObject& object);
/// Prints text on stdout as UTF-8.
void printText(const QString& text);

/// "Label   value" lines, the values aligned at least `minWidth` columns in, or two past the
/// longest label (translated labels are longer).
QString labelledLines(const QList<std::pair<QString, QString>>& rows, qsizetype minWidth);

/// "1.5 GiB", "512 B": binary units, one decimal.
QString formatBytes(qint64 bytes);

/// A plain-text table with aligned columns; columns listed in rightAligned are right-aligned.
class TextTable {
public:
    explicit TextTable(QStringList headers, QList<int> rightAligned = {});
    void addRow(QStringList cells);
    QString render() const;

private:
    QStringList m_headers;
    QList<int> m_right;
    QList<QStringList> m_rows;
};

} // namespace tideline::cli
