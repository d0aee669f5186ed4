// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/catalog/ListedEtag.h"

namespace tideline::catalog {

namespace {
int lowerHexDigit(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    return -1;
}
} // namespace

ListedEtag::ListedEtag(const QString& etag)
{
    if (etag.size() == 32) {
        std::array<quint8, 16> bytes{};
        bool hex = true;
        for (qsizetype i = 0; i < 32 && hex; i += 2) {
            const int high = lowerHexDigit(etag[i]);
            const int low = lowerHexDigit(etag[i + 1]);
            hex = high >= 0 && low >= 0;
            if (hex)
                bytes[std::size_t(i / 2)] = quint8(high << 4 | low);
        }
        if (hex) {
            m_md5 = bytes;
            m_isMd5 = true;
            return;
        }
    }
    m_other = etag;
}

QString ListedEtag::toString() const
{
    if (!m_isMd5)
        return m_other;
    static constexpr char digits[] = "0123456789abcdef";
    QString out(32, Qt::Uninitialized);
    for (std::size_t i = 0; i < m_md5.size(); ++i) {
        out[qsizetype(2 * i)] = QLatin1Char(digits[m_md5[i] >> 4]);
        out[qsizetype(2 * i + 1)] = QLatin1Char(digits[m_md5[i] & 0xF]);
    }
    return out;
}

} // namespace tideline::catalog
