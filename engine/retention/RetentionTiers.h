// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/catalog/ServerCatalog.h"
#include "engine/core/CancelToken.h"
#include "engine/core/Error.h"
#include "engine/storage/ObjectStore.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace tideline::retention {

/// Keep N daily, N weekly and N monthly backups beyond a retention window, the way barman can
/// express it: keep:standalone annotations, which barman and CNPG's retention never delete.
/// A value type; any thread.
struct RetentionTiers {
    int daily = 0;
    int weekly = 0;
    int monthly = 0;

    /// "daily=7,weekly=4,monthly=6" (any subset, any order, each 0-10000). Errors: Usage with
    /// the accepted form.
    static Result<RetentionTiers> parse(const QString& text);
    QString text() const;
};

/// What the tiers do to one backup.
struct TierVerdict {
    QString backupId;
    QStringList tiers; ///< "daily", "weekly", "monthly": the tiers this backup stands for
    enum class Change { None, Keep, Release } change = Change::None;
};

/// The tiers applied to a catalog at one instant.
struct TierPlan {
    RetentionTiers tiers;
    qint64 nowUsec = 0;
    QList<TierVerdict> backups; ///< every backup directory, oldest first
    QStringList toKeep;         ///< backups to annotate keep:standalone (none has a keep yet)
    QStringList toRelease;      ///< backups Tideline annotated for a tier that no tier keeps now
};

/// For each tier, the newest restorable DONE backup (by end time, UTC; ISO weeks) of each of the
/// N most recent days, weeks or months up to now that have one. Backups a tier keeps and that
/// have no keep annotation are to be kept standalone; backups whose keep Tideline wrote for a
/// tier (marked beside it, see kTierMarker) and that no tier keeps now are to be released.
/// A keep written by anyone else is never released. Pure; any thread.
TierPlan planTiers(const catalog::ServerCatalog& catalog, const RetentionTiers& tiers, qint64 nowUsec);

/// The catalog as retention will see it once the plan's annotations are written. Pure.
catalog::ServerCatalog withTierAnnotations(const catalog::ServerCatalog& catalog, const TierPlan& plan);

/// The object beside barman's keep annotation that says Tideline wrote it for a tier
/// (base/ID/annotations/tideline-tier); barman reads only annotations/keep.
QString tierMarkerKey(const catalog::ServerCatalog& catalog, const QString& backupId);

/// Writes keep:standalone and the marker for toKeep, deletes both for toRelease. Stops at the
/// first failure. Errors: the store's. Thread: not the GUI thread.
Result<void> applyTiers(storage::ObjectStore& store, const catalog::ServerCatalog& catalog, const TierPlan& plan,
                        const CancelToken& cancel);

} // namespace tideline::retention
