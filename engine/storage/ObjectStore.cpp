// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/storage/ObjectStore.h"

#include <QCoreApplication>

namespace tideline::storage {

namespace {
struct ObjectStoreText {
    Q_DECLARE_TR_FUNCTIONS(ObjectStore)
};
} // namespace

Result<QByteArray> ObjectStore::get(const QString& key, const CancelToken& cancel, ByteRange range)
{
    QByteArray out;
    auto info = read(
        key,
        [&out](QByteArrayView chunk) -> Result<void> {
            out.append(chunk);
            return {};
        },
        cancel, range);
    if (!info)
        return fail(info.error());
    return out;
}

Result<int> ObjectStore::listRangePages(const QString& prefix, const QString& startAfter, const QString& upTo,
                                        const CancelToken& cancel, const PageSink& sink)
{
    auto all = list(prefix, QString(), cancel);
    if (!all)
        return fail(all.error());
    const QByteArray after = startAfter.toUtf8();
    const QByteArray last = upTo.toUtf8();
    all->objects.removeIf([&](const ObjectInfo& o) {
        const QByteArray key = o.key.toUtf8();
        return (!after.isEmpty() && key <= after) || (!last.isEmpty() && key > last);
    });
    if (auto ok = sink(all->objects); !ok)
        return fail(ok.error());
    return all->requests;
}

Result<Listing> ObjectStore::listRange(const QString& prefix, const QString& startAfter, const QString& upTo,
                                       const CancelToken& cancel)
{
    Listing out;
    auto requests = listRangePages(prefix, startAfter, upTo, cancel, [&](QList<ObjectInfo>& page) -> Result<void> {
        out.objects.append(std::move(page));
        return {};
    });
    if (!requests)
        return fail(requests.error());
    out.requests = *requests;
    return out;
}

DeleteReport ObjectStore::deleteObjects(const QStringList& keys, const CancelToken&)
{
    DeleteReport report;
    const Error refused{ErrorCode::Usage, ObjectStoreText::tr("%1 cannot delete objects").arg(describe()), {}, {}};
    for (const QString& key : keys)
        report.failed.append({key, refused});
    return report;
}

Result<BucketConfiguration> ObjectStore::bucketConfiguration(const QString&, const CancelToken&)
{
    BucketConfiguration out;
    out.detail = ObjectStoreText::tr("%1 is not an object store").arg(describe());
    return out;
}

} // namespace tideline::storage
