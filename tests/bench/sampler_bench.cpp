// SPDX-License-Identifier: GPL-3.0-or-later
// What one archiving reading costs the window's sampler (KubeSession::sampleArchiving's job, run
// here in a loop on this thread): the instances through pods/proxy, the primary held against the
// cluster's bucket, the assessment and one row in the SQLite history. Reports CPU time per
// reading (getrusage) and what that is as a share of one core at the default 10 s interval.
// Target (issue 15): under 1% of a core at 10 s.
// Run: tests/bench/sampler_bench.py (sets up the scripted API server over the fixture buckets).
#include "engine/k8s/ClusterSource.h"
#include "engine/k8s/CnpgCluster.h"
#include "engine/k8s/KubeClient.h"
#include "engine/k8s/Kubeconfig.h"
#include "engine/monitor/BucketWalPosition.h"
#include "engine/monitor/ClusterArchiving.h"
#include "engine/monitor/LagHistory.h"
#include "engine/storage/StoreFactory.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <sys/resource.h>

#include <cstdio>

using namespace tideline;

namespace {

double cpuMs()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
}

int die(const Error& e)
{
    std::fprintf(stderr, "%s\n", qPrintable(e.oneLine()));
    return 1;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 3) {
        std::fprintf(stderr, "usage: sampler_bench KUBECONFIG cnpg://NS/CLUSTER [READINGS]\n");
        return 2;
    }
    const int readings = argc > 3 ? std::atoi(argv[3]) : 50;
    auto config = k8s::Kubeconfig::load(k8s::Kubeconfig::Sources::fromEnvironment(QString::fromLocal8Bit(argv[1])));
    if (!config)
        return die(config.error());
    auto context = config->resolve();
    if (!context)
        return die(context.error());
    auto client = k8s::KubeClient::connect(*context);
    if (!client)
        return die(client.error());
    auto ref = k8s::ClusterRef::parse(QString::fromLocal8Bit(argv[2]));
    if (!ref)
        return die(ref.error());
    const CancelToken cancel;
    auto bucket = k8s::resolveClusterBucket(**client, *ref, cancel);
    if (!bucket)
        return die(bucket.error());
    QTemporaryDir dir;
    const QString historyPath = dir.filePath(QStringLiteral("archiving.sqlite"));
    auto reading = [&]() -> Result<void> {
        // As the sampler's job: a store and a history connection of its own each time.
        auto cluster = monitor::readClusterArchiving(**client, bucket->cluster, cancel);
        if (!cluster)
            return std::unexpected(cluster.error());
        if (!cluster->primaryFacts)
            return fail(ErrorCode::Internal, QStringLiteral("no primary facts: ") + cluster->warnings.join(u"; "));
        auto store = storage::openStore(bucket->url, bucket->options);
        if (!store)
            return std::unexpected(store.error());
        auto position = monitor::locateServerWal(**store, bucket->url, bucket->serverName, *cluster->primaryFacts, cancel);
        if (!position)
            return std::unexpected(position.error());
        const auto health = monitor::assessArchiver(*cluster->primaryFacts, std::move(*position), {});
        auto history = monitor::LagHistory::open(historyPath);
        if (!history)
            return std::unexpected(history.error());
        return history->append(QStringLiteral("bench"), monitor::LagSample::of(health));
    };
    if (auto warm = reading(); !warm) // connections, TLS sessions, the schema
        return die(warm.error());
    const double cpu0 = cpuMs();
    QElapsedTimer wall;
    wall.start();
    for (int i = 0; i < readings; ++i)
        if (auto r = reading(); !r)
            return die(r.error());
    const double cpuPer = (cpuMs() - cpu0) / readings;
    const double wallPer = double(wall.nsecsElapsed()) / 1e6 / readings;
    std::printf("tideline sampler  %d readings: %.1f ms CPU and %.1f ms wall each; at 10 s: %.2f%% of a core\n",
                readings, cpuPer, wallPer, cpuPer / 10'000 * 100);
    return 0;
}
