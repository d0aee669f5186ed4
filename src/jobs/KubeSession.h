// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/k8s/ClusterHealth.h"
#include "engine/k8s/Kubeconfig.h"
#include "engine/monitor/ArchiverHealth.h"
#include "engine/monitor/ClusterArchiving.h"
#include "engine/monitor/LagHistory.h"
#include "src/jobs/JobRunner.h"

#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>

namespace tideline::gui {

/// The window's Kubernetes side: the kubeconfig's contexts, each context's CNPG clusters, and one
/// open cluster kept live by watches on its Cluster and its namespace's Backups. Every API call
/// runs on the job runner; one client per context is shared by the jobs (it is thread-safe, and
/// an exec plugin then runs once, not once per job). Nothing here writes to a cluster.
/// Thread: GUI thread.
class KubeSession final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KubeSession)

public:
    KubeSession(JobRunner& runner, QObject* parent = nullptr);
    ~KubeSession() override;

    /// Reads the kubeconfig: `file` alone when given, else KUBECONFIG, else ~/.kube/config.
    /// contextsLoaded() or contextsFailed() follows. No kubeconfig at all is not a failure:
    /// contextsLoaded() with no names.
    void loadContexts(const QString& file = {});
    /// Whether loadContexts() has finished (successfully or not).
    bool contextsRead() const { return m_read; }
    QStringList contexts() const { return m_contexts; }
    QString currentContext() const { return m_current; }
    /// The API server a context talks to, for tooltips (empty when it does not resolve).
    QString serverOf(const QString& context) const;

    /// Lists the CNPG clusters a context can see: every namespace, else (the user may not list
    /// cluster-wide) the context's own. clustersListed() or clustersFailed() follows.
    void listClusters(const QString& context);
    const k8s::ClusterListing* listing(const QString& context) const;

    /// Opens one cluster: its health now (clusterLoaded() or clusterFailed()), and again after
    /// its Cluster or a Backup of its namespace changes (clusterChanged() first). A newer
    /// openCluster() or closeCluster() makes older results stale; they are dropped.
    void openCluster(const QString& context, const k8s::ClusterRef& ref);
    void closeCluster();
    void reloadCluster();
    bool isClusterOpen() const { return !m_clusterContext.isEmpty(); }
    QString clusterContext() const { return m_clusterContext; }
    const k8s::ClusterRef& clusterRef() const { return m_ref; }
    /// The last health read; nullopt before the first read of the open cluster.
    const std::optional<k8s::ClusterHealth>& health() const { return m_health; }
    bool isLoading() const { return m_loadJob != 0; }
    /// Watch events seen since the cluster was opened (tests and the status line).
    int changesSeen() const { return m_changes; }

    /// One reading of the open cluster's archiving: its instances through pods/proxy, the
    /// primary's facts held against the cluster's bucket (what `k8s metrics --json` prints).
    struct ArchivingReading {
        monitor::ClusterArchiving cluster;
        std::optional<monitor::ArchiverHealth> health;
        monitor::LagSample sample;
    };
    /// Reads the open cluster's archiving now and then every `seconds` (0: only when asked with
    /// sampleArchiving()), storing each reading in the history at historyPath (SQLite; none when
    /// empty) under archivingTarget(). A cluster whose pods/proxy is forbidden stops being
    /// sampled (archivingFailed() says why) until it is opened again. Samples older than
    /// retentionDays leave the history once per session.
    void setArchivingSampling(int seconds, const QString& historyPath, int retentionDays = 30);
    void sampleArchiving();
    const std::optional<ArchivingReading>& archiving() const { return m_archiving; }
    /// The history key of the open cluster: "CONTEXT cnpg://NS/NAME".
    QString archivingTarget() const;
    QString historyPath() const { return m_historyPath; }
    bool isSamplingArchiving() const { return m_sampleTimer.isActive(); }
    /// The open cluster's stored samples since fromUsec (read from the history once, then each
    /// new reading appended): archivingHistoryLoaded() follows.
    void loadArchivingHistory(qint64 fromUsec);
    const QList<monitor::LagSample>& archivingHistory() const { return m_lag; }

signals:
    void contextsLoaded();
    void contextsFailed(const tideline::Error& error);
    void clustersListed(const QString& context);
    void clustersFailed(const QString& context, const tideline::Error& error);
    void clusterLoading();
    void clusterLoaded();
    void clusterFailed(const tideline::Error& error);
    void clusterChanged();
    void archivingSampled();
    void archivingFailed(const tideline::Error& error);
    void archivingHistoryLoaded();
    /// The local history could not be read (the chart stays as it was; readings go on).
    void archivingHistoryFailed(const tideline::Error& error);

private:
    struct Clients;
    void startWatch(const QString& title, const QString& path, const QUrlQuery& query);
    void stopWatches();
    void onProgress(quint64 id);

    JobRunner& m_runner;
    std::shared_ptr<Clients> m_clients;
    std::optional<k8s::Kubeconfig> m_config;
    QStringList m_contexts;
    QString m_current;
    bool m_read = false;
    QHash<QString, k8s::ClusterListing> m_listings;

    QString m_clusterContext;
    k8s::ClusterRef m_ref;
    std::optional<k8s::ClusterHealth> m_health;
    quint64 m_loadJob = 0;
    bool m_reloadAgain = false;
    QList<quint64> m_watchJobs;
    QTimer m_debounce;
    int m_generation = 0;
    int m_changes = 0;

    QTimer m_sampleTimer;
    int m_sampleSeconds = 0;
    QString m_historyPath;
    int m_retentionDays = 30;
    bool m_pruned = false;
    quint64 m_sampleJob = 0;
    std::optional<ArchivingReading> m_archiving;
    QList<monitor::LagSample> m_lag;
    qint64 m_lagFromUsec = 0;
};

} // namespace tideline::gui
