// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/cli/PlanJson.h"

#include "src/cli/CatalogJson.h"

#include "src/cli/TargetOptions.h"

#include <QJsonArray>

namespace tideline::cli {

using pitr::RecoveryPlan;
using pitr::RecoveryTarget;

QJsonObject targetJson(const RecoveryTarget& t)
{
    QJsonObject o;
    switch (t.kind) {
    case RecoveryTarget::Kind::Time: o.insert(QStringLiteral("target_time"), t.time.toIso()); break;
    case RecoveryTarget::Kind::Xid: o.insert(QStringLiteral("target_xid"), t.xid); break;
    case RecoveryTarget::Kind::Lsn: o.insert(QStringLiteral("target_lsn"), t.lsn.toString()); break;
    case RecoveryTarget::Kind::Name: o.insert(QStringLiteral("target_name"), t.name); break;
    case RecoveryTarget::Kind::Immediate: o.insert(QStringLiteral("target_immediate"), true); break;
    }
    o.insert(QStringLiteral("target_tli"), t.timeline.toString());
    o.insert(QStringLiteral("exclusive"), t.exclusive);
    o.insert(QStringLiteral("backup_id"), t.backupId.isEmpty() ? QJsonValue() : QJsonValue(t.backupId));
    o.insert(QStringLiteral("args"), targetArgs(t));
    return o;
}

QJsonObject planJson(const RecoveryPlan& p)
{
    auto orNull = [](const QString& s) { return s.isEmpty() ? QJsonValue() : QJsonValue(s); };
    QJsonArray path;
    for (auto t : p.timelinePath)
        path.append(static_cast<qint64>(t));
    QJsonObject wal{{QStringLiteral("first"), orNull(p.requiredWal.first)},
                    {QStringLiteral("last"), orNull(p.requiredWal.last)},
                    {QStringLiteral("count"), static_cast<qint64>(p.requiredWal.count)},
                    {QStringLiteral("missing"), QJsonArray::fromStringList(p.requiredWal.missing)},
                    {QStringLiteral("missing_count"), static_cast<qint64>(p.requiredWal.missingCount)},
                    {QStringLiteral("bytes"), p.requiredWal.bytes}};
    return {{QStringLiteral("ok"), p.ok()},
            {QStringLiteral("verdict"), RecoveryPlan::verdictName(p.verdict)},
            {QStringLiteral("target"), targetJson(p.target)},
            {QStringLiteral("backup_id"), orNull(p.backupId)},
            {QStringLiteral("backup_timeline"),
             p.backupTimeline ? QJsonValue(static_cast<qint64>(p.backupTimeline)) : QJsonValue()},
            {QStringLiteral("target_timeline"),
             p.targetTimeline ? QJsonValue(static_cast<qint64>(p.targetTimeline)) : QJsonValue()},
            {QStringLiteral("timeline_path"), path},
            {QStringLiteral("required_wal"), wal},
            {QStringLiteral("base_bytes"), p.baseBytes},
            {QStringLiteral("download_bytes"), p.downloadBytes},
            {QStringLiteral("estimated_seconds"), p.estimatedSeconds},
            {QStringLiteral("warnings"), QJsonArray::fromStringList(p.warnings)},
            {QStringLiteral("reason"), orNull(p.reason)},
            {QStringLiteral("hint"), orNull(p.hint)},
            {QStringLiteral("alternative"), p.alternative ? QJsonValue(targetJson(*p.alternative)) : QJsonValue()},
            {QStringLiteral("wal_checked"), p.walChecked},
            {QStringLiteral("stop_event"), p.stopEvent ? QJsonValue(walEventJson(*p.stopEvent)) : QJsonValue()}};
}

} // namespace tideline::cli
