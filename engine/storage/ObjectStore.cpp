// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/storage/ObjectStore.h"

namespace tideline::storage {

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

} // namespace tideline::storage
