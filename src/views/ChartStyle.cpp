// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/views/ChartStyle.h"

#include <QChart>
#include <QCoreApplication>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLocale>
#include <QTimeZone>

namespace tideline::gui::ChartStyle {

namespace {
struct ChartStyleText {
    Q_DECLARE_TR_FUNCTIONS(ChartStyle)
};
} // namespace

QColor ok()
{
    return QColor(0x2e, 0x7d, 0x32);
}
QColor trouble()
{
    return QColor(0xd0, 0x30, 0x30);
}
QColor warning()
{
    return QColor(0xe0, 0x9a, 0x10);
}
QColor muted()
{
    return QColor(0x9e, 0x9e, 0x9e);
}
QColor wal()
{
    return QColor(0x1e, 0x88, 0xe5);
}
QColor base()
{
    return QColor(0x5e, 0x35, 0xb1);
}

void apply(QChart* chart, bool dark)
{
    chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignTop);
    if (dark)
        chart->setBackgroundBrush(QColor(0x2a, 0x2a, 0x2e));
    localize(chart);
}

void localize(QChart* chart)
{
    // QDateTimeAxis formats its labels with the chart's locale (month names), value axes use it
    // only with localizeNumbers (the decimal comma).
    chart->setLocale(QLocale());
    chart->setLocalizeNumbers(true);
}

qreal axisMs(qint64 usecUtc, TimeZoneMode zone)
{
    const qint64 ms = usecUtc / 1000;
    if (zone == TimeZoneMode::Local)
        return static_cast<qreal>(ms);
    const int offset = QTimeZone::systemTimeZone().offsetFromUtc(QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()));
    return static_cast<qreal>(ms - static_cast<qint64>(offset) * 1000);
}

void setupTimeAxis(QDateTimeAxis* axis, qint64 fromUsec, qint64 toUsec, TimeZoneMode zone)
{
    const qint64 span = toUsec - fromUsec;
    // Pad so points at the ends are not cut in half by the plot border.
    const qint64 pad = std::max<qint64>(span / 20, 30'000'000);
    const qint64 from = fromUsec - pad;
    const qint64 to = toUsec + pad;
    axis->setMin(QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(axisMs(from, zone))));
    axis->setMax(QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(axisMs(to, zone))));
    const qint64 hour = 3'600'000'000LL;
    if (to - from < 2 * hour)
        axis->setFormat(QStringLiteral("HH:mm:ss"));
    else if (to - from < 48 * hour)
        //: A QDateTime format for a chart axis spanning hours to two days: the month's short name
        //: (MMM), day (d), hour and minute, in the language's order ("d MMM HH:mm").
        axis->setFormat(ChartStyleText::tr("MMM d HH:mm", "date format"));
    else
        axis->setFormat(Format::datePattern());
    axis->setTickCount(6);
    axis->setTitleText(Format::zoneName(zone));
}

} // namespace tideline::gui::ChartStyle
