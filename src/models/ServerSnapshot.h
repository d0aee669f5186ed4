// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/catalog/BucketUsage.h"
#include "engine/catalog/ServerCatalog.h"
#include "engine/pitr/RecoveryWindow.h"

#include <QList>

#include <memory>

namespace tideline::gui {

/// Everything the window shows about one server, computed once on a worker thread from one
/// catalog load by the same engine calls the CLI makes (backups, wals, window, usage), then
/// shared read-only between the views.
struct ServerSnapshot {
    catalog::ServerCatalog catalog;
    QList<pitr::TimelineWindow> windows;
    catalog::ServerUsage usage;

    /// Pure, any thread: what `tideline-cli window` and `usage` compute for this catalog.
    static std::shared_ptr<const ServerSnapshot> make(catalog::ServerCatalog catalog)
    {
        auto s = std::make_shared<ServerSnapshot>();
        s->windows = pitr::computeRecoveryWindows(catalog);
        s->usage = catalog::ServerUsage::compute(catalog);
        s->catalog = std::move(catalog);
        return s;
    }
};

using SnapshotPtr = std::shared_ptr<const ServerSnapshot>;

} // namespace tideline::gui
