// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/storage/S3Store.h"

#include "engine/core/Excerpt.h"
#include "engine/core/Parallel.h"
#include "engine/core/Redactor.h"
#include "engine/net/HttpExchange.h"
#include "engine/storage/ListObjectsParser.h"
#include "engine/storage/S3Transport.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QRegularExpression>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <optional>
#include <vector>

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
    // \z, not $: '$' also matches before a final newline, and the name becomes the Host.
    static const QRegularExpression dnsSafe(QStringLiteral("\\A[a-z0-9][a-z0-9-]{1,61}[a-z0-9]\\z"));
    const QString host = endpoint.host().toLower();
    const bool aws = host == u"amazonaws.com" || host.endsWith(u".amazonaws.com");
    return aws && dnsSafe.match(bucket).hasMatch();
}

Result<Listing> S3Store::list(const QString& prefix, const QString& delimiter, const CancelToken& cancel)
{
    Listing out;
    if (auto ok = listPages(prefix, delimiter, {}, {}, cancel, out, nullptr); !ok)
        return fail(ok.error());
    return out;
}

Result<int> S3Store::listRangePages(const QString& prefix, const QString& startAfter, const QString& upTo,
                                    const CancelToken& cancel, const PageSink& sink)
{
    Listing out;
    if (auto ok = listPages(prefix, {}, startAfter, upTo, cancel, out, &sink); !ok)
        return fail(ok.error());
    return out.requests;
}

Result<void> S3Store::listPages(const QString& prefix, const QString& delimiter, const QString& firstStartAfter,
                                const QString& upTo, const CancelToken& cancel, Listing& out, const PageSink* sink)
{
    QString token;
    QString startAfter = firstStartAfter;
    // S3 sorts keys by their UTF-8 bytes; QString compares UTF-16 units, which differ above U+FFFF.
    const QByteArray last = upTo.toUtf8();
    QByteArray previous = firstStartAfter.toUtf8(); // every key listed must sort after this
    for (;;) {
        Request rq;
        rq.bucketLevel = true;
        rq.what = S3StoreText::tr("listing s3://%1/%2").arg(m_config.bucket, prefix);
        rq.query = {{QStringLiteral("list-type"), QStringLiteral("2")},
                    {QStringLiteral("max-keys"), QString::number(kListingPageSize)}};
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
        // Keys must come in order after start-after: an endpoint that ignores it, repeats a page
        // or does not sort would otherwise make keys vanish from a range or count twice (a false
        // gap, a key deleted twice). A key equal to the one before is dropped, not refused: some
        // gateways treat start-after as inclusive. In order, the first key past the range ends
        // it, on this page and for good.
        QList<ObjectInfo> kept;
        kept.reserve(page->objects.size());
        bool pastEnd = false;
        for (ObjectInfo& object : page->objects) {
            const QByteArray key = object.key.toUtf8();
            if (!previous.isEmpty() && key == previous)
                continue;
            if (!previous.isEmpty() && key < previous)
                return fail(ErrorCode::Corrupt,
                            S3StoreText::tr("%1: the endpoint listed %2 out of order or twice")
                                .arg(rq.what, excerpt::printable(object.key, 80)),
                            S3StoreText::tr("S3 lists each key once, in order, after start-after; report this "
                                            "endpoint's listing to its operator."));
            if (!last.isEmpty() && key > last) {
                pastEnd = true;
                break;
            }
            previous = key;
            kept.append(std::move(object));
        }
        // What a continuation without a token starts after, taken before a sink moves the keys out.
        QString lastSeen = kept.isEmpty() ? QString() : kept.constLast().key;
        if (sink) {
            if (auto ok = (*sink)(kept); !ok)
                return fail(ok.error());
        } else {
            out.objects.append(std::move(kept));
        }
        out.prefixes.append(page->prefixes);
        if (!page->truncated || pastEnd)
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
        if (!page->prefixes.isEmpty() && page->prefixes.constLast() > lastSeen)
            lastSeen = page->prefixes.constLast();
        if (lastSeen.isEmpty() || lastSeen == startAfter)
            return fail(ErrorCode::Corrupt,
                        S3StoreText::tr("%1: a truncated listing page gave no way to continue").arg(rq.what),
                        S3StoreText::tr("The endpoint's listing does not advance; report it to its operator."));
        startAfter = lastSeen;
        token.clear();
    }
    return {};
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

Result<void> S3Store::deleteOne(const QString& key, const CancelToken& cancel, int& requests)
{
    const S3Transport transport(m_config);
    if (auto ok = transport.checkKey(key); !ok)
        return ok;
    Request rq;
    rq.method = "DELETE";
    rq.key = key;
    rq.what = QStringLiteral("DELETE %1").arg(transport.objectName(key));
    ++requests;
    auto resp = transport.execute(rq, cancel);
    if (!resp && resp.error().code != ErrorCode::NotFound)
        return fail(resp.error());
    return {};
}

namespace {

// What one DeleteObjects request settled, and the keys it left for single deletes.
struct BatchOutcome {
    bool ran = false;
    QStringList deleted;
    QList<std::pair<QString, Error>> failed;
    QStringList singles;
    bool refused = false;
    int requests = 0;
};

} // namespace

Result<BucketConfiguration> S3Store::bucketConfiguration(const QString& name, const CancelToken& cancel)
{
    Request rq;
    rq.bucketLevel = true;
    rq.query = {{name, QString()}};
    rq.what = S3StoreText::tr("reading the %1 setting of s3://%2").arg(name, m_config.bucket);
    auto resp = S3Transport(m_config).execute(rq, cancel);
    BucketConfiguration out;
    if (resp) {
        out.state = BucketConfiguration::State::Configured;
        out.document = resp->body;
        return out;
    }
    switch (resp.error().code) {
    case ErrorCode::NotFound: // 404 with a code of its own: ServerSideEncryptionConfigurationNotFoundError, …
        out.state = BucketConfiguration::State::NotConfigured;
        break;
    case ErrorCode::Refused: {
        // 501 NotImplemented, 400 and 405 are how stores without this API answer; any other
        // refusal (409, 412, …) says something else and is reported as it is.
        const QString& d = resp.error().detail;
        if (!d.startsWith(u"HTTP 501") && !d.startsWith(u"HTTP 400") && !d.startsWith(u"HTTP 405"))
            return fail(resp.error());
        out.state = BucketConfiguration::State::Unsupported;
        break;
    }
    default: return fail(resp.error());
    }
    out.detail = resp.error().detail;
    return out;
}

DeleteReport S3Store::deleteObjects(const QStringList& keys, const CancelToken& cancel)
{
    constexpr qsizetype kBatch = 1000; // S3's limit per DeleteObjects request
    constexpr int kBatchesAtOnce = 4;  // round trips overlap; the store does the deleting
    constexpr int kSinglesAtOnce = 16;
    const S3Transport transport(m_config);
    QList<QStringList> batches;
    for (qsizetype from = 0; from < keys.size(); from += kBatch)
        batches.append(keys.mid(from, kBatch));
    std::vector<BatchOutcome> outcomes(size_t(batches.size()));
    parallelFor(
        batches.size(), kBatchesAtOnce,
        [&](qsizetype i) {
            BatchOutcome& out = outcomes[size_t(i)];
            out.ran = true;
            if (m_batchRefused.load()) {
                out.singles = batches[i];
                return;
            }
            QByteArray body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                              "<Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">";
            QStringList sent;
            for (const QString& key : batches[i]) {
                const bool xmlUnsafe = std::any_of(key.cbegin(), key.cend(), [](QChar c) { return c.unicode() < 0x20; });
                if (xmlUnsafe || !transport.checkKey(key)) {
                    out.singles.append(key); // XML 1.0 cannot carry it, or deleteOne reports why not
                    continue;
                }
                body += "<Object><Key>" + key.toHtmlEscaped().toUtf8() + "</Key></Object>";
                sent.append(key);
            }
            body += "</Delete>";
            if (sent.isEmpty())
                return;
            Request rq;
            rq.method = "POST";
            rq.bucketLevel = true;
            rq.query = {{QStringLiteral("delete"), QString()}};
            rq.body = body;
            // S3 requires an integrity header on DeleteObjects ("Content-MD5 is missing" otherwise);
            // Content-MD5 is the one every S3-compatible store accepts (R2 refuses aws-chunked and
            // the newer checksum headers on some paths).
            rq.headers.append(
                std::pair<QByteArray, QByteArray>("Content-MD5",
                                                  QCryptographicHash::hash(body, QCryptographicHash::Md5).toBase64()));
            rq.headers.append(std::pair<QByteArray, QByteArray>("Content-Type", "application/xml"));
            rq.what = S3StoreText::tr("deleting %n objects from s3://%1", nullptr, int(sent.size())).arg(m_config.bucket);
            ++out.requests;
            auto resp = transport.execute(rq, cancel);
            if (!resp) {
                if (resp.error().code == ErrorCode::Cancelled || resp.error().code == ErrorCode::Network) {
                    for (const QString& key : sent)
                        out.failed.append({key, resp.error()});
                    return;
                }
                // The store answered, and not with a result: it does not do batches (GCS's S3
                // interface, some gateways). Single deletes do the same work.
                m_batchRefused = true;
                out.refused = true;
                out.singles += sent;
                return;
            }
            auto result = parseDeleteResult(resp->body);
            if (!result) {
                for (const QString& key : sent)
                    out.failed.append({key, result.error()});
                return;
            }
            const QSet<QString> confirmed(result->deleted.cbegin(), result->deleted.cend());
            QHash<QString, DeleteResult::Failure> refused;
            for (const auto& f : result->errors)
                refused.insert(f.key, f);
            for (const QString& key : sent) {
                if (confirmed.contains(key)) {
                    out.deleted.append(key);
                } else if (const auto it = refused.constFind(key); it != refused.cend()) {
                    const QString detail = it->code + (it->message.isEmpty() ? QString() : QStringLiteral(": ") + it->message);
                    out.failed.append(
                        {key,
                         S3Transport::clean(Error{it->code == u"AccessDenied" ? ErrorCode::Auth : ErrorCode::Refused,
                                                  S3StoreText::tr("%1 refused to delete %2")
                                                      .arg(m_config.endpoint.host(), transport.objectName(key)),
                                                  S3StoreText::tr("Run the command again to retry what is left."), detail})});
                } else {
                    out.singles.append(key); // neither deleted nor refused: ask again, alone
                }
            }
        },
        cancel);

    DeleteReport report;
    QStringList singles;
    for (qsizetype i = 0; i < batches.size(); ++i) {
        BatchOutcome& out = outcomes[size_t(i)];
        if (!out.ran) {
            for (const QString& key : batches[i])
                report.failed.append({key, S3Transport::cancelled(QStringLiteral("DELETE %1").arg(transport.objectName(key)))});
            continue;
        }
        report.deleted += out.deleted;
        report.failed += out.failed;
        report.requests += out.requests;
        report.batchRefused = report.batchRefused || out.refused;
        singles += out.singles;
    }
    report.batchRefused = report.batchRefused || (m_batchRefused.load() && !singles.isEmpty());

    // One DELETE per key, several at once; once credentials are refused, the rest are not tried.
    std::vector<std::optional<Error>> singleErrors(size_t(singles.size()));
    std::vector<char> singleRan(size_t(singles.size()), 0);
    std::atomic_int singleRequests = 0;
    std::mutex authMutex;
    std::optional<Error> authFailure;
    parallelFor(
        singles.size(), kSinglesAtOnce,
        [&](qsizetype i) {
            singleRan[size_t(i)] = 1;
            {
                const std::lock_guard lock(authMutex);
                if (authFailure) {
                    singleErrors[size_t(i)] = *authFailure;
                    return;
                }
            }
            int requests = 0;
            auto ok = deleteOne(singles[i], cancel, requests);
            singleRequests += requests;
            if (!ok) {
                singleErrors[size_t(i)] = ok.error();
                if (ok.error().code == ErrorCode::Auth) {
                    const std::lock_guard lock(authMutex);
                    authFailure = ok.error();
                }
            }
        },
        cancel);
    report.requests += singleRequests.load();
    for (qsizetype i = 0; i < singles.size(); ++i) {
        if (!singleRan[size_t(i)])
            report.failed.append(
                {singles[i], S3Transport::cancelled(QStringLiteral("DELETE %1").arg(transport.objectName(singles[i])))});
        else if (singleErrors[size_t(i)])
            report.failed.append({singles[i], *singleErrors[size_t(i)]});
        else
            report.deleted.append(singles[i]);
    }
    return report;
}

} // namespace tideline::storage
