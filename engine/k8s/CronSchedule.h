// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/Error.h"

#include <QString>
#include <QStringView>

#include <optional>

namespace tideline::k8s {

/// A ScheduledBackup's spec.schedule as CloudNativePG reads it: with robfig/cron v1.2.0's
/// `cron.Parse` (the version CNPG's go.mod pins, in its webhook and its controller), which is not
/// crontab:
///
/// - six fields, seconds first: `second minute hour day-of-month month [day-of-week]`. The day of
///   week may be left out, so five fields are `second minute hour day-of-month month`:
///   "0 0 * * *" runs every hour, not daily (CNPG's webhook only warns about it);
/// - the descriptors @yearly, @annually, @monthly, @weekly, @daily, @midnight and @hourly, and
///   `@every <Go duration>` ("@every 1h30m"), exactly so written (lower case, no surrounding space);
/// - in a field: `*` or `?` (the same thing), numbers, `a-b`, `*/n`, `a-b/n`, `a/n` (a to the
///   field's maximum by n), lists `a,b`; month names JAN-DEC and day names SUN-SAT in any case.
///   Seconds and minutes 0-59, hours 0-23, days of month 1-31, months 1-12, days of week 0-6
///   (Sunday is 0; 7 is refused).
/// - a day matches when the day of month and the day of week both match if either field has an
///   element starting with `*` or `?`, and when either matches otherwise (so "0 0 0 1 * MON"
///   runs on the 1st and on Mondays, while "0 0 0 */2 * MON" runs on odd-numbered Mondays).
///
/// parse() accepts exactly the texts cron.Parse accepts, robfig's oddities included (`+5`, `007`,
/// `*-3` read as `*`, empty list elements skipped, so "1,,2" is "1,2" and "," is a field that never
/// matches); nextAfter() answers what robfig's Schedule.Next answers. Times are UTC: the
/// controller evaluates the schedule in its own zone, which is UTC in CNPG's operator image (it
/// carries no zone data and sets no TZ).
///
/// A value type; every function may be called on any thread, const ones concurrently.
class CronSchedule {
public:
    /// Parses `text` as CNPG does. Linear in the text's length, whatever the text.
    /// Errors: Usage, for every text cron.Parse refuses (empty, a field count other than five or
    /// six, an unknown descriptor, a bad @every duration, a bad or out-of-range field), with a
    /// one-line message naming the field ("Schedule field 3 (hours) is not valid: 24 is above
    /// the maximum, 23") and a hint: the six-field form, or for five fields the text that
    /// crontabEquivalent() gives. Quoted input is shortened and its control characters replaced.
    static Result<CronSchedule> parse(QStringView text);

    /// The first run strictly after `afterUsec` (microseconds since the Unix epoch, UTC), on a
    /// whole second. As robfig: for a field schedule, the earliest matching second from the
    /// whole second after `afterUsec`, searched to the end of the year five years later; for
    /// @every, `afterUsec` rounded down to its second plus the interval. nullopt when no run is
    /// found within that limit (e.g. "0 0 0 30 2 *", "," fields), when the result would not fit
    /// in a qint64, and for a run at 0001-01-01T00:00:00Z, Go's zero time, which robfig's callers
    /// read as none. Constant time for @every; at most a few thousand cheap steps otherwise.
    std::optional<qint64> nextAfter(qint64 afterUsec) const;

    /// True for five-field texts ("sec min hour dom month"), which users mostly write meaning
    /// crontab's "min hour dom month dow": the UI says what it runs and offers
    /// crontabEquivalent(text()).
    bool hadFiveFields() const { return m_fieldCount == 5; }

    /// True when CNPG's admission webhook answers with its warning "Schedule parameter may not
    /// have the right number of arguments (usually six arguments are needed)": every accepted text
    /// that does not split into six fields, descriptors included.
    bool webhookWarns() const { return m_fieldCount != 6; }

    /// For a five-field text, parsed or not, the six-field schedule that runs when crontab
    /// (minute first) would run those five fields: "0 " and the fields, e.g. "0 0 0 * * *" for
    /// "0 0 * * *", "0 30 2 * * MON-FRI" for "30 2 * * MON-FRI" (which CNPG refuses: MON is no
    /// month). nullopt for other texts and when CNPG would refuse the result (crontab's day of
    /// week 7). parse() puts it in the hint of a five-field text it refuses.
    static std::optional<QString> crontabEquivalent(QStringView text);

    /// The interval of an @every schedule in whole seconds (robfig truncates to the second and
    /// raises anything shorter, negative included, to one second); nullopt for other schedules.
    std::optional<qint64> everySeconds() const;

    /// The text as given to parse().
    QString text() const { return m_text; }

private:
    CronSchedule() = default;

    QString m_text;
    // One bit per allowed value (bit n for value n), robfig's layout: bit 63 marks a field with
    // an element starting with '*' or '?', which decides how day of month and day of week combine.
    quint64 m_second = 0;
    quint64 m_minute = 0;
    quint64 m_hour = 0;
    quint64 m_dayOfMonth = 0;
    quint64 m_month = 0;
    quint64 m_dayOfWeek = 0;
    qint64 m_everySeconds = 0; ///< > 0 for @every schedules, whose masks are unused
    int m_fieldCount = 0;      ///< whitespace-separated fields, as the webhook counts them
};

} // namespace tideline::k8s
