// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/retention/RetentionTiers.h"

#include "engine/retention/KeepAnnotation.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QRegularExpression>

#include <algorithm>

namespace tideline::retention {

namespace {

struct RetentionTiersText {
    Q_DECLARE_TR_FUNCTIONS(RetentionTiers)
};

QDate utcDate(qint64 usec)
{
    return QDateTime::fromMSecsSinceEpoch(usec / 1000, Qt::UTC).date();
}

bool hasMarker(const catalog::ServerCatalog& catalog, const catalog::BackupEntry& b)
{
    const QString marker = tierMarkerKey(catalog, b.id);
    return std::any_of(b.objectList.cbegin(), b.objectList.cend(),
                       [&](const storage::ObjectInfo& o) { return o.key == marker; });
}

} // namespace

Result<RetentionTiers> RetentionTiers::parse(const QString& text)
{
    static const QRegularExpression item(QStringLiteral("^\\s*(daily|weekly|monthly)\\s*=\\s*([0-9]{1,5})\\s*$"));
    RetentionTiers tiers;
    const auto refuse = [&] {
        return fail(ErrorCode::Usage, RetentionTiersText::tr("\"%1\" is not a list of tiers").arg(text.left(80)),
                    RetentionTiersText::tr(
                        "Use daily=N,weekly=N,monthly=N (any of them), e.g. --tiers weekly=8,monthly=12."));
    };
    const QStringList parts = text.split(u',');
    for (const QString& part : parts) {
        const auto m = item.match(part);
        if (!m.hasMatch())
            return refuse();
        const int n = m.captured(2).toInt();
        if (n > 10'000)
            return refuse();
        (m.captured(1) == u"daily" ? tiers.daily : m.captured(1) == u"weekly" ? tiers.weekly : tiers.monthly) = n;
    }
    if (tiers.daily + tiers.weekly + tiers.monthly == 0)
        return refuse();
    return tiers;
}

QString RetentionTiers::text() const
{
    QStringList parts;
    if (daily > 0)
        parts.append(QStringLiteral("daily=%1").arg(daily));
    if (weekly > 0)
        parts.append(QStringLiteral("weekly=%1").arg(weekly));
    if (monthly > 0)
        parts.append(QStringLiteral("monthly=%1").arg(monthly));
    return parts.join(u',');
}

QString tierMarkerKey(const catalog::ServerCatalog& catalog, const QString& backupId)
{
    return catalog.source.key(catalog.server) + QStringLiteral("/base/") + backupId
        + QStringLiteral("/annotations/tideline-tier");
}

TierPlan planTiers(const catalog::ServerCatalog& catalog, const RetentionTiers& tiers, qint64 nowUsec)
{
    TierPlan plan;
    plan.tiers = tiers;
    plan.nowUsec = nowUsec;
    // A backup that cannot be restored is no use as the month's copy: the newest one that can.
    QList<const catalog::BackupEntry*> candidates;
    for (const auto& b : catalog.backups)
        if (b.restorable && b.info && b.info->endTime && b.info->endTime->usecUtc <= nowUsec)
            candidates.append(&b);
    std::sort(candidates.begin(), candidates.end(),
              [](const auto* x, const auto* y) { return x->info->endTime->usecUtc > y->info->endTime->usecUtc; });
    QHash<QString, QStringList> kept;
    const auto pick = [&](int count, const QString& name, const auto& periodOf) {
        QString last;
        int periods = 0;
        for (const auto* b : candidates) {
            const QString period = periodOf(utcDate(b->info->endTime->usecUtc));
            if (period == last)
                continue; // an older backup of a period already kept
            last = period;
            if (periods++ >= count)
                break;
            kept[b->id].append(name);
        }
    };
    pick(tiers.daily, QStringLiteral("daily"), [](const QDate& d) { return d.toString(Qt::ISODate); });
    pick(tiers.weekly, QStringLiteral("weekly"), [](const QDate& d) {
        int year = 0;
        const int week = d.weekNumber(&year);
        return QStringLiteral("%1-W%2").arg(year).arg(week, 2, 10, QLatin1Char('0'));
    });
    pick(tiers.monthly, QStringLiteral("monthly"), [](const QDate& d) { return d.toString(QStringLiteral("yyyy-MM")); });

    for (const auto& b : catalog.backups) {
        TierVerdict v{b.id, kept.value(b.id), TierVerdict::Change::None};
        if (!v.tiers.isEmpty() && b.keep.isEmpty()) {
            v.change = TierVerdict::Change::Keep;
            plan.toKeep.append(b.id);
        } else if (v.tiers.isEmpty() && b.keep == u"standalone" && hasMarker(catalog, b)) {
            v.change = TierVerdict::Change::Release;
            plan.toRelease.append(b.id);
        }
        plan.backups.append(v);
    }
    return plan;
}

catalog::ServerCatalog withTierAnnotations(const catalog::ServerCatalog& catalog, const TierPlan& plan)
{
    catalog::ServerCatalog out = catalog;
    for (auto& b : out.backups) {
        if (plan.toKeep.contains(b.id))
            b.keep = QStringLiteral("standalone");
        else if (plan.toRelease.contains(b.id))
            b.keep.clear();
    }
    return out;
}

Result<void> applyTiers(storage::ObjectStore& store, const catalog::ServerCatalog& catalog, const TierPlan& plan,
                        const CancelToken& cancel)
{
    for (const QString& id : plan.toKeep) {
        // The marker first: a keep without it would look like someone else's and never be released.
        if (auto ok = store.put(tierMarkerKey(catalog, id), plan.tiers.text().toLatin1(), cancel); !ok)
            return ok;
        if (auto ok = store.put(keepKey(catalog, id), keepTargetName(KeepTarget::Standalone).toLatin1(), cancel); !ok)
            return ok;
    }
    for (const QString& id : plan.toRelease) {
        // The keep first: a marker left alone is harmless, a keep left without its marker is not ours.
        for (const QString& key : {keepKey(catalog, id), tierMarkerKey(catalog, id)}) {
            const storage::DeleteReport report = store.deleteObjects({key}, cancel);
            if (!report.failed.isEmpty())
                return fail(report.failed.constFirst().second);
        }
    }
    return {};
}

} // namespace tideline::retention
