// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace tideline::storage {

/// The keys a request is signed with. Never printed: the secret and the token are registered
/// with the Redactor by whoever loads them.
struct SigV4Credentials {
    QString accessKeyId;
    QString secretAccessKey;
    QString sessionToken; ///< empty unless temporary credentials
};

/// One S3 request as the signer needs it. Path and query are given DECODED; the signer encodes
/// them exactly once (S3 rules) and the same encoded forms must go on the wire: use
/// SigV4::encodePath/encodeQuery to build the URL.
struct SigV4Request {
    QByteArray method = "GET";
    QString host;                             ///< the Host header value as sent: "bucket.s3.amazonaws.com", "127.0.0.1:9000"
    QString path;                             ///< decoded, starting with '/': "/bucket/dir/a b.txt"
    QList<std::pair<QString, QString>> query; ///< decoded name/value pairs; order does not matter
    /// Extra headers to sign and send (e.g. Range, Content-Type). Never pass x-amz-checksum-* or
    /// aws-chunked encodings: R2 rejects them.
    QList<std::pair<QByteArray, QByteArray>> headers;
    /// Hex SHA-256 of the body (SigV4::emptyPayloadHash for none) or "UNSIGNED-PAYLOAD".
    QByteArray payloadHash;
};

/// The result of signing: the headers to add to the request, plus the intermediate strings for
/// tests and debugging (they contain no secret, but the Authorization value must still never be
/// logged: it is a bearer of the signature).
struct SigV4Signed {
    /// Every header to send besides the caller's own: host, x-amz-date, x-amz-content-sha256,
    /// x-amz-security-token (with a session token), authorization.
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray authorization;
    QByteArray canonicalRequest;
    QByteArray stringToSign;
    QByteArray signature; ///< hex
};

/// AWS Signature Version 4 for S3 (service "s3"), header-based. Pure functions, any thread.
namespace SigV4 {
/// e3b0c442...b855: the SHA-256 of an empty body.
QByteArray emptyPayloadHash();
inline constexpr const char* kUnsignedPayload = "UNSIGNED-PAYLOAD";
/// Lower-case hex SHA-256.
QByteArray sha256Hex(QByteArrayView data);
/// Percent-encodes UTF-8 once: unreserved A-Za-z0-9-._~ stay, everything else is %XX (upper-case);
/// '/' stays when keepSlash (S3 object paths).
QByteArray uriEncode(const QString& text, bool keepSlash);
/// The canonical (and wire) form of a decoded S3 path: each segment encoded once, '/' kept,
/// nothing normalised ("a//b/../c" stays as it is).
QByteArray encodePath(const QString& decodedPath);
/// The canonical (and wire) query string: names and values encoded, sorted by name then value,
/// "k=" for an empty value.
QByteArray encodeQuery(const QList<std::pair<QString, QString>>& query);
/// "20130524T000000Z" for seconds since the epoch.
QByteArray amzDate(qint64 unixSeconds);
/// Signs request at the given instant for region ("auto" for R2). The Host header is signed
/// from request.host; x-amz-content-sha256 is always sent and signed.
SigV4Signed sign(const SigV4Request& request, const SigV4Credentials& credentials, const QString& region, qint64 unixSeconds);
} // namespace SigV4

} // namespace tideline::storage
