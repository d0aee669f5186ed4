// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/monitor/ArchiverProbe.h"

#include "engine/core/Redactor.h"
#include "engine/wal/WalName.h"
#include "engine/wal/WalSegment.h"

#include <QCoreApplication>

#include <libpq-fe.h>

#include <memory>

namespace tideline::monitor {

namespace {

struct ArchiverProbeText {
    Q_DECLARE_TR_FUNCTIONS(ArchiverProbe)
};

struct ConnCloser {
    void operator()(PGconn* c) const { PQfinish(c); }
};
struct ResultClearer {
    void operator()(PGresult* r) const { PQclear(r); }
};
using Conn = std::unique_ptr<PGconn, ConnCloser>;
using PgResult = std::unique_ptr<PGresult, ResultClearer>;

struct Options {
    bool valid = false;
    QString error;
    bool hasPassword = false;
};

Options parseOptions(const QString& conninfo)
{
    Options out;
    char* err = nullptr;
    PQconninfoOption* opts = PQconninfoParse(conninfo.toUtf8().constData(), &err);
    if (!opts) {
        out.error = err ? QString::fromUtf8(err).trimmed() : ArchiverProbeText::tr("out of memory");
        PQfreemem(err);
        return out;
    }
    out.valid = true;
    for (PQconninfoOption* o = opts; o->keyword; ++o)
        if (qstrcmp(o->keyword, "password") == 0 && o->val && *o->val) {
            out.hasPassword = true;
            Redactor::addSecret(QString::fromUtf8(o->val));
        }
    PQconninfoFree(opts);
    return out;
}

// A primary_conninfo's host and port only: it may carry a password.
QString hostOf(const QString& primaryConninfo)
{
    PQconninfoOption* opts = PQconninfoParse(primaryConninfo.toUtf8().constData(), nullptr);
    if (!opts)
        return {};
    QString host;
    QString port;
    for (PQconninfoOption* o = opts; o->keyword; ++o) {
        if (!o->val)
            continue;
        if (qstrcmp(o->keyword, "host") == 0 || (host.isEmpty() && qstrcmp(o->keyword, "hostaddr") == 0))
            host = QString::fromUtf8(o->val);
        else if (qstrcmp(o->keyword, "port") == 0)
            port = QString::fromUtf8(o->val);
    }
    PQconninfoFree(opts);
    if (host.isEmpty())
        return {};
    return port.isEmpty() ? host : QStringLiteral("%1 port %2").arg(host, port);
}

QString message(const PGconn* conn)
{
    return Redactor::redact(QString::fromUtf8(PQerrorMessage(conn)).simplified());
}

struct Query {
    PgResult result;
    QString error;
    QString sqlState;
    bool ok() const { return error.isEmpty(); }
    QString text(int column) const { return QString::fromUtf8(PQgetvalue(result.get(), 0, column)); }
    bool isNull(int column) const { return PQgetisnull(result.get(), 0, column) != 0; }
};

Query run(PGconn* conn, const char* sql)
{
    Query q{PgResult(PQexec(conn, sql)), {}, {}};
    const ExecStatusType status = PQresultStatus(q.result.get());
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        q.error = Redactor::redact(QString::fromUtf8(PQresultErrorMessage(q.result.get())).simplified());
        if (q.error.isEmpty())
            q.error = message(conn);
        if (const char* state = PQresultErrorField(q.result.get(), PG_DIAG_SQLSTATE))
            q.sqlState = QString::fromLatin1(state);
    } else if (status == PGRES_TUPLES_OK && PQntuples(q.result.get()) != 1) {
        q.error = ArchiverProbeText::tr("expected one row, got %1").arg(PQntuples(q.result.get()));
    }
    return q;
}

std::optional<qint64> usecOrNull(const Query& q, int column)
{
    if (q.isNull(column))
        return std::nullopt;
    bool ok = false;
    const qint64 v = q.text(column).toLongLong(&ok);
    return ok ? std::optional<qint64>(v) : std::nullopt;
}

// One statement, one round trip. Times come as integer microseconds since the epoch so that no
// time zone or DateStyle of the session can change them. In recovery pg_current_wal_lsn() raises;
// CASE keeps it from being evaluated there.
constexpr const char* kFactsSql =
    "SELECT current_setting('server_version_num'), pg_is_in_recovery(), current_setting('archive_mode'),"
    " current_setting('wal_segment_size'),"
    " a.archived_count, a.last_archived_wal, (extract(epoch FROM a.last_archived_time) * 1000000)::bigint,"
    " a.failed_count, a.last_failed_wal, (extract(epoch FROM a.last_failed_time) * 1000000)::bigint,"
    " (extract(epoch FROM a.stats_reset) * 1000000)::bigint,"
    " CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_current_wal_lsn()::text END,"
    " CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_walfile_name(pg_current_wal_lsn()) END,"
    " (extract(epoch FROM now()) * 1000000)::bigint, current_user"
    " FROM pg_stat_archiver a";

// Needs pg_monitor (or superuser): the same directory CNPG's collector counts for
// cnpg_collector_pg_wal_archive_status{value="ready"}.
constexpr const char* kReadySql = "SELECT count(*), (extract(epoch FROM min(modification)) * 1000000)::bigint,"
                                  " (array_agg(name ORDER BY modification, name))[1]"
                                  " FROM pg_ls_archive_statusdir() WHERE name LIKE '%.ready'";

// wal_segment_size as SHOW prints it, in the largest unit that divides it ("16MB", "1GB"); reading
// pg_settings for the plain byte count would cost a scan of every setting.
quint64 parseSegmentSize(const QString& shown)
{
    static const std::pair<QLatin1StringView, quint64> units[] = {{QLatin1StringView("GB"), 1ULL << 30},
                                                                  {QLatin1StringView("MB"), 1ULL << 20},
                                                                  {QLatin1StringView("kB"), 1ULL << 10},
                                                                  {QLatin1StringView("B"), 1}};
    for (const auto& [suffix, factor] : units)
        if (shown.endsWith(suffix)) {
            bool ok = false;
            const quint64 n = QStringView(shown).chopped(suffix.size()).toULongLong(&ok);
            return ok ? n * factor : 0;
        }
    return 0;
}

Error connectError(const PGconn* conn)
{
    const QString why = message(conn);
    // A server that answered and refused us (pg_hba.conf, password, role, database) is an
    // authentication matter; anything before an answer is the network's.
    const bool refused =
        PQconnectionNeedsPassword(conn) || PQconnectionUsedPassword(conn) || why.contains(QLatin1String("FATAL"));
    if (refused)
        return {ErrorCode::Auth,
                ArchiverProbeText::tr("PostgreSQL refused the connection: %1").arg(why),
                ArchiverProbeText::tr("Check the role, the database and pg_hba.conf; give the password in "
                                      "~/.pgpass, PGPASSFILE or a service file, not on the command line."),
                {}};
    return {ErrorCode::Network,
            ArchiverProbeText::tr("cannot connect to PostgreSQL: %1").arg(why),
            ArchiverProbeText::tr("Is the server running and reachable? Check host and port (or PGHOST, PGPORT, "
                                  "PGSERVICE); in Kubernetes, use the -rw service of the cluster."),
            {}};
}

} // namespace

bool conninfoHasPassword(const QString& conninfo)
{
    return parseOptions(conninfo).hasPassword;
}

Result<ArchiverFacts> probeArchiver(const QString& conninfo)
{
    const Options options = parseOptions(conninfo);
    if (!options.valid)
        return fail(ErrorCode::Usage, ArchiverProbeText::tr("not a PostgreSQL connection string: %1").arg(options.error),
                    ArchiverProbeText::tr("Give key=value pairs (\"host=db port=5432 user=monitor dbname=postgres\") "
                                          "or a URI (postgresql://monitor@db/postgres)."));
    const QByteArray info = conninfo.toUtf8();
    // Earlier keywords are defaults: the string's own connect_timeout or application_name win.
    const char* keywords[] = {"connect_timeout", "fallback_application_name", "dbname", nullptr};
    const char* values[] = {"10", "tideline", info.constData(), nullptr};
    Conn conn(PQconnectdbParams(keywords, values, 1));
    if (!conn)
        return fail(ErrorCode::Internal, ArchiverProbeText::tr("libpq could not allocate a connection"));
    if (PQstatus(conn.get()) != CONNECTION_OK)
        return std::unexpected(connectError(conn.get()));

    if (const Query set = run(conn.get(), "SET statement_timeout = '10s'"); !set.ok())
        return fail(ErrorCode::Internal, set.error);
    const Query q = run(conn.get(), kFactsSql);
    if (!q.ok()) {
        const bool denied = q.sqlState == QLatin1String("42501");
        return fail(denied ? ErrorCode::Auth : ErrorCode::Internal,
                    ArchiverProbeText::tr("reading pg_stat_archiver failed: %1").arg(q.error),
                    denied ? ArchiverProbeText::tr("GRANT pg_monitor TO the role the probe connects as.") : QString());
    }

    ArchiverFacts f;
    f.serverVersion = q.text(0).toInt();
    const bool inRecovery = q.text(1) == QLatin1String("t");
    f.archiveMode = q.text(2);
    if (inRecovery) {
        QString primary;
        if (const Query p = run(conn.get(), "SELECT current_setting('primary_conninfo')"); p.ok())
            primary = hostOf(p.text(0));
        return fail(ErrorCode::Usage,
                    ArchiverProbeText::tr("this server is a standby: its pg_stat_archiver counts only what it archives "
                                          "itself, and it writes no WAL of its own"),
                    primary.isEmpty()
                        ? ArchiverProbeText::tr("Connect to the primary (in CNPG, the cluster's -rw service).")
                        : ArchiverProbeText::tr("Connect to the primary: this standby follows %1 (in CNPG, use the "
                                                "cluster's -rw service).")
                              .arg(primary));
    }
    f.segmentSize = parseSegmentSize(q.text(3));
    if (!wal::isValidSegmentSize(f.segmentSize))
        return fail(ErrorCode::Internal,
                    ArchiverProbeText::tr("the server reports a wal_segment_size of '%1'").arg(q.text(3)));
    f.archivedCount = q.text(4).toLongLong();
    f.lastArchivedWal = q.text(5);
    f.lastArchivedUsec = usecOrNull(q, 6);
    f.failedCount = q.text(7).toLongLong();
    f.lastFailedWal = q.text(8);
    f.lastFailedUsec = usecOrNull(q, 9);
    f.statsResetUsec = usecOrNull(q, 10);
    const auto lsn = wal::Lsn::parse(q.text(11));
    const auto current = wal::WalName::parse(q.text(12).toStdString());
    if (!lsn || !current || current->kind != wal::WalName::Kind::Segment)
        return fail(ErrorCode::Internal,
                    ArchiverProbeText::tr("the server's current WAL position '%1' (%2) does not parse")
                        .arg(q.text(11), q.text(12)));
    const auto segno = current->segno(f.segmentSize);
    if (!segno)
        return fail(ErrorCode::Internal,
                    ArchiverProbeText::tr("the server's current WAL file %1 does not fit its "
                                          "wal_segment_size %2")
                        .arg(q.text(12), q.text(3)));
    f.currentLsn = *lsn;
    f.currentWal = QString::fromStdString(current->text);
    f.timeline = current->timeline;
    f.currentSegno = *segno;
    f.serverNowUsec = q.text(13).toLongLong();
    f.user = q.text(14);

    if (const Query r = run(conn.get(), kReadySql); r.ok()) {
        f.readyCount = r.text(0).toLongLong();
        f.oldestReadyUsec = usecOrNull(r, 1);
        if (!r.isNull(2))
            f.oldestReadyWal = r.text(2).chopped(qMin<qsizetype>(6, r.text(2).size())); // ".ready"
    }
    return f;
}

} // namespace tideline::monitor
