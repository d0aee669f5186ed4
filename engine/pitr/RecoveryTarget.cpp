// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/pitr/RecoveryTarget.h"

#include <QCoreApplication>

namespace tideline::pitr {

namespace {

struct RecoveryTargetText {
    Q_DECLARE_TR_FUNCTIONS(RecoveryTarget)
};

QString describeTarget(const RecoveryTarget& t, bool translated)
{
    const auto text = [translated](const char* source) {
        return translated ? QCoreApplication::translate("RecoveryTarget", source) : QString::fromUtf8(source);
    };
    switch (t.kind) {
    case RecoveryTarget::Kind::Time: return text(QT_TRANSLATE_NOOP("RecoveryTarget", "time %1")).arg(t.time.toIso());
    case RecoveryTarget::Kind::Xid: return text(QT_TRANSLATE_NOOP("RecoveryTarget", "xid %1")).arg(t.xid);
    case RecoveryTarget::Kind::Lsn: return text(QT_TRANSLATE_NOOP("RecoveryTarget", "LSN %1")).arg(t.lsn.toString());
    case RecoveryTarget::Kind::Name: return text(QT_TRANSLATE_NOOP("RecoveryTarget", "restore point '%1'")).arg(t.name);
    case RecoveryTarget::Kind::Immediate:
        return text(QT_TRANSLATE_NOOP("RecoveryTarget", "the end of the backup (immediate)"));
    }
    return {};
}

} // namespace

Result<TimelineSpec> TimelineSpec::parse(const QString& text)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("latest"))
        return TimelineSpec{Kind::Latest, 0};
    if (t == QLatin1String("current"))
        return TimelineSpec{Kind::Current, 0};
    bool ok = false;
    const uint n = t.startsWith(QLatin1String("0x")) ? t.mid(2).toUInt(&ok, 16) : t.toUInt(&ok, 10);
    if (!ok || n == 0)
        return fail(ErrorCode::Usage, RecoveryTargetText::tr("'%1' is not a timeline").arg(text),
                    RecoveryTargetText::tr("Use --target-tli latest, current, or a timeline number such as 2."));
    return TimelineSpec{Kind::Number, n};
}

QString TimelineSpec::toString() const
{
    switch (kind) {
    case Kind::Latest: return QStringLiteral("latest");
    case Kind::Current: return QStringLiteral("current");
    case Kind::Number: return QString::number(number);
    }
    return {};
}

Result<Timestamp> RecoveryTarget::parseTime(const QString& text)
{
    const auto ts = Timestamp::parse(text);
    if (!ts)
        return fail(ErrorCode::Usage, RecoveryTargetText::tr("'%1' is not a time").arg(text),
                    RecoveryTargetText::tr("Write it as 2025-12-06T10:41:07+02:00 or 2025-12-06 10:41:07.5+02 (RFC "
                                           "3339 or PostgreSQL's timestamptz form, with a UTC offset)."));
    if (!ts->offsetKnown)
        return fail(ErrorCode::Usage, RecoveryTargetText::tr("the time '%1' has no UTC offset").arg(text),
                    RecoveryTargetText::tr("Add one, e.g. %1+00:00 for UTC: without it PostgreSQL would read the "
                                           "time in the restored server's time zone.")
                        .arg(text.trimmed()));
    return *ts;
}

QString RecoveryTarget::describe() const
{
    return describeTarget(*this, true);
}

QString RecoveryTarget::describeUntranslated() const
{
    return describeTarget(*this, false);
}

} // namespace tideline::pitr
