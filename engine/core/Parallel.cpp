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
    // The process's nice plus the setting, whichever thread made this one: a new thread starts
    // with its creator's nice, and pool threads create each other (nested parallelFor), so adding
    // to the thread's own value would stack up. Raising nice needs no privilege; lowering it again
    // would, so a thread is only ever raised.
    thread_local bool adopted = false;
    const int wanted = g_backgroundNice.load();
    if (adopted || wanted <= 0)
        return;
    adopted = true;
    static const int processNice = [] {
        errno = 0;
        const int nice = ::getpriority(PRIO_PROCESS, id_t(::getpid())); // the main thread's
        return errno == 0 ? nice : 0;
    }();
    const int target = std::min(19, processNice + wanted);
    const id_t self = id_t(::gettid());
    errno = 0;
    const int now = ::getpriority(PRIO_PROCESS, self);
    if (errno == 0 && now < target)
        ::setpriority(PRIO_PROCESS, self, target);
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
