// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/k8s/CnpgScheduledBackup.h"

namespace tideline::k8s {

Result<CnpgScheduledBackup> CnpgScheduledBackup::fromJson(const QJsonObject& object)
{
    auto meta = ObjectMeta::fromJson(object);
    if (!meta)
        return fail(meta.error());
    CnpgScheduledBackup s;
    s.meta = *meta;
    s.cluster = json::string(object, u"spec.cluster.name");
    s.scheduleText = json::string(object, u"spec.schedule");
    if (auto parsed = CronSchedule::parse(s.scheduleText))
        s.schedule = *parsed;
    else
        s.scheduleError = parsed.error().message;
    s.suspend = json::boolean(object, u"spec.suspend").value_or(false);
    s.immediate = json::boolean(object, u"spec.immediate").value_or(false);
    s.method = json::string(object, u"spec.method");
    if (s.method.isEmpty())
        s.method = QStringLiteral("barmanObjectStore"); // the CRD's default
    s.backupOwnerReference = json::string(object, u"spec.backupOwnerReference");
    s.lastScheduleTime = json::time(object, u"status.lastScheduleTime");
    s.nextScheduleTime = json::time(object, u"status.nextScheduleTime");
    return s;
}

std::optional<Timestamp> CnpgScheduledBackup::nextRun(qint64 nowUsec) const
{
    if (suspend || !schedule)
        return std::nullopt;
    const auto next = schedule->nextAfter(nowUsec);
    return next ? std::optional<Timestamp>(Timestamp::fromUsec(*next)) : std::nullopt;
}

QJsonObject CnpgScheduledBackup::toJson(qint64 nowUsec) const
{
    QJsonObject o{
        {QStringLiteral("namespace"), meta.nameSpace},
        {QStringLiteral("name"), meta.name},
        {QStringLiteral("cluster"), json::orNull(cluster)},
        {QStringLiteral("schedule"), scheduleText},
        {QStringLiteral("suspend"), suspend},
        {QStringLiteral("immediate"), immediate},
        {QStringLiteral("method"), method},
        {QStringLiteral("last_schedule_time"), json::orNull(lastScheduleTime)},
        {QStringLiteral("next_run"), json::orNull(nextRun(nowUsec))},
        {QStringLiteral("schedule_error"), json::orNull(scheduleError)},
        {QStringLiteral("five_fields"), schedule ? QJsonValue(schedule->hadFiveFields()) : QJsonValue(QJsonValue::Null)},
    };
    return o;
}

} // namespace tideline::k8s
