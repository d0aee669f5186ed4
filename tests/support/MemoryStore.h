// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// An ObjectStore held in memory, for hermetic tests of what reads a bucket: S3's listing order
// (UTF-8 bytes) and delimiter roll-up, ranged reads, HEAD, and NotFound for a missing key. It
// counts list calls, so a test can say how a loader walks the bucket.

#include "engine/storage/ObjectStore.h"

#include <QMap>
#include <QMutex>

#include <algorithm>
#include <atomic>

namespace tideline::test {

class MemoryStore final : public storage::ObjectStore {
public:
    /// Stores `data` under `key` with that upload time (µs since the epoch, UTC).
    void put(const QString& key, const QByteArray& data, qint64 uploadedUsec)
    {
        QMutexLocker lock(&m_mutex);
        m_objects.insert(key.toUtf8(), {key, data, uploadedUsec});
    }
    void remove(const QString& key)
    {
        QMutexLocker lock(&m_mutex);
        m_objects.remove(key.toUtf8());
    }
    int listCalls() const { return m_listCalls.load(); }
    /// Above 0, the store says it pages its listings (as S3 does), and callers list ranges.
    int pageSize = 0;
    int listingPageSize() const override { return pageSize; }

    QString describe() const override { return QStringLiteral("memory://"); }

    Result<storage::Listing> list(const QString& prefix, const QString& delimiter, const CancelToken& cancel) override
    {
        if (cancel.isCancelled())
            return fail(ErrorCode::Cancelled, QStringLiteral("listing cancelled"));
        ++m_listCalls;
        QMutexLocker lock(&m_mutex);
        storage::Listing out;
        out.requests = 1;
        // QMap keyed by the UTF-8 bytes: S3's order.
        for (auto it = m_objects.lowerBound(prefix.toUtf8()); it != m_objects.cend(); ++it) {
            const Object& o = it.value();
            if (!o.key.startsWith(prefix))
                break;
            if (!delimiter.isEmpty()) {
                const qsizetype at = o.key.indexOf(delimiter, prefix.size());
                if (at >= 0) {
                    const QString common = o.key.left(at + delimiter.size());
                    if (out.prefixes.isEmpty() || out.prefixes.last() != common)
                        out.prefixes.append(common);
                    continue;
                }
            }
            out.objects.append(info(o));
        }
        return out;
    }

    Result<storage::ObjectInfo> read(const QString& key, const storage::ChunkSink& sink, const CancelToken& cancel,
                                     storage::ByteRange range = {}) override
    {
        auto h = head(key, cancel);
        if (!h)
            return h;
        QByteArray data;
        {
            QMutexLocker lock(&m_mutex);
            data = m_objects.value(key.toUtf8()).data;
        }
        const qint64 from = std::min<qint64>(range.offset, data.size());
        const qint64 length = range.length < 0 ? data.size() - from : std::min<qint64>(range.length, data.size() - from);
        if (length > 0)
            if (auto r = sink(QByteArrayView(data).sliced(from, length)); !r)
                return fail(r.error());
        return h;
    }

    Result<storage::ObjectInfo> head(const QString& key, const CancelToken& cancel) override
    {
        if (cancel.isCancelled())
            return fail(ErrorCode::Cancelled, QStringLiteral("read cancelled"));
        QMutexLocker lock(&m_mutex);
        const auto it = m_objects.constFind(key.toUtf8());
        if (it == m_objects.cend())
            return fail(ErrorCode::NotFound, QStringLiteral("%1 does not exist").arg(key));
        return info(it.value());
    }

    Result<void> put(const QString& key, const QByteArray& data, const CancelToken&) override
    {
        put(key, data, 0);
        return {};
    }

    storage::DeleteReport deleteObjects(const QStringList& keys, const CancelToken&) override
    {
        storage::DeleteReport report;
        for (const QString& key : keys) {
            remove(key);
            report.deleted.append(key);
        }
        report.requests = 1;
        return report;
    }

private:
    struct Object {
        QString key;
        QByteArray data;
        qint64 uploadedUsec = 0;
    };
    static storage::ObjectInfo info(const Object& o)
    {
        storage::ObjectInfo i;
        i.key = o.key;
        i.size = o.data.size();
        i.lastModifiedUsec = o.uploadedUsec;
        return i;
    }

    mutable QMutex m_mutex;
    QMap<QByteArray, Object> m_objects;
    std::atomic<int> m_listCalls{0};
};

} // namespace tideline::test
