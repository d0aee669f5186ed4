// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace tideline::doctor {

/// One check of the runbook's troubleshooting list, judged. A value; any thread.
struct DoctorCheck {
    enum class Status { Ok, Warn, Fail, Skipped };
    QString id;     ///< stable: bucket_access, layout, server_data, permissions, clock, r2_checksum,
                    ///< encryption, replication, shared_bucket, recoverability, archiving, wal_archive,
                    ///< stuck_backups, system_ids, retention, deleted_backups, drills
    QString server; ///< the server it judges; empty for the bucket's checks
    Status status = Status::Skipped;
    QString title;   ///< what is checked, in the user's language ("Archiving is recent")
    QString message; ///< what was found, one line, in the user's language
    QString hint;    ///< what to do; empty when there is nothing to do

    static QString statusName(Status s); ///< "ok", "warn", "fail", "skipped"
    QJsonObject toJson() const;          ///< {"id", "server", "status", "title", "message", "hint"}
};

/// Every check run, in order.
struct DoctorReport {
    QString source;
    QList<DoctorCheck> checks;

    int count(DoctorCheck::Status s) const;
    bool failed() const { return count(DoctorCheck::Status::Fail) > 0; }
    /// DESIGN.md's doctor JSON: {"source", "checks": [...], "summary": {"ok", "warn", "fail", "skipped"}}.
    QJsonObject toJson() const;
};

} // namespace tideline::doctor
