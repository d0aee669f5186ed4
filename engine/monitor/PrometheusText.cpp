// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/monitor/PrometheusText.h"

#include "engine/core/Excerpt.h"

#include <QCoreApplication>
#include <QStringDecoder>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace tideline::monitor {

namespace {

struct PrometheusTextText {
    Q_DECLARE_TR_FUNCTIONS(PrometheusText)
};

bool isNameStart(char c, bool colon)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colon && c == ':');
}

bool isNameChar(char c, bool colon)
{
    return isNameStart(c, colon) || (c >= '0' && c <= '9');
}

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// A cursor over one line; every read checks the end.
struct Line {
    QByteArrayView text;
    qsizetype pos = 0;

    bool atEnd() const { return pos >= text.size(); }
    char peek() const { return atEnd() ? '\0' : text[pos]; }
    void skipBlanks()
    {
        while (!atEnd() && isBlank(text[pos]))
            ++pos;
    }
    QByteArrayView name(bool colon)
    {
        const qsizetype start = pos;
        if (atEnd() || !isNameStart(text[pos], colon))
            return {};
        while (!atEnd() && isNameChar(text[pos], colon))
            ++pos;
        return text.sliced(start, pos - start);
    }
    QByteArrayView token()
    {
        const qsizetype start = pos;
        while (!atEnd() && !isBlank(text[pos]))
            ++pos;
        return text.sliced(start, pos - start);
    }
};

// Whether a well-formed decimal that from_chars found out of range lies below the smallest
// double (Go's ParseFloat then reads ±0, and Prometheus with it) rather than above the largest
// (Go refuses it). The two are over 600 decades apart, so the decade of the first significant
// digit decides; digit counts are bounded by the line cap and the exponent saturates.
bool underflows(QByteArrayView body)
{
    qsizetype i = 0;
    while (i < body.size() && body[i] == '0')
        ++i;
    qint64 decade = 0;
    while (i < body.size() && isDigit(body[i])) {
        ++decade;
        ++i;
    }
    if (decade == 0 && i < body.size() && body[i] == '.') {
        ++i;
        while (i < body.size() && body[i] == '0') {
            --decade;
            ++i;
        }
    }
    while (i < body.size() && body[i] != 'e' && body[i] != 'E')
        ++i;
    if (i < body.size()) {
        ++i;
        bool negative = false;
        if (i < body.size() && (body[i] == '+' || body[i] == '-'))
            negative = body[i++] == '-';
        qint64 exponent = 0;
        for (; i < body.size(); ++i)
            exponent = std::min<qint64>(exponent * 10 + (body[i] - '0'), 1'000'000'000);
        decade += negative ? -exponent : exponent;
    }
    return decade <= 0;
}

// Go's strconv.ParseFloat as Prometheus's text parser calls it: decimal and scientific forms,
// NaN, and Inf or Infinity with an optional sign, in any case; no sign on NaN, no hex floats and
// no '_' (Prometheus refuses both).
std::optional<double> parseFloat(QByteArrayView t)
{
    QByteArrayView body = t;
    bool negative = false;
    if (!body.isEmpty() && (body.front() == '+' || body.front() == '-')) {
        negative = body.front() == '-';
        body = body.sliced(1);
    }
    if (body.isEmpty())
        return std::nullopt;
    if (body.size() <= 8) {
        const QByteArray lower = body.toByteArray().toLower();
        if (lower == "inf" || lower == "infinity")
            return negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
        if (lower == "nan")
            return body.size() == t.size() ? std::optional(std::numeric_limits<double>::quiet_NaN()) : std::nullopt;
    }
    // from_chars would also take a second sign, "nan(…)" and "infinity" spelt otherwise.
    if (!isDigit(body.front()) && body.front() != '.')
        return std::nullopt;
    if (!std::all_of(body.begin(), body.end(),
                     [](char c) { return isDigit(c) || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-'; }))
        return std::nullopt;
    double v = 0;
    const char* last = body.data() + body.size();
    const auto [ptr, ec] = std::from_chars(body.data(), last, v, std::chars_format::general);
    if (ptr != last)
        return std::nullopt;
    if (ec == std::errc::result_out_of_range && underflows(body))
        return negative ? -0.0 : 0.0;
    if (ec != std::errc())
        return std::nullopt;
    return negative ? -v : v;
}

// ParseInt(s, 10, 64), as Prometheus reads a timestamp: an optional sign, then decimal digits.
std::optional<qint64> parseTimestamp(QByteArrayView t)
{
    const bool plus = t.startsWith('+');
    if (plus)
        t = t.sliced(1);
    if (t.isEmpty() || !(isDigit(t.front()) || (!plus && t.front() == '-')))
        return std::nullopt;
    qint64 ms = 0;
    const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), ms);
    if (ec != std::errc() || ptr != t.data() + t.size())
        return std::nullopt;
    return ms;
}

// Backslash escapes resolved. Label values know \\, \" and \n and nothing else (Prometheus's
// reference parser refuses the rest); HELP knows \\ and \n and keeps any other backslash as written,
// as Prometheus's scraper does.
std::optional<QByteArray> unescape(QByteArrayView t, bool labelValue)
{
    QByteArray out;
    out.reserve(t.size());
    for (qsizetype i = 0; i < t.size(); ++i) {
        if (t[i] != '\\') {
            out.append(t[i]);
            continue;
        }
        const char next = i + 1 < t.size() ? t[i + 1] : '\0';
        if (next == '\\' || next == 'n' || (labelValue && next == '"')) {
            out.append(next == 'n' ? '\n' : next);
            ++i;
        } else if (labelValue) {
            return std::nullopt;
        } else {
            out.append('\\');
        }
    }
    return out;
}

// Strict UTF-8, as Prometheus requires of a label value: a lenient decode would turn two different
// hostile values into the same string of U+FFFD. A leading BOM is a character here, not a marker.
std::optional<QString> decodeUtf8(const QByteArray& bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom);
    QString out = decoder.decode(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return out;
}

// Metric and label names repeat on every line; one shared copy of each keeps a sample's cost near
// that of its values. Keys view the text, which outlives the parse. An exposition names a few
// hundred; past the bound, names are copied rather than let the table grow with hostile text
// (skipped samples count against no other cap).
struct Names {
    static constexpr qsizetype kMaxShared = 10'000;
    QHash<QByteArrayView, QString> shared;
    QString operator()(QByteArrayView name)
    {
        auto it = shared.constFind(name);
        if (it != shared.constEnd())
            return *it;
        QString copy = QString::fromLatin1(name);
        if (shared.size() < kMaxShared)
            shared.insert(name, copy);
        return copy;
    }
};

// The family a sample belongs to when its family is a histogram or summary.
QString familyOf(const QString& name, const QHash<QString, QString>& types)
{
    for (QLatin1StringView suffix : {QLatin1StringView("_bucket"), QLatin1StringView("_sum"), QLatin1StringView("_count")})
        if (name.endsWith(suffix)) {
            const QString base = name.chopped(suffix.size());
            const QString type = types.value(base);
            if (type == QLatin1String("histogram") || type == QLatin1String("summary"))
                return base;
        }
    return name;
}

} // namespace

Result<PrometheusMetrics> PrometheusMetrics::parse(QByteArrayView text, const Limits& limits)
{
    PrometheusMetrics out;
    qsizetype lineNo = 0;
    qsizetype start = 0;
    qsizetype labelPairs = 0;
    Names names;
    auto error = [&](const QString& what) {
        return fail(ErrorCode::Corrupt, PrometheusTextText::tr("metrics line %1: %2").arg(lineNo).arg(what),
                    PrometheusTextText::tr("The endpoint does not speak the Prometheus text format (0.0.4)."));
    };
    while (start < text.size()) {
        qsizetype end = text.indexOf('\n', start);
        if (end < 0)
            end = text.size();
        ++lineNo;
        Line line{text.sliced(start, end - start)};
        start = end + 1;
        if (line.text.size() > limits.maxLineBytes)
            return error(PrometheusTextText::tr("longer than %1 bytes").arg(limits.maxLineBytes));
        if (line.text.endsWith('\r'))
            line.text.chop(1);
        line.skipBlanks();
        if (line.atEnd())
            continue;
        if (line.peek() == '#') {
            ++line.pos;
            line.skipBlanks();
            const QByteArrayView keyword = line.token();
            if (keyword != "HELP" && keyword != "TYPE")
                continue; // an ordinary comment
            line.skipBlanks();
            const QString family = QString::fromLatin1(line.name(true));
            if (family.isEmpty())
                return error(PrometheusTextText::tr("# %1 without a metric name").arg(QString::fromLatin1(keyword)));
            if (!line.atEnd() && !isBlank(line.peek()))
                return error(PrometheusTextText::tr("not a metric name"));
            line.skipBlanks();
            const QByteArrayView rest = line.text.sliced(line.pos);
            QHash<QString, QString>& table = keyword == "HELP" ? out.m_help : out.m_types;
            if (table.size() >= limits.maxFamilies && !table.contains(family))
                return error(PrometheusTextText::tr("more than %1 metric families").arg(limits.maxFamilies));
            if (keyword == "HELP") {
                out.m_help.insert(family, QString::fromUtf8(*unescape(rest, false)));
                continue;
            }
            const QByteArrayView type = rest.trimmed();
            static const QList<QByteArrayView> known{"counter", "gauge", "histogram", "summary", "untyped"};
            if (!known.contains(type))
                return error(PrometheusTextText::tr("unknown metric type '%1'").arg(excerpt::printable(type)));
            if (out.m_types.contains(family))
                return error(PrometheusTextText::tr("a second TYPE for %1").arg(family));
            out.m_types.insert(family, QString::fromLatin1(type));
            continue;
        }

        PrometheusSample sample;
        sample.name = names(line.name(true));
        if (sample.name.isEmpty())
            return error(PrometheusTextText::tr("not a metric name"));
        line.skipBlanks();
        if (line.peek() == '{') {
            ++line.pos;
            for (;;) {
                line.skipBlanks();
                if (line.peek() == '}') {
                    ++line.pos;
                    break;
                }
                if (sample.labels.size() >= limits.maxLabels)
                    return error(PrometheusTextText::tr("more than %1 labels").arg(limits.maxLabels));
                const QString label = names(line.name(false));
                // __name__ is where Prometheus keeps the metric name: a label of that name would
                // rename the series.
                if (label.isEmpty() || label == u"__name__")
                    return error(PrometheusTextText::tr("not a label name in %1").arg(sample.name));
                for (const auto& [k, v] : std::as_const(sample.labels))
                    if (k == label)
                        return error(PrometheusTextText::tr("label %1 twice in %2").arg(label, sample.name));
                line.skipBlanks();
                if (line.peek() != '=')
                    return error(PrometheusTextText::tr("'=' expected after label %1").arg(label));
                ++line.pos;
                line.skipBlanks();
                if (line.peek() != '"')
                    return error(PrometheusTextText::tr("a quoted value expected for label %1").arg(label));
                const qsizetype valueStart = ++line.pos;
                while (!line.atEnd() && line.peek() != '"')
                    line.pos += line.peek() == '\\' ? 2 : 1;
                if (line.atEnd())
                    return error(PrometheusTextText::tr("the value of label %1 is not terminated").arg(label));
                const auto bytes = unescape(line.text.sliced(valueStart, line.pos - valueStart), true);
                if (!bytes)
                    return error(PrometheusTextText::tr("a bad escape in the value of label %1").arg(label));
                auto value = decodeUtf8(*bytes);
                if (!value)
                    return error(PrometheusTextText::tr("the value of label %1 is not UTF-8").arg(label));
                ++line.pos; // the closing quote
                sample.labels.append({label, std::move(*value)});
                line.skipBlanks();
                if (line.peek() == ',') {
                    ++line.pos;
                    continue;
                }
                if (line.peek() != '}')
                    return error(PrometheusTextText::tr("',' or '}' expected in the labels of %1").arg(sample.name));
            }
        }
        // A list grown label by label holds room for more; thousands of samples make it count.
        sample.labels.squeeze();
        line.skipBlanks();
        const QByteArrayView valueText = line.token();
        const auto value = parseFloat(valueText);
        if (!value)
            return error(PrometheusTextText::tr("'%1' is not a value").arg(excerpt::printable(valueText)));
        sample.value = *value;
        line.skipBlanks();
        if (!line.atEnd()) {
            const QByteArrayView ts = line.token();
            sample.timestampMs = parseTimestamp(ts);
            if (!sample.timestampMs)
                return error(PrometheusTextText::tr("'%1' is not a timestamp").arg(excerpt::printable(ts)));
            line.skipBlanks();
            if (!line.atEnd())
                return error(PrometheusTextText::tr("text after the timestamp"));
        }
        const QString type = out.m_types.value(familyOf(sample.name, out.m_types));
        if (type == QLatin1String("histogram") || type == QLatin1String("summary")) {
            if (out.m_skipped < std::numeric_limits<int>::max())
                ++out.m_skipped;
            continue;
        }
        if (out.m_samples.size() >= limits.maxSamples)
            return error(PrometheusTextText::tr("more than %1 samples").arg(limits.maxSamples));
        labelPairs += sample.labels.size();
        if (labelPairs > limits.maxLabelPairs)
            return error(PrometheusTextText::tr("more than %1 labels in all").arg(limits.maxLabelPairs));
        out.m_samples.append(std::move(sample));
    }
    return out;
}

namespace {

bool matches(const PrometheusSample& s, QStringView name, const QList<std::pair<QString, QString>>& labels)
{
    return s.name == name && std::all_of(labels.begin(), labels.end(), [&](const std::pair<QString, QString>& want) {
               return std::find(s.labels.begin(), s.labels.end(), want) != s.labels.end();
           });
}

} // namespace

QList<PrometheusSample> PrometheusMetrics::matching(QStringView name, const QList<std::pair<QString, QString>>& labels) const
{
    QList<PrometheusSample> out;
    for (const PrometheusSample& s : m_samples)
        if (matches(s, name, labels))
            out.append(s);
    return out;
}

std::optional<double> PrometheusMetrics::value(QStringView name, const QList<std::pair<QString, QString>>& labels) const
{
    for (const PrometheusSample& s : m_samples)
        if (matches(s, name, labels))
            return s.value;
    return std::nullopt;
}

} // namespace tideline::monitor
