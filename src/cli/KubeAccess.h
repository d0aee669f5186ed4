// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/k8s/KubeClient.h"
#include "src/cli/Command.h"

#include <memory>

namespace tideline::cli {

/// The kubeconfig the invocation names (--kubeconfig, KUBECONFIG, ~/.kube/config).
Result<k8s::Kubeconfig> loadKubeconfig(const Invocation& invocation);

/// A client for --context (else the current context). Errors: the kubeconfig's and connect()'s.
Result<std::unique_ptr<k8s::KubeClient>> kubeClient(const Invocation& invocation);

/// The namespace a k8s verb works in: -n, else the context's; empty with -A (every namespace).
/// Errors: Usage for a name Kubernetes would refuse.
Result<QString> targetNamespace(const Invocation& invocation, const k8s::KubeClient& client);

} // namespace tideline::cli
