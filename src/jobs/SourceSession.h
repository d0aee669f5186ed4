// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "src/jobs/ConnectionProfile.h"
#include "src/jobs/JobRunner.h"
#include "src/models/ServerSnapshot.h"

#include <QMap>
#include <QObject>
#include <QStringList>

#include <memory>

namespace tideline::gui {

/// One open source (a connection's bucket and path): its servers, and one snapshot per server,
/// loaded by jobs on the runner. A newer open() or reload() makes results of older jobs stale;
/// they are dropped when they arrive.
/// Thread: GUI thread.
class SourceSession final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SourceSession)

public:
    /// The store (behind the GUI-thread guard) and the servers under the source.
    struct Opened {
        storage::SourceUrl url;
        std::shared_ptr<storage::ObjectStore> store;
        QStringList servers;
    };
    /// Opens the store and lists the servers: a job body, never for the GUI thread.
    static Result<Opened> openAndList(const storage::S3Options& options, const QString& sourceUrl, JobContext& context);

    SourceSession(JobRunner& runner, QObject* parent = nullptr);
    ~SourceSession() override;

    /// Starts listing and then loading every server. Errors in the profile come back through
    /// failed() right away (queued), like any other.
    void open(const ConnectionProfile& profile, const S3Secret& secret);
    void reload();
    /// Cancels this session's running jobs.
    void cancel();
    /// Forgets the source (the connection was removed or closed).
    void close();

    bool isOpen() const { return !m_profile.id.isEmpty(); }
    bool isLoading() const { return !m_jobs.isEmpty(); }
    const ConnectionProfile& profile() const { return m_profile; }
    QStringList servers() const { return m_servers; }
    SnapshotPtr snapshot(const QString& server) const { return m_snapshots.value(server); }
    /// The open store (shared with the jobs that read it); null until the source is listed.
    std::shared_ptr<storage::ObjectStore> store() const { return m_store; }
    /// The loaded snapshots, in server order.
    QList<SnapshotPtr> snapshots() const;
    /// Failures of the last load, first one first.
    const QList<Error>& errors() const { return m_errors; }

signals:
    void started();
    void serversListed(const QStringList& servers);
    void serverLoaded(const QString& server);
    void failed(const tideline::Error& error);
    /// Every job of the current load has returned, with or without errors.
    void finished();

private:
    void loadServer(const QString& server);
    /// The second look: the server's WAL records (the event index), then serverLoaded again.
    void readWalEvents(const QString& server);
    /// Keeps a finished snapshot and says so (serverLoaded), or reports its error; true if kept.
    bool acceptSnapshot(const QString& server, Result<SnapshotPtr> result);
    void jobDone(quint64 id);
    void reportError(const Error& error);

    JobRunner& m_runner;
    ConnectionProfile m_profile;
    S3Secret m_secret;
    std::shared_ptr<storage::ObjectStore> m_store;
    storage::SourceUrl m_url;
    QStringList m_servers;
    QMap<QString, SnapshotPtr> m_snapshots;
    QList<Error> m_errors;
    QList<quint64> m_jobs;
    int m_generation = 0;
};

} // namespace tideline::gui
