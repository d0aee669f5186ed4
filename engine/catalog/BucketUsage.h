// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/catalog/ServerCatalog.h"

#include <QList>
#include <QString>

namespace tideline::catalog {

struct UsageCount {
    qint64 objects = 0;
    qint64 bytes = 0;
    void add(qint64 size)
    {
        ++objects;
        bytes += size;
    }
};

/// Storage of one server for one calendar month (UTC) of upload time.
struct MonthUsage {
    QString month; ///< "2025-12"
    UsageCount base;
    UsageCount wals;
};

/// Where a server's bytes are: base backups vs WAL archive, and by month of upload.
struct ServerUsage {
    QString server;
    UsageCount base;
    UsageCount wals;
    QList<MonthUsage> months; ///< ascending

    /// Counts every object of the catalog: all of base/ (finished or not) and every WAL,
    /// partial, backup label and history file. Pure, any thread.
    static ServerUsage compute(const ServerCatalog& catalog);
};

} // namespace tideline::catalog
