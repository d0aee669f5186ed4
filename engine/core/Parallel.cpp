// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/core/Parallel.h"

#include <QSemaphore>
#include <QThreadPool>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <memory>
#include <sys/resource.h>
#include <unistd.h>

namespace tideline {

namespace {
std::atomic<int> g_backgroundNice{0};

QThreadPool& ioPool()
{
    static QThreadPool* pool = [] {
        auto* p = new QThreadPool;   // leaked on purpose: workers may outlive static destruction order
        p->setMaxThreadCount(96);    // a catalog: 32 listing lanes, 32 small GETs, their callers
        p->setExpiryTimeout(60'000); // keep threads (and their per-thread connections) warm
        return p;
    }();
    return *pool;
}

void adoptBackgroundNiceness()
{
    // Added to what the thread had (a window started under `nice` stays nicer), once. Raising
    // nice needs no privilege; lowering it again would, so a thread only ever raises it.
    thread_local int added = 0;
    const int wanted = g_backgroundNice.load();
    if (wanted <= added)
        return;
    const pid_t self = pid_t(::gettid());
    errno = 0;
    const int now = ::getpriority(PRIO_PROCESS, id_t(self));
    if (errno == 0 && ::setpriority(PRIO_PROCESS, id_t(self), std::min(19, now + wanted - added)) == 0)
        added = wanted;
}
} // namespace

void setBackgroundNiceness(int nice)
{
    g_backgroundNice = nice;
}

void parallelFor(qsizetype count, int maxConcurrency, const std::function<void(qsizetype)>& fn, const CancelToken& cancel)
{
    if (count <= 0)
        return;
    struct Shared {
        std::atomic<qsizetype> next{0};
        QSemaphore finished;
    };
    auto shared = std::make_shared<Shared>();
    auto work = [shared, count, &fn, cancel] {
        for (;;) {
            if (cancel.isCancelled())
                return;
            const qsizetype i = shared->next.fetch_add(1);
            if (i >= count)
                return;
            fn(i);
        }
    };
    const qsizetype helpersWanted = qMin<qsizetype>(count, qMax(1, maxConcurrency)) - 1;
    int started = 0;
    for (qsizetype h = 0; h < helpersWanted; ++h) {
        const bool ok = ioPool().tryStart([shared, work] {
            adoptBackgroundNiceness();
            work();
            shared->finished.release();
        });
        if (!ok)
            break;
        ++started;
    }
    work();
    shared->finished.acquire(started);
}

} // namespace tideline
