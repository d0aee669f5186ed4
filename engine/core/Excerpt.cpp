// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/core/Excerpt.h"

#include <algorithm>

namespace tideline::excerpt {

namespace {

// The printable prefix of `s` and whether it stopped before the end.
std::pair<QString, bool> printablePrefix(QStringView s, qsizetype maxUnits)
{
    QString out;
    qsizetype i = 0;
    for (; i < s.size() && out.size() < maxUnits; ++i) {
        const QChar c = s[i];
        if (c.isHighSurrogate() && i + 1 < s.size() && s[i + 1].isLowSurrogate()) {
            if (QChar::isPrint(QChar::surrogateToUcs4(c, s[i + 1]))) {
                out += c;
                out += s[i + 1];
            } else {
                out += QChar::ReplacementCharacter;
            }
            ++i;
        } else {
            out += c.isSurrogate() || !c.isPrint() ? QChar(QChar::ReplacementCharacter) : c;
        }
    }
    return {out, i < s.size()};
}

} // namespace

QString printable(QStringView text, qsizetype maxUnits)
{
    auto [out, cut] = printablePrefix(text, maxUnits);
    if (cut)
        out += QChar(0x2026);
    return out;
}

QString printable(QByteArrayView utf8, qsizetype maxUnits)
{
    // Four bytes per character at most: decoding more than that is wasted.
    const qsizetype decoded = std::min<qsizetype>(utf8.size(), maxUnits * 4);
    const QString s = QString::fromUtf8(utf8.first(decoded));
    auto [out, cut] = printablePrefix(s, maxUnits);
    if (cut || utf8.size() > decoded)
        out += QChar(0x2026);
    return out;
}

} // namespace tideline::excerpt
