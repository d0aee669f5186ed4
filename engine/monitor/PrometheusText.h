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
    /// Caps that keep a hostile or broken endpoint from costing unbounded memory or time.
    struct Limits {
        qsizetype maxLineBytes = 64 * 1024;
        int maxLabels = 64;
        qsizetype maxSamples = 200'000;
    };

    /// Parses the whole text. Accepted: # HELP (escapes \\ and \n) and # TYPE lines, other
    /// comments, blank lines, a trailing "\r" on a line (some proxies add it), label sets with a
    /// trailing comma or empty, label values with \\, \" and \n, values in Go's float syntax
    /// (NaN, +Inf, -Inf, case-insensitive), an optional integer timestamp. The samples of a family
    /// typed histogram or summary (NAME, NAME_bucket, NAME_sum, NAME_count) are skipped and
    /// counted: the monitor reads gauges and counters only.
    /// Errors: Corrupt with "line N: …" for an invalid metric or label name, a label repeated in
    /// one sample, an unterminated or badly escaped label value, a value or timestamp that does
    /// not parse, a second TYPE for one family, or a cap exceeded.
    static Result<PrometheusMetrics> parse(QByteArrayView text, const Limits& limits);
    static Result<PrometheusMetrics> parse(QByteArrayView text) { return parse(text, Limits{}); }

    const QList<PrometheusSample>& samples() const { return m_samples; }
    /// The # TYPE of a family ("counter", "gauge", "histogram", "summary", "untyped"); empty if none.
    QString type(const QString& family) const { return m_types.value(family); }
    QString help(const QString& family) const { return m_help.value(family); }
    /// Samples of histogram and summary families left out.
    int skipped() const { return m_skipped; }

    /// The value of the first sample named `name` whose labels include every pair of `labels`;
    /// nullopt when there is none.
    std::optional<double> value(QStringView name, const QList<std::pair<QString, QString>>& labels = {}) const;

private:
    QList<PrometheusSample> m_samples;
    QHash<QString, QString> m_types;
    QHash<QString, QString> m_help;
    int m_skipped = 0;
};

} // namespace tideline::monitor
