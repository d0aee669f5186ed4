// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/cli/KubeAccess.h"

#include "engine/k8s/ObjectMeta.h"

namespace tideline::cli {

namespace {
struct KubeAccessText {
    Q_DECLARE_TR_FUNCTIONS(KubeAccess)
};
} // namespace

Result<k8s::Kubeconfig> loadKubeconfig(const Invocation& invocation)
{
    return k8s::Kubeconfig::load(k8s::Kubeconfig::Sources::fromEnvironment(invocation.kubeconfig));
}

Result<std::unique_ptr<k8s::KubeClient>> kubeClient(const Invocation& invocation)
{
    auto config = loadKubeconfig(invocation);
    if (!config)
        return fail(config.error());
    auto context = config->resolve(invocation.context);
    if (!context)
        return fail(context.error());
    return k8s::KubeClient::connect(*context);
}

Result<QString> targetNamespace(const Invocation& invocation, const k8s::KubeClient& client)
{
    if (invocation.allNamespaces)
        return QString();
    const QString ns = invocation.nameSpace.isEmpty() ? client.context().nameSpace : invocation.nameSpace;
    if (!k8s::isDnsLabel(ns))
        return fail(ErrorCode::Usage, KubeAccessText::tr("\"%1\" is not a namespace name").arg(ns.left(80)),
                    KubeAccessText::tr("Namespaces are lower-case letters, digits and '-', at most 63."));
    return ns;
}

} // namespace tideline::cli
