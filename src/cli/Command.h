// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/Error.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

namespace tideline::storage {
class ObjectStore;
struct SourceUrl;
} // namespace tideline::storage

namespace tideline::cli {

/// The parsed command line: global options (anywhere on the line), the verb, its positional
/// arguments and its own options.
struct Invocation {
    QString verb;
    QStringList args;
    QMap<QString, QStringList> options; ///< verb options by name without dashes, each value seen
    QString endpointUrl;
    QString profile;
    QString region;
    QString caBundle;
    QString addressingStyle; ///< --addressing-style: path, virtual or auto (empty: auto)
    bool noVerifyTls = false;
    bool json = false;
    QString kubeconfig; ///< --kubeconfig (else KUBECONFIG, else ~/.kube/config)
    QString context;    ///< --context (else the kubeconfig's current context)
    QString nameSpace;  ///< -n/--namespace (else the context's)
    bool allNamespaces = false;
    QString helmValues; ///< --helm-values: the cluster chart's values file stands for SOURCE_URL
    /// Access keys and endpoint CA a values file holds (applyHelmValues()); memory only.
    QString accessKeyId;
    QString secretAccessKey;
    QByteArray caBundlePem;

    bool has(const QString& option) const { return options.contains(option); }
    QString value(const QString& option) const { return options.value(option).value(0); }
};

/// One verb of tideline-cli. Subclasses parse nothing themselves beyond their positional
/// arguments; run() returns the process exit status (DESIGN.md's table).
class Command {
public:
    virtual ~Command() = default;
    virtual QString name() const = 0;
    /// "SOURCE_URL SERVER" and a one-line description, for --help.
    virtual QString synopsis() const = 0;
    virtual QString description() const = 0;
    /// Options this verb accepts (without dashes) and whether each takes a value.
    virtual QMap<QString, bool> options() const { return {}; }
    /// How many positional arguments: [min, max].
    virtual std::pair<int, int> arity() const = 0;
    virtual int run(const Invocation& invocation) = 0;
};

} // namespace tideline::cli
