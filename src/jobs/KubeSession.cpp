// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/jobs/KubeSession.h"

#include "engine/core/Clock.h"
#include "engine/monitor/BucketWalPosition.h"
#include "engine/storage/StoreFactory.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QThread>
#include <QUrlQuery>

namespace tideline::gui {

namespace {

// How long a watch waits before it tries again after the API server dropped it.
constexpr int kWatchRetryMs = 2000;
// The archiving history is read thinned to this many columns; the chart thins again to one
// column per two pixels, so this serves a chart 2,000 pixels wide.
constexpr int kHistoryColumns = 1000;

void sleepUnlessCancelled(const CancelToken& cancel, int ms)
{
    for (int slept = 0; slept < ms && !cancel.isCancelled(); slept += 50)
        QThread::msleep(50);
}

} // namespace

// One client per context, made on a worker (connect() reads certificate files) and shared by
// every job of the session.
struct KubeSession::Clients {
    QMutex mutex;
    QHash<QString, std::shared_ptr<k8s::KubeClient>> byContext;

    Result<std::shared_ptr<k8s::KubeClient>> get(const k8s::ResolvedContext& context)
    {
        {
            QMutexLocker locker(&mutex);
            if (auto client = byContext.value(context.contextName))
                return client;
        }
        auto made = k8s::KubeClient::connect(context);
        if (!made)
            return fail(made.error());
        QMutexLocker locker(&mutex);
        auto& slot = byContext[context.contextName];
        if (!slot)
            slot = std::shared_ptr<k8s::KubeClient>(std::move(*made));
        return slot;
    }
};

KubeSession::KubeSession(JobRunner& runner, QObject* parent)
    : QObject(parent), m_runner(runner), m_clients(std::make_shared<Clients>())
{
    m_debounce.setSingleShot(true);
    // Events come in bursts (a backup moves through its phases in seconds): one read per burst.
    m_debounce.setInterval(250);
    connect(&m_debounce, &QTimer::timeout, this, &KubeSession::reloadCluster);
    connect(&m_sampleTimer, &QTimer::timeout, this, &KubeSession::sampleArchiving);
    connect(&m_runner, &JobRunner::jobProgress, this, [this](quint64 id) { onProgress(id); });
}

KubeSession::~KubeSession()
{
    closeCluster();
}

void KubeSession::loadContexts(const QString& file)
{
    const auto sources = k8s::Kubeconfig::Sources::fromEnvironment(file);
    const bool explicitFile = !file.isEmpty();
    m_runner.run<std::optional<k8s::Kubeconfig>>(
        tr("Read the kubeconfig"),
        [sources, explicitFile](JobContext&) -> Result<std::optional<k8s::Kubeconfig>> {
            auto config = k8s::Kubeconfig::load(sources);
            // No kubeconfig anywhere is the common desktop: nothing to show, nothing wrong.
            if (!config && !explicitFile && config.error().code == ErrorCode::MissingSource)
                return std::nullopt;
            if (!config)
                return fail(config.error());
            return std::optional<k8s::Kubeconfig>(std::move(*config));
        },
        this,
        [this](Result<std::optional<k8s::Kubeconfig>> config) {
            m_read = true;
            if (!config) {
                emit contextsFailed(config.error());
                return;
            }
            m_config = std::move(*config);
            m_contexts = m_config ? m_config->contextNames() : QStringList();
            m_current = m_config ? m_config->currentContext() : QString();
            m_listings.clear();
            emit contextsLoaded();
        });
}

QString KubeSession::serverOf(const QString& context) const
{
    if (!m_config)
        return {};
    const auto resolved = m_config->resolve(context);
    return resolved ? resolved->cluster.server : QString();
}

const k8s::ClusterListing* KubeSession::listing(const QString& context) const
{
    const auto it = m_listings.constFind(context);
    return it == m_listings.cend() ? nullptr : &*it;
}

void KubeSession::listClusters(const QString& context)
{
    auto resolved = m_config ? m_config->resolve(context)
                             : Result<k8s::ResolvedContext>(fail(ErrorCode::MissingSource, tr("No kubeconfig is loaded.")));
    if (!resolved) {
        const Error error = resolved.error();
        QTimer::singleShot(0, this, [this, context, error] { emit clustersFailed(context, error); });
        return;
    }
    m_runner.run<k8s::ClusterListing>(
        tr("List CNPG clusters in %1").arg(context),
        [clients = m_clients, resolved = *resolved](JobContext& job) -> Result<k8s::ClusterListing> {
            auto client = clients->get(resolved);
            if (!client)
                return fail(client.error());
            auto all = k8s::listClusters(**client, QString(), job.cancelToken());
            // Many users may list only their own namespace: show that rather than nothing.
            if (!all && all.error().code == ErrorCode::Auth)
                return k8s::listClusters(**client, resolved.nameSpace, job.cancelToken());
            return all;
        },
        this,
        [this, context](Result<k8s::ClusterListing> listing) {
            if (!listing) {
                emit clustersFailed(context, listing.error());
                return;
            }
            m_listings.insert(context, std::move(*listing));
            emit clustersListed(context);
        });
}

void KubeSession::openCluster(const QString& context, const k8s::ClusterRef& ref)
{
    closeCluster();
    m_clusterContext = context;
    m_ref = ref;
    reloadCluster();
    if (!isClusterOpen())
        return;
    QUrlQuery byName;
    byName.addQueryItem(QStringLiteral("fieldSelector"), QStringLiteral("metadata.name=") + ref.name);
    startWatch(tr("Watch cluster %1").arg(ref.toString()), k8s::cnpgPath(ref.nameSpace, QStringLiteral("clusters")), byName);
    startWatch(tr("Watch Backups in %1").arg(ref.nameSpace), k8s::cnpgPath(ref.nameSpace, QStringLiteral("backups")), {});
}

void KubeSession::closeCluster()
{
    ++m_generation;
    stopWatches();
    m_debounce.stop();
    if (m_loadJob)
        m_runner.cancel(m_loadJob);
    m_loadJob = 0;
    m_reloadAgain = false;
    m_clusterContext.clear();
    m_ref = {};
    m_health.reset();
    m_changes = 0;
    m_sampleTimer.stop();
    if (m_sampleJob)
        m_runner.cancel(m_sampleJob);
    m_sampleJob = 0;
    m_archiving.reset();
    m_lag.clear();
    m_lagFromUsec = 0;
}

void KubeSession::reloadCluster()
{
    if (!isClusterOpen())
        return;
    if (m_loadJob) {
        m_reloadAgain = true; // after the read in flight, which may predate the change
        return;
    }
    auto resolved = m_config ? m_config->resolve(m_clusterContext)
                             : Result<k8s::ResolvedContext>(fail(ErrorCode::MissingSource, tr("No kubeconfig is loaded.")));
    if (!resolved) {
        const Error error = resolved.error();
        const int generation = m_generation;
        QTimer::singleShot(0, this, [this, error, generation] {
            if (generation == m_generation)
                emit clusterFailed(error);
        });
        return;
    }
    const int generation = m_generation;
    emit clusterLoading();
    m_loadJob = m_runner.run<k8s::ClusterHealth>(
        tr("Read cluster %1").arg(m_ref.toString()),
        [clients = m_clients, resolved = *resolved, ref = m_ref](JobContext& job) -> Result<k8s::ClusterHealth> {
            auto client = clients->get(resolved);
            if (!client)
                return fail(client.error());
            return k8s::readClusterHealth(**client, ref, {}, job);
        },
        this,
        [this, generation](Result<k8s::ClusterHealth> health) {
            if (generation != m_generation)
                return;
            m_loadJob = 0;
            if (health) {
                const bool first = !m_health;
                m_health = std::move(*health);
                // The first reading needs the cluster's bucket, which this read resolved.
                if (first && m_sampleSeconds > 0) {
                    sampleArchiving();
                    m_sampleTimer.start(m_sampleSeconds * 1000);
                }
                emit clusterLoaded();
            } else if (health.error().code != ErrorCode::Cancelled) {
                emit clusterFailed(health.error());
            }
            if (std::exchange(m_reloadAgain, false))
                reloadCluster();
        });
}

void KubeSession::startWatch(const QString& title, const QString& path, const QUrlQuery& query)
{
    auto resolved =
        m_config ? m_config->resolve(m_clusterContext) : Result<k8s::ResolvedContext>(fail(ErrorCode::MissingSource, {}));
    if (!resolved)
        return;
    // A watch holds its worker for as long as the cluster is open: the pool grows by one for it,
    // so catalog loads and restores never queue behind it.
    QThreadPool& pool = m_runner.pool();
    pool.setMaxThreadCount(pool.maxThreadCount() + 1);
    const quint64 id = m_runner.run<int>(
        title,
        [clients = m_clients, resolved = *resolved, path, query](JobContext& job) -> Result<int> {
            auto client = clients->get(resolved);
            if (!client)
                return fail(client.error());
            const CancelToken& cancel = job.cancelToken();
            int events = 0;
            auto changed = [&] {
                ++events;
                // A new phase each time: the runner's throttle lets phase changes through.
                job.report({QStringLiteral("change %1").arg(events), events, -1, 0});
            };
            QString version;
            // A server that ends every watch at once (or answers each with 410) must not be
            // asked again at once: back off while watches end quickly with nothing in them.
            int quickEnds = 0;
            auto backOff = [&](bool quick) {
                quickEnds = quick ? quickEnds + 1 : 0;
                if (quickEnds > 1)
                    sleepUnlessCancelled(cancel, std::min(30'000, 500 << std::min(quickEnds, 6)));
            };
            while (!cancel.isCancelled()) {
                if (version.isEmpty()) {
                    // The collection's current version: the watch starts there, with no
                    // synthetic ADDED events for what the page has just read.
                    QUrlQuery one = query;
                    one.addQueryItem(QStringLiteral("limit"), QStringLiteral("1"));
                    auto list = (*client)->get(path, one, cancel);
                    if (!list) {
                        if (list.error().code == ErrorCode::Auth || list.error().code == ErrorCode::Cancelled)
                            return fail(list.error());
                        sleepUnlessCancelled(cancel, kWatchRetryMs);
                        continue;
                    }
                    version =
                        list->value(QStringLiteral("metadata")).toObject().value(QStringLiteral("resourceVersion")).toString();
                }
                QElapsedTimer lasted;
                lasted.start();
                const int eventsBefore = events;
                auto end = (*client)->watch(
                    path, query, version,
                    [&](const k8s::KubeClient::WatchEvent& event) {
                        if (event.type != k8s::KubeClient::EventType::Bookmark)
                            changed();
                        return true;
                    },
                    cancel);
                backOff(lasted.elapsed() < 5'000 && events == eventsBefore);
                if (!end) {
                    if (end.error().code == ErrorCode::Auth || end.error().code == ErrorCode::Cancelled)
                        return fail(end.error());
                    version.clear();
                    sleepUnlessCancelled(cancel, kWatchRetryMs);
                    continue;
                }
                if (end->expired) {
                    // Events may have been missed: the page reads everything again.
                    version.clear();
                    changed();
                } else {
                    version = end->resourceVersion;
                }
            }
            return events;
        },
        this,
        [this](Result<int>) {
            QThreadPool& p = m_runner.pool();
            p.setMaxThreadCount(p.maxThreadCount() - 1);
        });
    m_watchJobs.append(id);
}

void KubeSession::stopWatches()
{
    for (const quint64 id : std::as_const(m_watchJobs))
        m_runner.cancel(id);
    m_watchJobs.clear();
}

void KubeSession::onProgress(quint64 id)
{
    if (!m_watchJobs.contains(id))
        return;
    ++m_changes;
    emit clusterChanged();
    // Not restarted by later events: a stream of them still brings a re-read every 250 ms.
    if (!m_debounce.isActive())
        m_debounce.start();
}

void KubeSession::setArchivingSampling(int seconds, const QString& historyPath, int retentionDays)
{
    m_sampleSeconds = std::max(0, seconds);
    m_historyPath = historyPath;
    m_retentionDays = std::max(1, retentionDays);
    if (m_sampleSeconds == 0)
        m_sampleTimer.stop();
    else if (m_health)
        m_sampleTimer.start(m_sampleSeconds * 1000);
}

QString KubeSession::archivingTarget() const
{
    return isClusterOpen() ? m_clusterContext + u' ' + m_ref.toString() : QString();
}

void KubeSession::sampleArchiving()
{
    if (!isClusterOpen() || !m_health || m_sampleJob)
        return; // a reading in flight answers for this tick too
    auto resolved =
        m_config ? m_config->resolve(m_clusterContext) : Result<k8s::ResolvedContext>(fail(ErrorCode::MissingSource, {}));
    if (!resolved)
        return;
    const int generation = m_generation;
    m_sampleJob = m_runner.run<ArchivingReading>(
        tr("Read the archiving of %1").arg(m_ref.toString()),
        [clients = m_clients, resolved = *resolved, bucket = m_health->bucket, path = m_historyPath,
         target = archivingTarget(), prune = !std::exchange(m_pruned, true),
         keepUsec = qint64(m_retentionDays) * 86'400'000'000](JobContext& job) -> Result<ArchivingReading> {
            auto client = clients->get(resolved);
            if (!client)
                return fail(client.error());
            const CancelToken& cancel = job.cancelToken();
            auto cluster = monitor::readClusterArchiving(**client, bucket.cluster, cancel);
            if (!cluster)
                return fail(cluster.error());
            ArchivingReading reading{std::move(*cluster), std::nullopt, {}};
            if (reading.cluster.primaryFacts) {
                std::optional<monitor::BucketWalPosition> position;
                auto store = storage::openStore(bucket.url, bucket.options);
                if (store) {
                    auto located = monitor::locateServerWal(**store, bucket.url, bucket.serverName,
                                                            *reading.cluster.primaryFacts, cancel);
                    if (located)
                        position = std::move(*located);
                    else
                        reading.cluster.warnings.append(tr("the bucket was not compared: %1").arg(located.error().oneLine()));
                }
                reading.health = monitor::assessArchiver(*reading.cluster.primaryFacts, std::move(position), {});
                reading.sample = monitor::LagSample::of(*reading.health);
            } else {
                reading.sample.atUsec = Clock::system().nowUsec();
                reading.sample.error = reading.cluster.warnings.value(0, tr("the primary could not be read"));
            }
            if (!path.isEmpty()) {
                // One connection per reading: jobs run on any pool thread, a connection belongs to one.
                auto history = monitor::LagHistory::open(path);
                if (history) {
                    if (auto stored = history->append(target, reading.sample); !stored)
                        reading.cluster.warnings.append(stored.error().message);
                    // The history's own retention, applied once per window session.
                    if (prune)
                        (void)history->prune(reading.sample.atUsec - keepUsec);
                } else {
                    reading.cluster.warnings.append(history.error().message);
                }
            }
            return reading;
        },
        this,
        [this, generation](Result<ArchivingReading> reading) {
            if (generation != m_generation)
                return;
            m_sampleJob = 0;
            if (reading) {
                m_archiving = std::move(*reading);
                if (m_archiving->sample.atUsec >= m_lagFromUsec)
                    m_lag.append(m_archiving->sample);
                emit archivingSampled();
                return;
            }
            if (reading.error().code == ErrorCode::Cancelled)
                return;
            // No monitoring permission: stop asking until the cluster is opened again.
            if (reading.error().code == ErrorCode::Auth)
                m_sampleTimer.stop();
            m_archiving.reset(); // the last reading is no longer current
            emit archivingFailed(reading.error());
        });
}

void KubeSession::loadArchivingHistory(qint64 fromUsec)
{
    if (!isClusterOpen() || m_historyPath.isEmpty())
        return;
    const int generation = m_generation;
    m_runner.run<QList<monitor::LagSample>>(
        tr("Read the archiving history of %1").arg(m_ref.toString()),
        [path = m_historyPath, target = archivingTarget(), fromUsec](JobContext&) -> Result<QList<monitor::LagSample>> {
            auto history = monitor::LagHistory::open(path);
            if (!history)
                return fail(history.error());
            // Thinned in SQLite to more columns than a screen has: 30 days of 10 s samples are a
            // quarter of a million rows, of which the chart can show a few hundred.
            return history->range(target, fromUsec, Clock::system().nowUsec(), kHistoryColumns);
        },
        this,
        [this, generation, fromUsec](Result<QList<monitor::LagSample>> samples) {
            if (generation != m_generation)
                return;
            if (!samples) {
                emit archivingHistoryFailed(samples.error()); // the readings themselves still stand
                return;
            }
            // Readings that landed while the history was read are in it already, or newer.
            const qint64 lastRead = samples->isEmpty() ? fromUsec : samples->last().atUsec;
            for (const auto& s : std::as_const(m_lag))
                if (s.atUsec > lastRead)
                    samples->append(s);
            m_lag = std::move(*samples);
            m_lagFromUsec = fromUsec;
            emit archivingHistoryLoaded();
        });
}

} // namespace tideline::gui
