// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/CancelToken.h"
#include "engine/core/Error.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <utility>

namespace tideline::storage {

/// One object as a listing describes it.
struct ObjectInfo {
    QString key;                 ///< full key relative to the store's root (bucket or directory)
    qint64 size = 0;             ///< bytes
    qint64 lastModifiedUsec = 0; ///< upload time, µs since the epoch UTC (S3 LastModified, file mtime)
    QString etag;                ///< without quotes; empty for local files
};

/// Every object and, with a delimiter, every common prefix under a prefix, in key order.
struct Listing {
    QList<ObjectInfo> objects;
    QStringList prefixes; ///< common prefixes, each ending with the delimiter
    int requests = 0;     ///< round trips it took (pages), for benchmarks and tests
};

/// A byte range of an object. length < 0 means "to the end".
struct ByteRange {
    qint64 offset = 0;
    qint64 length = -1;
};

/// What a deletion did, key by key.
struct DeleteReport {
    QStringList deleted;                     ///< gone now (an absent key counts: S3 answers the same)
    QList<std::pair<QString, Error>> failed; ///< still there, or unknown, with why
    bool batchRefused = false;               ///< the store refused multi-object deletes; one request per key was used
    int requests = 0;                        ///< round trips it took
};

/// A bucket-level configuration as the store answers `GET /?NAME` (S3's GetBucketEncryption for
/// "encryption", GetBucketReplication for "replication", GetBucketVersioning for "versioning").
struct BucketConfiguration {
    enum class State {
        Configured,    ///< the store answered with a document (check its root element: a store
                       ///< that ignores the sub-resource may answer with a listing)
        NotConfigured, ///< the store supports the setting and has none for this bucket (404 *NotFound*)
        Unsupported,   ///< the store does not implement it (501, 400, 405) or is not S3
    };
    State state = State::Unsupported;
    QByteArray document; ///< the XML when Configured
    QString detail;      ///< the store's own words when not Configured ("HTTP 501 NotImplemented")
};

/// Receives a listing page's objects, in key order. Returning an error ends the listing with it.
using PageSink = std::function<Result<void>(QList<ObjectInfo>& page)>;

/// Receives a body chunk by chunk, in order. Returning an error aborts the read with that error.
using ChunkSink = std::function<Result<void>(QByteArrayView chunk)>;

/// An S3-compatible bucket or a local directory holding the same layout.
///
/// Keys are '/'-separated and relative to the store's root (for S3 the bucket; for file:// the
/// directory). All calls block until done and are safe to call concurrently from any number of
/// threads other than the GUI thread. Every call checks the cancel token and returns
/// ErrorCode::Cancelled promptly once it is set.
///
/// Errors (code: when):
/// - NotFound: the store answered authoritatively that the object does not exist (S3 404 NoSuchKey).
/// - MissingSource: the bucket (or local root directory) does not exist.
/// - Auth: credentials refused, signature mismatch, access denied (S3 403, 401).
/// - Network: unreachable, TLS failure, timeouts or 5xx/SlowDown/resets still failing after retries.
/// - Corrupt: an unparsable response (bad XML) or a body shorter than announced after retries.
/// - Cancelled.
/// No message, hint or detail ever contains a credential.
class ObjectStore {
public:
    virtual ~ObjectStore() = default;

    /// "s3://bucket (http://127.0.0.1:9000)" or "file:///dir": for messages, never secrets.
    virtual QString describe() const = 0;

    /// How many reads at once pay on this store: on a network store each waits mostly on round
    /// trips, which hide behind each other; a local file's read is a copy that only contends for
    /// the cores. Any thread.
    virtual int usefulConcurrentReads() const { return 8; }

    /// Lists every object under prefix, following every page (ListObjectsV2 continuation), never
    /// inferring the end from a count. With a non-empty delimiter, keys below the next delimiter
    /// are rolled up into Listing::prefixes as S3 does. An empty listing is not an error.
    virtual Result<Listing> list(const QString& prefix, const QString& delimiter, const CancelToken& cancel) = 0;

    /// The most keys one listing request returns (S3: 1,000), or 0 where a listing is not paged
    /// (a local directory). A caller with many small directories to list lists them as a few
    /// long ranges with listRange() when this is non-zero: one round trip per page rather than
    /// one per directory. Any thread.
    virtual int listingPageSize() const { return 0; }

    /// Every object under `prefix` whose key sorts after `startAfter` and no later than `upTo`
    /// (UTF-8 byte order, as S3 sorts; an empty bound is no bound), in key order, handed to
    /// `sink` a page at a time as the pages come (the sink may move the objects out), so that a
    /// caller keeping less than an ObjectInfo per key never holds a whole range of them. Pages
    /// are followed only as far as `upTo`: keys past it on the last page are dropped.
    /// Consecutive ranges (a, b], (b, c] therefore list every key exactly once. Returns the
    /// round trips it took. Errors as list(), or the sink's first error, which ends the listing.
    /// The default lists the whole prefix and gives the range as one page.
    virtual Result<int> listRangePages(const QString& prefix, const QString& startAfter, const QString& upTo,
                                       const CancelToken& cancel, const PageSink& sink);
    /// listRangePages() collected into one Listing.
    Result<Listing> listRange(const QString& prefix, const QString& startAfter, const QString& upTo,
                              const CancelToken& cancel);

    /// The whole object, or the given range of it, collected from read().
    Result<QByteArray> get(const QString& key, const CancelToken& cancel, ByteRange range = {});

    /// Streams an object (or a range) to sink in order without holding it whole in memory. A body
    /// cut mid-stream is resumed with a Range request from the first byte not yet delivered, so
    /// the sink sees every byte exactly once. Returns the object's metadata (size = full size).
    virtual Result<ObjectInfo> read(const QString& key, const ChunkSink& sink, const CancelToken& cancel,
                                    ByteRange range = {}) = 0;

    /// Metadata of one object (HEAD).
    virtual Result<ObjectInfo> head(const QString& key, const CancelToken& cancel) = 0;

    /// Writes a whole object (one PUT; for tests, benchmarks and small files).
    virtual Result<void> put(const QString& key, const QByteArray& data, const CancelToken& cancel) = 0;

    /// Deletes the keys and says, key by key, what happened; it never stops at the first failure
    /// (a key that fails is reported and the rest are still tried), except that once the cancel
    /// token is set every key not yet tried is reported as Cancelled. S3: DeleteObjects in
    /// batches of at most 1,000 with Content-MD5, and one DELETE per key where the store refuses
    /// batches. The default refuses every key (Usage): a store that cannot delete says so.
    virtual DeleteReport deleteObjects(const QStringList& keys, const CancelToken& cancel);

    /// A bucket-level setting (see BucketConfiguration). "Not configured" and "not supported"
    /// are answers, not errors. Errors: Auth (no permission to read the setting), MissingSource,
    /// Network, Cancelled. The default (a store that is not S3) answers Unsupported.
    virtual Result<BucketConfiguration> bucketConfiguration(const QString& name, const CancelToken& cancel);
};

} // namespace tideline::storage
