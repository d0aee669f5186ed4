// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/catalog/BucketUsage.h"

#include "engine/core/Timestamp.h"

#include <QMap>

namespace tideline::catalog {

namespace {
QString monthOf(qint64 usec)
{
    return Timestamp::fromUsec(usec).toIso().left(7);
}
} // namespace

ServerUsage ServerUsage::compute(const ServerCatalog& catalog)
{
    ServerUsage usage;
    usage.server = catalog.server;
    QMap<QString, MonthUsage> months;
    auto month = [&](qint64 usec) -> MonthUsage& {
        const QString key = monthOf(usec);
        MonthUsage& m = months[key];
        m.month = key;
        return m;
    };
    for (const auto& b : catalog.backups) {
        for (const auto& o : b.objectList) {
            usage.base.add(o.size);
            month(o.lastModifiedUsec).base.add(o.size);
        }
    }
    auto addWal = [&](const WalObject& w) {
        usage.wals.add(w.size);
        month(w.uploadedUsec).wals.add(w.size);
    };
    for (const auto& t : catalog.wals.timelines()) {
        for (const auto& w : t.segments)
            addWal(w);
        for (const auto& w : t.partials)
            addWal(w);
        for (const auto& w : t.backupLabels)
            addWal(w);
    }
    for (const auto& w : catalog.wals.historyFiles())
        addWal(w);
    usage.months = months.values();
    return usage;
}

} // namespace tideline::catalog
