// SPDX-License-Identifier: GPL-3.0-or-later
// What a pod's metrics endpoint and its instance manager's status endpoint can hand Tideline
// through pods/proxy: the first byte picks the parser, the rest is the hostile text. Nothing may
// crash, hang or trip a sanitizer; every refusal must be an Error.
#include "engine/monitor/ClusterArchiving.h"
#include "engine/monitor/PrometheusText.h"

#include <QJsonDocument>

#include <cstdint>

using namespace tideline;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1)
        return 0;
    const QByteArray text(reinterpret_cast<const char*>(data + 1), static_cast<qsizetype>(size - 1));
    monitor::InstanceArchiving instance;
    switch (data[0] % 2) {
    case 0: {
        // Caps small enough that the fuzzer reaches each of them.
        const auto metrics = monitor::PrometheusMetrics::parse(
            text, {.maxLineBytes = 4096, .maxLabels = 16, .maxSamples = 1000, .maxLabelPairs = 2000, .maxFamilies = 500});
        if (metrics) {
            monitor::readInstanceMetrics(*metrics, instance);
            (void)metrics->value(u"cnpg_collector_pg_wal_archive_status",
                                 {{QStringLiteral("value"), QStringLiteral("ready")}});
            for (const monitor::PrometheusSample& s : metrics->samples())
                (void)metrics->matching(s.name, s.labels);
        }
        break;
    }
    case 1: {
        instance.lastArchivedUsec = 1'764'798'000'000'000;
        instance.secondsSinceLastArchival = 30;
        (void)monitor::archiverFactsFromInstance(QJsonDocument::fromJson(text).object(), instance, 0);
        break;
    }
    }
    return 0;
}
