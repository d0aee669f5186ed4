// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/doctor/DoctorReport.h"

#include <QJsonArray>

namespace tideline::doctor {

QString DoctorCheck::statusName(Status s)
{
    switch (s) {
    case Status::Ok: return QStringLiteral("ok");
    case Status::Warn: return QStringLiteral("warn");
    case Status::Fail: return QStringLiteral("fail");
    case Status::Skipped: break;
    }
    return QStringLiteral("skipped");
}

QJsonObject DoctorCheck::toJson() const
{
    const auto orNull = [](const QString& s) { return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s); };
    return {{QStringLiteral("id"), id},
            {QStringLiteral("server"), orNull(server)},
            {QStringLiteral("status"), statusName(status)},
            {QStringLiteral("title"), title},
            {QStringLiteral("message"), message},
            {QStringLiteral("hint"), orNull(hint)}};
}

int DoctorReport::count(DoctorCheck::Status s) const
{
    return static_cast<int>(std::count_if(checks.cbegin(), checks.cend(), [s](const DoctorCheck& c) { return c.status == s; }));
}

QJsonObject DoctorReport::toJson() const
{
    QJsonArray list;
    for (const DoctorCheck& c : checks)
        list.append(c.toJson());
    QJsonObject summary;
    for (auto s :
         {DoctorCheck::Status::Ok, DoctorCheck::Status::Warn, DoctorCheck::Status::Fail, DoctorCheck::Status::Skipped})
        summary.insert(DoctorCheck::statusName(s), count(s));
    return {{QStringLiteral("source"), source}, {QStringLiteral("checks"), list}, {QStringLiteral("summary"), summary}};
}

} // namespace tideline::doctor
