// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/models/Format.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

#include <algorithm>
#include <limits>

namespace tideline::gui::Format {

namespace {
struct FormatText {
    Q_DECLARE_TR_FUNCTIONS(Format)
};

QDateTime toDateTime(qint64 usecUtc, TimeZoneMode zone)
{
    const QDateTime utc = QDateTime::fromMSecsSinceEpoch(usecUtc / 1000, QTimeZone::utc());
    return zone == TimeZoneMode::Utc ? utc : utc.toLocalTime();
}
} // namespace

QString datePattern()
{
    const QLocale locale;
    if (locale.language() == QLocale::C || locale.language() == QLocale::English)
        return QStringLiteral("yyyy-MM-dd");
    QString pattern = locale.dateFormat(QLocale::ShortFormat);
    // A two-digit year is ambiguous next to retention periods measured in years.
    if (!pattern.contains(QLatin1String("yyyy")))
        pattern.replace(QLatin1String("yy"), QLatin1String("yyyy"));
    return pattern;
}

QString dateTimePattern()
{
    return datePattern() + QStringLiteral(" HH:mm:ss");
}

QString zoneName(TimeZoneMode zone)
{
    if (zone == TimeZoneMode::Utc)
        return QStringLiteral("UTC");
    const QString abbreviation = QDateTime::currentDateTime().timeZoneAbbreviation();
    return abbreviation.isEmpty() ? FormatText::tr("local") : abbreviation;
}

QString timeShort(qint64 usecUtc, TimeZoneMode zone)
{
    if (usecUtc == 0)
        return QStringLiteral("-");
    return toDateTime(usecUtc, zone).toString(dateTimePattern());
}

QString time(qint64 usecUtc, TimeZoneMode zone)
{
    if (usecUtc == 0)
        return QStringLiteral("-");
    const QDateTime t = toDateTime(usecUtc, zone);
    // The abbreviation of the instant itself: a backup from summer shows CEST in winter.
    const QString name = zone == TimeZoneMode::Utc ? QStringLiteral("UTC") : t.timeZoneAbbreviation();
    return QStringLiteral("%1 %2").arg(t.toString(dateTimePattern()), name);
}

int count(qint64 n)
{
    return static_cast<int>(std::clamp<qint64>(n, 0, std::numeric_limits<int>::max()));
}

QString age(qint64 usecUtc, qint64 nowUsec)
{
    if (usecUtc == 0)
        return QStringLiteral("-");
    const qint64 d = nowUsec - usecUtc;
    // Object stores and servers disagree by a second or two; a minute ahead is a real skew.
    if (d < -60'000'000)
        return FormatText::tr("%1 in the future").arg(duration(-d));
    if (d < 60'000'000)
        return FormatText::tr("just now");
    const qint64 minutes = d / 60'000'000;
    if (minutes < 60)
        return FormatText::tr("%1 min ago").arg(minutes);
    if (minutes < 48 * 60)
        return FormatText::tr("%1 h %2 min ago").arg(minutes / 60).arg(minutes % 60);
    return FormatText::tr("%1 d ago").arg(minutes / (24 * 60));
}

QString plainTip(const QString& text)
{
    return QStringLiteral("<p style=\"white-space:pre-wrap\">%1</p>").arg(text.toHtmlEscaped());
}

} // namespace tideline::gui::Format
