// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/monitor/PrometheusText.h"

#include <QCoreApplication>

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

// A cursor over one line; every read checks the end.
struct Line {
    QByteArrayView text;
    qsizetype pos = 0;

    bool atEnd() const { return pos >= text.size(); }
    char peek() const { return atEnd() ? '\0' : text[pos]; }
    void skipBlanks()
    {
        while (!atEnd() && (text[pos] == ' ' || text[pos] == '\t'))
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
        while (!atEnd() && text[pos] != ' ' && text[pos] != '\t')
            ++pos;
        return text.sliced(start, pos - start);
    }
};

// Go's strconv.ParseFloat, which Prometheus uses: decimal and scientific forms, and NaN, Inf,
// +Inf, -Inf, Infinity in any case.
std::optional<double> parseFloat(QByteArrayView t)
{
    if (t.isEmpty())
        return std::nullopt;
    QByteArrayView body = t;
    bool negative = false;
    if (body.front() == '+' || body.front() == '-') {
        negative = body.front() == '-';
        body = body.sliced(1);
    }
    const QByteArray lower = body.toByteArray().toLower();
    if (lower == "inf" || lower == "infinity")
        return negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    if (lower == "nan")
        return std::numeric_limits<double>::quiet_NaN();
    double v = 0;
    const char* first = body.data();
    const char* last = body.data() + body.size();
    // from_chars takes no leading '+' and no hex floats: Go's ParseFloat accepts hex, Prometheus
    // writers never emit it; it is refused here.
    const auto [ptr, ec] = std::from_chars(first, last, v, std::chars_format::general);
    if (ec != std::errc() || ptr != last)
        return std::nullopt;
    return negative ? -v : v;
}

QString unescape(QByteArrayView t, bool quotes, bool* ok)
{
    QByteArray out;
    out.reserve(t.size());
    *ok = true;
    for (qsizetype i = 0; i < t.size(); ++i) {
        if (t[i] != '\\') {
            out.append(t[i]);
            continue;
        }
        if (++i >= t.size()) {
            *ok = false;
            break;
        }
        switch (t[i]) {
        case '\\': out.append('\\'); break;
        case 'n': out.append('\n'); break;
        case '"':
            if (quotes) {
                out.append('"');
                break;
            }
            [[fallthrough]];
        default:
            // HELP text keeps an unknown escape as written (Prometheus does); label values may not.
            if (quotes)
                *ok = false;
            out.append('\\');
            out.append(t[i]);
        }
    }
    return QString::fromUtf8(out);
}

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
            line.skipBlanks();
            const QByteArrayView rest = line.text.sliced(line.pos);
            if (keyword == "HELP") {
                bool ok = true;
                out.m_help.insert(family, unescape(rest, false, &ok));
                continue;
            }
            const QString type = QString::fromLatin1(rest).trimmed();
            static const QStringList known{QStringLiteral("counter"), QStringLiteral("gauge"), QStringLiteral("histogram"),
                                           QStringLiteral("summary"), QStringLiteral("untyped")};
            if (!known.contains(type))
                return error(PrometheusTextText::tr("unknown metric type '%1'").arg(type.left(40)));
            if (out.m_types.contains(family))
                return error(PrometheusTextText::tr("a second TYPE for %1").arg(family));
            out.m_types.insert(family, type);
            continue;
        }

        PrometheusSample sample;
        sample.name = QString::fromLatin1(line.name(true));
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
                const QString label = QString::fromLatin1(line.name(false));
                if (label.isEmpty())
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
                bool ok = true;
                QString value = unescape(line.text.sliced(valueStart, line.pos - valueStart), true, &ok);
                if (!ok)
                    return error(PrometheusTextText::tr("a bad escape in the value of label %1").arg(label));
                ++line.pos; // the closing quote
                sample.labels.append({label, std::move(value)});
                line.skipBlanks();
                if (line.peek() == ',') {
                    ++line.pos;
                    continue;
                }
                if (line.peek() != '}')
                    return error(PrometheusTextText::tr("',' or '}' expected in the labels of %1").arg(sample.name));
            }
        }
        line.skipBlanks();
        const QByteArrayView valueText = line.token();
        const auto value = parseFloat(valueText);
        if (!value)
            return error(PrometheusTextText::tr("'%1' is not a value")
                             .arg(QString::fromLatin1(valueText.first(std::min<qsizetype>(40, valueText.size())))));
        sample.value = *value;
        line.skipBlanks();
        if (!line.atEnd()) {
            const QByteArrayView ts = line.token();
            qint64 ms = 0;
            const auto [ptr, ec] = std::from_chars(ts.data(), ts.data() + ts.size(), ms);
            if (ec != std::errc() || ptr != ts.data() + ts.size())
                return error(PrometheusTextText::tr("'%1' is not a timestamp")
                                 .arg(QString::fromLatin1(ts.first(std::min<qsizetype>(40, ts.size())))));
            sample.timestampMs = ms;
            line.skipBlanks();
            if (!line.atEnd())
                return error(PrometheusTextText::tr("text after the timestamp"));
        }
        const QString family = familyOf(sample.name, out.m_types);
        const QString type = out.m_types.value(family);
        if (type == QLatin1String("histogram") || type == QLatin1String("summary")) {
            ++out.m_skipped;
            continue;
        }
        if (out.m_samples.size() >= limits.maxSamples)
            return error(PrometheusTextText::tr("more than %1 samples").arg(limits.maxSamples));
        out.m_samples.append(std::move(sample));
    }
    return out;
}

std::optional<double> PrometheusMetrics::value(QStringView name, const QList<std::pair<QString, QString>>& labels) const
{
    for (const PrometheusSample& s : m_samples) {
        if (s.name != name)
            continue;
        const bool all = std::all_of(labels.begin(), labels.end(), [&](const std::pair<QString, QString>& want) {
            return std::find(s.labels.begin(), s.labels.end(), want) != s.labels.end();
        });
        if (all)
            return s.value;
    }
    return std::nullopt;
}

} // namespace tideline::monitor
