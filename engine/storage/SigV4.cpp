// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/storage/SigV4.h"

#include <QDateTime>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <algorithm>

namespace tideline::storage::SigV4 {

namespace {

QByteArray hmacSha256(QByteArrayView key, QByteArrayView data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int outLen = 0;
    HMAC(EVP_sha256(), key.data(), int(key.size()), reinterpret_cast<const unsigned char*>(data.data()), size_t(data.size()),
         out, &outLen);
    return QByteArray(reinterpret_cast<const char*>(out), int(outLen));
}

bool isUnreserved(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_'
        || c == '~';
}

// SigV4's Trimall: outer whitespace removed, inner runs collapsed to one space, as botocore does.
QByteArray trimAll(const QByteArray& value)
{
    return value.simplified();
}

} // namespace

QByteArray emptyPayloadHash()
{
    return QByteArrayLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

QByteArray sha256Hex(QByteArrayView data)
{
    unsigned char out[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(data.data()), size_t(data.size()), out);
    return QByteArray(reinterpret_cast<const char*>(out), SHA256_DIGEST_LENGTH).toHex();
}

QByteArray uriEncode(const QString& text, bool keepSlash)
{
    static const char hex[] = "0123456789ABCDEF";
    const QByteArray utf8 = text.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() * 3);
    for (const char ch : utf8) {
        const auto c = static_cast<unsigned char>(ch);
        if (isUnreserved(c) || (keepSlash && c == '/')) {
            out.append(ch);
        } else {
            out.append('%');
            out.append(hex[c >> 4]);
            out.append(hex[c & 0xF]);
        }
    }
    return out;
}

QByteArray encodePath(const QString& decodedPath)
{
    const QByteArray encoded = uriEncode(decodedPath, true);
    return encoded.isEmpty() ? QByteArrayLiteral("/") : encoded;
}

QByteArray encodeQuery(const QList<std::pair<QString, QString>>& query)
{
    QList<std::pair<QByteArray, QByteArray>> pairs;
    pairs.reserve(query.size());
    for (const auto& [name, value] : query)
        pairs.append({uriEncode(name, false), uriEncode(value, false)});
    // Sorting the encoded bytes is what AWS specifies (and what botocore does).
    std::sort(pairs.begin(), pairs.end());
    QByteArray out;
    for (const auto& [name, value] : pairs) {
        if (!out.isEmpty())
            out.append('&');
        out.append(name).append('=').append(value);
    }
    return out;
}

QByteArray amzDate(qint64 unixSeconds)
{
    return QDateTime::fromSecsSinceEpoch(unixSeconds, Qt::UTC).toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")).toLatin1();
}

SigV4Signed sign(const SigV4Request& request, const SigV4Credentials& credentials, const QString& region, qint64 unixSeconds)
{
    const QByteArray date = amzDate(unixSeconds);
    const QByteArray day = date.left(8);
    const QByteArray payloadHash = request.payloadHash.isEmpty() ? emptyPayloadHash() : request.payloadHash;

    SigV4Signed out;
    out.headers.append({"host", request.host.toUtf8()});
    out.headers.append({"x-amz-content-sha256", payloadHash});
    out.headers.append({"x-amz-date", date});
    if (!credentials.sessionToken.isEmpty())
        out.headers.append({"x-amz-security-token", credentials.sessionToken.toUtf8()});

    // Canonical headers: every header we send ourselves plus the caller's, lower-cased, values
    // trimmed, repeated names joined with ',' (in the order given), sorted by name.
    QList<std::pair<QByteArray, QByteArray>> all = out.headers;
    for (const auto& [name, value] : request.headers)
        all.append({name.toLower().trimmed(), trimAll(value)});
    std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    QByteArray canonicalHeaders;
    QByteArray signedHeaders;
    for (qsizetype i = 0; i < all.size(); ++i) {
        if (i > 0 && all[i].first == all[i - 1].first) {
            canonicalHeaders.chop(1); // the '\n' of the previous line
            canonicalHeaders.append(',').append(all[i].second).append('\n');
            continue;
        }
        canonicalHeaders.append(all[i].first).append(':').append(all[i].second).append('\n');
        if (!signedHeaders.isEmpty())
            signedHeaders.append(';');
        signedHeaders.append(all[i].first);
    }

    out.canonicalRequest = request.method.toUpper() + '\n' + encodePath(request.path) + '\n' + encodeQuery(request.query)
        + '\n' + canonicalHeaders + '\n' + signedHeaders + '\n' + payloadHash;

    const QByteArray scope = day + '/' + region.toUtf8() + "/s3/aws4_request";
    out.stringToSign = "AWS4-HMAC-SHA256\n" + date + '\n' + scope + '\n' + sha256Hex(out.canonicalRequest);

    const QByteArray kDate = hmacSha256(QByteArray("AWS4" + credentials.secretAccessKey.toUtf8()), day);
    const QByteArray kRegion = hmacSha256(kDate, region.toUtf8());
    const QByteArray kService = hmacSha256(kRegion, "s3");
    const QByteArray kSigning = hmacSha256(kService, "aws4_request");
    out.signature = hmacSha256(kSigning, out.stringToSign).toHex();

    out.authorization = "AWS4-HMAC-SHA256 Credential=" + credentials.accessKeyId.toUtf8() + '/' + scope
        + ", SignedHeaders=" + signedHeaders + ", Signature=" + out.signature;
    out.headers.append({"authorization", out.authorization});
    return out;
}

} // namespace tideline::storage::SigV4
