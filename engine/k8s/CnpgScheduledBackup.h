// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/k8s/CronSchedule.h"
#include "engine/k8s/ObjectMeta.h"

namespace tideline::k8s {

/// postgresql.cnpg.io/v1 ScheduledBackup, with Tideline's own reading of its schedule
/// (robfig/cron v1: six fields, seconds first). Pure value; any thread.
struct CnpgScheduledBackup {
    ObjectMeta meta;
    QString cluster;
    QString scheduleText;
    std::optional<CronSchedule> schedule; ///< nullopt when the text does not parse
    QString scheduleError;                ///< why, when it does not
    bool suspend = false;
    bool immediate = false;
    QString method;
    QString backupOwnerReference;
    std::optional<Timestamp> lastScheduleTime;
    std::optional<Timestamp> nextScheduleTime; ///< the operator's own, when it set one

    /// Errors: Corrupt (see ObjectMeta). A bad schedule is kept as scheduleError, not an error.
    static Result<CnpgScheduledBackup> fromJson(const QJsonObject& object);
    /// The next run after `nowUsec` (UTC), by the schedule; nullopt when suspended or unparsable.
    std::optional<Timestamp> nextRun(qint64 nowUsec) const;
    /// The `k8s scheduled` JSON (DESIGN.md), next_run computed from `nowUsec`.
    QJsonObject toJson(qint64 nowUsec) const;
};

} // namespace tideline::k8s
