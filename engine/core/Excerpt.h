// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringView>

/// Foreign text quoted into a one-line message. A resource, an endpoint or a user can put
/// anything in a field, and a terminal reads escape sequences in an error as readily as in a
/// listing, so a quote is cut short and every unprintable character (controls, lone surrogates,
/// unassigned code points) becomes U+FFFD. Pure functions, any thread.
namespace tideline::excerpt {

/// At most `maxUnits` UTF-16 units of `text` (a surrogate pair is kept whole or left out),
/// printable on one line, with "…" when cut.
QString printable(QStringView text, qsizetype maxUnits = 40);
/// The same for bytes read as UTF-8 (invalid sequences become U+FFFD); decodes only as much as
/// the excerpt can show, so a 64 KiB token costs no more than a short one.
QString printable(QByteArrayView utf8, qsizetype maxUnits = 40);

} // namespace tideline::excerpt
