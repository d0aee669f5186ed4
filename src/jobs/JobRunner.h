// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/CancelToken.h"
#include "engine/core/Error.h"
#include "engine/core/JobContext.h"

#include <QFutureWatcher>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QPromise>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>
#include <optional>

namespace tideline::gui {

/// Runs engine jobs (blocking `Result<T> work(JobContext&)` calls such as loadServerCatalog) on
/// a dedicated thread pool, so the GUI thread never waits on I/O. Progress reported from the
/// worker is queued to the GUI thread; the result is delivered there through a QFutureWatcher.
/// Every job can be cancelled through its CancelToken: the engine returns ErrorCode::Cancelled
/// promptly, and that outcome is delivered like any other.
/// Thread: create and use on the GUI thread.
class JobRunner final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobRunner)

public:
    explicit JobRunner(QObject* parent = nullptr, int maxThreads = 4);
    /// Cancels every job and waits for the workers to return (they stop at their next check).
    ~JobRunner() override;

    /// Starts `work` on the pool. `done` runs on the GUI thread with the result unless `receiver`
    /// was destroyed meanwhile. Returns the job id.
    template <typename T>
    quint64 run(const QString& title, std::function<Result<T>(JobContext&)> work, QObject* receiver,
                std::function<void(Result<T>)> done)
    {
        const quint64 id = begin(title);
        const CancelToken token = m_tokens.value(id);
        // The destructor waits for the pool, so `this` outlives every worker; a progress event
        // still queued when the runner goes is discarded with it.
        auto future = QtConcurrent::run(&m_pool, [this, id, token, work = std::move(work)](QPromise<Result<T>>& promise) {
            JobContext context(token, [this, id](const Progress& p) {
                // Invoked on the worker thread: hop to the GUI thread.
                QMetaObject::invokeMethod(
                    this, [this, id, p] { emit jobProgress(id, p); }, Qt::QueuedConnection);
            });
            promise.addResult(work(context));
        });
        auto* watcher = new QFutureWatcher<Result<T>>(this);
        QPointer<QObject> guard(receiver);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, id, guard, done = std::move(done)] {
            Result<T> result = watcher->future().resultCount() > 0
                ? watcher->result()
                : Result<T>(fail(ErrorCode::Internal, tr("The job ended without a result.")));
            watcher->deleteLater();
            finish(id, result ? std::nullopt : std::optional<Error>(result.error()));
            if (guard && done)
                done(std::move(result));
        });
        watcher->setFuture(future);
        return id;
    }

    /// Asks one job to stop. Harmless for an unknown or finished id.
    void cancel(quint64 id);
    void cancelAll();
    bool isRunning(quint64 id) const { return m_tokens.contains(id); }
    int runningCount() const { return static_cast<int>(m_tokens.size()); }
    QThreadPool& pool() { return m_pool; }

signals:
    void jobStarted(quint64 id, const QString& title);
    void jobProgress(quint64 id, const tideline::Progress& progress);
    /// error is empty on success; code Cancelled when cancelled.
    void jobFinished(quint64 id, const std::optional<tideline::Error>& error);

private:
    quint64 begin(const QString& title);
    void finish(quint64 id, const std::optional<Error>& error);

    QThreadPool m_pool;
    QHash<quint64, CancelToken> m_tokens;
    quint64 m_nextId = 1;
};

} // namespace tideline::gui
