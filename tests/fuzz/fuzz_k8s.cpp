// SPDX-License-Identifier: GPL-3.0-or-later
// What a kubeconfig, an API server, a ScheduledBackup or a Helm values file can hand Tideline: the first byte picks
// the parser, the rest is the hostile text. Nothing may crash, hang or trip a sanitizer; every
// refusal must be an Error, not an exception.
#include "engine/k8s/ClusterComparison.h"
#include "engine/k8s/ClusterSource.h"
#include "engine/k8s/CnpgBackup.h"
#include "engine/k8s/CnpgCluster.h"
#include "engine/k8s/CnpgScheduledBackup.h"
#include "engine/k8s/HelmValues.h"
#include "engine/k8s/Kubeconfig.h"

#include <QJsonDocument>

#include <cstdint>
#include <limits>

using namespace tideline;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1)
        return 0;
    const QByteArray text(reinterpret_cast<const char*>(data + 1), static_cast<qsizetype>(size - 1));
    switch (data[0] % 5) {
    case 0: {
        const auto config = k8s::Kubeconfig::parse(text, QStringLiteral("/tmp/fuzz/kubeconfig"));
        if (config)
            for (const QString& name : config->contextNames() + QStringList{QString()})
                (void)config->resolve(name);
        break;
    }
    case 1: {
        const auto cron = k8s::CronSchedule::parse(QString::fromUtf8(text));
        if (cron)
            for (const qint64 at : {qint64(0), qint64(1'764'000'000'000'000), std::numeric_limits<qint64>::max() / 2,
                                    std::numeric_limits<qint64>::min() / 2})
                (void)cron->nextAfter(at);
        (void)k8s::CronSchedule::crontabEquivalent(QString::fromUtf8(text));
        break;
    }
    case 2: {
        const QJsonObject object = QJsonDocument::fromJson(text).object();
        const auto cluster = k8s::CnpgCluster::fromJson(object);
        const auto store = k8s::CnpgObjectStore::fromJson(object);
        const auto backup = k8s::CnpgBackup::fromJson(object);
        const auto scheduled = k8s::CnpgScheduledBackup::fromJson(object);
        if (cluster) {
            (void)cluster->toJson(store ? &*store : nullptr);
            k8s::BucketFacts facts;
            facts.server = cluster->serverName();
            facts.backups.append({QStringLiteral("20260101T000000"), true, Timestamp::fromUsec(0)});
            QList<k8s::CnpgBackup> backups;
            if (backup)
                backups.append(*backup);
            QList<k8s::CnpgScheduledBackup> schedules;
            if (scheduled)
                schedules.append(*scheduled);
            (void)k8s::compareWithBucket(*cluster, store ? &*store : nullptr, backups, schedules, facts,
                                         std::numeric_limits<qint64>::max() / 2);
        }
        if (backup)
            (void)backup->toJson();
        if (scheduled)
            (void)scheduled->toJson(0);
        break;
    }
    case 3: (void)k8s::ClusterRef::parse(QString::fromUtf8(text)); break;
    case 4: (void)k8s::parseHelmValues(text, QStringLiteral("values.yaml")); break;
    }
    return 0;
}
