// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/restore/RelationNames.h"

#include "engine/core/Excerpt.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QStringList>

#include <libpq-fe.h>

#include <algorithm>
#include <cerrno>
#include <functional>
#include <memory>
#include <optional>

#include <poll.h>

namespace tideline::restore {

namespace {

struct RelationNamesText {
    Q_DECLARE_TR_FUNCTIONS(RelationNames)
};

using Connection = std::unique_ptr<PGconn, decltype(&PQfinish)>;
using QueryResult = std::unique_ptr<PGresult, decltype(&PQclear)>;

// libpq's and the server's words, quoted: the server may not be the one the user thinks.
QString messageOf(const char* message)
{
    // libpq puts a DETAIL or a hint on lines of their own: one line here.
    const QByteArray text = QByteArray(message ? message : "").left(4096);
    return excerpt::printable(QString::fromUtf8(text).simplified(), 200);
}

Error connectionError(PGconn* c)
{
    const QString why = messageOf(PQerrorMessage(c));
    const bool refused = why.contains(QLatin1String("authentication")) || why.contains(QLatin1String("password"))
        || why.contains(QLatin1String("pg_hba.conf")) || why.contains(QLatin1String("permission denied"));
    return Error{refused ? ErrorCode::Auth : ErrorCode::Network,
                 RelationNamesText::tr("cannot read relation names from the restored copy: %1").arg(why),
                 refused ? RelationNamesText::tr("Check the user, and ~/.pgpass or PGPASSFILE for its password.")
                         : RelationNamesText::tr("Start the restored copy (pg_ctl start) and check the connection string."),
                 {}};
}

Error queryError(const QString& why)
{
    return Error{ErrorCode::Network,
                 RelationNamesText::tr("reading the restored copy's catalog failed: %1").arg(why),
                 RelationNamesText::tr("The user needs to connect to every database and read pg_class."),
                 {}};
}

// The whole read's deadline and the user's cancel, checked between any two waits.
Result<void> stillInTime(const QElapsedTimer& clock, int seconds, const CancelToken* cancel)
{
    if (cancel && cancel->isCancelled())
        return fail(ErrorCode::Cancelled, RelationNamesText::tr("cancelled"), {});
    if (clock.elapsed() >= seconds * 1000LL)
        return fail(ErrorCode::Network, RelationNamesText::tr("reading relation names took longer than %1 s").arg(seconds),
                    RelationNamesText::tr("Point --names-from at the restored copy, not a busy production server."));
    return {};
}

// Defaults first, then the user's string (expanded: its keywords override the defaults), then
// what must hold whatever it says: the database to read, UTF-8, a read-only session with a
// statement timeout, and a connection that notices a peer gone silent.
Connection startConnecting(const QByteArray& conninfo, const QByteArray& database)
{
    QList<const char*> keys{"application_name", "dbname"};
    QList<const char*> values{"tideline", conninfo.constData()};
    if (!database.isEmpty()) {
        keys << "dbname";
        values << database.constData();
    }
    keys << "client_encoding"
         << "keepalives"
         << "keepalives_idle"
         << "keepalives_interval"
         << "keepalives_count"
         << "tcp_user_timeout"
         << "options" << nullptr;
    values << "UTF8"
           << "1"
           << "10"
           << "5"
           << "3"
           << "30000"
           << "-c statement_timeout=60s -c default_transaction_read_only=on" << nullptr;
    return Connection(PQconnectStartParams(keys.constData(), values.constData(), 1), &PQfinish);
}

// The blocking PQconnectdbParams() would wait connect_timeout per address (the user's string may
// set it to 0: forever), deaf to the deadline and to Ctrl-C. The asynchronous login waits here in
// short slices instead, and gives each address kConnectSeconds, or the user's connect_timeout
// when it is shorter. A host name's DNS lookup still blocks inside libpq; hostaddr= avoids it.
constexpr int kConnectSeconds = 10;

int connectSeconds(PGconn* c)
{
    int seconds = kConnectSeconds;
    PQconninfoOption* options = PQconninfo(c);
    for (const PQconninfoOption* o = options; o && o->keyword; ++o)
        if (qstrcmp(o->keyword, "connect_timeout") == 0 && o->val) {
            bool ok = false;
            const int asked = QByteArray(o->val).trimmed().toInt(&ok);
            if (ok && asked > 0)
                seconds = std::min(seconds, std::max(2, asked)); // libpq too waits 2 s at least
        }
    PQconninfoFree(options);
    return seconds;
}

// A connection logged in (CONNECTION_OK), or why not: Cancelled or the whole read's deadline, the
// login's own time limit, or libpq's reason (connectionError).
Result<Connection> connect(const QByteArray& conninfo, const QByteArray& database, const QElapsedTimer& clock, int seconds,
                           const CancelToken* cancel)
{
    Connection c = startConnecting(conninfo, database);
    if (!c)
        return fail(ErrorCode::Network, RelationNamesText::tr("libpq could not start a connection"), {});
    const int perAddress = connectSeconds(c.get());
    QElapsedTimer attempt;
    attempt.start();
    // Which address libpq is on: the socket number alone does not say (the next one reuses it).
    const auto where = [&] {
        const auto text = [](const char* s) { return QByteArray(s ? s : ""); };
        return text(PQhost(c.get())) + '\0' + text(PQport(c.get())) + '\0' + text(PQhostaddr(c.get())) + '\0'
            + QByteArray::number(PQsocket(c.get()));
    };
    QByteArray address = where();
    // As PQconnectStart's documentation says: behave as if PQconnectPoll had last asked to write.
    PostgresPollingStatusType state = PQstatus(c.get()) == CONNECTION_BAD ? PGRES_POLLING_FAILED : PGRES_POLLING_WRITING;
    while (state != PGRES_POLLING_OK && state != PGRES_POLLING_FAILED) {
        if (auto going = stillInTime(clock, seconds, cancel); !going)
            return std::unexpected(going.error());
        // libpq moves on by itself only from an address that refuses or fails; each it moves to
        // gets its time. One that stays silent ends the login: libpq's asynchronous API has no
        // way to skip it, unlike its blocking one.
        if (QByteArray now = where(); now != address) {
            address = std::move(now);
            attempt.restart();
        }
        if (attempt.elapsed() >= perAddress * 1000LL) {
            // What libpq said about the addresses tried before this one, if anything.
            const QString before = messageOf(PQerrorMessage(c.get()));
            return fail(ErrorCode::Network,
                        before.isEmpty()
                            ? RelationNamesText::tr("the server did not complete the login within %1 s").arg(perAddress)
                            : RelationNamesText::tr("the server did not complete the login within %1 s (%2)")
                                  .arg(perAddress)
                                  .arg(before),
                        RelationNamesText::tr(
                            "Start the restored copy (pg_ctl start). An address that does not answer ends the "
                            "login: name the restored copy's own first."));
        }
        pollfd p{PQsocket(c.get()), short(state == PGRES_POLLING_READING ? POLLIN : POLLOUT), 0};
        const int ready = p.fd < 0 ? 1 : ::poll(&p, 1, 200);
        // A signal (Ctrl-C) wakes poll with EINTR: no event, back to the checks above.
        if (ready > 0 || (ready < 0 && errno != EINTR))
            state = PQconnectPoll(c.get());
    }
    if (state == PGRES_POLLING_FAILED || PQstatus(c.get()) != CONNECTION_OK)
        return fail(connectionError(c.get()));
    return c;
}

// Runs `sql` and hands `onRow` each row as it arrives (single-row mode), never holding the
// whole result; waits on the socket in short slices, so that the deadline and a cancel are
// seen even while a server trickles bytes.
Result<void> eachRow(PGconn* c, const char* sql, const QElapsedTimer& clock, int seconds, const CancelToken* cancel,
                     const std::function<Result<void>(PGresult*)>& onRow)
{
    if (!PQsendQuery(c, sql) || !PQsetSingleRowMode(c))
        return std::unexpected(queryError(messageOf(PQerrorMessage(c))));
    for (;;) {
        while (!PQisBusy(c)) {
            QueryResult r(PQgetResult(c), &PQclear);
            if (!r)
                return {};
            switch (PQresultStatus(r.get())) {
            case PGRES_SINGLE_TUPLE:
                if (auto kept = onRow(r.get()); !kept)
                    return kept;
                break;
            case PGRES_TUPLES_OK: break; // the end of the rows
            default: return std::unexpected(queryError(messageOf(PQresultErrorMessage(r.get()))));
            }
        }
        if (auto going = stillInTime(clock, seconds, cancel); !going)
            return going;
        const qint64 left = seconds * 1000LL - clock.elapsed();
        pollfd p{PQsocket(c), POLLIN, 0};
        ::poll(&p, 1, int(std::min<qint64>(left, 200)));
        if (!PQconsumeInput(c))
            return std::unexpected(queryError(messageOf(PQerrorMessage(c))));
    }
}

QByteArray bytes(PGresult* r, int column)
{
    return QByteArray(PQgetvalue(r, 0, column), PQgetlength(r, 0, column));
}

// pg_relation_filepath() puts the tablespace's version directory (PG_15_202209061) between the
// tablespace and the database; the WAL's relation file locators do not. Anything else is not a
// path a server would report, and is left out.
std::optional<QString> walPath(const QByteArray& path)
{
    static const QRegularExpression shape(
        QStringLiteral("^(?:base/[0-9]{1,10}/[0-9]{1,10}|global/[0-9]{1,10}|pg_tblspc/[0-9]{1,10}/PG_[A-Za-z0-9_.]{1,64}/"
                       "[0-9]{1,10}/[0-9]{1,10})$"));
    if (path.size() > 128)
        return std::nullopt;
    const QString text = QString::fromLatin1(path);
    if (!shape.match(text).hasMatch())
        return std::nullopt;
    QStringList parts = text.split(u'/');
    if (parts.size() == 5)
        parts.removeAt(2);
    return parts.join(u'/');
}

} // namespace

Result<RelationNames> readRelationNames(const QString& conninfo, const RelationNamesLimits& limits, const CancelToken* cancel)
{
    const QByteArray info = conninfo.toUtf8();
    // libpq's parse error quotes the string, which may hold a password: a fixed reason only.
    PQconninfoOption* options = PQconninfoParse(info.constData(), nullptr);
    if (!options)
        return fail(ErrorCode::Usage, RelationNamesText::tr("the connection string does not parse"),
                    RelationNamesText::tr("for example \"host=/tmp port=5433 dbname=postgres user=postgres\""));
    bool hasPassword = false;
    for (const PQconninfoOption* o = options; o->keyword; ++o)
        if ((qstrcmp(o->keyword, "password") == 0 || qstrcmp(o->keyword, "sslpassword") == 0) && o->val && *o->val)
            hasPassword = true;
    PQconninfoFree(options);
    if (hasPassword)
        return fail(ErrorCode::Usage, RelationNamesText::tr("the connection string holds a password"),
                    RelationNamesText::tr("A command line shows in the process list: put the password in ~/.pgpass "
                                          "or a file named by PGPASSFILE."));

    QElapsedTimer clock;
    clock.start();
    auto opened = connect(info, {}, clock, limits.seconds, cancel);
    if (!opened)
        return std::unexpected(opened.error());
    Connection first = std::move(*opened);
    // Names are the server's bytes: kept as bytes to connect with, never re-encoded.
    QList<QByteArray> databases;
    auto listed =
        eachRow(first.get(), "SELECT datname FROM pg_database WHERE datallowconn ORDER BY datname", clock, limits.seconds,
                cancel, [&](PGresult* r) -> Result<void> {
                    if (databases.size() >= limits.maxDatabases)
                        return fail(ErrorCode::Network,
                                    RelationNamesText::tr("the server lists more than %1 databases").arg(limits.maxDatabases),
                                    RelationNamesText::tr("Point --names-from at the restored copy."));
                    // NAMEDATALEN is 64: a longer name is no database a server could hold.
                    if (PQgetlength(r, 0, 0) < 64)
                        databases << bytes(r, 0);
                    return {};
                });
    if (!listed)
        return std::unexpected(listed.error());
    first.reset();

    RelationNames result;
    qsizetype rows = 0;
    for (const QByteArray& database : databases) {
        if (auto going = stillInTime(clock, limits.seconds, cancel); !going)
            return std::unexpected(going.error());
        const QString shown = excerpt::printable(database, 64);
        auto attempt = connect(info, database, clock, limits.seconds, cancel);
        if (!attempt) {
            if (attempt.error().code == ErrorCode::Cancelled || clock.elapsed() >= limits.seconds * 1000LL)
                return std::unexpected(attempt.error());
            //: %1 is a database name, %2 why (libpq's words)
            result.notes << RelationNamesText::tr("database %1 skipped: %2").arg(shown, attempt.error().message);
            continue;
        }
        Connection c = std::move(*attempt);
        // Relations without storage of their own (views, partitioned parents) have no file.
        auto read =
            eachRow(c.get(),
                    "SELECT pg_relation_filepath(c.oid), n.nspname, c.relname FROM pg_class c "
                    "JOIN pg_namespace n ON n.oid = c.relnamespace "
                    "WHERE pg_relation_filepath(c.oid) IS NOT NULL",
                    clock, limits.seconds, cancel, [&](PGresult* r) -> Result<void> {
                        if (++rows > limits.maxRelations)
                            return fail(ErrorCode::Network,
                                        RelationNamesText::tr("the server names more than %1 relations").arg(limits.maxRelations),
                                        RelationNamesText::tr("Point --names-from at the restored copy."));
                        const auto path = walPath(bytes(r, 0));
                        // NAMEDATALEN is 64: a longer name is not a catalog's.
                        if (!path || PQgetlength(r, 0, 1) > 255 || PQgetlength(r, 0, 2) > 255)
                            return {};
                        // A shared catalog shows in every database: the first one read names it.
                        if (!result.byFile.contains(*path))
                            result.byFile.insert(*path,
                                                 RelationName{path->startsWith(QLatin1String("global/"))
                                                                  ? QString()
                                                                  : QString::fromUtf8(database),
                                                              QString::fromUtf8(bytes(r, 1)), QString::fromUtf8(bytes(r, 2))});
                        return {};
                    });
        if (!read) {
            if (read.error().code == ErrorCode::Cancelled || rows > limits.maxRelations
                || clock.elapsed() >= limits.seconds * 1000LL)
                return std::unexpected(read.error());
            result.notes << RelationNamesText::tr("database %1 skipped: %2").arg(shown, read.error().message);
        }
    }
    return result;
}

} // namespace tideline::restore
