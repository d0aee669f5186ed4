// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/k8s/Kubeconfig.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using tideline::ErrorCode;
using tideline::k8s::Kubeconfig;

// The oracle for merging and per-context facts is Debian's python3-kubernetes (its
// KubeConfigMerger, the loader every Python tool uses). Where it and kubectl part ways
// (current-context: kubectl takes the first file that sets one, Python only the first file), the
// test follows kubectl's documented rule and says so.

namespace {

void write(const QString& path, const QByteArray& text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text);
}

/// {context: {namespace, server, user}} as python3-kubernetes merges `paths`.
QJsonObject pythonContexts(const QStringList& paths)
{
    const QString script = QString::fromLatin1(
        "\n"
        "import json, sys\n"
        "from kubernetes.config.kube_config import KubeConfigMerger\n"
        "m = KubeConfigMerger(sys.argv[1]).config\n"
        "clusters = {c[\"name\"]: c.value[\"cluster\"] for c in m[\"clusters\"]}\n"
        "out = {}\n"
        "for c in m[\"contexts\"]:\n"
        "    ctx = c.value[\"context\"]\n"
        "    out[c[\"name\"]] = {\"namespace\": ctx.get(\"namespace\") or \"default\",\n"
        "                      \"server\": clusters[ctx[\"cluster\"]][\"server\"], \"user\": ctx.get(\"user\") or \"\"}\n"
        "print(json.dumps(out))\n");
    QProcess p;
    p.start(u"/usr/bin/python3"_s, {u"-c"_s, script, paths.join(u':')});
    if (!p.waitForFinished(60'000) || p.exitCode() != 0)
        qWarning("python3-kubernetes failed: %s", p.readAllStandardError().constData());
    return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
}

} // namespace

class TestKubeconfig : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

private slots:
    void mergeFollowsKubectl()
    {
        write(path(u"a.yaml"_s),
              "apiVersion: v1\n"
              "kind: Config\n"
              "clusters:\n"
              "- name: shared\n"
              "  cluster: {server: \"https://a.example:6443\", certificate-authority: certs/ca.crt}\n"
              "users:\n"
              "- name: alice\n"
              "  user: {token: alice-token-1234, tokenFile: tok}\n"
              "contexts:\n"
              "- name: shared\n"
              "  context: {cluster: shared, user: alice, namespace: team-a}\n"
              "- name: bare\n"
              "  context: {cluster: shared}\n");
        write(path(u"b.yaml"_s),
              "apiVersion: v1\n"
              "kind: Config\n"
              "current-context: from-b\n"
              "clusters:\n"
              "- name: shared\n"
              "  cluster: {server: \"https://b.example:6443\"}\n"
              "- name: only-b\n"
              "  cluster: {server: \"https://only-b.example\", tls-server-name: api.internal, insecure-skip-tls-verify: "
              "true}\n"
              "users:\n"
              "- name: alice\n"
              "  user: {token: not-this-one}\n"
              "- name: bob\n"
              "  user:\n"
              "    exec:\n"
              "      apiVersion: client.authentication.k8s.io/v1\n"
              "      command: ./bin/login\n"
              "      args: [--quiet]\n"
              "      env: [{name: MODE, value: ci}]\n"
              "      interactiveMode: Never\n"
              "contexts:\n"
              "- name: shared\n"
              "  context: {cluster: only-b, user: bob, namespace: team-b}\n"
              "- name: from-b\n"
              "  context: {cluster: only-b, user: bob, namespace: db}\n");
        const QStringList files{path(u"a.yaml"_s), path(u"missing.yaml"_s), path(u"b.yaml"_s)};
        Kubeconfig::Sources sources;
        sources.kubeconfigEnv = files.join(u':');
        const auto cfg = Kubeconfig::load(sources);
        QVERIFY2(cfg, qPrintable(cfg ? QString() : cfg.error().oneLine()));
        QCOMPARE(cfg->files(), (QStringList{path(u"a.yaml"_s), path(u"b.yaml"_s)}));

        const QJsonObject oracle = pythonContexts(files);
        QVERIFY(!oracle.isEmpty());
        QStringList names = cfg->contextNames();
        names.sort();
        QCOMPARE(names, oracle.keys());
        for (const QString& name : oracle.keys()) {
            const auto resolved = cfg->resolve(name);
            QVERIFY2(resolved, qPrintable(name));
            const QJsonObject want = oracle.value(name).toObject();
            QCOMPARE(resolved->nameSpace, want.value(u"namespace"_s).toString());
            QCOMPARE(resolved->cluster.server, want.value(u"server"_s).toString());
            QCOMPARE(resolved->user.name, want.value(u"user"_s).toString());
        }
        // kubectl: the first file that sets current-context wins (a.yaml sets none).
        QCOMPARE(cfg->currentContext(), u"from-b"_s);

        const auto shared = cfg->resolve(u"shared"_s);
        QCOMPARE(shared->user.token, u"alice-token-1234"_s);
        QCOMPARE(shared->sourceFile, path(u"a.yaml"_s));
        // Relative paths resolve against the directory of the file that wrote them.
        QCOMPARE(shared->cluster.certificateAuthority, QDir::cleanPath(path(u"certs/ca.crt"_s)));
        QCOMPARE(shared->user.tokenFile, path(u"tok"_s));

        const auto current = cfg->resolve();
        QVERIFY(current);
        QCOMPARE(current->contextName, u"from-b"_s);
        QCOMPARE(current->cluster.tlsServerName, u"api.internal"_s);
        QVERIFY(current->cluster.insecureSkipTlsVerify);
        QVERIFY(current->user.exec);
        QCOMPARE(current->user.exec->command, path(u"bin/login"_s));
        QCOMPARE(current->user.exec->args, QStringList{u"--quiet"_s});
        QCOMPARE(current->user.exec->interactiveMode, u"Never"_s);
        QCOMPARE(current->user.exec->env.value(0).second, u"ci"_s);
    }

    void explicitFileAloneAndHome()
    {
        write(path(u"c.yaml"_s),
              "apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters:\n- name: k\n  cluster:\n"
              "    server: https://c.example\n    certificate-authority-data: "
                  + QByteArray("-----BEGIN CERTIFICATE-----\n").toBase64()
                  + "\ncontexts:\n- name: c\n  context: {cluster: k}\n");
        Kubeconfig::Sources sources;
        sources.explicitFile = path(u"c.yaml"_s);
        sources.kubeconfigEnv = path(u"a.yaml"_s); // ignored: --kubeconfig wins
        const auto cfg = Kubeconfig::load(sources);
        QVERIFY(cfg);
        QCOMPARE(cfg->contextNames(), QStringList{u"c"_s});
        const auto c = cfg->resolve();
        QCOMPARE(c->nameSpace, u"default"_s);
        QCOMPARE(c->cluster.certificateAuthorityData, QByteArray("-----BEGIN CERTIFICATE-----\n"));

        QVERIFY(QDir(m_dir.path()).mkpath(u"home/.kube"_s));
        QFile::copy(path(u"c.yaml"_s), path(u"home/.kube/config"_s));
        Kubeconfig::Sources home;
        home.home = path(u"home"_s);
        const auto fromHome = Kubeconfig::load(home);
        QVERIFY(fromHome);
        QCOMPARE(fromHome->currentContext(), u"c"_s);
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("context");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("needle");
        const QByteArray base =
            "apiVersion: v1\nkind: Config\nclusters:\n- name: k\n  cluster: {server: https://k}\n"
            "contexts:\n- name: one\n  context: {cluster: k}\n- name: two\n  context: {cluster: k, user: nobody}\n";
        QTest::newRow("unknown context lists the known")
            << base << u"three"_s << int(ErrorCode::MissingSource) << u"Known contexts: one, two."_s;
        QTest::newRow("no current context") << base << QString() << int(ErrorCode::MissingSource) << u"--context"_s;
        QTest::newRow("undefined user") << base << u"two"_s << int(ErrorCode::MissingSource) << u"\"nobody\""_s;
        QTest::newRow("bad YAML names the line")
            << QByteArray("apiVersion: v1\nclusters: [\n  - {name: x\n") << u"x"_s << int(ErrorCode::Usage) << u"line"_s;
        QTest::newRow("not a map") << QByteArray("- a\n- b\n") << u"x"_s << int(ErrorCode::Usage) << u"Config"_s;
        QTest::newRow("bad base64") << QByteArray("clusters:\n- name: k\n  cluster: {server: https://k, "
                                                  "certificate-authority-data: \"%%%\"}\n")
                                    << u"x"_s << int(ErrorCode::Usage) << u"base64"_s;
        QTest::newRow("no server") << QByteArray("clusters:\n- name: k\n  cluster: {}\ncontexts:\n- name: c\n  context: "
                                                 "{cluster: k}\n")
                                   << u"c"_s << int(ErrorCode::Usage) << u"no server"_s;
    }

    void errors()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, context);
        QFETCH(int, code);
        QFETCH(QString, needle);
        const auto parsed = Kubeconfig::parse(yaml, path(u"bad.yaml"_s));
        const auto resolved = parsed ? parsed->resolve(context) : std::unexpected(parsed.error());
        QVERIFY(!resolved);
        QCOMPARE(int(resolved.error().code), code);
        const QString text = resolved.error().oneLine();
        QVERIFY2(text.contains(needle), qPrintable(text));
    }

    void missingFiles()
    {
        Kubeconfig::Sources explicitMissing;
        explicitMissing.explicitFile = path(u"nope.yaml"_s);
        const auto a = Kubeconfig::load(explicitMissing);
        QVERIFY(!a);
        QCOMPARE(a.error().code, ErrorCode::Usage);

        Kubeconfig::Sources none;
        none.kubeconfigEnv = path(u"nope1"_s) + u"::"_s + path(u"nope2"_s);
        const auto b = Kubeconfig::load(none);
        QVERIFY(!b);
        QCOMPARE(b.error().code, ErrorCode::MissingSource);
        QVERIFY(b.error().hint.contains(u"--kubeconfig"_s));
    }
};

QTEST_GUILESS_MAIN(TestKubeconfig)
#include "TestKubeconfig.moc"
