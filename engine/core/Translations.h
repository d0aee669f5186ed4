// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

namespace tideline {

/// The message catalogues: Tideline's own (compiled from translations/*.ts into the binary under
/// :/i18n) and Qt's (qtbase_*.qm from the Qt installation, for standard buttons and dialogs).
/// Engine messages and hints are translated where they are made, so a catalogue must be
/// installed before the first engine call whose text the user will read.
namespace Translations {
/// Installs the catalogues for the first of `locale.uiLanguages()` that Tideline ships, English
/// when none is, replacing whatever an earlier call installed; QCoreApplication sends
/// QEvent::LanguageChange to every widget. English installs only the plural forms ("1 gap",
/// "2 gaps"). Returns the language used, e.g. "ru". Never fails: a missing Qt catalogue only
/// leaves Qt's own buttons in English. Main thread only, after QCoreApplication exists.
QString install(const QLocale& locale);
/// The language install() would pick for `locale`, e.g. "ru"; "en" when none is shipped. Any thread.
QString languageFor(const QLocale& locale);
/// The languages Tideline ships, as ISO 639 codes: "en", "ru".
QStringList available();
} // namespace Translations

} // namespace tideline
