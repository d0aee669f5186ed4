// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/pitr/RecoveryPlan.h"

#include <QJsonObject>

namespace tideline::cli {

/// The plan as DESIGN.md's JSON shape (plan --json, and inside restore's and drill's).
QJsonObject planJson(const pitr::RecoveryPlan& plan);
/// A target as the options that would ask for it: {"target_time": ...} plus "args".
QJsonObject targetJson(const pitr::RecoveryTarget& target);

} // namespace tideline::cli
