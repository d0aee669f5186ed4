// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "src/cli/Command.h"

namespace tideline::cli {

/// doctor SOURCE [SERVER]: the runbook's troubleshooting list as checks (ok, warn, fail,
/// skipped), each with what was found and what to do. Exit 7 when a check fails.
class DoctorCommand final : public Command {
    Q_DECLARE_TR_FUNCTIONS(DoctorCommand)

public:
    QString name() const override { return QStringLiteral("doctor"); }
    QString synopsis() const override { return QStringLiteral("SOURCE_URL|cnpg://NS/CLUSTER [SERVER]"); }
    QString description() const override
    {
        return tr("check a destination (and its cluster) against the runbook's failure list");
    }
    QMap<QString, bool> options() const override
    {
        return {{QStringLiteral("policy"), true}, {QStringLiteral("read-only"), false}, {QStringLiteral("now"), true}};
    }
    std::pair<int, int> arity() const override { return {1, 2}; }
    int run(const Invocation& invocation) override;
};

} // namespace tideline::cli
