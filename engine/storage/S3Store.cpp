// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/storage/S3Store.h"

#include "engine/core/Redactor.h"
#include "engine/net/HttpExchange.h"
#include "engine/storage/ListObjectsParser.h"
#include "engine/storage/S3Transport.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>

namespace tideline::storage {

namespace {

struct S3StoreText {
    Q_DECLARE_TR_FUNCTIONS(S3Store)
};

using Request = S3Transport::Request;
using Response = S3Transport::Response;
using Exchange = S3Transport::Exchange;
using Outcome = S3Transport::Outcome;

} // namespace

S3Store::S3Store(Config config) : m_config(std::move(config))
{
    Redactor::addSecret(m_config.credentials.accessKeyId);
    Redactor::addSecret(m_config.credentials.secretAccessKey);
    Redactor::addSecret(m_config.credentials.sessionToken);
}

S3Store::~S3Store() = default;

QString S3Store::describe() const
{
    return QStringLiteral("s3://%1 (%2)").arg(m_config.bucket, m_config.endpoint.toString(QUrl::RemoveUserInfo));
}

bool S3Store::autoVirtualHost(const QUrl& endpoint, const QString& bucket)
{
    static const QRegularExpression dnsSafe(QStringLiteral("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$"));
    const QString host = endpoint.host().toLower();
    const bool aws = host == u"amazonaws.com" || host.endsWith(u".amazonaws.com");
    return aws && dnsSafe.match(bucket).hasMatch();
}

Result<Listing> S3Store::list(const QString& prefix, const QString& delimiter, const CancelToken& cancel)
{
    Listing out;
    QString token;
    QString startAfter;
    for (;;) {
        Request rq;
        rq.bucketLevel = true;
        rq.what = S3StoreText::tr("listing s3://%1/%2").arg(m_config.bucket, prefix);
        rq.query = {{QStringLiteral("list-type"), QStringLiteral("2")}, {QStringLiteral("max-keys"), QStringLiteral("1000")}};
        if (!prefix.isEmpty())
            rq.query.append({QStringLiteral("prefix"), prefix});
        if (!delimiter.isEmpty())
            rq.query.append({QStringLiteral("delimiter"), delimiter});
        if (!token.isEmpty())
            rq.query.append({QStringLiteral("continuation-token"), token});
        else if (!startAfter.isEmpty())
            rq.query.append({QStringLiteral("start-after"), startAfter});

        auto resp = S3Transport(m_config).execute(rq, cancel);
        if (!resp)
            return fail(resp.error());
        ++out.requests;
        auto page = parseListObjectsPage(resp->body);
        if (!page)
            return fail(page.error());
        out.objects.append(page->objects);
        out.prefixes.append(page->prefixes);
        if (!page->truncated)
            break;
        if (!page->nextToken.isEmpty()) {
            if (page->nextToken == token)
                return fail(ErrorCode::Corrupt,
                            S3StoreText::tr("%1: the endpoint repeated its continuation token").arg(rq.what),
                            S3StoreText::tr("The endpoint's listing does not advance; report it to its operator."));
            token = page->nextToken;
            continue;
        }
        // Truncated without a token (old or partial implementations): continue after the last
        // name this page returned, which S3 defines for start-after.
        QString last = page->objects.isEmpty() ? QString() : page->objects.constLast().key;
        if (!page->prefixes.isEmpty() && page->prefixes.constLast() > last)
            last = page->prefixes.constLast();
        if (last.isEmpty() || last == startAfter)
            return fail(ErrorCode::Corrupt,
                        S3StoreText::tr("%1: a truncated listing page gave no way to continue").arg(rq.what),
                        S3StoreText::tr("The endpoint's listing does not advance; report it to its operator."));
        startAfter = last;
        token.clear();
    }
    return out;
}

Result<ObjectInfo> S3Store::read(const QString& key, const ChunkSink& sink, const CancelToken& cancel, ByteRange range)
{
    const S3Transport transport(m_config);
    const QString what = QStringLiteral("GET %1").arg(transport.objectName(key));
    if (auto ok = transport.checkKey(key); !ok)
        return fail(ok.error());
    if (range.offset < 0)
        return fail(ErrorCode::Usage, S3StoreText::tr("%1: negative range offset").arg(what));
    if (range.length == 0) {
        auto info = head(key, cancel);
        return info;
    }

    ObjectInfo info;
    info.key = key;
    info.size = -1;
    qint64 delivered = 0;
    qint64 expected = -1; // bytes the sink must receive in all; -1 until a response says
    QString firstEtag;
    const int maxAttempts = std::max(1, m_config.maxAttempts);
    int fruitless = 0;  // attempts that delivered nothing
    int retryIndex = 0; // backoff exponent, restarted whenever an attempt makes progress
    int attempts = 0;

    for (;;) {
        if (cancel.isCancelled())
            return fail(S3Transport::cancelled(what));
        ++attempts;
        const qint64 position = range.offset + delivered;
        Request rq;
        rq.key = key;
        rq.what = what;
        if (position > 0 || range.length > 0) {
            QByteArray value = "bytes=" + QByteArray::number(position) + '-';
            if (range.length > 0)
                value += QByteArray::number(range.offset + range.length - 1);
            rq.headers.append(std::pair<QByteArray, QByteArray>("Range", value));
        }

        qint64 skip = 0;
        qint64 progress = 0;
        S3Transport::StreamHooks hooks;
        hooks.onHeaders = [&](const Response& r) -> Result<void> {
            qint64 total = -1;
            if (r.status == 206) {
                if (!r.contentRange || r.contentRange->first != position)
                    return fail(ErrorCode::Corrupt,
                                S3StoreText::tr("%1: the endpoint answered another range than asked").arg(what),
                                S3StoreText::tr("The endpoint's Range support looks broken; report it to its operator."),
                                S3StoreText::tr("asked from byte %1").arg(position));
                total = r.contentRange->total;
            } else {
                // A 200 to a ranged request: the server sent everything; drop what we already have.
                total = r.contentLength;
                skip = position;
            }
            if (!firstEtag.isEmpty() && !r.etag.isEmpty() && r.etag != firstEtag)
                return fail(ErrorCode::Corrupt, S3StoreText::tr("%1: the object changed while it was being read").arg(what),
                            S3StoreText::tr("Retry once the writer is done."));
            if (info.size >= 0 && total >= 0 && total != info.size)
                return fail(ErrorCode::Corrupt,
                            S3StoreText::tr("%1: the object's size changed while it was being read").arg(what),
                            S3StoreText::tr("Retry once the writer is done."));
            if (firstEtag.isEmpty())
                firstEtag = r.etag;
            info.etag = r.etag;
            info.lastModifiedUsec = r.lastModifiedUsec;
            if (total >= 0) {
                info.size = total;
                const qint64 rest = std::max<qint64>(0, total - range.offset);
                expected = range.length > 0 ? std::min(range.length, rest) : rest;
            }
            return {};
        };
        hooks.onData = [&](QByteArrayView chunk) -> Result<void> {
            if (skip > 0) {
                const qint64 n = std::min<qint64>(skip, chunk.size());
                chunk = chunk.sliced(n);
                skip -= n;
            }
            if (range.length > 0) {
                const qint64 room = range.length - delivered;
                if (chunk.size() > room)
                    chunk = chunk.first(std::max<qint64>(0, room));
            }
            if (chunk.isEmpty())
                return {};
            if (auto r = sink(chunk); !r)
                return r;
            delivered += chunk.size();
            progress += chunk.size();
            return {};
        };

        Exchange ex = transport.exchangeOnce(rq, cancel, &hooks);
        if (ex.outcome == Outcome::Fail)
            return fail(S3Transport::clean(std::move(ex.error)));
        if (ex.outcome == Outcome::Done) {
            if (expected < 0)
                expected = delivered; // no length announced: the server's end is the end
            if (info.size < 0)
                info.size = range.offset + delivered;
            if (delivered == expected)
                return info;
            ex.outcome = Outcome::Retry;
            ex.truncated = true;
            ex.error = {ErrorCode::Corrupt,
                        S3StoreText::tr("%1: got %2 of %3 bytes").arg(what, QString::number(delivered), QString::number(expected)),
                        S3Transport::endpointHint(),
                        {}};
        }
        if (progress > 0) {
            retryIndex = 0;
        } else {
            ++fruitless;
        }
        // Progress resets the backoff but not the overall cap, so a trickling server cannot
        // keep a read alive forever.
        if (fruitless >= maxAttempts || attempts >= maxAttempts * 20)
            return fail(transport.exhausted(rq, ex, attempts));
        if (!net::sleepUnlessCancelled(net::backoffMs(retryIndex++, m_config.backoffBaseMs, m_config.backoffMaxMs), cancel))
            return fail(S3Transport::cancelled(what));
    }
}

Result<ObjectInfo> S3Store::head(const QString& key, const CancelToken& cancel)
{
    if (auto ok = S3Transport(m_config).checkKey(key); !ok)
        return fail(ok.error());
    Request rq;
    rq.method = "HEAD";
    rq.key = key;
    rq.what = QStringLiteral("HEAD %1").arg(S3Transport(m_config).objectName(key));
    auto resp = S3Transport(m_config).execute(rq, cancel);
    if (!resp)
        return fail(resp.error());
    ObjectInfo info;
    info.key = key;
    info.size = std::max<qint64>(0, resp->contentLength);
    info.etag = resp->etag;
    info.lastModifiedUsec = resp->lastModifiedUsec;
    return info;
}

Result<void> S3Store::put(const QString& key, const QByteArray& data, const CancelToken& cancel)
{
    if (auto ok = S3Transport(m_config).checkKey(key); !ok)
        return fail(ok.error());
    Request rq;
    rq.method = "PUT";
    rq.key = key;
    rq.body = data;
    rq.headers.append(std::pair<QByteArray, QByteArray>("Content-Type", "application/octet-stream"));
    rq.what = QStringLiteral("PUT %1").arg(S3Transport(m_config).objectName(key));
    auto resp = S3Transport(m_config).execute(rq, cancel);
    if (!resp)
        return fail(resp.error());
    return {};
}

} // namespace tideline::storage
