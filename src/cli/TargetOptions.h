// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/pitr/RecoveryPlan.h"
#include "src/cli/Command.h"

#include <QMap>

namespace tideline::cli {

/// The TARGET options every recovery verb shares (DESIGN.md): exactly one of --target-time,
/// --target-xid, --target-lsn, --target-name, --target-immediate; and --target-tli, --exclusive,
/// --backup-id.
QMap<QString, bool> targetOptions();
/// Builds the target from the invocation. Errors: Usage with a hint.
Result<pitr::RecoveryTarget> parseTarget(const Invocation& invocation);

/// The command-line options that ask for a target ("--target-lsn 0/5000000 --backup-id X").
QString targetArgs(const pitr::RecoveryTarget& target);

} // namespace tideline::cli
