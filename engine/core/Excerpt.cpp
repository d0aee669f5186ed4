// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/core/Excerpt.h"

#include <algorithm>

namespace tideline::excerpt {

namespace {

// Printable on one line: line and paragraph separators count as printable to Qt, yet break a
// line as a newline does.
bool showable(char32_t c)
{
    return QChar::isPrint(c) && QChar::category(c) != QChar::Separator_Line
        && QChar::category(c) != QChar::Separator_Paragraph;
}

// The printable prefix of `s` and whether it stopped before the end.
std::pair<QString, bool> printablePrefix(QStringView s, qsizetype maxUnits)
{
    QString out;
    qsizetype i = 0;
    for (; i < s.size() && out.size() < maxUnits; ++i) {
        const QChar c = s[i];
        if (c.isHighSurrogate() && i + 1 < s.size() && s[i + 1].isLowSurrogate()) {
            const char32_t ucs4 = QChar::surrogateToUcs4(c, s[i + 1]);
            if (!showable(ucs4)) {
                out += QChar::ReplacementCharacter;
            } else if (out.size() + 2 <= maxUnits) {
                out += c;
                out += s[i + 1];
            } else {
                break; // a pair is never split, nor let past the limit
            }
            ++i;
        } else {
            out += c.isSurrogate() || !showable(c.unicode()) ? QChar(QChar::ReplacementCharacter) : c;
        }
    }
    return {out, i < s.size()};
}

} // namespace

QString printable(QStringView text, qsizetype maxUnits)
{
    maxUnits = std::max<qsizetype>(0, maxUnits);
    auto [out, cut] = printablePrefix(text, maxUnits);
    if (cut)
        out += QChar(0x2026);
    return out;
}

QString printable(QByteArrayView utf8, qsizetype maxUnits)
{
    maxUnits = std::max<qsizetype>(0, maxUnits);
    // Four bytes per character at most: decoding more than that is wasted.
    const qsizetype decoded = std::min<qsizetype>(utf8.size(), maxUnits * 4);
    const QString s = QString::fromUtf8(utf8.first(decoded));
    auto [out, cut] = printablePrefix(s, maxUnits);
    if (cut || utf8.size() > decoded)
        out += QChar(0x2026);
    return out;
}

} // namespace tideline::excerpt
