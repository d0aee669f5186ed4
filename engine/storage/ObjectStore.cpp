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

Result<Listing> ObjectStore::listRange(const QString& prefix, const QString& startAfter, const QString& upTo,
                                       const CancelToken& cancel)
{
    auto all = list(prefix, QString(), cancel);
    if (!all)
        return all;
    const QByteArray after = startAfter.toUtf8();
    const QByteArray last = upTo.toUtf8();
    all->objects.removeIf([&](const ObjectInfo& o) {
        const QByteArray key = o.key.toUtf8();
        return (!after.isEmpty() && key <= after) || (!last.isEmpty() && key > last);
    });
    return all;
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
