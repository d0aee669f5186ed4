// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringView>

#include <optional>

namespace tideline::wal::internal {

/// Hex digits of either case (PostgreSQL prints upper case; barman accepts both), between
/// minDigits and maxDigits of them, as a 32-bit value; nullopt for anything else.
inline std::optional<quint32> parseHex32(QStringView text, qsizetype minDigits, qsizetype maxDigits)
{
    if (text.size() < minDigits || text.size() > maxDigits || text.size() > 8)
        return std::nullopt;
    quint32 value = 0;
    for (QChar c : text) {
        const char16_t u = c.unicode();
        quint32 digit = 0;
        if (u >= u'0' && u <= u'9')
            digit = u - u'0';
        else if (u >= u'A' && u <= u'F')
            digit = u - u'A' + 10;
        else if (u >= u'a' && u <= u'f')
            digit = u - u'a' + 10;
        else
            return std::nullopt;
        value = (value << 4) | digit;
    }
    return value;
}

} // namespace tideline::wal::internal
