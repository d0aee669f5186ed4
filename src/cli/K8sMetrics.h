// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "src/cli/Command.h"

namespace tideline::k8s {
class KubeClient;
}

namespace tideline::cli {

/// `k8s metrics CLUSTER [--no-bucket] [--wal-ready N] [--archive-delay D] [--max-behind N]`: each
/// instance's archiving and backup metrics through pods/proxy, the primary's facts held against
/// the cluster's own bucket as `archiver` holds them, and the alerts that fire (exit 7).
int k8sMetrics(const Invocation& invocation, k8s::KubeClient& client, const QString& nameSpace);

} // namespace tideline::cli
