// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/k8s/CronSchedule.h"

#include "engine/core/Excerpt.h"

#include <QCoreApplication>
#include <QVarLengthArray>
#include <QtNumeric>

#include <array>
#include <bit>
#include <expected>
#include <limits>

namespace tideline::k8s {

namespace {

struct CronScheduleText {
    Q_DECLARE_TR_FUNCTIONS(CronSchedule)
};

constexpr quint64 kStarBit = quint64(1) << 63;
constexpr qint64 kUsecPerSec = 1'000'000;
constexpr qint64 kSecPerDay = 86'400;
constexpr qint64 kNsecPerSec = 1'000'000'000;
// 0001-01-01T00:00:00Z is Go's zero time, which robfig returns for "none": a run at that very
// second reads as none to every caller, so it is none here too.
constexpr qint64 kGoZeroTimeUsec = -62'135'596'800'000'000;

enum Field { Second, Minute, Hour, DayOfMonth, Month, DayOfWeek, FieldCount };

constexpr std::array<const char*, 12> kMonthNames = {"jan", "feb", "mar", "apr", "may", "jun",
                                                     "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<const char*, 7> kDayNames = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

struct Bounds {
    int min;
    int max;
};

constexpr std::array<Bounds, FieldCount> kBounds = {{{0, 59}, {0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 6}}};

QString fieldName(int field)
{
    switch (field) {
    case Second: return CronScheduleText::tr("seconds");
    case Minute: return CronScheduleText::tr("minutes");
    case Hour: return CronScheduleText::tr("hours");
    case DayOfMonth: return CronScheduleText::tr("day of month");
    case Month: return CronScheduleText::tr("month");
    default: return CronScheduleText::tr("day of week");
    }
}

QString sixFieldHint()
{
    return CronScheduleText::tr("CNPG reads six fields, seconds first: \"0 0 0 * * *\" is daily at midnight.");
}

QString fiveFieldHint()
{
    return CronScheduleText::tr("CNPG reads six fields, seconds first; five fields are \"second minute hour "
                                "day-of-month month\", not crontab's \"minute hour day-of-month month day-of-week\".");
}

// Go's unicode.IsSpace, which strings.Fields splits on: Latin-1's spaces and the White_Space
// property, a set QChar::isSpace happens to share today but need not tomorrow.
bool isGoSpace(char16_t c)
{
    switch (c) {
    case u'\t':
    case u'\n':
    case u'\v':
    case u'\f':
    case u'\r':
    case u' ':
    case 0x0085:
    case 0x00A0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000: return true;
    default: return c >= 0x2000 && c <= 0x200A;
    }
}

// strings.Fields: the first `keep` fields and how many there are in all.
struct Fields {
    QVarLengthArray<QStringView, 6> first;
    qsizetype count = 0;
};

Fields splitFields(QStringView text, qsizetype keep)
{
    Fields fields;
    qsizetype i = 0;
    while (i < text.size()) {
        while (i < text.size() && isGoSpace(text[i].unicode()))
            ++i;
        if (i == text.size())
            break;
        const qsizetype begin = i;
        while (i < text.size() && !isGoSpace(text[i].unicode()))
            ++i;
        if (fields.first.size() < keep)
            fields.first.append(text.sliced(begin, i - begin));
        ++fields.count;
    }
    return fields;
}

bool isAsciiDigit(QChar c)
{
    return c.unicode() >= u'0' && c.unicode() <= u'9';
}

// strconv.Atoi, then robfig's "no negative numbers": an optional sign, then ASCII digits only.
enum class Number { Ok, NotANumber, Negative, OutOfRange };

struct ParsedNumber {
    Number status = Number::NotANumber;
    qint64 value = 0;
};

ParsedNumber parseNumber(QStringView s)
{
    qsizetype i = 0;
    bool negative = false;
    if (!s.isEmpty() && (s[0] == u'+' || s[0] == u'-')) {
        negative = s[0] == u'-';
        i = 1;
    }
    if (i == s.size())
        return {};
    quint64 magnitude = 0;
    bool overflow = false;
    for (; i < s.size(); ++i) {
        if (!isAsciiDigit(s[i]))
            return {};
        // Keep scanning past an overflow: Go reports a syntax error before a range error.
        if (!overflow) {
            const quint64 digit = s[i].unicode() - u'0';
            if (magnitude > (std::numeric_limits<quint64>::max() - digit) / 10)
                overflow = true;
            else
                magnitude = magnitude * 10 + digit;
        }
    }
    constexpr quint64 kInt64Max = static_cast<quint64>(std::numeric_limits<qint64>::max());
    if (overflow || magnitude > kInt64Max + (negative ? 1 : 0))
        return {Number::OutOfRange, 0};
    if (negative && magnitude != 0)
        return {Number::Negative, 0};
    return {Number::Ok, static_cast<qint64>(magnitude)};
}

// Go's strings.ToLower maps rune by rune, and only three kinds of rune land on ASCII letters:
// A-Z, U+0130 (capital I with dot, to 'i') and U+212A (Kelvin sign, to 'k'). So "FRİ" is Friday
// to robfig, and to us.
std::optional<int> nameValue(QStringView s, int field)
{
    if (field != Month && field != DayOfWeek)
        return std::nullopt;
    if (s.size() != 3)
        return std::nullopt;
    std::array<char, 3> lower{};
    for (qsizetype i = 0; i < 3; ++i) {
        const char16_t c = s[i].unicode();
        if (c >= u'A' && c <= u'Z')
            lower[i] = static_cast<char>(c - u'A' + 'a');
        else if (c >= u'a' && c <= u'z')
            lower[i] = static_cast<char>(c);
        else if (c == 0x0130)
            lower[i] = 'i';
        else if (c == 0x212A)
            lower[i] = 'k';
        else
            return std::nullopt;
    }
    const auto match = [&](const char* name) { return lower[0] == name[0] && lower[1] == name[1] && lower[2] == name[2]; };
    if (field == Month) {
        for (int m = 0; m < 12; ++m) {
            if (match(kMonthNames[m]))
                return m + 1;
        }
    } else {
        for (int d = 0; d < 7; ++d) {
            if (match(kDayNames[d]))
                return d;
        }
    }
    return std::nullopt;
}

using Reason = std::expected<qint64, QString>;

Reason valueOf(QStringView part, QStringView expr, int field)
{
    if (part.isEmpty())
        return std::unexpected(CronScheduleText::tr("\"%1\" is missing a number").arg(excerpt::printable(expr)));
    if (const auto named = nameValue(part, field))
        return *named;
    const ParsedNumber n = parseNumber(part);
    switch (n.status) {
    case Number::Ok: return n.value;
    case Number::OutOfRange:
        return std::unexpected(
            CronScheduleText::tr("%1 is above the maximum, %2").arg(excerpt::printable(part)).arg(kBounds[field].max));
    case Number::Negative:
        return std::unexpected(
            CronScheduleText::tr("%1 is below the minimum, %2").arg(excerpt::printable(part)).arg(kBounds[field].min));
    case Number::NotANumber: break;
    }
    if (field == Month)
        return std::unexpected(
            CronScheduleText::tr("\"%1\" is neither a number nor a month name (JAN-DEC)").arg(excerpt::printable(part)));
    if (field == DayOfWeek)
        return std::unexpected(
            CronScheduleText::tr("\"%1\" is neither a number nor a day name (SUN-SAT)").arg(excerpt::printable(part)));
    return std::unexpected(CronScheduleText::tr("\"%1\" is not a number").arg(excerpt::printable(part)));
}

// robfig's getRange: "*", "?", "a", "a-b", each optionally "/step"; "a/step" runs to the maximum.
// What follows a leading "*" or "?" up to the slash is ignored, as robfig ignores it ("*-3").
std::expected<quint64, QString> rangeBits(QStringView expr, int field)
{
    const Bounds bounds = kBounds[field];
    const qsizetype slash = expr.indexOf(u'/');
    const QStringView rangePart = slash < 0 ? expr : expr.first(slash);
    const qsizetype hyphen = rangePart.indexOf(u'-');
    const QStringView low = hyphen < 0 ? rangePart : rangePart.first(hyphen);

    qint64 start = bounds.min;
    qint64 end = bounds.max;
    quint64 star = 0;
    if (low == u"*" || low == u"?") {
        star = kStarBit;
    } else {
        const Reason first = valueOf(low, expr, field);
        if (!first)
            return std::unexpected(first.error());
        start = *first;
        end = start;
        if (hyphen >= 0) {
            const QStringView high = rangePart.sliced(hyphen + 1);
            if (high.contains(u'-'))
                return std::unexpected(CronScheduleText::tr("\"%1\" has more than one \"-\"").arg(excerpt::printable(expr)));
            const Reason last = valueOf(high, expr, field);
            if (!last)
                return std::unexpected(last.error());
            end = *last;
        }
    }

    qint64 step = 1;
    if (slash >= 0) {
        const QStringView stepText = expr.sliced(slash + 1);
        if (stepText.contains(u'/'))
            return std::unexpected(CronScheduleText::tr("\"%1\" has more than one \"/\"").arg(excerpt::printable(expr)));
        if (stepText.isEmpty())
            return std::unexpected(CronScheduleText::tr("\"%1\" is missing its step").arg(excerpt::printable(expr)));
        const ParsedNumber n = parseNumber(stepText);
        switch (n.status) {
        case Number::Ok: break;
        case Number::NotANumber:
            return std::unexpected(CronScheduleText::tr("the step \"%1\" is not a number").arg(excerpt::printable(stepText)));
        case Number::Negative:
            return std::unexpected(CronScheduleText::tr("the step %1 is negative").arg(excerpt::printable(stepText)));
        case Number::OutOfRange:
            return std::unexpected(CronScheduleText::tr("the step %1 is out of range").arg(excerpt::printable(stepText)));
        }
        step = n.value;
        if (hyphen < 0)
            end = bounds.max;
    }

    if (start < bounds.min)
        return std::unexpected(CronScheduleText::tr("%1 is below the minimum, %2").arg(start).arg(bounds.min));
    if (end > bounds.max)
        return std::unexpected(CronScheduleText::tr("%1 is above the maximum, %2").arg(end).arg(bounds.max));
    if (start > end) {
        // "70/5" reaches here with end already at the maximum: say what is wrong with it.
        if (start > bounds.max)
            return std::unexpected(CronScheduleText::tr("%1 is above the maximum, %2").arg(start).arg(bounds.max));
        return std::unexpected(CronScheduleText::tr("the range %1-%2 runs backwards").arg(start).arg(end));
    }
    if (step == 0)
        return std::unexpected(CronScheduleText::tr("the step must be at least 1"));

    quint64 bits = 0;
    // Unsigned: start + a step near 2^63 must not overflow before the loop ends.
    for (quint64 v = static_cast<quint64>(start); v <= static_cast<quint64>(end); v += static_cast<quint64>(step))
        bits |= quint64(1) << v;
    return bits | star;
}

// robfig's getField: comma-separated ranges, empty elements skipped (strings.FieldsFunc).
std::expected<quint64, QString> fieldBits(QStringView text, int field)
{
    quint64 bits = 0;
    qsizetype begin = 0;
    while (begin <= text.size()) {
        qsizetype comma = text.indexOf(u',', begin);
        if (comma < 0)
            comma = text.size();
        if (comma > begin) {
            const auto range = rangeBits(text.sliced(begin, comma - begin), field);
            if (!range)
                return range;
            bits |= *range;
        }
        begin = comma + 1;
    }
    return bits;
}

constexpr quint64 allBits(int field)
{
    const Bounds b = kBounds[static_cast<std::size_t>(field)];
    return ((~quint64(0)) >> (63 - b.max)) & ((~quint64(0)) << b.min);
}

// Go's time.ParseDuration (the same in Go 1.19 and in the newer releases CNPG builds with):
// nanoseconds, or nullopt where Go returns an error. The unsigned wrap-around is Go's too:
// "9223372036854775808ns9223372036854775808ns" is 0.
std::optional<qint64> parseGoDuration(QStringView s)
{
    constexpr quint64 kLimit = quint64(1) << 63;
    quint64 total = 0;
    bool negative = false;
    if (!s.isEmpty() && (s[0] == u'-' || s[0] == u'+')) {
        negative = s[0] == u'-';
        s = s.sliced(1);
    }
    if (s == u"0")
        return 0;
    if (s.isEmpty())
        return std::nullopt;
    while (!s.isEmpty()) {
        if (!(s[0] == u'.' || isAsciiDigit(s[0])))
            return std::nullopt;
        quint64 whole = 0;
        qsizetype i = 0;
        for (; i < s.size() && isAsciiDigit(s[i]); ++i) {
            if (whole > kLimit / 10)
                return std::nullopt;
            whole = whole * 10 + (s[i].unicode() - u'0');
            if (whole > kLimit)
                return std::nullopt;
        }
        const bool digitsBefore = i > 0;
        s = s.sliced(i);

        quint64 fraction = 0;
        double scale = 1;
        bool digitsAfter = false;
        if (!s.isEmpty() && s[0] == u'.') {
            s = s.sliced(1);
            bool overflow = false;
            qsizetype j = 0;
            for (; j < s.size() && isAsciiDigit(s[j]); ++j) {
                if (overflow)
                    continue;
                if (fraction > (kLimit - 1) / 10) {
                    overflow = true;
                    continue;
                }
                const quint64 next = fraction * 10 + (s[j].unicode() - u'0');
                if (next > kLimit) {
                    overflow = true;
                    continue;
                }
                fraction = next;
                scale *= 10;
            }
            digitsAfter = j > 0;
            s = s.sliced(j);
        }
        if (!digitsBefore && !digitsAfter)
            return std::nullopt;

        qsizetype k = 0;
        while (k < s.size() && s[k] != u'.' && !isAsciiDigit(s[k]))
            ++k;
        if (k == 0)
            return std::nullopt;
        const QStringView unitText = s.first(k);
        s = s.sliced(k);
        quint64 unit = 0;
        if (unitText == u"ns")
            unit = 1;
        else if (unitText == u"us" || unitText == u"\u00B5s" || unitText == u"\u03BCs")
            unit = 1'000;
        else if (unitText == u"ms")
            unit = 1'000'000;
        else if (unitText == u"s")
            unit = 1'000'000'000;
        else if (unitText == u"m")
            unit = 60'000'000'000;
        else if (unitText == u"h")
            unit = 3'600'000'000'000;
        else
            return std::nullopt;

        if (whole > kLimit / unit)
            return std::nullopt;
        whole *= unit;
        if (fraction > 0) {
            // Go's own double arithmetic, so a fraction truncates to the same nanosecond.
            whole += static_cast<quint64>(static_cast<double>(fraction) * (static_cast<double>(unit) / scale));
            if (whole > kLimit)
                return std::nullopt;
        }
        total += whole;
        if (total > kLimit)
            return std::nullopt;
    }
    if (negative)
        return static_cast<qint64>(0 - total);
    if (total > kLimit - 1)
        return std::nullopt;
    return static_cast<qint64>(total);
}

qint64 floorDiv(qint64 a, qint64 b)
{
    const qint64 q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// Howard Hinnant's civil_from_days: proleptic Gregorian, as Go's time package.
struct Civil {
    qint64 year;
    int month;
    int day;
};

Civil civilFromDays(qint64 z)
{
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const qint64 doe = z - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    return {yoe + era * 400 + (m <= 2), m, d};
}

int daysInMonth(qint64 year, int month)
{
    static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))
        return 29;
    return kDays[static_cast<std::size_t>(month - 1)];
}

// The lowest set bit at or above `from`, or -1.
int nextBit(quint64 mask, int from)
{
    if (from > 63)
        return -1;
    const quint64 rest = mask & (~quint64(0) << from);
    return rest ? std::countr_zero(rest) : -1;
}

std::optional<qint64> usecFromSeconds(qint64 seconds)
{
    qint64 usec = 0;
    if (qMulOverflow(seconds, kUsecPerSec, &usec) || usec == kGoZeroTimeUsec)
        return std::nullopt;
    return usec;
}

} // namespace

Result<CronSchedule> CronSchedule::parse(QStringView text)
{
    if (text.isEmpty())
        return fail(ErrorCode::Usage, CronScheduleText::tr("The schedule is empty"), sixFieldHint());

    const Fields fields = splitFields(text, FieldCount);
    CronSchedule schedule;
    schedule.m_fieldCount = static_cast<int>(qMin<qsizetype>(fields.count, std::numeric_limits<int>::max()));

    // robfig looks at the very first character, before any whitespace is skipped: " @daily" is
    // one field, not a descriptor.
    if (text[0] == u'@') {
        const auto set = [&](quint64 second, quint64 minute, quint64 hour, quint64 dom, quint64 month, quint64 dow) {
            schedule.m_second = second;
            schedule.m_minute = minute;
            schedule.m_hour = hour;
            schedule.m_dayOfMonth = dom;
            schedule.m_month = month;
            schedule.m_dayOfWeek = dow;
        };
        const auto all = [](int field) { return allBits(field) | kStarBit; };
        if (text == u"@yearly" || text == u"@annually") {
            set(1, 1, 1, quint64(1) << 1, quint64(1) << 1, all(DayOfWeek));
        } else if (text == u"@monthly") {
            set(1, 1, 1, quint64(1) << 1, all(Month), all(DayOfWeek));
        } else if (text == u"@weekly") {
            set(1, 1, 1, all(DayOfMonth), all(Month), 1);
        } else if (text == u"@daily" || text == u"@midnight") {
            set(1, 1, 1, all(DayOfMonth), all(Month), all(DayOfWeek));
        } else if (text == u"@hourly") {
            set(1, 1, all(Hour), all(DayOfMonth), all(Month), all(DayOfWeek));
        } else if (text.startsWith(u"@every ")) {
            const QStringView durationText = text.sliced(7);
            const auto duration = parseGoDuration(durationText);
            if (!duration)
                return fail(ErrorCode::Usage,
                            CronScheduleText::tr("\"%1\" after @every is not a Go duration").arg(excerpt::printable(durationText)),
                            CronScheduleText::tr("Write the interval with the units h, m and s after one space, as "
                                                 "in \"@every 1h30m\" or \"@every 90s\"."));
            // robfig's Every(): at least a second, and whole seconds only.
            schedule.m_everySeconds = qMax(*duration, kNsecPerSec) / kNsecPerSec;
        } else {
            return fail(ErrorCode::Usage,
                        CronScheduleText::tr("\"%1\" is not a schedule descriptor CNPG knows").arg(excerpt::printable(text)),
                        CronScheduleText::tr("CNPG knows @yearly, @annually, @monthly, @weekly, @daily, @midnight, "
                                             "@hourly and \"@every\" with a duration, such as \"@every 1h30m\", "
                                             "written in lower case without spaces around them."));
        }
        schedule.m_text = text.toString();
        return schedule;
    }

    if (fields.count != 5 && fields.count != 6) {
        if (fields.count == 0)
            return fail(ErrorCode::Usage, CronScheduleText::tr("The schedule is blank"), sixFieldHint());
        return fail(ErrorCode::Usage,
                    CronScheduleText::tr("The schedule has %n field(s); CNPG reads six, seconds first, or five, "
                                         "leaving out the day of week",
                                         nullptr, schedule.m_fieldCount),
                    sixFieldHint());
    }

    std::array<quint64, FieldCount> bits{};
    for (int field = 0; field < FieldCount; ++field) {
        if (field >= fields.first.size()) {
            bits[field] = allBits(field) | kStarBit; // robfig's default for the missing day of week: "*"
            continue;
        }
        const auto parsed = fieldBits(fields.first[field], field);
        if (!parsed) {
            QString hint = sixFieldHint();
            if (field == DayOfWeek) {
                hint = CronScheduleText::tr("CNPG counts days of the week 0-6 or SUN-SAT, Sunday being 0 (not 7).");
            } else if (fields.count == 5) {
                // Mostly crontab's "minute hour day month weekday": show what CNPG needs for it.
                const auto equivalent = crontabEquivalent(text);
                hint = equivalent ? CronScheduleText::tr("CNPG reads six fields, seconds first: crontab's \"%1\" is "
                                                         "\"%2\" for CNPG.")
                                        .arg(excerpt::printable(text, 100), excerpt::printable(*equivalent, 100))
                                  : fiveFieldHint();
            }
            return fail(ErrorCode::Usage,
                        CronScheduleText::tr("Schedule field %1 (%2) is not valid: %3")
                            .arg(field + 1)
                            .arg(fieldName(field), parsed.error()),
                        hint);
        }
        bits[field] = *parsed;
    }
    schedule.m_second = bits[Second];
    schedule.m_minute = bits[Minute];
    schedule.m_hour = bits[Hour];
    schedule.m_dayOfMonth = bits[DayOfMonth];
    schedule.m_month = bits[Month];
    schedule.m_dayOfWeek = bits[DayOfWeek];
    schedule.m_text = text.toString();
    return schedule;
}

std::optional<qint64> CronSchedule::nextAfter(qint64 afterUsec) const
{
    const qint64 afterSecond = floorDiv(afterUsec, kUsecPerSec);
    if (m_everySeconds > 0) {
        qint64 next = 0;
        if (qAddOverflow(afterSecond, m_everySeconds, &next))
            return std::nullopt;
        return usecFromSeconds(next);
    }

    const quint64 seconds = m_second & ~kStarBit;
    const quint64 minutes = m_minute & ~kStarBit;
    const quint64 hours = m_hour & ~kStarBit;
    const quint64 months = m_month & ~kStarBit;
    const quint64 daysOfMonth = m_dayOfMonth & ~kStarBit;
    const quint64 daysOfWeek = m_dayOfWeek & ~kStarBit;
    // Vixie cron's rule as robfig keeps it: a starred field narrows the other (both must
    // match); two restricted fields widen each other (either may match).
    const bool bothDayFieldsMustMatch = ((m_dayOfMonth | m_dayOfWeek) & kStarBit) != 0;
    if (!seconds || !minutes || !hours || !months)
        return std::nullopt; // robfig searches to its limit and finds nothing

    // The first run within one day at or after `secondOfDay`, as seconds into the day.
    const auto runInDay = [&](int secondOfDay) -> std::optional<int> {
        const int h0 = secondOfDay / 3600;
        const int m0 = secondOfDay / 60 % 60;
        const int s0 = secondOfDay % 60;
        for (int h = nextBit(hours, h0); h >= 0; h = nextBit(hours, h + 1)) {
            for (int m = nextBit(minutes, h == h0 ? m0 : 0); m >= 0; m = nextBit(minutes, m + 1)) {
                const int s = nextBit(seconds, h == h0 && m == m0 ? s0 : 0);
                if (s >= 0)
                    return h * 3600 + m * 60 + s;
            }
        }
        return std::nullopt;
    };

    // robfig starts at the next whole second and gives up once its search passes the end of
    // the year five years on: the earliest run found by then is the answer.
    const qint64 start = afterSecond + 1;
    qint64 day = floorDiv(start, kSecPerDay);
    int secondOfDay = static_cast<int>(start - day * kSecPerDay);
    Civil date = civilFromDays(day);
    const qint64 yearLimit = date.year + 5;
    const auto nextDay = [&] {
        ++day;
        secondOfDay = 0;
        if (date.day < daysInMonth(date.year, date.month)) {
            ++date.day;
            return;
        }
        date.day = 1;
        if (++date.month > 12) {
            date.month = 1;
            ++date.year;
        }
    };
    while (date.year <= yearLimit) {
        if (!(months >> date.month & 1)) {
            day += daysInMonth(date.year, date.month) - date.day;
            date.day = daysInMonth(date.year, date.month);
            nextDay();
            continue;
        }
        const bool domMatch = (daysOfMonth >> date.day & 1) != 0;
        const qint64 weekday = day + 4 - floorDiv(day + 4, 7) * 7; // 1970-01-01 was a Thursday
        const bool dowMatch = (daysOfWeek >> weekday & 1) != 0;
        if (bothDayFieldsMustMatch ? domMatch && dowMatch : domMatch || dowMatch) {
            if (const auto run = runInDay(secondOfDay))
                return usecFromSeconds(day * kSecPerDay + *run);
        }
        nextDay();
    }
    return std::nullopt;
}

std::optional<QString> CronSchedule::crontabEquivalent(QStringView text)
{
    const Fields fields = splitFields(text, 5);
    if (fields.count != 5)
        return std::nullopt;
    QString candidate = QStringLiteral("0");
    for (const QStringView field : fields.first) {
        candidate += u' ';
        candidate += field;
    }
    if (!parse(candidate))
        return std::nullopt;
    return candidate;
}

std::optional<qint64> CronSchedule::everySeconds() const
{
    if (m_everySeconds > 0)
        return m_everySeconds;
    return std::nullopt;
}

} // namespace tideline::k8s
