// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/core/Units.h"

#include <QCoreApplication>

#include <algorithm>

namespace tideline::units {

namespace {
struct UnitsText {
    Q_DECLARE_TR_FUNCTIONS(Units)
};
} // namespace

QString unit(int power)
{
    static const char* const units[] = {QT_TRANSLATE_NOOP("Units", "B"),   QT_TRANSLATE_NOOP("Units", "KiB"),
                                        QT_TRANSLATE_NOOP("Units", "MiB"), QT_TRANSLATE_NOOP("Units", "GiB"),
                                        QT_TRANSLATE_NOOP("Units", "TiB"), QT_TRANSLATE_NOOP("Units", "PiB")};
    return UnitsText::tr(units[std::clamp(power, 0, 5)]);
}

QString bytes(qint64 value, const QLocale& locale)
{
    if (value < 1024)
        return QStringLiteral("%1 %2").arg(locale.toString(value), unit(0));
    double v = static_cast<double>(value) / 1024.0;
    int u = 1;
    while (v >= 1024.0 && u < 5) {
        v /= 1024.0;
        ++u;
    }
    return QStringLiteral("%1 %2").arg(locale.toString(v, 'f', 1), unit(u));
}

QString duration(qint64 usec)
{
    const qint64 s = qMax<qint64>(0, (usec + 500'000) / 1'000'000);
    if (usec > 0 && usec < 1'000'000)
        return UnitsText::tr("%1 ms").arg(usec / 1000);
    if (s < 60)
        return UnitsText::tr("%1 s").arg(s);
    if (s < 3600)
        return UnitsText::tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    if (s < 86400)
        return UnitsText::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
    return UnitsText::tr("%1 d %2 h").arg(s / 86400).arg((s % 86400) / 3600);
}

} // namespace tideline::units
