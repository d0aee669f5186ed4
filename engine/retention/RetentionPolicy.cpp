// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/retention/RetentionPolicy.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace tideline::retention {

namespace {

struct RetentionPolicyText {
    Q_DECLARE_TR_FUNCTIONS(RetentionPolicy)
};

constexpr qint64 kDayUsec = 86'400'000'000LL;
// Far beyond any real policy, and small enough that 31 days times it stays inside qint64 µs.
constexpr qint64 kMaxValue = 1'000'000;

} // namespace

Result<RetentionPolicy> RetentionPolicy::parse(const QString& text)
{
    static const QRegularExpression cnpg(QStringLiteral("^([1-9][0-9]*)([dwm])$"));
    static const QRegularExpression window(QStringLiteral(
                                               "^\\s*recovery\\s+window\\s+of\\s+(\\d+)\\s+(day|month|week)s?\\s*$"),
                                           QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression redundancy(QStringLiteral("^\\s*redundancy\\s+(\\d+)\\s*$"),
                                               QRegularExpression::CaseInsensitiveOption);
    RetentionPolicy policy;
    QString number;
    if (const auto m = cnpg.match(text); m.hasMatch()) {
        number = m.captured(1);
        policy.unit = m.captured(2).at(0).toLatin1();
    } else if (const auto w = window.match(text); w.hasMatch()) {
        number = w.captured(1);
        policy.unit = w.captured(2).at(0).toLower().toLatin1();
    } else if (const auto r = redundancy.match(text); r.hasMatch()) {
        number = r.captured(1);
        policy.kind = Kind::Redundancy;
    }
    bool ok = false;
    const qint64 value = number.size() <= 8 ? number.toLongLong(&ok) : -1;
    // 0 is barman's too, but REDUNDANCY 0 deletes every backup not kept and a window of 0 all but
    // the newest: nobody means that.
    if (number.isEmpty() || !ok || value < 1 || value > kMaxValue)
        return fail(ErrorCode::Usage, RetentionPolicyText::tr("\"%1\" is not a retention policy").arg(text.left(80)),
                    RetentionPolicyText::tr("Use CNPG's form (30d, 4w, 6m: a number from 1 and d, w or m) or barman's "
                                            "(RECOVERY WINDOW OF 30 DAYS, REDUNDANCY 3)."));
    policy.value = int(value);
    return policy;
}

QString RetentionPolicy::barmanText() const
{
    if (kind == Kind::Redundancy)
        return QStringLiteral("REDUNDANCY %1").arg(value);
    const char* unitName = unit == 'w' ? "WEEKS" : unit == 'm' ? "MONTHS" : "DAYS";
    return QStringLiteral("RECOVERY WINDOW OF %1 %2").arg(value).arg(QLatin1String(unitName));
}

qint64 RetentionPolicy::windowUsec() const
{
    if (kind == Kind::Redundancy)
        return 0;
    const qint64 days = unit == 'w' ? 7 : unit == 'm' ? 31 : 1;
    return qint64(value) * days * kDayUsec;
}

} // namespace tideline::retention
