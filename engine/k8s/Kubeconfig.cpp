// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/k8s/Kubeconfig.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>

#include <yaml-cpp/yaml.h>

namespace tideline::k8s {

namespace {

struct KubeconfigText {
    Q_DECLARE_TR_FUNCTIONS(Kubeconfig)
};

// kubectl itself reads files of any size; a kubeconfig past this is not one.
constexpr qint64 kMaxFileBytes = 16 * 1024 * 1024;

class Reader {
public:
    Reader(QString path) : m_path(std::move(path)), m_dir(QFileInfo(m_path).absolutePath()) {}

    std::optional<Error> error;

    QString string(const YAML::Node& map, const char* key)
    {
        const YAML::Node n = map[key];
        if (!n || n.IsNull())
            return {};
        if (!n.IsScalar()) {
            bad(key, KubeconfigText::tr("a string"));
            return {};
        }
        return QString::fromStdString(n.Scalar());
    }

    bool boolean(const YAML::Node& map, const char* key)
    {
        const YAML::Node n = map[key];
        if (!n || n.IsNull())
            return false;
        bool value = false;
        if (!n.IsScalar() || !YAML::convert<bool>::decode(n, value)) {
            bad(key, KubeconfigText::tr("true or false"));
            return false;
        }
        return value;
    }

    QByteArray base64(const YAML::Node& map, const char* key)
    {
        const QString text = string(map, key);
        if (text.isEmpty())
            return {};
        auto decoded = QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded) {
            bad(key, KubeconfigText::tr("base64 data"));
            return {};
        }
        return *decoded;
    }

    /// A path as written, made absolute against the file's directory (kubectl's rule).
    QString path(const YAML::Node& map, const char* key)
    {
        const QString p = string(map, key);
        if (p.isEmpty())
            return {};
        QString expanded = p;
        if (expanded.startsWith(QStringLiteral("~/")))
            expanded = QDir::homePath() + expanded.mid(1);
        return QDir::cleanPath(QDir(m_dir).absoluteFilePath(expanded));
    }

    QList<YAML::Node> entries(const YAML::Node& root, const char* key)
    {
        QList<YAML::Node> out;
        const YAML::Node n = root[key];
        if (!n || n.IsNull())
            return out;
        if (!n.IsSequence()) {
            bad(key, KubeconfigText::tr("a list"));
            return out;
        }
        for (const YAML::Node& e : n) {
            if (!e.IsMap()) {
                bad(key, KubeconfigText::tr("a list of maps"));
                return {};
            }
            out.append(e);
        }
        return out;
    }

    YAML::Node map(const YAML::Node& parent, const char* key)
    {
        const YAML::Node n = parent[key];
        if (n && !n.IsNull() && !n.IsMap()) {
            bad(key, QCoreApplication::translate("Kubeconfig", "a map"));
            return YAML::Node(YAML::NodeType::Map);
        }
        return n && n.IsMap() ? n : YAML::Node(YAML::NodeType::Map);
    }

    QString dir() const { return m_dir; }

private:
    void bad(const char* key, const QString& expected)
    {
        if (!error)
            error =
                Error{ErrorCode::Usage,
                      KubeconfigText::tr("kubeconfig %1: \"%2\" must be %3").arg(m_path, QString::fromLatin1(key), expected),
                      KubeconfigText::tr("Fix the file (kubectl config view shows what kubectl makes of it)."),
                      {}};
    }

    QString m_path;
    QString m_dir;
};

std::optional<ExecConfig> readExec(Reader& r, const YAML::Node& user)
{
    const YAML::Node n = user["exec"];
    if (!n || n.IsNull())
        return std::nullopt;
    const YAML::Node e = r.map(user, "exec");
    ExecConfig exec;
    exec.apiVersion = r.string(e, "apiVersion");
    exec.command = r.string(e, "command");
    // A bare name is looked up on PATH, as kubectl does; only a path with a '/' is made absolute.
    if (exec.command.contains(u'/') && !QFileInfo(exec.command).isAbsolute())
        exec.command = QDir::cleanPath(QDir(r.dir()).absoluteFilePath(exec.command));
    if (const YAML::Node args = e["args"]; args && !args.IsNull()) {
        if (args.IsSequence()) {
            for (const YAML::Node& a : args)
                if (a.IsScalar())
                    exec.args.append(QString::fromStdString(a.Scalar()));
        }
    }
    for (const YAML::Node& v : r.entries(e, "env"))
        exec.env.append({r.string(v, "name"), r.string(v, "value")});
    exec.installHint = r.string(e, "installHint");
    exec.provideClusterInfo = r.boolean(e, "provideClusterInfo");
    exec.interactiveMode = r.string(e, "interactiveMode");
    return exec;
}

template <typename T> const T* findNamed(const QList<T>& list, const QString& name)
{
    for (const T& item : list)
        if (item.name == name)
            return &item;
    return nullptr;
}

} // namespace

Kubeconfig::Sources Kubeconfig::Sources::fromEnvironment(const QString& explicitFile)
{
    Sources s;
    s.explicitFile = explicitFile;
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (env.contains(QStringLiteral("KUBECONFIG")))
        s.kubeconfigEnv = env.value(QStringLiteral("KUBECONFIG"));
    s.home = env.value(QStringLiteral("HOME"), QDir::homePath());
    return s;
}

Result<Kubeconfig> Kubeconfig::parse(const QByteArray& yaml, const QString& path)
{
    Kubeconfig out;
    out.m_files = {path};
    YAML::Node root;
    try {
        root = YAML::Load(yaml.toStdString());
    } catch (const YAML::Exception& e) {
        return fail(ErrorCode::Usage,
                    KubeconfigText::tr("kubeconfig %1 is not valid YAML (line %2)").arg(path).arg(e.mark.line + 1),
                    KubeconfigText::tr("Fix the file (kubectl config view shows what kubectl makes of it)."),
                    QString::fromStdString(e.msg));
    }
    if (!root || root.IsNull())
        return out; // an empty file is a valid, empty kubeconfig to kubectl
    if (!root.IsMap())
        return fail(ErrorCode::Usage, KubeconfigText::tr("kubeconfig %1 is not a Config map").arg(path),
                    KubeconfigText::tr("A kubeconfig starts with \"apiVersion: v1\" and \"kind: Config\"."));

    Reader r(path);
    try {
        out.m_currentContext = r.string(root, "current-context");
        for (const YAML::Node& e : r.entries(root, "clusters")) {
            KubeCluster c;
            c.name = r.string(e, "name");
            const YAML::Node body = r.map(e, "cluster");
            c.server = r.string(body, "server");
            c.certificateAuthorityData = r.base64(body, "certificate-authority-data");
            c.certificateAuthority = r.path(body, "certificate-authority");
            c.insecureSkipTlsVerify = r.boolean(body, "insecure-skip-tls-verify");
            c.tlsServerName = r.string(body, "tls-server-name");
            c.proxyUrl = r.string(body, "proxy-url");
            if (!c.name.isEmpty() && !findNamed(out.m_clusters, c.name))
                out.m_clusters.append(c);
        }
        for (const YAML::Node& e : r.entries(root, "users")) {
            KubeUser u;
            u.name = r.string(e, "name");
            const YAML::Node body = r.map(e, "user");
            u.clientCertificateData = r.base64(body, "client-certificate-data");
            u.clientCertificate = r.path(body, "client-certificate");
            u.clientKeyData = r.base64(body, "client-key-data");
            u.clientKey = r.path(body, "client-key");
            u.token = r.string(body, "token");
            u.tokenFile = r.path(body, "tokenFile");
            u.username = r.string(body, "username");
            u.password = r.string(body, "password");
            u.exec = readExec(r, body);
            if (const YAML::Node ap = body["auth-provider"]; ap && ap.IsMap()) {
                u.authProvider = true;
                u.authProviderName = r.string(ap, "name");
            }
            if (!u.name.isEmpty() && !findNamed(out.m_users, u.name))
                out.m_users.append(u);
        }
        for (const YAML::Node& e : r.entries(root, "contexts")) {
            KubeContext c;
            c.name = r.string(e, "name");
            const YAML::Node body = r.map(e, "context");
            c.cluster = r.string(body, "cluster");
            c.user = r.string(body, "user");
            c.nameSpace = r.string(body, "namespace");
            if (!c.name.isEmpty() && !findNamed(out.m_contexts, c.name)) {
                out.m_contexts.append(c);
                out.m_contextFiles.append(path);
            }
        }
    } catch (const YAML::Exception& e) {
        return fail(ErrorCode::Usage, KubeconfigText::tr("kubeconfig %1 could not be read").arg(path),
                    KubeconfigText::tr("Fix the file (kubectl config view shows what kubectl makes of it)."),
                    QString::fromStdString(e.msg));
    }
    if (r.error)
        return fail(*r.error);
    return out;
}

void Kubeconfig::mergeFrom(const Kubeconfig& later)
{
    if (m_currentContext.isEmpty())
        m_currentContext = later.m_currentContext;
    for (const KubeCluster& c : later.m_clusters)
        if (!findNamed(m_clusters, c.name))
            m_clusters.append(c);
    for (const KubeUser& u : later.m_users)
        if (!findNamed(m_users, u.name))
            m_users.append(u);
    for (qsizetype i = 0; i < later.m_contexts.size(); ++i)
        if (!findNamed(m_contexts, later.m_contexts[i].name)) {
            m_contexts.append(later.m_contexts[i]);
            m_contextFiles.append(later.m_contextFiles.value(i));
        }
    m_files += later.m_files;
}

Result<Kubeconfig> Kubeconfig::load(const Sources& sources)
{
    QStringList paths;
    bool mustExist = false;
    if (!sources.explicitFile.isEmpty()) {
        paths = {sources.explicitFile};
        mustExist = true;
    } else if (sources.kubeconfigEnv) {
        for (const QString& p : sources.kubeconfigEnv->split(u':', Qt::SkipEmptyParts))
            if (!paths.contains(p))
                paths.append(p);
    } else {
        paths = {QDir(sources.home).filePath(QStringLiteral(".kube/config"))};
    }

    Kubeconfig merged;
    bool any = false;
    for (const QString& path : paths) {
        QFile file(path);
        if (!file.exists()) {
            if (mustExist)
                return fail(ErrorCode::Usage, KubeconfigText::tr("kubeconfig %1 does not exist").arg(path),
                            KubeconfigText::tr("Check --kubeconfig."));
            continue;
        }
        if (!file.open(QIODevice::ReadOnly))
            return fail(ErrorCode::Usage, KubeconfigText::tr("kubeconfig %1 cannot be read: %2").arg(path, file.errorString()),
                        KubeconfigText::tr("Check the file's permissions."));
        if (file.size() > kMaxFileBytes)
            return fail(ErrorCode::Usage, KubeconfigText::tr("kubeconfig %1 is too large to be one").arg(path),
                        KubeconfigText::tr("Check --kubeconfig and KUBECONFIG."));
        auto one = parse(file.read(kMaxFileBytes + 1), path);
        if (!one)
            return fail(one.error());
        if (!any)
            merged = std::move(*one);
        else
            merged.mergeFrom(*one);
        any = true;
    }
    if (!any)
        return fail(ErrorCode::MissingSource,
                    paths.isEmpty()
                        ? KubeconfigText::tr("KUBECONFIG names no file")
                        : KubeconfigText::tr("no kubeconfig found (looked for %1)").arg(paths.join(QStringLiteral(", "))),
                    KubeconfigText::tr("Pass --kubeconfig FILE or set KUBECONFIG."));
    return merged;
}

QStringList Kubeconfig::contextNames() const
{
    QStringList names;
    for (const KubeContext& c : m_contexts)
        names.append(c.name);
    return names;
}

Result<ResolvedContext> Kubeconfig::resolve(const QString& contextName) const
{
    const QString name = contextName.isEmpty() ? m_currentContext : contextName;
    const QString known = contextNames().isEmpty() ? KubeconfigText::tr("(none)") : contextNames().join(QStringLiteral(", "));
    if (name.isEmpty())
        return fail(ErrorCode::MissingSource, KubeconfigText::tr("the kubeconfig sets no current context"),
                    KubeconfigText::tr("Pass --context NAME; known contexts: %1.").arg(known));
    const qsizetype index = contextNames().indexOf(name);
    if (index < 0)
        return fail(ErrorCode::MissingSource, KubeconfigText::tr("context \"%1\" is not in the kubeconfig").arg(name),
                    KubeconfigText::tr("Known contexts: %1.").arg(known));
    const KubeContext& ctx = m_contexts[index];
    const KubeCluster* cluster = findNamed(m_clusters, ctx.cluster);
    if (!cluster)
        return fail(ErrorCode::MissingSource,
                    KubeconfigText::tr("context \"%1\" names cluster \"%2\", which the kubeconfig does not define")
                        .arg(name, ctx.cluster),
                    KubeconfigText::tr("Fix the kubeconfig (kubectl config get-clusters lists the defined ones)."));
    if (cluster->server.isEmpty())
        return fail(ErrorCode::Usage, KubeconfigText::tr("cluster \"%1\" in the kubeconfig has no server").arg(cluster->name),
                    KubeconfigText::tr("Set clusters[].cluster.server to the API server's https:// URL."));
    ResolvedContext out;
    out.contextName = name;
    out.nameSpace = ctx.nameSpace.isEmpty() ? QStringLiteral("default") : ctx.nameSpace;
    out.cluster = *cluster;
    out.sourceFile = m_contextFiles.value(index);
    if (!ctx.user.isEmpty()) {
        const KubeUser* user = findNamed(m_users, ctx.user);
        if (!user)
            return fail(ErrorCode::MissingSource,
                        KubeconfigText::tr("context \"%1\" names user \"%2\", which the kubeconfig does not define")
                            .arg(name, ctx.user),
                        KubeconfigText::tr("Fix the kubeconfig (kubectl config get-users lists the defined ones)."));
        out.user = *user;
    }
    return out;
}

} // namespace tideline::k8s
