// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/Error.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

namespace tideline::k8s {

/// A `users[].user.exec` entry: a client.authentication.k8s.io credential plugin.
struct ExecConfig {
    QString apiVersion; ///< client.authentication.k8s.io/v1 or /v1beta1
    QString command;    ///< as written; resolved against the file's directory when it has a '/'
    QStringList args;
    QList<std::pair<QString, QString>> env;
    QString installHint;
    bool provideClusterInfo = false;
    QString interactiveMode; ///< Never, IfAvailable or Always (required in v1)
};

struct KubeCluster {
    QString name;
    QString server;
    QByteArray certificateAuthorityData; ///< PEM, decoded from certificate-authority-data
    QString certificateAuthority;        ///< absolute path
    bool insecureSkipTlsVerify = false;
    QString tlsServerName;
    QString proxyUrl;
};

struct KubeUser {
    QString name;
    QByteArray clientCertificateData; ///< PEM
    QString clientCertificate;        ///< absolute path
    QByteArray clientKeyData;         ///< PEM; a secret
    QString clientKey;                ///< absolute path
    QString token;                    ///< a secret
    QString tokenFile;                ///< absolute path
    std::optional<ExecConfig> exec;
    QString username;
    QString password;          ///< a secret
    bool authProvider = false; ///< the legacy auth-provider block, which Tideline does not run
    QString authProviderName;
};

struct KubeContext {
    QString name;
    QString cluster;
    QString user;
    QString nameSpace;
};

/// What one context needs to talk to its API server: everything resolved, secrets included
/// (never print it; the client registers them with the Redactor).
struct ResolvedContext {
    QString contextName;
    QString nameSpace; ///< the context's namespace, "default" when it names none
    KubeCluster cluster;
    KubeUser user;
    QString sourceFile; ///< the kubeconfig file that defined the context, for messages
};

/// A kubeconfig as kubectl reads it. Pure value; load() reads files, everything else is
/// in memory. Any thread.
class Kubeconfig {
public:
    /// Where to look, as kubectl decides: `explicitFile` (--kubeconfig) alone when set; else each
    /// entry of `kubeconfigEnv` (KUBECONFIG, ':'-separated; empty and missing entries skipped),
    /// merged; else `home`/.kube/config.
    struct Sources {
        QString explicitFile;
        std::optional<QString> kubeconfigEnv; ///< nullopt: KUBECONFIG unset
        QString home;
        /// The process's own: --kubeconfig given, KUBECONFIG and HOME from the environment.
        static Sources fromEnvironment(const QString& explicitFile);
    };

    /// Loads and merges. Merge rule (kubectl's): the first file to set a value or a named entry
    /// wins; entries of the same name are never combined; current-context comes from the first
    /// file that sets it. Relative paths in a file resolve against that file's directory.
    /// Errors: Usage for an unreadable or malformed file (named, with the line when YAML says
    /// it) or --kubeconfig naming a missing file; MissingSource when no file exists at all.
    static Result<Kubeconfig> load(const Sources& sources);
    /// One file's text; `path` is used for messages and relative paths. Errors: Usage.
    static Result<Kubeconfig> parse(const QByteArray& yaml, const QString& path);

    QString currentContext() const { return m_currentContext; }
    QStringList contextNames() const;
    const QList<KubeContext>& contexts() const { return m_contexts; }
    QStringList files() const { return m_files; }

    /// The named context (the current one when empty) with its cluster and user. Errors:
    /// MissingSource for an unknown context (the hint lists the known ones), no current context,
    /// or a context whose cluster or user is not defined; Usage for a cluster without a server.
    Result<ResolvedContext> resolve(const QString& contextName = {}) const;

private:
    void mergeFrom(const Kubeconfig& later);

    QString m_currentContext;
    QList<KubeCluster> m_clusters;
    QList<KubeUser> m_users;
    QList<KubeContext> m_contexts;
    QStringList m_files;
    QList<QString> m_contextFiles; ///< parallel to m_contexts
};

} // namespace tideline::k8s
