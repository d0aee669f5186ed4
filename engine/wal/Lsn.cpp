// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/wal/Lsn.h"

namespace tideline::wal {

namespace {

// Strict on purpose: an LSN comes from backup.info, a history file or the command line, and a
// lenient parse (sign, spaces, 0x) would turn a typo into a wrong recovery target.
std::optional<quint32> parseHexHalf(QStringView half)
{
    if (half.isEmpty() || half.size() > 8)
        return std::nullopt;
    quint32 value = 0;
    for (QChar c : half) {
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

} // namespace

std::optional<Lsn> Lsn::parse(QStringView text)
{
    const qsizetype slash = text.indexOf(u'/');
    if (slash < 0)
        return std::nullopt;
    const auto high = parseHexHalf(text.first(slash));
    const auto low = parseHexHalf(text.sliced(slash + 1));
    if (!high || !low)
        return std::nullopt;
    return Lsn((quint64(*high) << 32) | *low);
}

QString Lsn::toString() const
{
    return QString::number(m_value >> 32, 16).toUpper() + u'/'
        + QString::number(m_value & 0xFFFFFFFFu, 16).toUpper();
}

} // namespace tideline::wal
