// SPDX-License-Identifier: GPL-3.0-or-later
// The window's Kubernetes side against a scripted API server (tests/bench/window_k8s_bench.sh
// starts it: 50 namespaces, 1,000 clusters, 20,000 Backups, every request delayed DELAY_MS):
//   - from the window's construction to the clusters in the sidebar (kubeconfig read, list);
//   - the GUI thread's longest stall meanwhile (a 5 ms heartbeat timer's worst gap);
//   - a Backup applied on the server to the open cluster page hearing of it (the watch), N times.
// Targets (issue 14): first clusters within a second, the window responsive (stalls well under
// 100 ms), a watch event on the page within a second.
// Run: tests/bench/window_k8s_bench.sh (QT_QPA_PLATFORM=offscreen build/tests/bench/window_k8s_bench KUBECONFIG PORT)
#include "engine/net/HttpExchange.h"
#include "src/app/MainWindow.h"
#include "src/jobs/KubeSession.h"
#include "src/views/ConnectionsSidebar.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTimer>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>

#include <algorithm>
#include <cstdio>

using namespace tideline;
using namespace tideline::gui;

namespace {

void apply(int port, const QJsonObject& object)
{
    net::HttpCall call;
    call.method = "POST";
    call.request = QNetworkRequest(QUrl(QStringLiteral("https://127.0.0.1:%1/_control/apply").arg(port)));
    call.request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    call.body = QJsonDocument(object).toJson();
    call.ignoreTlsErrors = true; // the bench's own control channel on loopback
    (void)net::exchange(call, CancelToken{});
}

int clusterItems(QTreeWidget* tree)
{
    // KUBERNETES > context > namespace > cluster
    int n = 0;
    for (QTreeWidgetItemIterator it(tree); *it; ++it) {
        const QTreeWidgetItem* group =
            (*it)->parent() && (*it)->parent()->parent() ? (*it)->parent()->parent()->parent() : nullptr;
        n += group && !group->parent() && group->text(0) == QLatin1String("KUBERNETES");
    }
    return n;
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    if (argc < 3) {
        std::fprintf(stderr, "usage: window_k8s_bench KUBECONFIG PORT [EVENTS]\n");
        return 2;
    }
    const QString kubeconfig = QString::fromLocal8Bit(argv[1]);
    const int port = QString::fromLatin1(argv[2]).toInt();
    const int events = argc > 3 ? QString::fromLatin1(argv[3]).toInt() : 10;

    QElapsedTimer heartbeatClock;
    qint64 lastBeat = 0, worstGap = 0;
    QTimer heartbeat;
    heartbeat.setInterval(5);
    QObject::connect(&heartbeat, &QTimer::timeout, [&] {
        const qint64 now = heartbeatClock.elapsed();
        worstGap = std::max(worstGap, now - lastBeat);
        lastBeat = now;
    });

    QElapsedTimer clock;
    clock.start();
    heartbeatClock.start();
    heartbeat.start();
    MainWindow::Options options;
    options.persistent = false;
    options.kubeconfig = kubeconfig;
    MainWindow window(options);
    window.show();
    QTreeWidget* tree = window.sidebar()->tree();
    QSignalSpy listed(&window.kube(), &KubeSession::clustersListed);
    while (listed.isEmpty() && clock.elapsed() < 120'000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    const qint64 listedMs = clock.elapsed();
    const int shown = clusterItems(tree);
    const qint64 stallWhileListing = worstGap;
    std::printf("window_k8s_bench: %d clusters in the sidebar after %lld ms; longest GUI stall meanwhile %lld ms\n", shown,
                static_cast<long long>(listedMs), static_cast<long long>(stallWhileListing));

    // A cluster page, then Backups applied one by one: how long until the page hears of each.
    window.openCluster(QStringLiteral("cnpg://scale-000/pg-0000"));
    QSignalSpy changed(&window.kube(), &KubeSession::clusterChanged);
    QElapsedTimer settle;
    settle.start();
    while (settle.elapsed() < 3000) // let both watches start
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    worstGap = 0;
    QList<qint64> latencies;
    for (int i = 0; i < events; ++i) {
        const qsizetype before = changed.size();
        const QString name = QStringLiteral("pg-0000-bench-%1").arg(i);
        QJsonObject backup{{QStringLiteral("apiVersion"), QStringLiteral("postgresql.cnpg.io/v1")},
                           {QStringLiteral("kind"), QStringLiteral("Backup")},
                           {QStringLiteral("metadata"),
                            QJsonObject{{QStringLiteral("name"), name},
                                        {QStringLiteral("namespace"), QStringLiteral("scale-000")}}},
                           {QStringLiteral("spec"),
                            QJsonObject{{QStringLiteral("cluster"),
                                         QJsonObject{{QStringLiteral("name"), QStringLiteral("pg-0000")}}}}},
                           {QStringLiteral("status"), QJsonObject{{QStringLiteral("phase"), QStringLiteral("running")}}}};
        QElapsedTimer t;
        t.start();
        apply(port, backup);
        while (changed.size() == before && t.elapsed() < 30'000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
        latencies.append(t.elapsed());
        QElapsedTimer pause;
        pause.start();
        while (pause.elapsed() < 300)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    std::sort(latencies.begin(), latencies.end());
    std::printf("window_k8s_bench: watch event to the page: median %lld ms, worst %lld ms over %d events (apply's own round "
                "trip included); longest GUI stall %lld ms\n",
                static_cast<long long>(latencies.value(latencies.size() / 2)),
                static_cast<long long>(latencies.value(latencies.size() - 1)), events, static_cast<long long>(worstGap));
    return 0;
}
