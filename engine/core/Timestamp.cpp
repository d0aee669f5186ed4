// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/core/Timestamp.h"

#include <array>

namespace tideline {

namespace {

constexpr qint64 kUsecPerSec = 1'000'000;

// Howard Hinnant's days_from_civil / civil_from_days: exact proleptic Gregorian arithmetic
// without time zone databases (GCC 12 has no chrono zones) and without QDateTime's ms rounding.
qint64 daysFromCivil(qint64 y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<qint64>(doe) - 719468;
}

struct Civil {
    qint64 year;
    unsigned month;
    unsigned day;
};

Civil civilFromDays(qint64 z)
{
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 y = static_cast<qint64>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {y + (m <= 2), m, d};
}

qint64 floorDiv(qint64 a, qint64 b)
{
    qint64 q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}

class Reader {
public:
    explicit Reader(QStringView s) : m_s(s) {}
    bool atEnd() const { return m_pos >= m_s.size(); }
    QChar peek() const { return atEnd() ? QChar() : m_s[m_pos]; }
    bool take(QChar c)
    {
        if (peek() != c)
            return false;
        ++m_pos;
        return true;
    }
    // Exactly n digits.
    std::optional<int> digits(int n)
    {
        if (m_pos + n > m_s.size())
            return std::nullopt;
        int v = 0;
        for (int i = 0; i < n; ++i) {
            const QChar c = m_s[m_pos + i];
            if (!c.isDigit() || c.unicode() > '9')
                return std::nullopt;
            v = v * 10 + (c.unicode() - '0');
        }
        m_pos += n;
        return v;
    }

private:
    QStringView m_s;
    qsizetype m_pos = 0;
};

} // namespace

std::optional<Timestamp> Timestamp::parse(QStringView text)
{
    Reader r(text.trimmed());
    const auto year = r.digits(4);
    if (!year || !r.take(QLatin1Char('-')))
        return std::nullopt;
    const auto month = r.digits(2);
    if (!month || !r.take(QLatin1Char('-')))
        return std::nullopt;
    const auto day = r.digits(2);
    if (!day)
        return std::nullopt;
    if (!r.take(QLatin1Char('T')) && !r.take(QLatin1Char('t')) && !r.take(QLatin1Char(' ')))
        return std::nullopt;
    const auto hour = r.digits(2);
    if (!hour || !r.take(QLatin1Char(':')))
        return std::nullopt;
    const auto minute = r.digits(2);
    if (!minute || !r.take(QLatin1Char(':')))
        return std::nullopt;
    const auto second = r.digits(2);
    if (!second)
        return std::nullopt;
    qint64 fracUsec = 0;
    if (r.take(QLatin1Char('.'))) {
        int n = 0;
        qint64 frac = 0;
        while (!r.atEnd() && r.peek().isDigit() && r.peek().unicode() <= '9') {
            if (n == 6)
                return std::nullopt; // finer than PostgreSQL keeps: refuse rather than round
            frac = frac * 10 + (r.peek().unicode() - '0');
            r.digits(1);
            ++n;
        }
        if (n == 0)
            return std::nullopt;
        for (; n < 6; ++n)
            frac *= 10;
        fracUsec = frac;
    }
    if (*month < 1 || *month > 12 || *day < 1 || *day > 31 || *hour > 23 || *minute > 59 || *second > 60)
        return std::nullopt;
    // Reject 31 February and friends by round-tripping the date.
    const qint64 days = daysFromCivil(*year, static_cast<unsigned>(*month), static_cast<unsigned>(*day));
    const Civil check = civilFromDays(days);
    if (check.month != static_cast<unsigned>(*month) || check.day != static_cast<unsigned>(*day))
        return std::nullopt;

    Timestamp ts;
    if (r.atEnd()) {
        ts.offsetKnown = false;
    } else if (r.take(QLatin1Char('Z')) || r.take(QLatin1Char('z'))) {
        ts.offsetSeconds = 0;
    } else {
        int sign = 0;
        if (r.take(QLatin1Char('+')))
            sign = 1;
        else if (r.take(QLatin1Char('-')))
            sign = -1;
        else
            return std::nullopt;
        const auto oh = r.digits(2);
        if (!oh)
            return std::nullopt;
        int om = 0;
        int os = 0;
        if (!r.atEnd()) {
            const bool colon = r.take(QLatin1Char(':'));
            const auto m = r.digits(2);
            if (!m)
                return std::nullopt;
            om = *m;
            if (colon && r.take(QLatin1Char(':'))) {
                const auto s = r.digits(2);
                if (!s)
                    return std::nullopt;
                os = *s;
            }
        }
        if (*oh > 15 || om > 59 || os > 59)
            return std::nullopt;
        ts.offsetSeconds = sign * (*oh * 3600 + om * 60 + os);
    }
    if (!r.atEnd())
        return std::nullopt;

    const qint64 localSecs = days * 86400 + *hour * 3600 + *minute * 60 + *second;
    ts.usecUtc = (localSecs - ts.offsetSeconds) * kUsecPerSec + fracUsec;
    return ts;
}

namespace {
struct Wall {
    Civil date;
    int hour, minute, second;
    qint64 usec;
    qint64 days;
};

Wall wallTime(const Timestamp& t)
{
    const qint64 local = t.usecUtc + static_cast<qint64>(t.offsetSeconds) * kUsecPerSec;
    const qint64 secs = floorDiv(local, kUsecPerSec);
    const qint64 days = floorDiv(secs, 86400);
    const qint64 sod = secs - days * 86400;
    return {civilFromDays(days),        static_cast<int>(sod / 3600), static_cast<int>(sod / 60 % 60),
            static_cast<int>(sod % 60), local - secs * kUsecPerSec,   days};
}
} // namespace

QString Timestamp::toIso() const
{
    const Wall w = wallTime(*this);
    QString s = QString::asprintf("%04lld-%02u-%02uT%02d:%02d:%02d", static_cast<long long>(w.date.year), w.date.month,
                                  w.date.day, w.hour, w.minute, w.second);
    if (w.usec != 0)
        s += QString::asprintf(".%06lld", static_cast<long long>(w.usec));
    const int off = offsetSeconds < 0 ? -offsetSeconds : offsetSeconds;
    s += QString::asprintf("%c%02d:%02d", offsetSeconds < 0 ? '-' : '+', off / 3600, off / 60 % 60);
    if (off % 60 != 0)
        s += QString::asprintf(":%02d", off % 60);
    return s;
}

QString Timestamp::toCtime() const
{
    static constexpr std::array<const char*, 7> kDays{"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
    static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const Wall w = wallTime(*this);
    const auto weekday = static_cast<size_t>(((w.days % 7) + 7) % 7); // 1970-01-01 was a Thursday
    return QString::asprintf("%s %s %2u %02d:%02d:%02d %04lld", kDays[weekday], kMonths[w.date.month - 1], w.date.day,
                             w.hour, w.minute, w.second, static_cast<long long>(w.date.year));
}

} // namespace tideline
