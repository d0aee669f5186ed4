// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/Error.h"

#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace tideline::monitor {

/// One sample of a Prometheus exposition: name, labels in the order written (values unescaped),
/// value (NaN and ±Inf included) and the optional timestamp in milliseconds.
struct PrometheusSample {
    QString name;
    QList<std::pair<QString, QString>> labels;
    double value = 0;
    std::optional<qint64> timestampMs;
};

/// A scrape of the Prometheus text exposition format 0.0.4, what CNPG's instance manager serves on
/// port 9187 and what the Barman Cloud plugin adds to it. Pure value; any thread.
class PrometheusMetrics {
public:
    /// Caps that keep a hostile or broken endpoint from costing unbounded memory or time (a parse
    /// is linear in the text). Without them the 16 MiB of text KubeClient::getText holds could
    /// cost ~18 times its size in samples and labels; with these defaults the worst measured is
    /// ~110 MB (a million one-character labels), and CNPG's own exposition (a few hundred samples,
    /// some thousands with custom queries) is far inside every one of them. Exceeding one is an
    /// error, never a silent truncation.
    struct Limits {
        qsizetype maxLineBytes = 64 * 1024;  ///< one line, "\n" excluded
        int maxLabels = 64;                  ///< labels of one sample
        qsizetype maxSamples = 200'000;      ///< samples kept (skipped histogram/summary ones are not)
        qsizetype maxLabelPairs = 1'000'000; ///< labels of all kept samples together
        qsizetype maxFamilies = 100'000;     ///< distinct names with a # HELP, and with a # TYPE
    };

    /// Parses the whole text. Accepted: # HELP (escapes \\ and \n; any other backslash is kept as
    /// written, as Prometheus's scraper keeps it) and # TYPE lines, other comments, blank lines,
    /// blanks at either end of a line, a trailing "\r" on a line (CRLF: some proxies add it), label
    /// sets with a trailing comma or empty, label values with \\, \" and \n, values in Go's
    /// strconv.ParseFloat syntax as Prometheus reads them (decimal and scientific forms, NaN, Inf,
    /// +Inf, -Inf, Infinity in any case; a value below the smallest double reads as 0, as Go reads
    /// it), an optional int64 timestamp in milliseconds (may be negative or have a '+').
    /// The samples of a family typed histogram or summary by a # TYPE line above them (NAME,
    /// NAME_bucket, NAME_sum, NAME_count) are checked as any sample, then skipped and counted,
    /// never an error: the monitor reads gauges and counters only. A # TYPE after a family's
    /// samples types only what follows; a second # HELP replaces the first.
    /// Errors: Corrupt with "metrics line N: …" (N from 1) for an invalid metric or label name
    /// (__name__ is reserved), a label repeated in one sample, an unterminated or badly escaped
    /// label value or one that is not UTF-8, a value that does not parse (hex, '_', a second sign,
    /// a signed NaN, beyond the largest double), a timestamp that is no int64, text after the
    /// timestamp, an unknown or second # TYPE, or a cap exceeded. Quoted input in a message is cut
    /// to 40 characters and its unprintable characters replaced.
    static Result<PrometheusMetrics> parse(QByteArrayView text, const Limits& limits);
    static Result<PrometheusMetrics> parse(QByteArrayView text) { return parse(text, Limits{}); }

    /// In the order of the text.
    const QList<PrometheusSample>& samples() const { return m_samples; }
    /// The # TYPE of a family ("counter", "gauge", "histogram", "summary", "untyped"); empty if none.
    QString type(const QString& family) const { return m_types.value(family); }
    /// The # HELP of a family, unescaped; empty if none.
    QString help(const QString& family) const { return m_help.value(family); }
    /// Samples of histogram and summary families left out.
    int skipped() const { return m_skipped; }

    /// The samples named `name` whose labels include every pair of `labels` (others may be there
    /// too: cnpg_collector_pg_wal_archive_status with {value="ready"}), in the order of the text.
    QList<PrometheusSample> matching(QStringView name, const QList<std::pair<QString, QString>>& labels = {}) const;
    /// The value of the first of matching(name, labels); nullopt when there is none.
    std::optional<double> value(QStringView name, const QList<std::pair<QString, QString>>& labels = {}) const;

private:
    QList<PrometheusSample> m_samples;
    QHash<QString, QString> m_types;
    QHash<QString, QString> m_help;
    int m_skipped = 0;
};

} // namespace tideline::monitor
