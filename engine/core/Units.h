// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLocale>
#include <QString>
#include <QtGlobal>

/// Sizes and durations as people read them, one implementation for the window, the CLI and the
/// engine's reports: binary units with one decimal, the units and words translated. Numbers
/// follow `locale`: the window passes the user's (QLocale()), the CLI QLocale::c(), because
/// scripts parse what it prints. Any thread, once a catalogue is installed.
namespace tideline::units {

/// The binary unit of 1024^power, translated: "B", "KiB" … "PiB" for power 0 … 5.
QString unit(int power);
/// "3.0 MiB", "512 B"; in Russian with QLocale() "3,0 МиБ".
QString bytes(qint64 bytes, const QLocale& locale = QLocale());
/// "850 ms", "42 s", "3 min 05 s", "2 h 10 min", "3 d 4 h".
QString duration(qint64 usec);

} // namespace tideline::units
