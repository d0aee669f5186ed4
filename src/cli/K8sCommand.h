// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/k8s/ClusterSource.h"
#include "src/cli/Command.h"

namespace tideline::cli {

/// `k8s contexts | clusters | backups [--cluster NAME] | scheduled | status CLUSTER | metrics
/// CLUSTER`: the cluster side as Kubernetes sees it, held against the bucket (status), and its
/// instances' archiving through pods/proxy (metrics, src/cli/K8sMetrics).
class K8sCommand final : public Command {
    Q_DECLARE_TR_FUNCTIONS(K8sCommand)

public:
    QString name() const override { return QStringLiteral("k8s"); }
    QString synopsis() const override
    {
        return QStringLiteral(
            "contexts | clusters | backups [--cluster NAME] | scheduled | status CLUSTER | metrics CLUSTER "
            "[--no-bucket] [--wal-ready 10] [--archive-delay 15m] [--max-behind 10]");
    }
    QString description() const override
    {
        return tr("CNPG clusters, backups and schedules from the kubeconfig; status holds a cluster against its bucket");
    }
    QMap<QString, bool> options() const override
    {
        return {{QStringLiteral("cluster"), true},
                {QStringLiteral("no-bucket"), false},
                {QStringLiteral("wal-ready"), true},
                {QStringLiteral("archive-delay"), true},
                {QStringLiteral("max-behind"), true}};
    }
    std::pair<int, int> arity() const override { return {1, 2}; }
    int run(const Invocation& invocation) override;
};

/// The one cluster a `k8s status` or `k8s metrics` names: CLUSTER in the namespace in effect.
/// Errors: Usage for -A or a name Kubernetes would refuse.
Result<k8s::ClusterRef> clusterArgument(const Invocation& invocation, const QString& nameSpace);

} // namespace tideline::cli
