// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/restore/DrillJob.h"

#include "engine/core/Clock.h"
#include "engine/core/FileTree.h"
#include "engine/core/Timestamp.h"
#include "engine/restore/DrillScratch.h"
#include "engine/restore/WalSpool.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QThread>

#include <libpq-fe.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <optional>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tideline::restore {

namespace {

struct DrillJobText {
    Q_DECLARE_TR_FUNCTIONS(DrillJob)
};

// Phase names are kept in English (the JSON form) and translated for the Markdown report.
QString phaseName(const char* source) // takes QT_TRANSLATE_NOOP("DrillJob", ...)
{
    return QString::fromUtf8(source);
}

constexpr int kPort = 5432; // the socket lives in the private scratch directory, so no clash

// Runs a PostgreSQL tool as the data's owner: PostgreSQL refuses to run as root.
QStringList asOwner(const QString& owner, const QString& program, const QStringList& args)
{
    if (::geteuid() == 0 && !owner.isEmpty())
        return QStringList{QStringLiteral("runuser"), QStringLiteral("-u"), owner, QStringLiteral("--"), program} + args;
    return QStringList{program} + args;
}

std::optional<uid_t> uidOf(const QString& user)
{
    const QByteArray name = user.toLocal8Bit();
    // A directory service's entry can be larger than any fixed buffer: grow it on ERANGE.
    for (std::size_t size = 4096; size <= (std::size_t(1) << 20); size *= 4) {
        QByteArray buffer(qsizetype(size), Qt::Uninitialized);
        passwd entry{};
        passwd* found = nullptr;
        const int error = ::getpwnam_r(name.constData(), &entry, buffer.data(), size, &found);
        if (error == ERANGE)
            continue;
        if (error != 0 || !found)
            return std::nullopt;
        return found->pw_uid;
    }
    return std::nullopt;
}

// The machine's own postgres by uid, not by name: another name for the same uid is the same
// user to /proc. The name itself still counts when the user database cannot say.
bool isSystemPostgres(const QString& user)
{
    const auto uid = uidOf(user);
    const auto postgres = uidOf(QStringLiteral("postgres"));
    return user == u"postgres" || (uid && uid == postgres);
}

struct Run {
    int exitCode = -1;
    QString output;
    bool timedOut = false;
    bool cancelled = false;
};

// Waits in short slices so that a cancel is seen within a fraction of a second, even while
// pg_ctl waits for a server that replays for an hour.
Run run(const QStringList& command, int timeoutMs, const QMap<QString, QString>& environment = {},
        const CancelToken* cancel = nullptr)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    if (!environment.isEmpty()) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (auto it = environment.cbegin(); it != environment.cend(); ++it)
            env.insert(it.key(), it.value());
        p.setProcessEnvironment(env);
    }
    p.start(command.first(), command.mid(1));
    Run r;
    if (!p.waitForStarted(10'000)) {
        r.output = p.errorString();
        return r;
    }
    QElapsedTimer timer;
    timer.start();
    while (!p.waitForFinished(200)) {
        r.cancelled = cancel && cancel->isCancelled();
        r.timedOut = timer.elapsed() >= timeoutMs;
        if (r.cancelled || r.timedOut || p.state() == QProcess::NotRunning) {
            if (p.state() != QProcess::NotRunning) {
                p.kill();
                p.waitForFinished(5000);
                return r;
            }
            break;
        }
    }
    r.timedOut = false;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.output = QString::fromLocal8Bit(p.readAll());
    return r;
}

class Connection {
public:
    // statementTimeoutSeconds > 0 bounds every statement (a check on a huge table, a lock).
    explicit Connection(const QString& socketDir, const QString& user, int statementTimeoutSeconds = 0)
    {
        QString conninfo =
            QStringLiteral("host='%1' port=%2 dbname=postgres user='%3' connect_timeout=5").arg(socketDir).arg(kPort).arg(user);
        if (statementTimeoutSeconds > 0)
            conninfo += QStringLiteral(" options='-c statement_timeout=%1s'").arg(statementTimeoutSeconds);
        m_conn = PQconnectdb(conninfo.toUtf8().constData());
    }
    ~Connection() { PQfinish(m_conn); }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    bool ok() const { return PQstatus(m_conn) == CONNECTION_OK; }
    QString error() const { return QString::fromUtf8(PQerrorMessage(m_conn)).trimmed(); }

    // First value of the first row; nullopt on an error, no rows, NULL or an empty value.
    std::optional<QString> value(const QString& sql)
    {
        const auto c = check(sql);
        return c.value.isEmpty() ? std::nullopt : std::optional<QString>(c.value);
    }

    struct Outcome {
        bool passed = false;
        QString value; ///< the first value of the first row, as PostgreSQL printed it
        QString why;   ///< why it failed: an error, no rows, NULL, false
    };

    // A check passes only on a true boolean or a non-empty scalar that is not false or zero;
    // no rows, NULL and errors fail. "SELECT max(ts) > now() - '1 h' FROM t" on an emptied
    // table answers NULL: that is a failed check, not a passed one.
    Outcome check(const QString& sql)
    {
        PGresult* res = PQexec(m_conn, sql.toUtf8().constData());
        Outcome out;
        const ExecStatusType st = PQresultStatus(res);
        if (st != PGRES_TUPLES_OK) {
            out.why = st == PGRES_COMMAND_OK ? DrillJobText::tr("returned no rows (not a query)")
                                             : QString::fromUtf8(PQresultErrorMessage(res)).trimmed();
        } else if (PQntuples(res) == 0 || PQnfields(res) == 0) {
            out.why = DrillJobText::tr("returned no rows");
        } else if (PQgetisnull(res, 0, 0)) {
            out.why = DrillJobText::tr("returned NULL");
        } else {
            out.value = QString::fromUtf8(PQgetvalue(res, 0, 0));
            constexpr Oid kBoolOid = 16;
            bool isZero = false;
            out.value.toDouble(&isZero);
            isZero = isZero && out.value.toDouble() == 0;
            if (PQftype(res, 0) == kBoolOid)
                out.passed = out.value == QLatin1String("t");
            else
                out.passed = !out.value.isEmpty() && !isZero;
            if (!out.passed)
                out.why = out.value.isEmpty() ? DrillJobText::tr("returned an empty value")
                                              : DrillJobText::tr("returned %1").arg(out.value);
        }
        PQclear(res);
        return out;
    }

private:
    PGconn* m_conn = nullptr;
};

QString readLog(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

QString lineWith(const QString& log, const QString& needle)
{
    const QStringList lines = log.split(QLatin1Char('\n'));
    for (auto it = lines.crbegin(); it != lines.crend(); ++it)
        if (it->contains(needle))
            return it->trimmed();
    return {};
}

QStringList fatalLines(const QString& log)
{
    QStringList out;
    for (const QString& l : log.split(QLatin1Char('\n')))
        if (l.contains(QLatin1String("FATAL:")) || l.contains(QLatin1String("PANIC:")))
            out.append(l.trimmed());
    return out;
}

// Did PostgreSQL stop where the plan asked? Its own log lines are the evidence.
void judgeTarget(const pitr::RecoveryPlan& plan, DrillReport& report)
{
    const auto& t = plan.target;
    if (report.recoveryStop.isEmpty()) {
        report.reasons.append(DrillJobText::tr("PostgreSQL never logged reaching the recovery target"));
        return;
    }
    switch (t.kind) {
    case pitr::RecoveryTarget::Kind::Immediate:
        if (!report.recoveryStop.contains(QLatin1String("reaching consistency")))
            report.reasons.append(DrillJobText::tr("expected to stop at consistency: %1").arg(report.recoveryStop));
        break;
    case pitr::RecoveryTarget::Kind::Name:
        if (!report.recoveryStop.contains(QStringLiteral("\"%1\"").arg(t.name)))
            report.reasons.append(
                DrillJobText::tr("stopped elsewhere than restore point %1: %2").arg(t.name, report.recoveryStop));
        break;
    case pitr::RecoveryTarget::Kind::Xid:
        // A whole number: transaction 123 is not transaction 1234.
        if (!report.recoveryStop.contains(
                QRegularExpression(QStringLiteral("transaction %1\\b").arg(QRegularExpression::escape(t.xid)))))
            report.reasons.append(
                DrillJobText::tr("stopped elsewhere than transaction %1: %2").arg(t.xid, report.recoveryStop));
        break;
    case pitr::RecoveryTarget::Kind::Time: {
        static const QRegularExpression at(QStringLiteral("log time (.+)$"));
        const auto m = at.match(report.lastTransaction);
        const auto last = m.hasMatch() ? Timestamp::parse(m.captured(1).trimmed()) : std::nullopt;
        if (last && last->usecUtc > t.time.usecUtc)
            report.reasons.append(DrillJobText::tr("the last replayed transaction (%1) is after the target %2")
                                      .arg(last->toIso(), t.time.toIso()));
        break;
    }
    case pitr::RecoveryTarget::Kind::Lsn:
        if (!report.recoveryStop.contains(QStringLiteral("\"%1\"").arg(t.lsn.toString())))
            report.reasons.append(
                DrillJobText::tr("stopped elsewhere than LSN %1: %2").arg(t.lsn.toString(), report.recoveryStop));
        break;
    }
}

QString nowIso()
{
    return Timestamp::fromUsec(Clock::system().nowUsec()).toIso();
}

QString historyPath(const QString& server)
{
    QString safe = server;
    safe.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("_"));
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/tideline/drills/") + safe
        + QStringLiteral(".jsonl");
}

} // namespace

QJsonObject DrillReport::toJson() const
{
    QJsonArray ph;
    for (const auto& p : phases)
        ph.append(QJsonObject{{QStringLiteral("name"), p.name}, {QStringLiteral("seconds"), p.seconds}});
    QJsonArray ch;
    for (const auto& c : checks)
        ch.append(QJsonObject{{QStringLiteral("sql"), c.sql},
                              {QStringLiteral("passed"), c.passed},
                              {QStringLiteral("result"), c.result}});
    const double restoreSeconds = phases.size() > 1 ? phases[1].seconds : 0;
    return {{QStringLiteral("server"), server},
            {QStringLiteral("source"), source},
            {QStringLiteral("backup_id"), backupId},
            {QStringLiteral("target"), target},
            {QStringLiteral("started_at"), startedAt},
            {QStringLiteral("passed"), passed},
            {QStringLiteral("reasons"), QJsonArray::fromStringList(reasons)},
            {QStringLiteral("phases"), ph},
            {QStringLiteral("total_seconds"), totalSeconds},
            {QStringLiteral("rto_seconds"), rtoSeconds},
            {QStringLiteral("durable_rto_seconds"), durableRtoSeconds},
            {QStringLiteral("downloaded_bytes"), downloadedBytes},
            {QStringLiteral("written_bytes"), writtenBytes},
            {QStringLiteral("download_mb_per_second"),
             restoreSeconds > 0 ? static_cast<double>(downloadedBytes) / 1e6 / restoreSeconds : 0.0},
            {QStringLiteral("recovery_stop"), recoveryStop},
            {QStringLiteral("last_transaction"), lastTransaction},
            {QStringLiteral("timeline"), timeline},
            {QStringLiteral("in_recovery"), inRecovery},
            {QStringLiteral("checks"), ch},
            {QStringLiteral("recovery_settings"), QJsonArray::fromStringList(recoverySettings)},
            {QStringLiteral("notes"), QJsonArray::fromStringList(notes)}};
}

QString DrillReport::toMarkdown() const
{
    QString md =
        DrillJobText::tr("# Restore drill: %1 — %2\n\n")
            .arg(server, passed ? DrillJobText::tr("PASSED", "drill verdict") : DrillJobText::tr("FAILED", "drill verdict"));
    md += DrillJobText::tr("- Source: %1\n- Backup: %2\n- Target: %3\n- Started: %4\n- RTO: %5 s (a durable recovery "
                           "here: %9 s)\n- Downloaded: %6 bytes, written: %7 bytes\n- Timeline after promotion: %8\n\n")
              // One pass: a source URL or a restore point name may itself hold "%2".
              .arg(source, backupId, target, startedAt, QString::number(rtoSeconds, 'f', 1), QString::number(downloadedBytes),
                   QString::number(writtenBytes), timeline.isEmpty() ? QStringLiteral("-") : timeline,
                   durableRtoSeconds > 0 ? QString::number(durableRtoSeconds, 'f', 1) : QStringLiteral("-"));
    md += DrillJobText::tr("| phase | seconds |\n|---|---:|\n");
    for (const auto& p : phases)
        md += QStringLiteral("| %1 | %2 |\n")
                  .arg(QCoreApplication::translate("DrillJob", p.name.toUtf8().constData()))
                  .arg(p.seconds, 0, 'f', 2);
    md += DrillJobText::tr("| **total** | **%1** |\n\n").arg(totalSeconds, 0, 'f', 2);
    if (!recoveryStop.isEmpty())
        md += QStringLiteral("PostgreSQL: `%1`\n\n").arg(recoveryStop);
    if (!lastTransaction.isEmpty())
        md += QStringLiteral("PostgreSQL: `%1`\n\n").arg(lastTransaction);
    if (!checks.isEmpty()) {
        md += DrillJobText::tr("| check | result | |\n|---|---|---|\n");
        for (const auto& c : checks)
            md += QStringLiteral("| `%1` | %2 | %3 |\n")
                      .arg(c.sql, c.result,
                           c.passed ? DrillJobText::tr("ok", "check result") : DrillJobText::tr("FAILED", "check result"));
        md += QLatin1Char('\n');
    }
    for (const QString& r : reasons)
        md += DrillJobText::tr("- **Failure:** %1\n").arg(r);
    if (!recoverySettings.isEmpty())
        md +=
            DrillJobText::tr("- Replay settings of this scratch copy: %1\n").arg(recoverySettings.join(QStringLiteral(", ")));
    for (const QString& n : notes)
        md += DrillJobText::tr("- Note: %1\n").arg(n);
    return md;
}

Result<DrillReport> runDrill(storage::ObjectStore& store, const catalog::ServerCatalog& catalog,
                             const pitr::RecoveryPlan& plan, const DrillOptions& o, JobContext& context)
{
    DrillReport report;
    report.server = catalog.server;
    report.source = catalog.source.toString();
    report.backupId = plan.backupId;
    report.target = plan.target.describe();
    report.startedAt = nowIso();
    report.phases.append({phaseName(QT_TRANSLATE_NOOP("DrillJob", "plan")), o.planSeconds});

    // The drill works in a directory of its own, made inside the one given (or the system's temp
    // directory), and only ever deletes that one: --scratch /srv/pg must not lose /srv/pg.
    const QString parent = o.scratchDirectory.isEmpty() ? QDir::tempPath() : QDir::cleanPath(o.scratchDirectory);
    for (const QString& name : QDir(parent).entryList({QStringLiteral("tideline-drill-??????")},
                                                      QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden)) {
        if (context.isCancelled())
            break;
        const QString dir = parent + u'/' + name;
        if (!DrillScratch::abandoned(dir))
            continue;
        if (auto reaped = DrillScratch::reap(dir); reaped)
            report.notes.append(DrillJobText::tr("removed what a drill killed earlier left in %1").arg(dir));
        else
            report.notes.append(reaped.error().oneLine());
    }
    QByteArray tmpl = QFile::encodeName(parent + QStringLiteral("/tideline-drill-XXXXXX"));
    if (!::mkdtemp(tmpl.data())) {
        const int err = errno;
        return fail(ErrorCode::Refused,
                    DrillJobText::tr("cannot create a scratch directory in %1: %2")
                        .arg(parent, QString::fromLocal8Bit(std::strerror(err))),
                    DrillJobText::tr("Give an existing, writable directory with --scratch DIR; the drill works in a new "
                                     "directory inside it and removes only that."));
    }
    const QString scratch = QFile::decodeName(tmpl);
    // The server runs as the data's owner, who must be able to reach the data directory: this
    // directory is ours, the one around it the user's (left as it is).
    ::chmod(tmpl.constData(), 0755);
    // Stamped at once, so a drill killed from here on is reaped. Removed with the directory, or
    // on whatever way out leaves the directory (kept, a server that would not stop, a failed
    // restore with --keep): a later drill reaps only the directories of drills that died first.
    DrillScratch::stamp(scratch);
    const auto release = qScopeGuard([&] {
        if (QFileInfo::exists(scratch))
            DrillScratch::release(scratch);
    });
    const QString data = scratch + QStringLiteral("/data");
    const QString log = scratch + QStringLiteral("/postgres.log");
    // Root removes what the server's user could still write to: never through a link.
    auto cleanup = [&] {
        if (o.keep)
            return;
        if (auto removed = removeTree(scratch); !removed)
            report.notes.append(removed.error().oneLine());
    };
    if (::geteuid() == 0) {
        const QString runAs = o.owner.isEmpty() ? QStringLiteral("postgres") : o.owner;
        if (run(asOwner(runAs, QStringLiteral("test"), {QStringLiteral("-x"), scratch}), 30'000).exitCode != 0) {
            DrillScratch::release(scratch);
            ::rmdir(tmpl.constData()); // empty, and of no use even with --keep
            return fail(ErrorCode::Refused, DrillJobText::tr("the user %1 cannot enter %2").arg(runAs, scratch),
                        DrillJobText::tr("PostgreSQL runs as %1: give --scratch a directory it can reach, such as /var/tmp.")
                            .arg(runAs));
        }
        // Every process of that user may read /proc/PID/environ of the drill's server: the
        // machine's own PostgreSQL, and any of its superusers through COPY ... PROGRAM.
        if (isSystemPostgres(runAs) && o.environment.contains(QStringLiteral("AWS_SECRET_ACCESS_KEY")))
            report.notes.append(DrillJobText::tr("the drill's PostgreSQL runs as postgres with the bucket's keys in its "
                                                 "environment, readable by every process of postgres while it runs: "
                                                 "give --owner a user of its own"));
    }

    RestoreOptions ro;
    ro.destination = data;
    ro.jobs = o.jobs;
    ro.action = RestoreOptions::TargetAction::Promote;
    ro.restoreCommand = o.restoreCommand;
    ro.port = kPort;
    ro.owner = o.owner;
    ro.tablespaceDirectory = scratch + QStringLiteral("/tablespaces");
    ro.sync = false; // a scratch copy, deleted at the end: durability would only cost time
    ro.englishLog = true;
    ro.scratch = true; // thrown away at the end: replay need not be durable
    auto restored = runRestore(store, catalog, plan, ro, context);
    if (!restored) {
        cleanup();
        return fail(restored.error());
    }
    report.downloadedBytes = restored->downloadedBytes;
    report.writtenBytes = restored->writtenBytes;
    report.notes += restored->notes;
    report.recoverySettings = restored->tuning;
    report.phases.append(
        {phaseName(QT_TRANSLATE_NOOP("DrillJob", "restore (download, decompress, extract)")), restored->restoreSeconds});
    report.phases.append({phaseName(QT_TRANSLATE_NOOP("DrillJob", "configure")), restored->configureSeconds});

    const passwd* pw = ::getpwuid(QFileInfo(data).ownerId());
    const QString owner = pw ? QString::fromLocal8Bit(pw->pw_name) : o.owner;
    // The log can hold what the server prints of its settings and queries: the owner's only.
    if (const int fd = ::open(QFile::encodeName(log).constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        fd >= 0)
        ::close(fd);
    if (::geteuid() == 0 && pw)
        ::chown(QFile::encodeName(log).constData(), pw->pw_uid, pw->pw_gid);

    // Replay: from start until PostgreSQL has promoted (WAL fetching happens inside it).
    QElapsedTimer timer;
    timer.start();
    const QString pgCtl = restored->pgBinDir + QStringLiteral("/pg_ctl");
    // What the server logs before it reads lc_messages follows the environment: English too.
    QMap<QString, QString> serverEnvironment = o.environment;
    serverEnvironment.insert(QStringLiteral("LC_MESSAGES"), QStringLiteral("C"));
    serverEnvironment.insert(QStringLiteral("LANGUAGE"), QString());
    serverEnvironment.insert(QLatin1String(DrillScratch::kServerVariable), QStringLiteral("1"));
    // data_directory on the command line beats every file: a backup's postgresql.conf (or a file
    // it includes) naming another directory must not send this server to someone else's data.
    QString dataOption = QStringLiteral("data_directory=") + data;
    dataOption.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    const QString serverOptions = QStringLiteral("-c '%1'").arg(dataOption); // pg_ctl hands -o to /bin/sh
    const Run start =
        run(asOwner(owner, pgCtl,
                    {QStringLiteral("-D"), data, QStringLiteral("-l"), log, QStringLiteral("-w"), QStringLiteral("-t"),
                     QString::number(o.timeoutSeconds), QStringLiteral("-o"), serverOptions, QStringLiteral("start")}),
            (o.timeoutSeconds + 30) * 1000, serverEnvironment, &context.cancelToken());
    bool promoted = false;
    if (start.exitCode == 0) {
        while (timer.elapsed() < o.timeoutSeconds * 1000LL) {
            if (context.isCancelled())
                break;
            Connection c(data, QStringLiteral("postgres"));
            if (c.ok()) {
                if (c.value(QStringLiteral("SELECT pg_is_in_recovery()")) == QStringLiteral("f")) {
                    promoted = true;
                    break;
                }
            } else if (!QFileInfo::exists(data + QStringLiteral("/postmaster.pid"))) {
                break; // the server stopped: the log says why
            }
            QThread::msleep(200);
        }
    }
    report.phases.append({phaseName(QT_TRANSLATE_NOOP("DrillJob", "recovery (WAL fetch and replay, promote)")),
                          static_cast<double>(timer.nsecsElapsed()) / 1e9});

    const QString logText = readLog(log);
    report.recoveryStop = lineWith(logText, QStringLiteral("recovery stopping"));
    report.lastTransaction = lineWith(logText, QStringLiteral("last completed transaction was at log time"));
    report.timeline = lineWith(logText, QStringLiteral("selected new timeline ID")).section(QLatin1Char(':'), -1).trimmed();

    timer.restart();
    if (promoted) {
        Connection c(data, QStringLiteral("postgres"), o.checkTimeoutSeconds);
        report.inRecovery = c.value(QStringLiteral("SELECT pg_is_in_recovery()")) != QStringLiteral("f");
        if (const auto tli = c.value(QStringLiteral("SELECT timeline_id FROM pg_control_checkpoint()"));
            tli && report.timeline.isEmpty())
            report.timeline = *tli;
        for (const QString& sql : o.checkSql) {
            if (context.isCancelled())
                break;
            const auto outcome = c.check(sql);
            DrillCheck check{sql, outcome.passed, outcome.passed ? outcome.value : outcome.why};
            if (!check.passed)
                report.reasons.append(DrillJobText::tr("check failed: %1 -> %2").arg(sql, check.result));
            report.checks.append(check);
        }
        judgeTarget(plan, report);
    } else {
        const QStringList fatal = fatalLines(logText);
        if (context.isCancelled())
            report.reasons.append(DrillJobText::tr("cancelled"));
        else if (fatal.isEmpty())
            report.reasons.append(DrillJobText::tr("PostgreSQL did not finish recovery within %1 s (%2)")
                                      .arg(QString::number(o.timeoutSeconds),
                                           start.timedOut ? DrillJobText::tr("timed out")
                                                          : start.output.trimmed().section(QLatin1Char('\n'), -1)));
        else
            report.reasons.append(DrillJobText::tr("PostgreSQL stopped: %1").arg(fatal.join(QStringLiteral(" / "))));
    }
    report.phases.append({phaseName(QT_TRANSLATE_NOOP("DrillJob", "checks")), static_cast<double>(timer.nsecsElapsed()) / 1e9});

    // The drill replayed with durability off. What a kept recovery adds is everything restored
    // and replayed reaching the disk: measured here, by flushing it, not guessed.
    double flushSeconds = 0;
    if (promoted) {
        timer.restart();
        if (const int fd = ::open(QFile::encodeName(data).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); fd >= 0) {
            ::syncfs(fd);
            ::close(fd);
        }
        flushSeconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
        report.phases.append({phaseName(QT_TRANSLATE_NOOP("DrillJob", "flush to disk (for the durable RTO)")), flushSeconds});
    }

    timer.restart();
    // A copy about to be deleted, or a cancelled drill, stops at once: nothing in it is worth the
    // shutdown checkpoint (a second of writing a gigabyte of buffers, measured). A kept copy stops
    // cleanly, so that it starts again without crash recovery.
    const QString stopMode = context.isCancelled() || !o.keep ? QStringLiteral("immediate") : QStringLiteral("fast");
    const Run stop = run(asOwner(owner, pgCtl,
                                 {QStringLiteral("-D"), data, QStringLiteral("-m"), stopMode, QStringLiteral("-w"),
                                  QStringLiteral("stop")}),
                         120'000);
    // Never delete under a server that is still running: its files would vanish beneath it. But
    // pg_ctl believes postmaster.pid, which a postmaster killed outright (the OOM killer) leaves
    // behind: what stands in the directory decides.
    bool stillRunning = false;
    if (stop.exitCode != 0 && QFileInfo::exists(data + QStringLiteral("/postmaster.pid"))) {
        const auto stood = DrillScratch::stopServer(data);
        stillRunning = !stood;
        if (!stood)
            report.reasons.append(
                DrillJobText::tr("PostgreSQL did not stop; %1 is left as it is (%2)").arg(scratch, stood.error().oneLine()));
        else if (!*stood)
            // Something outside ended it (the OOM killer, an operator): the machine could not hold
            // this recovery, which a passing drill must not hide.
            report.reasons.append(DrillJobText::tr("PostgreSQL had already ended when the drill stopped it: something "
                                                   "outside killed it (the OOM killer?); see the system log"));
    }
    if (!stillRunning && o.keep) {
        // Kept to look at, perhaps started again: no longer with durability off.
        if (auto durable = dropScratchSettings(data); !durable)
            report.notes.append(durable.error().oneLine());
        report.notes.append(DrillJobText::tr("scratch directory kept: %1 (fsync, full_page_writes and synchronous_commit "
                                             "back to their defaults)")
                                .arg(scratch));
    }
    if (!stillRunning) {
        // The WAL prefetchers replay started end with it: a drill is over only when everything it
        // started has ended (they would see the directory gone, but only between downloads).
        const QString spoolBase =
            QFileInfo(data).canonicalFilePath() + QStringLiteral("/pg_wal/") + QLatin1String(WalSpool::kDefaultDirName);
        if (const int left = WalSpool::stopPrefetchers(QFile::encodeName(spoolBase).toStdString(),
                                                       static_cast<uid_t>(QFileInfo(data).ownerId()), 3000);
            left > 0)
            report.notes.append(DrillJobText::tr("%n WAL prefetcher(s) did not stop", nullptr, left));
        cleanup();
    }
    report.phases.append(
        {phaseName(QT_TRANSLATE_NOOP("DrillJob", "stop and clean up")), static_cast<double>(timer.nsecsElapsed()) / 1e9});

    for (const auto& p : report.phases)
        report.totalSeconds += p.seconds;
    // The recovery time objective: what a real recovery would take, planning to checked data
    // (neither the flush that measures durability nor the clean-up).
    for (qsizetype i = 0; i + 1 < report.phases.size(); ++i)
        report.rtoSeconds += report.phases[i].seconds;
    report.rtoSeconds -= flushSeconds;
    if (promoted)
        report.durableRtoSeconds = report.rtoSeconds + flushSeconds;
    if (report.inRecovery && promoted)
        report.reasons.append(DrillJobText::tr("the server is still in recovery"));
    report.passed = promoted && report.reasons.isEmpty();
    if (context.isCancelled())
        return fail(ErrorCode::Cancelled, DrillJobText::tr("drill cancelled"));
    return report;
}

Result<void> appendDrillHistory(const DrillReport& report)
{
    const QString path = historyPath(report.server);
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    if (!f.open(QIODevice::Append))
        return fail(ErrorCode::Refused, DrillJobText::tr("cannot write the drill history %1: %2").arg(path, f.errorString()),
                    DrillJobText::tr("Check permissions of your data directory."));
    f.write(QJsonDocument(report.toJson()).toJson(QJsonDocument::Compact) + '\n');
    return {};
}

QList<DrillReport> drillHistory(const QString& server, const QString& source)
{
    QList<DrillReport> out;
    QFile f(historyPath(server));
    if (!f.open(QIODevice::ReadOnly))
        return out;
    while (!f.atEnd()) {
        const QJsonDocument d = QJsonDocument::fromJson(f.readLine());
        if (!d.isObject())
            continue;
        auto report = DrillReport::fromJson(d.object());
        if (report && report->server == server && (source.isEmpty() || report->source == source))
            out.append(*report);
    }
    return out;
}

std::optional<DrillReport> DrillReport::fromJson(const QJsonObject& j)
{
    auto str = [&](const char* key) { return j.value(QLatin1String(key)).toString(); };
    auto strings = [&](const char* key) {
        QStringList out;
        for (const QJsonValue& v : j.value(QLatin1String(key)).toArray())
            out.append(v.toString());
        return out;
    };
    DrillReport r;
    r.server = str("server");
    r.startedAt = str("started_at");
    if (r.server.isEmpty() || !Timestamp::parse(r.startedAt))
        return std::nullopt;
    r.source = str("source");
    r.backupId = str("backup_id");
    r.target = str("target");
    r.passed = j.value(QStringLiteral("passed")).toBool();
    r.reasons = strings("reasons");
    for (const QJsonValue& v : j.value(QStringLiteral("phases")).toArray())
        r.phases.append({v.toObject().value(QStringLiteral("name")).toString(),
                         v.toObject().value(QStringLiteral("seconds")).toDouble()});
    r.totalSeconds = j.value(QStringLiteral("total_seconds")).toDouble();
    r.rtoSeconds = j.value(QStringLiteral("rto_seconds")).toDouble();
    r.durableRtoSeconds = j.value(QStringLiteral("durable_rto_seconds")).toDouble();
    r.downloadedBytes = j.value(QStringLiteral("downloaded_bytes")).toInteger();
    r.writtenBytes = j.value(QStringLiteral("written_bytes")).toInteger();
    r.recoveryStop = str("recovery_stop");
    r.lastTransaction = str("last_transaction");
    r.timeline = str("timeline");
    r.inRecovery = j.value(QStringLiteral("in_recovery")).toBool(true);
    for (const QJsonValue& v : j.value(QStringLiteral("checks")).toArray()) {
        const QJsonObject c = v.toObject();
        r.checks.append({c.value(QStringLiteral("sql")).toString(), c.value(QStringLiteral("passed")).toBool(),
                         c.value(QStringLiteral("result")).toString()});
    }
    r.notes = strings("notes");
    r.recoverySettings = strings("recovery_settings");
    return r;
}

DrillHistorySummary summarizeDrills(const QList<DrillReport>& history)
{
    DrillHistorySummary s;
    s.drills = static_cast<int>(history.size());
    std::optional<Timestamp> last;
    for (const DrillReport& r : history) {
        if (!r.passed)
            continue;
        ++s.passed;
        const auto t = Timestamp::parse(r.startedAt);
        if (t && (!last || t->usecUtc > last->usecUtc)) {
            last = t;
            s.lastPassedAt = r.startedAt;
        }
    }
    return s;
}

} // namespace tideline::restore
