// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/k8s/KubeClient.h"
#include "engine/net/HttpExchange.h"
#include "tests/support/K8sApiServer.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>
#include <thread>

using namespace Qt::StringLiterals;
using tideline::CancelToken;
using tideline::ErrorCode;
using tideline::k8s::KubeClient;
using tideline::k8s::Kubeconfig;
using tideline::test::K8sApiServer;

// The API server is tests/support/k8s_api.py, which speaks the real protocol (paging at one
// resourceVersion, chunked watches, Status errors). The oracle for what a correct client reads
// from it is Debian's python3-kubernetes (tests/support/k8s_pyclient_check.py), run against the
// same server in initTestCase.

namespace {

const QString kSupport = K8sApiServer::supportDir();
const QString kCnpg = u"/apis/postgresql.cnpg.io/v1"_s;

void writeFile(const QString& path, const QByteArray& text)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    f.write(text);
}

QString errorText(const tideline::Error& e)
{
    return e.oneLine();
}

} // namespace

class TestKubeClient : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_objects;
    std::unique_ptr<K8sApiServer> m_main;
    QJsonObject m_python;

    std::unique_ptr<K8sApiServer> start(const QString& name, const QStringList& extra)
    {
        auto s = std::make_unique<K8sApiServer>();
        if (!s->start(m_objects, m_tmp.filePath(name), extra, m_main ? m_main->dir() : QString()))
            qFatal("k8s_api.py did not start");
        return s;
    }

    static std::unique_ptr<KubeClient> client(const QString& kubeconfig, const QString& context = {})
    {
        Kubeconfig::Sources sources;
        sources.explicitFile = kubeconfig;
        auto cfg = Kubeconfig::load(sources);
        if (!cfg)
            qFatal("%s", qPrintable(cfg.error().oneLine()));
        auto resolved = cfg->resolve(context);
        if (!resolved)
            qFatal("%s", qPrintable(resolved.error().oneLine()));
        auto c = KubeClient::connect(*resolved);
        if (!c)
            qFatal("%s", qPrintable(c.error().oneLine()));
        return std::move(*c);
    }

    /// A kubeconfig for the main server with the given user block (YAML under "user:").
    QString kubeconfigWithUser(const QString& name, const QByteArray& userBlock, const QByteArray& clusterExtra = {})
    {
        const QString path = m_tmp.filePath(name);
        writeFile(path,
                  "apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters:\n- name: k\n  cluster:\n"
                  "    server: "
                      + m_main->url().toUtf8() + "\n    certificate-authority: " + m_main->dir().toUtf8() + "/ca.crt\n"
                      + clusterExtra + "users:\n- name: u\n  user:\n" + userBlock
                      + "contexts:\n- name: c\n  context: {cluster: k, user: u, namespace: db}\n");
        return path;
    }

    QJsonDocument control(const QString& path, const QJsonObject& body = {}, const QByteArray& method = "POST")
    {
        return m_main->control(path, body, method);
    }

    static QJsonObject normalized(const QJsonObject& item)
    {
        const QJsonObject meta = item.value(u"metadata"_s).toObject();
        return {{u"namespace"_s, meta.value(u"namespace"_s)},
                {u"name"_s, meta.value(u"name"_s)},
                {u"resourceVersion"_s, meta.value(u"resourceVersion"_s)},
                {u"spec"_s, item.value(u"spec"_s)},
                {u"status"_s, item.value(u"status"_s)}};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_objects = K8sApiServer::makeObjects(m_tmp.path());
        QVERIFY(!m_objects.isEmpty());
        m_main = start(u"main"_s, {u"--bookmark-interval"_s, u"0.2"_s});

        QProcess py;
        const QString out = m_tmp.filePath(u"python.json"_s);
        py.start(u"/usr/bin/python3"_s,
                 {kSupport + u"k8s_pyclient_check.py"_s, u"--kubeconfig"_s, m_main->kubeconfig(u"token"_s), u"--out"_s, out,
                  u"--page-size"_s, u"2"_s});
        QVERIFY(py.waitForFinished(120'000));
        QVERIFY2(py.exitCode() == 0, py.readAllStandardError().constData());
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        m_python = QJsonDocument::fromJson(f.readAll()).object();
        QVERIFY(!m_python.isEmpty());
    }

    void listsAsThePythonClientDoes_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("plural");
        for (const char* plural : {"clusters", "backups", "scheduledbackups"})
            QTest::newRow(plural) << kCnpg + u'/' + QLatin1StringView(plural) << QString::fromLatin1(plural);
        QTest::newRow("objectstores") << u"/apis/barmancloud.cnpg.io/v1/objectstores"_s << u"objectstores"_s;
    }

    void listsAsThePythonClientDoes()
    {
        QFETCH(QString, path);
        QFETCH(QString, plural);
        auto c = client(m_main->kubeconfig(u"token"_s));
        const auto listed = c->list(path, {}, CancelToken{}, 2);
        QVERIFY2(listed, qPrintable(listed ? QString() : errorText(listed.error())));
        QJsonArray ours;
        for (const QJsonObject& item : listed->items)
            ours.append(normalized(item));
        const QJsonArray theirs = m_python.value(plural).toArray();
        QVERIFY(!theirs.isEmpty());
        QCOMPARE(ours.size(), theirs.size());
        for (qsizetype i = 0; i < ours.size(); ++i)
            QCOMPARE(ours.at(i).toObject(), theirs.at(i).toObject());
        QCOMPARE(listed->requests, m_python.value(u"pages_by_resource"_s).toObject().value(plural).toInt());
        QCOMPARE(listed->resourceVersion, m_python.value(u"list_resource_versions"_s).toObject().value(plural).toString());
        QVERIFY(!listed->relisted);
    }

    void everyAuthenticationReadsTheSecret_data()
    {
        QTest::addColumn<QString>("which");
        QTest::newRow("token, CA file") << u"token"_s;
        QTest::newRow("client certificate, CA data") << u"cert"_s;
        QTest::newRow("exec plugin v1") << u"exec"_s;
    }

    void everyAuthenticationReadsTheSecret()
    {
        QFETCH(QString, which);
        control(u"/_control/reset-requests"_s);
        auto c = client(m_main->kubeconfig(which));
        const auto secret = c->get(u"/api/v1/namespaces/db/secrets/r2-creds"_s, {}, CancelToken{});
        QVERIFY2(secret, qPrintable(secret ? QString() : errorText(secret.error())));
        QStringList keys = secret->value(u"data"_s).toObject().keys();
        keys.sort();
        QStringList want;
        for (const QJsonValue& v : m_python.value(u"secret_keys"_s).toArray())
            want.append(v.toString());
        QCOMPARE(keys, want);
        const QJsonArray log = control(u"/_control/requests"_s, {}, "GET").array();
        QCOMPARE(log.size(), 1);
        QCOMPARE(log.at(0).toObject().value(u"auth"_s).toString(), which == u"cert" ? u"cert"_s : u"token"_s);
    }

    void execPluginIsCachedAndRerunOnceOn401()
    {
        const QString count = m_tmp.filePath(u"exec-count"_s);
        const QString tokens = m_main->dir() + u"/exec-tokens.jsonl"_s;
        const QString kc = kubeconfigWithUser(
            u"kc-exec-count"_s,
            "    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: /usr/bin/python3\n"
            "      args: [\""
                + (kSupport + u"k8s_exec_plugin.py"_s).toUtf8() + "\", --token-file, \"" + tokens.toUtf8()
                + "\", --count-file, \"" + count.toUtf8() + "\"]\n");
        auto c = client(kc);
        const auto readCount = [&] {
            QFile f(count);
            return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed().toInt() : 0;
        };
        QVERIFY(c->get(kCnpg + u"/namespaces/db/clusters/pg-main"_s, {}, CancelToken{}));
        QVERIFY(c->get(kCnpg + u"/namespaces/db/clusters/pg-plain"_s, {}, CancelToken{}));
        QCOMPARE(readCount(), 1);
        // The server forgets every token the plugin issued: the next request gets 401, the
        // plugin runs once more, and the request succeeds with the new token.
        writeFile(tokens, {});
        const auto again = c->get(kCnpg + u"/namespaces/db/clusters/pg-main"_s, {}, CancelToken{});
        QVERIFY2(again, qPrintable(again ? QString() : errorText(again.error())));
        QCOMPARE(readCount(), 2);
    }

    void execPluginFailuresAreAuthErrors_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("needle");
        QTest::newRow("fail") << u"--fail"_s << u"failed (exit 1)"_s;
        QTest::newRow("garbage") << u"--garbage"_s << u"not an ExecCredential"_s;
        QTest::newRow("expired") << u"--expired"_s << u"expired"_s;
        QTest::newRow("wrong apiVersion") << u"--wrong-api-version"_s << u"apiVersion"_s;
    }

    void execPluginFailuresAreAuthErrors()
    {
        QFETCH(QString, mode);
        QFETCH(QString, needle);
        const QString kc = kubeconfigWithUser(
            u"kc-exec-bad"_s,
            "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: /usr/bin/python3\n"
            "      interactiveMode: IfAvailable\n      installHint: \"Install the test plugin.\"\n"
            "      args: [\""
                + (kSupport + u"k8s_exec_plugin.py"_s).toUtf8() + "\", --token-file, \""
                + m_tmp.filePath(u"unused-tokens"_s).toUtf8() + "\", \"" + mode.toUtf8() + "\"]\n");
        Kubeconfig::Sources sources;
        sources.explicitFile = kc;
        const auto ctx = Kubeconfig::load(sources)->resolve();
        auto c = KubeClient::connect(*ctx);
        QVERIFY(c);
        const auto got = (*c)->get(kCnpg + u"/namespaces/db/clusters/pg-main"_s, {}, CancelToken{});
        QVERIFY(!got);
        QCOMPARE(got.error().code, ErrorCode::Auth);
        QVERIFY2(got.error().message.contains(needle), qPrintable(errorText(got.error())));
        QCOMPARE(got.error().hint, u"Install the test plugin."_s);
    }

    void statusErrorsSayWhatToDo()
    {
        auto c = client(m_main->kubeconfig(u"token"_s));
        control(u"/_control/forbid"_s, {{u"rules"_s, QJsonArray{u"get:secrets"_s}}});
        const auto secret = c->get(u"/api/v1/namespaces/db/secrets/r2-creds"_s, {}, CancelToken{});
        control(u"/_control/forbid"_s, {{u"rules"_s, QJsonArray{}}});
        QVERIFY(!secret);
        QCOMPARE(secret.error().code, ErrorCode::Auth);
        QVERIFY2(secret.error().message.contains(uR"(cannot get resource "secrets")"_s),
                 qPrintable(errorText(secret.error())));
        QCOMPARE(secret.error().hint.section(u"Check with: "_s, 1), u"kubectl auth can-i get secrets -n db"_s);

        control(u"/_control/forbid"_s, {{u"rules"_s, QJsonArray{u"list:backups.postgresql.cnpg.io:cluster"_s}}});
        const auto all = c->list(kCnpg + u"/backups"_s, {}, CancelToken{});
        control(u"/_control/forbid"_s, {{u"rules"_s, QJsonArray{}}});
        QVERIFY(!all);
        QVERIFY2(all.error().hint.endsWith(u"kubectl auth can-i list backups"_s), qPrintable(errorText(all.error())));

        const auto missing = c->get(kCnpg + u"/namespaces/db/clusters/nope"_s, {}, CancelToken{});
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::MissingSource);
        QVERIFY2(missing.error().message.contains(uR"("nope" not found)"_s), qPrintable(errorText(missing.error())));

        auto wrong = client(kubeconfigWithUser(u"kc-wrong-token"_s, "    token: not-a-known-token\n"));
        const auto refused = wrong->get(kCnpg + u"/namespaces/db/clusters/pg-main"_s, {}, CancelToken{});
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::Auth);
        QVERIFY(!errorText(refused.error()).contains(u"not-a-known-token"_s));
    }

    void throttlingIsRetriedAndOutagesReported()
    {
        auto c = client(m_main->kubeconfig(u"token"_s));
        control(u"/_control/fail"_s, {{u"status"_s, 429}, {u"count"_s, 2}, {u"path"_s, u"clusters"_s}, {u"retry_after"_s, 1}});
        const int before = c->requestCount();
        const auto got = c->get(kCnpg + u"/namespaces/db/clusters/pg-main"_s, {}, CancelToken{});
        QVERIFY2(got, qPrintable(got ? QString() : errorText(got.error())));
        QCOMPARE(c->requestCount() - before, 3);

        // Four attempts in all, then the outage is the answer (and no fault is left for later).
        control(u"/_control/fail"_s, {{u"status"_s, 503}, {u"count"_s, 4}, {u"path"_s, u"clusters"_s}, {u"retry_after"_s, 1}});
        const int beforeOutage = c->requestCount();
        const auto down = c->get(kCnpg + u"/namespaces/db/clusters/pg-main"_s, {}, CancelToken{});
        QVERIFY(!down);
        QCOMPARE(down.error().code, ErrorCode::Network);
        QCOMPARE(c->requestCount() - beforeOutage, 4);
        QVERIFY(c->get(kCnpg + u"/namespaces/db/clusters/pg-main"_s, {}, CancelToken{}));
    }

    void connectRefusesUnsafeSettings()
    {
        const auto refused = [&](const QByteArray& cluster, const QByteArray& user) {
            const QString path = m_tmp.filePath(u"kc-unsafe"_s);
            writeFile(path,
                      "apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters:\n- name: k\n  cluster:\n" + cluster
                          + "users:\n- name: u\n  user:\n" + user
                          + "contexts:\n- name: c\n  context: {cluster: k, user: u}\n");
            Kubeconfig::Sources s;
            s.explicitFile = path;
            const auto ctx = Kubeconfig::load(s)->resolve();
            const auto c = KubeClient::connect(*ctx);
            return c ? ErrorCode::Internal : c.error().code;
        };
        QCOMPARE(refused("    server: http://api.example.com\n", "    token: abcd\n"), ErrorCode::Usage);
        QCOMPARE(refused("    server: https://k\n", "    auth-provider: {name: gcp}\n"), ErrorCode::Usage);
        QCOMPARE(refused("    server: https://k\n",
                         "    exec: {apiVersion: client.authentication.k8s.io/v1, command: x, interactiveMode: Always}\n"),
                 ErrorCode::Auth);
        QCOMPARE(refused("    server: https://k\n", "    exec: {apiVersion: client.authentication.k8s.io/v1, command: x}\n"),
                 ErrorCode::Usage);
        QCOMPARE(refused("    server: https://k\n    certificate-authority: /nonexistent/ca.crt\n", "    token: abcd\n"),
                 ErrorCode::Usage);
    }

    void theClusterCaAloneIsTrusted()
    {
        // The client certificate is not the server's CA: the handshake must fail, and
        // insecure-skip-tls-verify (only because the file says so) lets it through.
        const QString path = m_tmp.filePath(u"kc-wrong-ca"_s);
        const QByteArray head =
            "apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters:\n- name: k\n  cluster:\n    server: "
            + m_main->url().toUtf8() + "\n";
        const QByteArray tail = "users:\n- name: u\n  user: {token: tideline-test-token}\n"
                                "contexts:\n- name: c\n  context: {cluster: k, user: u}\n";
        writeFile(path, head + "    certificate-authority: " + m_main->dir().toUtf8() + "/client.crt\n" + tail);
        const auto bad = client(path)->get(kCnpg + u"/namespaces/db/clusters/pg-main"_s, {}, CancelToken{});
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, ErrorCode::Network);
        QVERIFY2(bad.error().message.contains(u"TLS"_s), qPrintable(errorText(bad.error())));

        writeFile(path, head + "    insecure-skip-tls-verify: true\n" + tail);
        QVERIFY(client(path)->get(kCnpg + u"/namespaces/db/clusters/pg-main"_s, {}, CancelToken{}));

        // tls-server-name: the certificate names k8s.test, the URL an address it also names.
        writeFile(path,
                  head + "    certificate-authority: " + m_main->dir().toUtf8() + "/ca.crt\n    tls-server-name: k8s.test\n"
                      + tail);
        QVERIFY(client(path)->get(kCnpg + u"/namespaces/db/clusters/pg-main"_s, {}, CancelToken{}));
        writeFile(path,
                  head + "    certificate-authority: " + m_main->dir().toUtf8()
                      + "/ca.crt\n    tls-server-name: other.test\n" + tail);
        QVERIFY(!client(path)->get(kCnpg + u"/namespaces/db/clusters/pg-main"_s, {}, CancelToken{}));
    }

    void cnpgNotInstalled()
    {
        const auto bare = start(u"bare"_s, {u"--no-cnpg"_s});
        auto c = client(bare->kubeconfig(u"token"_s));
        const auto got = c->list(kCnpg + u"/namespaces/db/clusters"_s, {}, CancelToken{});
        QVERIFY(!got);
        QCOMPARE(got.error().code, ErrorCode::MissingSource);
        QVERIFY2(got.error().message.contains(u"CloudNativePG is not installed"_s), qPrintable(errorText(got.error())));
        const auto plugin = c->list(u"/apis/barmancloud.cnpg.io/v1/objectstores"_s, {}, CancelToken{});
        QVERIFY(!plugin);
        QVERIFY(plugin.error().message.contains(u"Barman Cloud plugin"_s));
    }

    void watchDeliversEventsAndBookmarksAndExpires()
    {
        auto c = client(m_main->kubeconfig(u"token"_s));
        const auto listed = c->list(kCnpg + u"/namespaces/db/backups"_s, {}, CancelToken{});
        QVERIFY(listed);
        QJsonObject backup = listed->items.front();
        QJsonObject meta = backup.value(u"metadata"_s).toObject();
        meta.insert(u"name"_s, u"pg-main-watched"_s);
        meta.remove(u"resourceVersion"_s);
        meta.remove(u"uid"_s);
        backup.insert(u"metadata"_s, meta);
        control(u"/_control/apply"_s, backup);

        QStringList seen;
        bool bookmark = false;
        const auto end = c->watch(
            kCnpg + u"/namespaces/db/backups"_s, {}, listed->resourceVersion,
            [&](const KubeClient::WatchEvent& ev) {
                if (ev.type == KubeClient::EventType::Bookmark) {
                    bookmark = true;
                    return seen.isEmpty(); // stop at the first bookmark after the event
                }
                seen.append(ev.object.value(u"metadata"_s).toObject().value(u"name"_s).toString());
                return true;
            },
            CancelToken{}, 2);
        QVERIFY2(end, qPrintable(end ? QString() : errorText(end.error())));
        QCOMPARE(seen, QStringList{u"pg-main-watched"_s});
        QVERIFY(bookmark);
        QVERIFY(!end->expired);
        QVERIFY(end->resourceVersion != listed->resourceVersion);

        // Everything handed out before a compaction is gone: the watch ends with an in-stream 410.
        control(u"/_control/compact"_s);
        const auto expired = c->watch(
            kCnpg + u"/namespaces/db/backups"_s, {}, listed->resourceVersion,
            [](const KubeClient::WatchEvent&) { return true; }, CancelToken{}, 5);
        QVERIFY2(expired, qPrintable(expired ? QString() : errorText(expired.error())));
        QVERIFY(expired->expired);
    }

    void anExpiredContinueTokenRelistsOnce()
    {
        const auto slow = start(u"slow"_s, {u"--delay-ms"_s, u"150"_s});
        auto c = client(slow->kubeconfig(u"token"_s));
        const auto baseline = c->list(kCnpg + u"/backups"_s, {}, CancelToken{});
        QVERIFY(baseline);
        QVERIFY(baseline->items.size() >= 4);

        // Compact as soon as the first page has been served, while the pager walks the rest.
        std::thread compactor([&] {
            const auto requestsSeen = [&] {
                tideline::net::HttpCall call;
                call.request = QNetworkRequest(QUrl(slow->url() + u"/_control/requests"_s));
                call.ignoreTlsErrors = true;
                return QJsonDocument::fromJson(tideline::net::exchange(call, CancelToken{}).response.body).array().size();
            };
            const qsizetype start = requestsSeen();
            while (requestsSeen() == start)
                QThread::msleep(20);
            tideline::net::HttpCall call;
            call.method = "POST";
            call.request = QNetworkRequest(QUrl(slow->url() + u"/_control/compact"_s));
            call.body = "{}";
            call.ignoreTlsErrors = true;
            tideline::net::exchange(call, CancelToken{});
        });
        const auto listed = c->list(kCnpg + u"/backups"_s, {}, CancelToken{}, 1);
        compactor.join();
        QVERIFY2(listed, qPrintable(listed ? QString() : errorText(listed.error())));
        QVERIFY(listed->relisted);
        QCOMPARE(listed->items.size(), baseline->items.size());
        QVERIFY(listed->requests > baseline->items.size());
    }

    void cleanupTestCase() { m_main.reset(); }
};

QTEST_GUILESS_MAIN(TestKubeClient)
#include "TestKubeClient.moc"
