// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/cli/TargetOptions.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace tideline::cli {

using pitr::RecoveryTarget;

namespace {
struct TargetOptionsText {
    Q_DECLARE_TR_FUNCTIONS(TargetOptions)
};
} // namespace

QMap<QString, bool> targetOptions()
{
    return {{QStringLiteral("target-time"), true},       {QStringLiteral("target-xid"), true},
            {QStringLiteral("target-lsn"), true},        {QStringLiteral("target-name"), true},
            {QStringLiteral("target-immediate"), false}, {QStringLiteral("target-tli"), true},
            {QStringLiteral("exclusive"), false},        {QStringLiteral("backup-id"), true}};
}

Result<RecoveryTarget> parseTarget(const Invocation& inv)
{
    const QStringList kinds{QStringLiteral("target-time"), QStringLiteral("target-xid"), QStringLiteral("target-lsn"),
                            QStringLiteral("target-name"), QStringLiteral("target-immediate")};
    QStringList given;
    for (const QString& k : kinds)
        if (inv.has(k))
            given.append(QStringLiteral("--") + k);
    const QString giveOne = TargetOptionsText::tr("Give exactly one of --target-time T, --target-xid X, "
                                                  "--target-lsn L, --target-name N, --target-immediate.");
    if (given.isEmpty())
        return fail(ErrorCode::Usage, TargetOptionsText::tr("no recovery target given"), giveOne);
    if (given.size() > 1 || inv.options.value(given.first().mid(2)).size() > 1)
        return fail(ErrorCode::Usage,
                    TargetOptionsText::tr("more than one recovery target given (%1)").arg(given.join(QStringLiteral(", "))),
                    TargetOptionsText::tr("%1 PostgreSQL refuses several.").arg(giveOne));

    RecoveryTarget t;
    if (inv.has(QStringLiteral("target-time"))) {
        auto time = RecoveryTarget::parseTime(inv.value(QStringLiteral("target-time")));
        if (!time)
            return fail(time.error());
        t.kind = RecoveryTarget::Kind::Time;
        t.time = *time;
    } else if (inv.has(QStringLiteral("target-xid"))) {
        t.kind = RecoveryTarget::Kind::Xid;
        t.xid = inv.value(QStringLiteral("target-xid")).trimmed();
        static const QRegularExpression digits(QStringLiteral("^[0-9]+$"));
        if (!digits.match(t.xid).hasMatch())
            return fail(ErrorCode::Usage, TargetOptionsText::tr("'%1' is not a transaction id").arg(t.xid),
                        TargetOptionsText::tr("A transaction id is a decimal number, as txid_current() prints it."));
    } else if (inv.has(QStringLiteral("target-lsn"))) {
        const auto lsn = wal::Lsn::parse(inv.value(QStringLiteral("target-lsn")));
        if (!lsn)
            return fail(ErrorCode::Usage,
                        TargetOptionsText::tr("'%1' is not an LSN").arg(inv.value(QStringLiteral("target-lsn"))),
                        TargetOptionsText::tr("Write it as PostgreSQL prints pg_lsn, e.g. 0/5000028."));
        t.kind = RecoveryTarget::Kind::Lsn;
        t.lsn = *lsn;
    } else if (inv.has(QStringLiteral("target-name"))) {
        t.kind = RecoveryTarget::Kind::Name;
        t.name = inv.value(QStringLiteral("target-name"));
        if (t.name.isEmpty())
            return fail(ErrorCode::Usage, TargetOptionsText::tr("the restore point name is empty"),
                        TargetOptionsText::tr("Give the name passed to pg_create_restore_point()."));
    } else {
        t.kind = RecoveryTarget::Kind::Immediate;
    }
    if (inv.has(QStringLiteral("target-tli"))) {
        auto tli = pitr::TimelineSpec::parse(inv.value(QStringLiteral("target-tli")));
        if (!tli)
            return fail(tli.error());
        t.timeline = *tli;
    }
    t.exclusive = inv.has(QStringLiteral("exclusive"));
    if (t.exclusive && (t.kind == RecoveryTarget::Kind::Name || t.kind == RecoveryTarget::Kind::Immediate))
        return fail(ErrorCode::Usage, TargetOptionsText::tr("--exclusive applies to time, xid and LSN targets only"),
                    TargetOptionsText::tr("Leave it out: a restore point or the end of a backup is a single point."));
    t.backupId = inv.value(QStringLiteral("backup-id"));
    return t;
}

QString targetArgs(const RecoveryTarget& t)
{
    QString out;
    switch (t.kind) {
    case RecoveryTarget::Kind::Time: out = QStringLiteral("--target-time %1").arg(t.time.toIso()); break;
    case RecoveryTarget::Kind::Xid: out = QStringLiteral("--target-xid %1").arg(t.xid); break;
    case RecoveryTarget::Kind::Lsn: out = QStringLiteral("--target-lsn %1").arg(t.lsn.toString()); break;
    case RecoveryTarget::Kind::Name: out = QStringLiteral("--target-name '%1'").arg(t.name); break;
    case RecoveryTarget::Kind::Immediate: out = QStringLiteral("--target-immediate"); break;
    }
    if (t.kind != RecoveryTarget::Kind::Immediate && t.timeline.kind != pitr::TimelineSpec::Kind::Latest)
        out += QStringLiteral(" --target-tli %1").arg(t.timeline.toString());
    if (t.exclusive)
        out += QStringLiteral(" --exclusive");
    if (!t.backupId.isEmpty())
        out += QStringLiteral(" --backup-id %1").arg(t.backupId);
    return out;
}

} // namespace tideline::cli
