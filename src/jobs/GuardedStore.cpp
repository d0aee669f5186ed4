// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/jobs/GuardedStore.h"

#include <QCoreApplication>
#include <QThread>
#include <QtGlobal>

#include <mutex>

namespace tideline::gui {

namespace {
std::atomic_int g_violations{0};
std::mutex g_handlerMutex;
GuardedStore::ViolationHandler g_handler;

void defaultViolation(const char* call)
{
#ifndef QT_NO_DEBUG
    qFatal("ObjectStore::%s called on the GUI thread: run it through JobRunner", call);
#else
    qWarning("ObjectStore::%s called on the GUI thread: run it through JobRunner", call);
#endif
}
} // namespace

GuardedStore::GuardedStore(std::unique_ptr<storage::ObjectStore> inner) : m_inner(std::move(inner))
{}

GuardedStore::~GuardedStore() = default;

void GuardedStore::setViolationHandler(ViolationHandler handler)
{
    std::lock_guard lock(g_handlerMutex);
    g_handler = std::move(handler);
}

int GuardedStore::violations()
{
    return g_violations.load();
}

void GuardedStore::check(const char* call)
{
    const QCoreApplication* app = QCoreApplication::instance();
    if (!app || QThread::currentThread() != app->thread())
        return;
    ++g_violations;
    ViolationHandler handler;
    {
        std::lock_guard lock(g_handlerMutex);
        handler = g_handler;
    }
    if (handler)
        handler(call);
    else
        defaultViolation(call);
}

QString GuardedStore::describe() const
{
    return m_inner->describe(); // no I/O: allowed anywhere
}

Result<storage::Listing> GuardedStore::list(const QString& prefix, const QString& delimiter, const CancelToken& cancel)
{
    check("list");
    return m_inner->list(prefix, delimiter, cancel);
}

Result<int> GuardedStore::listRangePages(const QString& prefix, const QString& startAfter, const QString& upTo,
                                         const CancelToken& cancel, const storage::PageSink& sink)
{
    check("listRangePages");
    return m_inner->listRangePages(prefix, startAfter, upTo, cancel, sink);
}

Result<storage::ObjectInfo> GuardedStore::read(const QString& key, const storage::ChunkSink& sink, const CancelToken& cancel,
                                               storage::ByteRange range)
{
    check("read");
    return m_inner->read(key, sink, cancel, range);
}

Result<storage::ObjectInfo> GuardedStore::head(const QString& key, const CancelToken& cancel)
{
    check("head");
    return m_inner->head(key, cancel);
}

Result<void> GuardedStore::put(const QString& key, const QByteArray& data, const CancelToken& cancel)
{
    check("put");
    return m_inner->put(key, data, cancel);
}

storage::DeleteReport GuardedStore::deleteObjects(const QStringList& keys, const CancelToken& cancel)
{
    check("deleteObjects");
    return m_inner->deleteObjects(keys, cancel);
}

} // namespace tideline::gui
