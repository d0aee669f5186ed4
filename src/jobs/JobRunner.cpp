// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/jobs/JobRunner.h"

namespace tideline::gui {

JobRunner::JobRunner(QObject* parent, int maxThreads) : QObject(parent)
{
    // Its own pool, not the global one: a slow bucket must not starve QtConcurrent users
    // elsewhere, and the engine parallelises requests inside each job anyway.
    m_pool.setMaxThreadCount(maxThreads);
    m_pool.setObjectName(QStringLiteral("tideline-jobs"));
    qRegisterMetaType<tideline::Progress>();
    qRegisterMetaType<std::optional<tideline::Error>>();
}

JobRunner::~JobRunner()
{
    cancelAll();
    // Cancelled jobs return at their next check; their queued progress and results are dropped
    // with this object.
    m_pool.waitForDone();
}

quint64 JobRunner::begin(const QString& title)
{
    const quint64 id = m_nextId++;
    m_tokens.insert(id, CancelToken());
    emit jobStarted(id, title);
    return id;
}

void JobRunner::finish(quint64 id, const std::optional<Error>& error)
{
    m_tokens.remove(id);
    emit jobFinished(id, error);
}

void JobRunner::cancel(quint64 id)
{
    const auto it = m_tokens.constFind(id);
    if (it != m_tokens.cend())
        it->cancel();
}

void JobRunner::cancelAll()
{
    for (const CancelToken& token : std::as_const(m_tokens))
        token.cancel();
}

} // namespace tideline::gui
