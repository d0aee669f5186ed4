// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/models/Format.h"

#include <QDateTime>
#include <QTimeZone>

namespace tideline::gui::Format {

namespace {
QDateTime toDateTime(qint64 usecUtc, TimeZoneMode zone)
{
    const QDateTime utc = QDateTime::fromMSecsSinceEpoch(usecUtc / 1000, QTimeZone::utc());
    return zone == TimeZoneMode::Utc ? utc : utc.toLocalTime();
}
} // namespace

QString zoneName(TimeZoneMode zone)
{
    if (zone == TimeZoneMode::Utc)
        return QStringLiteral("UTC");
    const QString abbreviation = QDateTime::currentDateTime().timeZoneAbbreviation();
    return abbreviation.isEmpty() ? QStringLiteral("local") : abbreviation;
}

QString timeShort(qint64 usecUtc, TimeZoneMode zone)
{
    if (usecUtc == 0)
        return QStringLiteral("-");
    return toDateTime(usecUtc, zone).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString time(qint64 usecUtc, TimeZoneMode zone)
{
    if (usecUtc == 0)
        return QStringLiteral("-");
    const QDateTime t = toDateTime(usecUtc, zone);
    // The abbreviation of the instant itself: a backup from summer shows CEST in winter.
    const QString name = zone == TimeZoneMode::Utc ? QStringLiteral("UTC") : t.timeZoneAbbreviation();
    return QStringLiteral("%1 %2").arg(t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), name);
}

QString bytes(qint64 value)
{
    static const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    double v = static_cast<double>(value);
    int u = 0;
    while (v >= 1024.0 && u < 5) {
        v /= 1024.0;
        ++u;
    }
    if (u == 0)
        return QStringLiteral("%1 B").arg(value);
    return QStringLiteral("%1 %2").arg(v, 0, 'f', 1).arg(QLatin1String(units[u]));
}

QString duration(qint64 usec)
{
    const qint64 s = qMax<qint64>(0, (usec + 500'000) / 1'000'000);
    if (usec > 0 && usec < 1'000'000)
        return QStringLiteral("%1 ms").arg(usec / 1000);
    if (s < 60)
        return QStringLiteral("%1 s").arg(s);
    if (s < 3600)
        return QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    if (s < 86400)
        return QStringLiteral("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1 d %2 h").arg(s / 86400).arg((s % 86400) / 3600);
}

QString age(qint64 usecUtc, qint64 nowUsec)
{
    if (usecUtc == 0)
        return QStringLiteral("-");
    const qint64 d = nowUsec - usecUtc;
    // Object stores and servers disagree by a second or two; a minute ahead is a real skew.
    if (d < -60'000'000)
        return QStringLiteral("%1 in the future").arg(duration(-d));
    if (d < 60'000'000)
        return QStringLiteral("just now");
    const qint64 minutes = d / 60'000'000;
    if (minutes < 60)
        return QStringLiteral("%1 min ago").arg(minutes);
    if (minutes < 48 * 60)
        return QStringLiteral("%1 h %2 min ago").arg(minutes / 60).arg(minutes % 60);
    return QStringLiteral("%1 d ago").arg(minutes / (24 * 60));
}

} // namespace tideline::gui::Format
