// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "src/cli/Command.h"

namespace tideline::cli {

/// `k8s contexts | clusters | backups [--cluster NAME] | scheduled | status CLUSTER`: the
/// cluster side as Kubernetes sees it, and (status) held against the bucket.
class K8sCommand final : public Command {
    Q_DECLARE_TR_FUNCTIONS(K8sCommand)

public:
    QString name() const override { return QStringLiteral("k8s"); }
    QString synopsis() const override
    {
        return QStringLiteral("contexts | clusters | backups [--cluster NAME] | scheduled | status CLUSTER");
    }
    QString description() const override
    {
        return tr("CNPG clusters, backups and schedules from the kubeconfig; status holds a cluster against its bucket");
    }
    QMap<QString, bool> options() const override { return {{QStringLiteral("cluster"), true}}; }
    std::pair<int, int> arity() const override { return {1, 2}; }
    int run(const Invocation& invocation) override;
};

} // namespace tideline::cli
