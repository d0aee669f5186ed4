// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "src/models/Format.h"

#include <QColor>

class QChart;
class QDateTimeAxis;

namespace tideline::gui {

/// What every chart of the window shares: colours that mean the same thing everywhere, the
/// light/dark theme, and times on a QDateTimeAxis shown in the zone the user picked.
namespace ChartStyle {
QColor ok();      ///< a restorable backup, a steady archive
QColor trouble(); ///< failures and gaps: red
QColor warning(); ///< in progress, silences: amber
QColor muted();   ///< harmless things: grey
QColor wal();     ///< WAL bytes and segments
QColor base();    ///< base-backup bytes

/// The theme, and localize().
void apply(QChart* chart, bool dark);
/// Month names on date axes and numbers on value axes in the default QLocale (the language
/// picked in View → Language); a chart keeps the locale it had when made, so views call this
/// again on QEvent::LanguageChange before re-creating their series and axes.
void localize(QChart* chart);
/// QDateTimeAxis always formats in the process's local zone; shifting the value by the local
/// offset makes it print UTC wall time when the user picked UTC.
qreal axisMs(qint64 usecUtc, TimeZoneMode zone);
/// A date-time axis with a format that suits the span, in the language's date order.
void setupTimeAxis(QDateTimeAxis* axis, qint64 fromUsec, qint64 toUsec, TimeZoneMode zone);
} // namespace ChartStyle

} // namespace tideline::gui
