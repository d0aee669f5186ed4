// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/catalog/PythonLiteral.h"

#include <QCoreApplication>
#include <QVariantList>
#include <QVariantMap>

namespace tideline::catalog {

namespace {

struct PythonLiteralText {
    Q_DECLARE_TR_FUNCTIONS(PythonLiteral)
};

// Guards against hostile nesting ("[[[[...") blowing the stack.
constexpr int kMaxDepth = 64;

class Parser {
public:
    explicit Parser(QStringView text) : m_s(text) {}

    Result<QVariant> parseAll()
    {
        auto v = value(0);
        if (!v)
            return v;
        skipSpace();
        if (m_pos != m_s.size())
            return error(PythonLiteralText::tr("unexpected text after the value"));
        return v;
    }

private:
    QStringView m_s;
    qsizetype m_pos = 0;

    std::unexpected<Error> error(const QString& what) const
    {
        return fail(ErrorCode::Corrupt,
                    PythonLiteralText::tr("not a Python literal: %1 at character %2").arg(what, QString::number(m_pos + 1)));
    }

    QChar peek(qsizetype ahead = 0) const { return m_pos + ahead < m_s.size() ? m_s[m_pos + ahead] : QChar(); }

    void skipSpace()
    {
        while (m_pos < m_s.size() && m_s[m_pos].isSpace())
            ++m_pos;
    }

    bool takeWord(QLatin1StringView word)
    {
        if (!m_s.mid(m_pos).startsWith(word))
            return false;
        const qsizetype end = m_pos + word.size();
        if (end < m_s.size() && (m_s[end].isLetterOrNumber() || m_s[end] == QLatin1Char('_')))
            return false;
        m_pos = end;
        return true;
    }

    Result<QVariant> value(int depth)
    {
        if (depth > kMaxDepth)
            return error(PythonLiteralText::tr("nesting too deep"));
        skipSpace();
        const QChar c = peek();
        if (c == QLatin1Char('['))
            return sequence(QLatin1Char(']'), depth);
        if (c == QLatin1Char('('))
            return sequence(QLatin1Char(')'), depth);
        if (c == QLatin1Char('{'))
            return dict(depth);
        if (c == QLatin1Char('\'') || c == QLatin1Char('"'))
            return strings();
        if ((c == QLatin1Char('u') || c == QLatin1Char('U') || c == QLatin1Char('r') || c == QLatin1Char('R')
             || c == QLatin1Char('b') || c == QLatin1Char('B'))
            && (peek(1) == QLatin1Char('\'') || peek(1) == QLatin1Char('"')))
            return strings();
        if (c == QLatin1Char('-') || c == QLatin1Char('+') || c == QLatin1Char('.') || (c.isDigit() && c.unicode() <= '9'))
            return number();
        if (takeWord(QLatin1StringView("None")))
            return QVariant();
        if (takeWord(QLatin1StringView("True")))
            return QVariant(true);
        if (takeWord(QLatin1StringView("False")))
            return QVariant(false);
        return error(m_pos >= m_s.size() ? PythonLiteralText::tr("unexpected end")
                                         : PythonLiteralText::tr("unexpected character"));
    }

    Result<QVariant> sequence(QChar close, int depth)
    {
        ++m_pos; // opening bracket
        QVariantList items;
        for (;;) {
            skipSpace();
            if (peek() == close) {
                ++m_pos;
                return QVariant(items);
            }
            auto item = value(depth + 1);
            if (!item)
                return item;
            items.append(*item);
            skipSpace();
            if (peek() == QLatin1Char(','))
                ++m_pos;
            else if (peek() != close)
                return error(PythonLiteralText::tr("expected ',' or '%1'").arg(close));
        }
    }

    Result<QVariant> dict(int depth)
    {
        ++m_pos;
        QVariantMap map;
        for (;;) {
            skipSpace();
            if (peek() == QLatin1Char('}')) {
                ++m_pos;
                return QVariant(map);
            }
            auto key = value(depth + 1);
            if (!key)
                return key;
            skipSpace();
            if (peek() != QLatin1Char(':'))
                return error(PythonLiteralText::tr("expected ':'"));
            ++m_pos;
            auto val = value(depth + 1);
            if (!val)
                return val;
            map.insert(key->toString(), *val);
            skipSpace();
            if (peek() == QLatin1Char(','))
                ++m_pos;
            else if (peek() != QLatin1Char('}'))
                return error(PythonLiteralText::tr("expected ',' or '}'"));
        }
    }

    // Python concatenates adjacent literals: 'a' "b" == 'ab'.
    Result<QVariant> strings()
    {
        QString text;
        QByteArray bytes;
        bool isBytes = false;
        bool first = true;
        for (;;) {
            skipSpace();
            bool raw = false;
            bool b = false;
            qsizetype save = m_pos;
            while (peek().isLetter()) {
                const QChar p = peek().toLower();
                if (p == QLatin1Char('r'))
                    raw = true;
                else if (p == QLatin1Char('b'))
                    b = true;
                else if (p != QLatin1Char('u'))
                    break;
                ++m_pos;
            }
            if (peek() != QLatin1Char('\'') && peek() != QLatin1Char('"')) {
                m_pos = save;
                if (first)
                    return error(PythonLiteralText::tr("expected a string"));
                break;
            }
            if (!first && b != isBytes)
                return error(PythonLiteralText::tr("cannot mix bytes and str literals"));
            isBytes = b;
            auto part = quoted(raw);
            if (!part)
                return std::unexpected(part.error());
            if (isBytes)
                bytes += part->toLatin1();
            else
                text += *part;
            first = false;
        }
        return isBytes ? QVariant(bytes) : QVariant(text);
    }

    Result<QString> quoted(bool raw)
    {
        const QChar quote = peek();
        const bool triple = peek(1) == quote && peek(2) == quote;
        m_pos += triple ? 3 : 1;
        QString out;
        for (;;) {
            if (m_pos >= m_s.size())
                return error(PythonLiteralText::tr("unterminated string"));
            const QChar c = m_s[m_pos];
            if (c == quote && (!triple || (peek(1) == quote && peek(2) == quote))) {
                m_pos += triple ? 3 : 1;
                return out;
            }
            if (c == QLatin1Char('\n') && !triple)
                return error(PythonLiteralText::tr("newline inside a string"));
            if (c != QLatin1Char('\\')) {
                out += c;
                ++m_pos;
                continue;
            }
            if (raw) {
                out += c;
                out += peek(1);
                m_pos += 2;
                continue;
            }
            ++m_pos;
            const QChar e = peek();
            ++m_pos;
            switch (e.unicode()) {
            case '\n': break; // line continuation
            case '\\': out += QLatin1Char('\\'); break;
            case '\'': out += QLatin1Char('\''); break;
            case '"': out += QLatin1Char('"'); break;
            case 'a': out += QChar(0x07); break;
            case 'b': out += QChar(0x08); break;
            case 'f': out += QChar(0x0c); break;
            case 'n': out += QLatin1Char('\n'); break;
            case 'r': out += QLatin1Char('\r'); break;
            case 't': out += QLatin1Char('\t'); break;
            case 'v': out += QChar(0x0b); break;
            case 'x': {
                auto v = hex(2);
                if (!v)
                    return std::unexpected(v.error());
                out += QChar(static_cast<char16_t>(*v));
                break;
            }
            case 'u':
            case 'U': {
                auto v = hex(e == QLatin1Char('u') ? 4 : 8);
                if (!v)
                    return std::unexpected(v.error());
                const char32_t cp = *v;
                if (cp > 0x10FFFF)
                    return error(PythonLiteralText::tr("code point out of range"));
                out += QString::fromUcs4(&cp, 1);
                break;
            }
            default:
                if (e.unicode() >= '0' && e.unicode() <= '7') {
                    uint v = e.unicode() - '0';
                    for (int i = 0; i < 2 && peek().unicode() >= '0' && peek().unicode() <= '7'; ++i, ++m_pos)
                        v = v * 8 + (peek().unicode() - '0');
                    out += QChar(static_cast<char16_t>(v));
                } else {
                    // Python keeps unknown escapes verbatim.
                    out += QLatin1Char('\\');
                    out += e;
                }
            }
        }
    }

    Result<char32_t> hex(int n)
    {
        char32_t v = 0;
        for (int i = 0; i < n; ++i) {
            const int d = hexDigit(peek());
            if (d < 0)
                return error(PythonLiteralText::tr("bad escape"));
            v = v * 16 + static_cast<char32_t>(d);
            ++m_pos;
        }
        return v;
    }

    static int hexDigit(QChar c)
    {
        const char16_t u = c.unicode();
        if (u >= '0' && u <= '9')
            return u - '0';
        if (u >= 'a' && u <= 'f')
            return u - 'a' + 10;
        if (u >= 'A' && u <= 'F')
            return u - 'A' + 10;
        return -1;
    }

    Result<QVariant> number()
    {
        const qsizetype start = m_pos;
        if (peek() == QLatin1Char('-') || peek() == QLatin1Char('+'))
            ++m_pos;
        bool isFloat = false;
        while (m_pos < m_s.size()) {
            const QChar c = m_s[m_pos];
            if ((c.isDigit() && c.unicode() <= '9') || c == QLatin1Char('_')) {
                ++m_pos;
            } else if (c == QLatin1Char('.') || c == QLatin1Char('e') || c == QLatin1Char('E')) {
                isFloat = true;
                ++m_pos;
                if ((c == QLatin1Char('e') || c == QLatin1Char('E'))
                    && (peek() == QLatin1Char('-') || peek() == QLatin1Char('+')))
                    ++m_pos;
            } else {
                break;
            }
        }
        QString token = m_s.mid(start, m_pos - start).toString();
        token.remove(QLatin1Char('_'));
        bool ok = false;
        if (!isFloat) {
            const qlonglong i = token.toLongLong(&ok);
            if (ok)
                return QVariant(i);
        }
        const double d = token.toDouble(&ok);
        if (!ok)
            return error(PythonLiteralText::tr("bad number '%1'").arg(token));
        return QVariant(d);
    }
};

} // namespace

Result<QVariant> parsePythonLiteral(QStringView text)
{
    return Parser(text).parseAll();
}

} // namespace tideline::catalog
