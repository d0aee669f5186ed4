// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/jobs/SourceSession.h"

#include "src/jobs/GuardedStore.h"

#include <QTimer>

namespace tideline::gui {

Result<SourceSession::Opened> SourceSession::openAndList(const storage::S3Options& options, const QString& sourceUrl,
                                                         JobContext& context)
{
    auto url = storage::SourceUrl::parse(sourceUrl);
    if (!url)
        return fail(url.error());
    // openStore reads ~/.aws files: file I/O, so it runs here on the worker too.
    auto store = storage::openStore(*url, options);
    if (!store)
        return fail(store.error());
    auto guarded = std::make_shared<GuardedStore>(std::move(*store));
    context.report({SourceSession::tr("listing servers"), 0, -1, 0});
    auto servers = catalog::listServers(*guarded, *url, context);
    if (!servers)
        return fail(servers.error());
    return Opened{*url, std::move(guarded), *servers};
}

SourceSession::SourceSession(JobRunner& runner, QObject* parent) : QObject(parent), m_runner(runner)
{}

SourceSession::~SourceSession()
{
    cancel();
}

QList<SnapshotPtr> SourceSession::snapshots() const
{
    QList<SnapshotPtr> out;
    for (const QString& s : m_servers)
        if (const SnapshotPtr p = m_snapshots.value(s))
            out.append(p);
    return out;
}

void SourceSession::cancel()
{
    for (const quint64 id : std::as_const(m_jobs))
        m_runner.cancel(id);
}

void SourceSession::close()
{
    cancel();
    ++m_generation;
    m_jobs.clear();
    m_profile = {};
    m_secret = {};
    m_store.reset();
    m_servers.clear();
    m_snapshots.clear();
    m_errors.clear();
}

void SourceSession::open(const ConnectionProfile& profile, const S3Secret& secret)
{
    close();
    m_profile = profile;
    m_secret = secret;
    reload();
}

void SourceSession::reportError(const Error& error)
{
    m_errors.append(error);
    emit failed(error);
}

void SourceSession::reload()
{
    if (!isOpen())
        return;
    cancel();
    const int generation = ++m_generation;
    m_jobs.clear();
    m_errors.clear();
    emit started();
    auto options = m_profile.s3Options(m_secret);
    if (!options) {
        // Queued, so a caller connecting after open() still hears about it.
        const Error error = options.error();
        QTimer::singleShot(0, this, [this, generation, error] {
            if (generation != m_generation)
                return;
            reportError(error);
            emit finished();
        });
        return;
    }
    const QString url = m_profile.sourceUrl();
    auto self = std::make_shared<quint64>(0); // the job's own id, known once run() returns
    *self = m_runner.run<Opened>(
        tr("List servers in %1").arg(url),
        [options = *options, url](JobContext& context) { return openAndList(options, url, context); }, this,
        [this, generation, self](Result<Opened> result) {
            if (generation != m_generation)
                return;
            if (!result) {
                reportError(result.error());
                jobDone(*self);
                return;
            }
            m_store = result->store;
            m_url = result->url;
            m_servers = result->servers;
            emit serversListed(m_servers);
            if (m_servers.isEmpty())
                reportError(Error{ErrorCode::MissingSource,
                                  tr("No server under %1.").arg(m_url.toString()),
                                  tr("Check the bucket and path: they are CNPG's destinationPath, the "
                                     "folder that holds one folder per serverName."),
                                  {}});
            for (const QString& server : std::as_const(m_servers))
                loadServer(server);
            jobDone(*self);
        });
    m_jobs.append(*self);
}

void SourceSession::loadServer(const QString& server)
{
    const int generation = m_generation;
    auto store = m_store;
    const storage::SourceUrl url = m_url;
    auto self = std::make_shared<quint64>(0);
    *self = m_runner.run<SnapshotPtr>(
        tr("Load %1 from %2").arg(server, url.toString()),
        [store, url, server](JobContext& context) -> Result<SnapshotPtr> {
            auto catalog = catalog::loadServerCatalog(*store, url, server, context);
            if (!catalog)
                return fail(catalog.error());
            return ServerSnapshot::make(std::move(*catalog));
        },
        this,
        [this, generation, server, self](Result<SnapshotPtr> result) {
            if (generation != m_generation)
                return;
            if (acceptSnapshot(server, std::move(result)))
                readWalEvents(server);
            jobDone(*self);
        });
    m_jobs.append(*self);
}

void SourceSession::readWalEvents(const QString& server)
{
    const int generation = m_generation;
    auto store = m_store;
    const SnapshotPtr base = m_snapshots.value(server);
    auto self = std::make_shared<quint64>(0);
    *self = m_runner.run<SnapshotPtr>(
        tr("Read the WAL records of %1").arg(server),
        [store, base, url = m_url, server](JobContext& context) -> Result<SnapshotPtr> {
            catalog::WalEventIndexOptions options;
            options.cacheDir = catalog::defaultWalEventCacheDir(url, server);
            options.limitAsUnasked();
            auto events = catalog::buildWalEventIndex(*store, base->catalog, options, context);
            if (!events && events.error().code == ErrorCode::Refused) {
                // Too much to read unasked; the last commits cost only each timeline's tail.
                options.maxDownloadBytes = 0;
                options.maxDownloadObjects = 0;
                auto last = catalog::readLastCommits(*store, base->catalog, options, context);
                if (!last)
                    return fail(last.error());
                return ServerSnapshot::withEventsUnread(*base, events.error(), std::move(*last));
            }
            if (!events)
                return fail(events.error());
            return ServerSnapshot::withEvents(*base, std::move(*events));
        },
        this,
        [this, generation, server, self](Result<SnapshotPtr> result) {
            if (generation != m_generation)
                return;
            acceptSnapshot(server, std::move(result));
            jobDone(*self);
        });
    m_jobs.append(*self);
}

bool SourceSession::acceptSnapshot(const QString& server, Result<SnapshotPtr> result)
{
    if (!result) {
        Error e = result.error();
        if (e.code != ErrorCode::Cancelled)
            e.message = QStringLiteral("%1: %2").arg(server, e.message);
        reportError(e);
        return false;
    }
    m_snapshots.insert(server, *result);
    emit serverLoaded(server);
    return true;
}

void SourceSession::jobDone(quint64 id)
{
    m_jobs.removeAll(id);
    if (m_jobs.isEmpty())
        emit finished();
}

} // namespace tideline::gui
