// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/Units.h"

#include <QString>
#include <QtGlobal>

namespace tideline::gui {

/// The zone every time in the window is shown in: the user picks it, UTC by default, because
/// barman, CNPG and the object store all speak UTC and a DBA compares them with server logs.
enum class TimeZoneMode { Utc, Local };

/// Text for the numbers the views show, in the default QLocale (the language chosen in View →
/// Language) with units and words translated. Any thread; the result depends on the language of
/// the moment, so views call them again on QEvent::LanguageChange.
namespace Format {
/// The date pattern for QDateTime::toString: ISO "yyyy-MM-dd" in English (PostgreSQL's and
/// barman's logs are ISO, and a DBA compares them), else the locale's short date with a
/// four-digit year ("dd.MM.yyyy" in Russian).
QString datePattern();
/// datePattern() and a 24-hour time with seconds: PITR targets need the second.
QString dateTimePattern();
/// "2026-11-24 23:55:53 UTC" or, in Local, "2026-11-25 00:55:53 CET"; "-" for 0. In Russian
/// "24.11.2026 23:55:53 UTC".
QString time(qint64 usecUtc, TimeZoneMode zone);
/// Like time() without the zone name, for dense tables whose header names the zone.
QString timeShort(qint64 usecUtc, TimeZoneMode zone);
/// "UTC" or the local zone's abbreviation, for headers.
QString zoneName(TimeZoneMode zone);
/// Sizes and durations: the engine's (units::), with the user's number format.
using units::bytes;
using units::duration;
using units::unit;
/// A count as tr()'s numerus argument (an int): clamped to 0..INT_MAX.
int count(qint64 n);
/// "just now", "12 min ago", "3 h ago", "2 d ago"; "in the future" when the clock is behind.
QString age(qint64 usecUtc, qint64 nowUsec);
/// A tooltip quoting what a bucket or an API server said (errors, phases, condition messages):
/// Qt reads a tooltip that looks like HTML as HTML, so it is always escaped rich text.
QString plainTip(const QString& text);
} // namespace Format

} // namespace tideline::gui
