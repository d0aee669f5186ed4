// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/storage/ListObjectsParser.h"

#include "engine/core/Timestamp.h"

#include <QCoreApplication>
#include <QUrl>
#include <QVarLengthArray>
#include <QXmlStreamReader>

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>

namespace tideline::storage {

namespace {

struct ListObjectsParserText {
    Q_DECLARE_TR_FUNCTIONS(ListObjectsParser)
};

// EncodingType=url (sent only when asked, but some stores send it anyway) encodes keys as a
// form would: '+' is a space, as botocore's unquote_plus reads it.
QString decodeKey(const QString& encoded)
{
    QByteArray bytes = encoded.toUtf8();
    bytes.replace('+', ' ');
    return QUrl::fromPercentEncoding(bytes);
}

void decodeKeys(ListPage& page)
{
    for (auto& o : page.objects)
        o.key = decodeKey(o.key);
    for (auto& p : page.prefixes)
        p = decodeKey(p);
}

// The ListBucketResult documents S3, R2 and s3rver send are plain ASCII elements with optional
// attributes, predefined entities and nothing else, and QXmlStreamReader spends most of a large
// catalog's CPU time on them (it builds its text one QChar at a time: more than half of loading
// a 100,000-segment archive). This scanner reads exactly that subset straight from the bytes
// and mirrors parseListObjectsPage() element for element. Whenever it meets anything outside the
// subset — non-ASCII or control bytes, comments, CDATA, DTDs, processing instructions,
// namespace prefixes, unknown entities, a non-UTF-8 declaration, mismatched tags, a bad <Size>
// — it gives up and the QXmlStreamReader parser decides, so odd and broken documents get the
// same answer and the same error as before.
namespace fastxml {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

constexpr std::array<bool, 256> kNameChars = [] {
    std::array<bool, 256> table{};
    for (int c = 0; c < 256; ++c)
        table[std::size_t(c)] =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
    return table;
}();

bool isNameChar(char c)
{
    return kNameChars[static_cast<unsigned char>(c)];
}

// Whether the document holds only what this scanner reads: ASCII without control characters
// other than tab and line feed. XML normalises line ends, so '\r' is the full parser's too.
// Eight bytes at a time, as this check alone took half the scanner's time byte by byte.
bool plainAscii(const char* p, const char* end)
{
    constexpr quint64 kOnes = 0x0101010101010101ULL;
    constexpr quint64 kHighs = 0x8080808080808080ULL;
    const auto plainByte = [](unsigned char c) { return c < 0x80 && (c >= 0x20 || c == '\t' || c == '\n'); };
    for (; end - p >= 8; p += 8) {
        quint64 word;
        std::memcpy(&word, p, sizeof word);
        // No byte with its high bit set and none below 0x20 (the exact test for "some byte < n").
        if ((word & kHighs) == 0 && ((word - 0x20 * kOnes) & ~word & kHighs) == 0)
            continue;
        for (int i = 0; i < 8; ++i)
            if (!plainByte(static_cast<unsigned char>(p[i])))
                return false;
    }
    for (; p < end; ++p)
        if (!plainByte(static_cast<unsigned char>(*p)))
            return false;
    return true;
}

QByteArrayView trimmed(QByteArrayView v)
{
    while (!v.isEmpty() && isSpace(v.front()))
        v = v.sliced(1);
    while (!v.isEmpty() && isSpace(v.back()))
        v.chop(1);
    return v;
}

// Appends text with its entity references decoded; false on an entity outside XML's five and
// character references (a reference to a non-ASCII character also bails out: the caller keeps
// its text as Latin-1). The document holds no '\r' and no "]]>" (fastParseListPage checks).
bool appendText(QByteArray& out, QByteArrayView raw)
{
    qsizetype amp = raw.indexOf('&');
    if (amp < 0) {
        out.append(raw);
        return true;
    }
    while (amp >= 0) {
        out.append(raw.first(amp));
        raw = raw.sliced(amp + 1);
        const qsizetype semi = raw.indexOf(';');
        if (semi <= 0)
            return false;
        const QByteArrayView name = raw.first(semi);
        raw = raw.sliced(semi + 1);
        if (name == "amp")
            out.append('&');
        else if (name == "lt")
            out.append('<');
        else if (name == "gt")
            out.append('>');
        else if (name == "quot")
            out.append('"');
        else if (name == "apos")
            out.append('\'');
        else if (name.size() > 1 && name.front() == '#') {
            // Digits only, as XML has them (&#65; or &#x41;): toUInt() would also take a sign or
            // spaces, which the reader refuses.
            const bool hex = name.at(1) == 'x';
            const QByteArrayView digits = name.sliced(hex ? 2 : 1);
            uint code = 0;
            for (const char c : digits) {
                const int d = c >= '0' && c <= '9'                  ? c - '0'
                    : hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10
                                                                    : -1;
                if (d < 0)
                    return false;
                code = std::min<uint>(code * (hex ? 16 : 10) + uint(d), 0x110000); // saturates: out of range anyway
            }
            if (digits.isEmpty() || code < 0x20 || code >= 0x7f)
                return false;
            out.append(char(code));
        } else {
            return false;
        }
        amp = raw.indexOf('&');
    }
    out.append(raw);
    return true;
}

// Timestamp::parse of ASCII text without a QString for each of a listing's thousand keys.
qint64 timestampUsec(QByteArrayView ascii)
{
    std::array<char16_t, 64> wide;
    if (ascii.size() > qsizetype(wide.size()))
        return 0; // no timestamp is that long
    for (qsizetype i = 0; i < ascii.size(); ++i)
        wide[std::size_t(i)] = char16_t(static_cast<unsigned char>(ascii[i]));
    const auto ts = Timestamp::parse(QStringView(wide.data(), ascii.size()));
    return ts ? ts->usecUtc : 0;
}

} // namespace fastxml

std::optional<ListPage> fastParseListPage(const QByteArray& xml)
{
    using namespace fastxml;
    const char* p = xml.constData();
    const char* const end = p + xml.size();
    // XML forbids "]]>" in text: documents with it are the full parser's too, which keeps this
    // check and plainAscii()'s out of the loop below.
    if (!plainAscii(p, end))
        return std::nullopt;
    for (const char* q = p; (q = static_cast<const char*>(memchr(q, ']', std::size_t(end - q)))) != nullptr; ++q)
        if (end - q >= 3 && q[1] == ']' && q[2] == '>')
            return std::nullopt;
    // The declaration, if any, stands first; only version 1.0, UTF-8 and standalone pass.
    if (end - p >= 6 && QByteArrayView(p, 6) == "<?xml ") {
        const qsizetype close = QByteArrayView(p, end - p).indexOf("?>");
        if (close < 0)
            return std::nullopt;
        // version first, then encoding and standalone if given, each once, in that order.
        const QList<QByteArray> parts = QByteArray(p + 6, close - 6).simplified().split(' ');
        int next = 0;
        for (const QByteArray& part : parts) {
            const qsizetype eq = part.indexOf('=');
            if (eq <= 0 || part.size() < eq + 3 || (part.at(eq + 1) != '"' && part.at(eq + 1) != '\'')
                || part.back() != part.at(eq + 1))
                return std::nullopt;
            const QByteArray key = part.left(eq);
            const QByteArray value = part.mid(eq + 2, part.size() - eq - 3);
            const int at = key == "version" ? 0 : key == "encoding" ? 1 : key == "standalone" ? 2 : -1;
            if (at < next || (next == 0 && at != 0))
                return std::nullopt;
            next = at + 1;
            const bool known = (at == 0 && value == "1.0") || (at == 1 && value.toLower() == "utf-8")
                || (at == 2 && (value == "yes" || value == "no"));
            if (!known)
                return std::nullopt;
        }
        p += close + 2;
    }

    ListPage page;
    QVarLengthArray<QByteArrayView, 8> stack;
    QByteArray text;
    ObjectInfo object;
    bool urlEncoded = false;
    bool rootClosed = false;

    const auto endElement = [&](QByteArrayView name) -> bool {
        const qsizetype depth = stack.size() + 1;
        const QByteArrayView parent = stack.isEmpty() ? QByteArrayView() : stack.last();
        if (depth == 1)
            rootClosed = true;
        if (depth == 2) {
            if (name == "IsTruncated")
                page.truncated = trimmed(text) == "true";
            else if (name == "NextContinuationToken")
                page.nextToken = QString::fromLatin1(trimmed(text));
            else if (name == "EncodingType")
                urlEncoded = trimmed(text) == "url";
            else if (name == "Contents")
                page.objects.append(std::move(object));
        } else if (depth == 3 && parent == "Contents") {
            if (name == "Key") {
                object.key = QString::fromLatin1(text);
            } else if (name == "Size") {
                bool ok = false;
                object.size = trimmed(text).toLongLong(&ok);
                if (!ok || object.size < 0)
                    return false;
            } else if (name == "LastModified") {
                object.lastModifiedUsec = timestampUsec(trimmed(text));
            } else if (name == "ETag") {
                QByteArrayView etag = trimmed(text);
                if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"')
                    etag = etag.sliced(1, etag.size() - 2);
                object.etag = QString::fromLatin1(etag);
            }
        } else if (depth == 3 && parent == "CommonPrefixes" && name == "Prefix") {
            page.prefixes.append(QString::fromLatin1(text));
        }
        text.resize(0); // keeps its buffer: clear() would free it for every element
        return true;
    };

    while (p < end) {
        if (*p != '<') {
            const char* lt = static_cast<const char*>(memchr(p, '<', end - p));
            const char* stop = lt ? lt : end;
            if (stack.isEmpty()) {
                // Outside the root only whitespace may stand.
                for (const char* q = p; q < stop; ++q)
                    if (!isSpace(*q))
                        return std::nullopt;
            } else if (!appendText(text, QByteArrayView(p, stop - p))) {
                return std::nullopt;
            }
            p = stop;
            continue;
        }
        ++p;
        if (p >= end)
            return std::nullopt;
        if (*p == '!' || *p == '?')
            return std::nullopt;
        const bool closing = *p == '/';
        if (closing)
            ++p;
        const char* nameStart = p;
        while (p < end && isNameChar(*p))
            ++p;
        const QByteArrayView name(nameStart, p - nameStart);
        if (name.isEmpty()
            || !((name.front() >= 'A' && name.front() <= 'Z') || (name.front() >= 'a' && name.front() <= 'z')
                 || name.front() == '_'))
            return std::nullopt;
        if (closing) {
            while (p < end && isSpace(*p))
                ++p;
            if (p >= end || *p != '>' || stack.isEmpty() || stack.last() != name)
                return std::nullopt;
            ++p;
            stack.removeLast();
            if (!endElement(name))
                return std::nullopt;
            continue;
        }
        // At most one attribute, a default namespace (xmlns="..."), which local names ignore.
        bool selfClosing = false;
        bool sawAttribute = false;
        for (;;) {
            const char* before = p;
            while (p < end && isSpace(*p))
                ++p;
            if (p >= end)
                return std::nullopt;
            if (*p == '>') {
                ++p;
                break;
            }
            if (*p == '/') {
                if (p + 1 >= end || p[1] != '>')
                    return std::nullopt;
                selfClosing = true;
                p += 2;
                break;
            }
            if (p == before || sawAttribute || end - p < 8 || QByteArrayView(p, 5) != "xmlns")
                return std::nullopt;
            p += 5;
            while (p < end && isSpace(*p))
                ++p;
            if (p >= end || *p != '=')
                return std::nullopt;
            ++p;
            while (p < end && isSpace(*p))
                ++p;
            if (p >= end || (*p != '"' && *p != '\''))
                return std::nullopt;
            const char quote = *p++;
            const char* close = static_cast<const char*>(memchr(p, quote, end - p));
            if (!close)
                return std::nullopt;
            const QByteArrayView value(p, close - p);
            if (value.contains('<') || value.contains('&'))
                return std::nullopt;
            p = close + 1;
            sawAttribute = true;
        }
        if (rootClosed || (stack.isEmpty() && name != "ListBucketResult"))
            return std::nullopt;
        stack.append(name);
        text.resize(0);
        if (stack.size() == 2 && name == "Contents")
            object = ObjectInfo{};
        if (selfClosing) {
            stack.removeLast();
            if (!endElement(name))
                return std::nullopt;
        }
    }
    if (!stack.isEmpty() || !rootClosed)
        return std::nullopt;
    if (urlEncoded)
        decodeKeys(page);
    return page;
}

} // namespace

QString unquotedEtag(QString etag)
{
    etag = etag.trimmed();
    if (etag.size() >= 2 && etag.startsWith(u'"') && etag.endsWith(u'"'))
        etag = etag.mid(1, etag.size() - 2);
    return etag;
}

// Namespace-blind on purpose: compares local names only (AWS, R2 and s3rver differ in xmlns).
Result<ListPage> parseListObjectsPage(const QByteArray& xml)
{
    if (auto fast = fastParseListPage(xml))
        return std::move(*fast);
    return parseListObjectsPageWithXmlReader(xml);
}

std::optional<ListPage> parseListObjectsPageFast(const QByteArray& xml)
{
    return fastParseListPage(xml);
}

Result<ListPage> parseListObjectsPageWithXmlReader(const QByteArray& xml)
{
    ListPage page;
    QXmlStreamReader reader(xml);
    QStringList stack;
    QString text;
    ObjectInfo object;
    bool urlEncoded = false;
    const auto badXml = [](const QString& why) {
        return fail(ErrorCode::Corrupt, ListObjectsParserText::tr("the bucket listing could not be parsed: %1").arg(why),
                    ListObjectsParserText::tr("The endpoint may not be S3-compatible; check --endpoint-url."));
    };
    while (!reader.atEnd()) {
        const auto token = reader.readNext();
        if (token == QXmlStreamReader::StartElement) {
            const QString name = reader.name().toString();
            if (stack.isEmpty() && name != u"ListBucketResult")
                return badXml(ListObjectsParserText::tr("root element <%1> instead of <ListBucketResult>").arg(name));
            stack.append(name);
            text.clear();
            if (stack.size() == 2 && name == u"Contents")
                object = ObjectInfo{};
        } else if (token == QXmlStreamReader::Characters) {
            text += reader.text();
        } else if (token == QXmlStreamReader::EndElement) {
            const QString name = stack.takeLast();
            const int depth = int(stack.size()) + 1;
            const QString parent = stack.isEmpty() ? QString() : stack.last();
            if (depth == 2) {
                if (name == u"IsTruncated")
                    page.truncated = text.trimmed() == u"true";
                else if (name == u"NextContinuationToken")
                    page.nextToken = text.trimmed();
                else if (name == u"EncodingType")
                    urlEncoded = text.trimmed() == u"url";
                else if (name == u"Contents")
                    page.objects.append(object);
            } else if (depth == 3 && parent == u"Contents") {
                if (name == u"Key") {
                    object.key = text;
                } else if (name == u"Size") {
                    bool ok = false;
                    object.size = text.trimmed().toLongLong(&ok);
                    // A negative size would turn byte counts and ranges upside down.
                    if (!ok || object.size < 0)
                        return badXml(ListObjectsParserText::tr("bad <Size> \"%1\"").arg(text.trimmed().left(40)));
                } else if (name == u"LastModified") {
                    const auto ts = Timestamp::parse(text.trimmed());
                    object.lastModifiedUsec = ts ? ts->usecUtc : 0;
                } else if (name == u"ETag") {
                    object.etag = unquotedEtag(text);
                }
            } else if (depth == 3 && parent == u"CommonPrefixes" && name == u"Prefix") {
                page.prefixes.append(text);
            }
            text.clear();
        }
    }
    if (reader.hasError())
        return badXml(reader.errorString());
    if (urlEncoded)
        decodeKeys(page);
    return page;
}

Result<DeleteResult> parseDeleteResult(const QByteArray& xml)
{
    DeleteResult out;
    QXmlStreamReader reader(xml);
    QStringList stack;
    QString text;
    DeleteResult::Failure entry;
    const auto badXml = [](const QString& why) {
        return fail(ErrorCode::Corrupt, ListObjectsParserText::tr("the answer to a delete could not be parsed: %1").arg(why),
                    ListObjectsParserText::tr("The endpoint may not be S3-compatible; check --endpoint-url."));
    };
    while (!reader.atEnd()) {
        const auto token = reader.readNext();
        if (token == QXmlStreamReader::StartElement) {
            const QString name = reader.name().toString();
            if (stack.isEmpty() && name != u"DeleteResult")
                return badXml(ListObjectsParserText::tr("root element <%1> instead of <DeleteResult>").arg(name.left(40)));
            stack.append(name);
            text.clear();
            if (stack.size() == 2)
                entry = {};
        } else if (token == QXmlStreamReader::Characters) {
            text += reader.text();
        } else if (token == QXmlStreamReader::EndElement) {
            const QString name = stack.takeLast();
            if (stack.size() == 2) {
                if (name == u"Key")
                    entry.key = text;
                else if (name == u"Code")
                    entry.code = text.trimmed();
                else if (name == u"Message")
                    entry.message = text.trimmed();
            } else if (stack.size() == 1) {
                if (name == u"Deleted")
                    out.deleted.append(entry.key);
                else if (name == u"Error")
                    out.errors.append(entry);
            }
            text.clear();
        }
    }
    if (reader.hasError())
        return badXml(reader.errorString());
    return out;
}

} // namespace tideline::storage
