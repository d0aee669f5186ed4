// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/storage/ObjectStore.h"
#include "engine/storage/SigV4.h"

#include <QList>
#include <QSslCertificate>
#include <QUrl>

#include <atomic>

namespace tideline::storage {

/// An S3-compatible bucket (AWS S3, Cloudflare R2, MinIO, s3rver) over Qt Network's sockets.
///
/// Every call blocks: it sends its request with net::exchange() on a kept-alive connection of
/// the calling thread's (never shared between threads) and waits for the answer. That is fine
/// on worker threads and in the CLI; never call it on the GUI thread.
///
/// Requests are signed with SigV4 (payload hash always sent; never aws-chunked or checksum
/// headers, which R2 rejects), ask for `Accept-Encoding: identity`, and are retried with
/// exponential backoff and full jitter on 5xx, 408, 429, SlowDown, connection resets, stalls
/// (no byte for requestTimeoutMs) and truncated bodies, up to maxAttempts. Errors follow the
/// ObjectStore contract and never contain credentials or signatures.
class S3Store final : public ObjectStore {
public:
    /// Everything resolved (openStore() fills this from options, environment and profile files).
    struct Config {
        QUrl endpoint; ///< scheme://host[:port][/base]; http or https
        QString bucket;
        QString region = QStringLiteral("us-east-1");
        SigV4Credentials credentials;
        bool virtualHost = false; ///< bucket.host/key instead of host/bucket/key
        QList<QSslCertificate> extraCaCertificates;
        bool verifyTls = true;
        int maxAttempts = 5;
        int requestTimeoutMs = 30'000;
        int backoffBaseMs = 200; ///< first retry waits up to this, doubling each time
        int backoffMaxMs = 10'000;
    };

    explicit S3Store(Config config);
    ~S3Store() override;

    QString describe() const override;
    Result<Listing> list(const QString& prefix, const QString& delimiter, const CancelToken& cancel) override;
    int listingPageSize() const override { return kListingPageSize; }
    Result<int> listRangePages(const QString& prefix, const QString& startAfter, const QString& upTo,
                               const CancelToken& cancel, const PageSink& sink) override;
    Result<ObjectInfo> read(const QString& key, const ChunkSink& sink, const CancelToken& cancel,
                            ByteRange range = {}) override;
    Result<ObjectInfo> head(const QString& key, const CancelToken& cancel) override;
    Result<void> put(const QString& key, const QByteArray& data, const CancelToken& cancel) override;
    /// DeleteObjects (POST ?delete, Content-MD5) in batches of 1,000, four at once; keys the answer does not
    /// confirm are deleted one by one. A store that refuses the batch request itself (any answer
    /// but a network failure) gets one DELETE per key from then on, for this store's lifetime.
    /// Once a single DELETE is refused for credentials, the keys left are reported with that
    /// error rather than tried one by one.
    DeleteReport deleteObjects(const QStringList& keys, const CancelToken& cancel) override;
    /// GET /?NAME: 2xx Configured; 404 with an S3 error code other than NoSuchBucket
    /// NotConfigured; 400, 405, 501 Unsupported.
    Result<BucketConfiguration> bucketConfiguration(const QString& name, const CancelToken& cancel) override;

    /// The configuration in use (tests; credentials included, so never print it).
    const Config& config() const { return m_config; }

    /// Whether Auto addressing picks virtual-host style for this endpoint and bucket: only on
    /// *.amazonaws.com, and only for DNS-safe bucket names without dots (TLS wildcard certs).
    static bool autoVirtualHost(const QUrl& endpoint, const QString& bucket);

private:
    static constexpr int kListingPageSize = 1000; // S3's and R2's most

    // ListObjectsV2 pages from `startAfter`, followed until the end or the first key past `upTo`,
    // into `out`: its prefixes and requests always, the objects too unless `sink` takes them.
    Result<void> listPages(const QString& prefix, const QString& delimiter, const QString& startAfter, const QString& upTo,
                           const CancelToken& cancel, Listing& out, const PageSink* sink);
    Result<void> deleteOne(const QString& key, const CancelToken& cancel, int& requests);

    Config m_config;
    std::atomic_bool m_batchRefused = false;
};

} // namespace tideline::storage
