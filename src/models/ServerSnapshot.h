// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/catalog/ArchiveCadence.h"
#include "engine/catalog/BucketUsage.h"
#include "engine/catalog/ServerCatalog.h"
#include "engine/catalog/WalEventIndex.h"
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
    catalog::ArchiveCadence cadence; ///< `wals`' cadence: a pass over every segment, so not on the GUI thread
    /// What the WAL records say (read after the catalog, in a second job); null until then.
    std::shared_ptr<const catalog::WalEventIndex> events;
    /// Each timeline's last commit a restore can reach (`window`'s last_commit_*), from events.
    QMap<wal::TimelineId, catalog::LastCommit> lastCommits;
    /// Why the WAL was not read (too much to download unasked), with what to do; empty otherwise.
    QString eventsUnread;

    /// Pure, any thread: what `tideline-cli window`, `usage` and `wals` compute for this catalog.
    static std::shared_ptr<const ServerSnapshot> make(catalog::ServerCatalog catalog)
    {
        auto s = std::make_shared<ServerSnapshot>();
        s->windows = pitr::computeRecoveryWindows(catalog);
        s->usage = catalog::ServerUsage::compute(catalog);
        s->cadence = catalog::ArchiveCadence::compute(catalog.wals);
        s->catalog = std::move(catalog);
        return s;
    }

    /// The same snapshot, saying why its WAL stays unread. Pure, any thread.
    static std::shared_ptr<const ServerSnapshot> withEventsUnread(const ServerSnapshot& base, const Error& why,
                                                                  QMap<wal::TimelineId, catalog::LastCommit> lastCommits)
    {
        auto s = std::make_shared<ServerSnapshot>(base);
        s->eventsUnread = why.message + QStringLiteral(": ") + why.hint;
        for (const auto& w : s->windows)
            if (!w.limitedByGap && lastCommits.contains(w.timeline))
                s->lastCommits.insert(w.timeline, lastCommits.value(w.timeline));
        return s;
    }

    /// The same snapshot with the WAL's events. Pure, any thread.
    static std::shared_ptr<const ServerSnapshot> withEvents(const ServerSnapshot& base, catalog::WalEventIndex events)
    {
        auto s = std::make_shared<ServerSnapshot>(base);
        for (const auto& w : s->windows)
            if (!w.limitedByGap)
                if (auto last = events.lastCommit(s->catalog.wals, w.timeline))
                    s->lastCommits.insert(w.timeline, *last);
        s->events = std::make_shared<const catalog::WalEventIndex>(std::move(events));
        return s;
    }
};

using SnapshotPtr = std::shared_ptr<const ServerSnapshot>;

} // namespace tideline::gui
