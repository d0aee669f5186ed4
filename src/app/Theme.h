// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QApplication;

namespace tideline::gui {

/// Light or dark. Qt 6.4 cannot ask the desktop for its colour scheme (QStyleHints::colorScheme
/// is 6.5), so it is the app's own setting, applied as a Fusion palette.
enum class ThemeMode { Light, Dark };

namespace Theme {
void apply(QApplication& app, ThemeMode mode);
QString name(ThemeMode mode);
ThemeMode fromName(const QString& name);
} // namespace Theme

} // namespace tideline::gui
