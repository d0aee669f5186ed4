// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/CancelToken.h"

#include <QString>

#include <functional>
#include <mutex>

namespace tideline {

/// A snapshot of a job's progress. total < 0 means "not known yet".
struct Progress {
    QString phase;   ///< "listing wals", "reading backup.info", ...
    qint64 done = 0; ///< units done (objects, bytes: the phase says which)
    qint64 total = -1;
    qint64 bytes = 0; ///< bytes moved so far, for rates
};

/// What a running job sees of the outside world: whether it should stop, and where to report.
/// Jobs call report() as often as they like from any thread; the callback is throttled to at most
/// one call per 100 ms (phase changes and completion always pass) and is invoked on the reporting
/// thread, so a GUI must queue it to its own thread.
class JobContext {
public:
    using ProgressCallback = std::function<void(const Progress&)>;

    JobContext() = default;
    explicit JobContext(CancelToken cancel, ProgressCallback onProgress = {})
        : m_cancel(std::move(cancel)), m_onProgress(std::move(onProgress))
    {}

    const CancelToken& cancelToken() const { return m_cancel; }
    bool isCancelled() const { return m_cancel.isCancelled(); }
    void report(const Progress& p);

private:
    CancelToken m_cancel;
    ProgressCallback m_onProgress;
    std::mutex m_mutex;
    qint64 m_lastReportMs = 0;
    QString m_lastPhase;
};

} // namespace tideline
