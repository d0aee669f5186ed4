// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/wal/Lsn.h"

#include "engine/wal/internal/Hex.h"

namespace tideline::wal {

// Strict on purpose: an LSN comes from backup.info, a history file or the command line, and a
// lenient parse (sign, spaces, 0x) would turn a typo into a wrong recovery target.
std::optional<Lsn> Lsn::parse(QStringView text)
{
    const qsizetype slash = text.indexOf(u'/');
    if (slash < 0)
        return std::nullopt;
    const auto high = internal::parseHex32(text.first(slash), 1, 8);
    const auto low = internal::parseHex32(text.sliced(slash + 1), 1, 8);
    if (!high || !low)
        return std::nullopt;
    return Lsn((quint64(*high) << 32) | *low);
}

QString Lsn::toString() const
{
    return QString::number(m_value >> 32, 16).toUpper() + u'/' + QString::number(m_value & 0xFFFFFFFFu, 16).toUpper();
}

} // namespace tideline::wal
