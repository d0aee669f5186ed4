// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/restore/RelationNames.h"

#include <QCoreApplication>
#include <QStringList>

#include <libpq-fe.h>

#include <memory>

namespace tideline::restore {

namespace {

struct RelationNamesText {
    Q_DECLARE_TR_FUNCTIONS(RelationNames)
};

using Connection = std::unique_ptr<PGconn, decltype(&PQfinish)>;
using QueryResult = std::unique_ptr<PGresult, decltype(&PQclear)>;

// Defaults first, then the user's string (expanded: its keywords override the defaults), then
// what must hold whatever it says: the database to read and a read-only session with a timeout.
Connection connect(const QByteArray& conninfo, const QByteArray& database)
{
    QList<const char*> keys{"connect_timeout", "application_name", "dbname"};
    QList<const char*> values{"10", "tideline", conninfo.constData()};
    if (!database.isEmpty()) {
        keys << "dbname";
        values << database.constData();
    }
    keys << "options" << nullptr;
    values << "-c statement_timeout=60s -c default_transaction_read_only=on" << nullptr;
    return Connection(PQconnectdbParams(keys.constData(), values.constData(), 1), &PQfinish);
}

QString messageOf(PGconn* c)
{
    return QString::fromUtf8(PQerrorMessage(c)).simplified();
}

Error connectionError(PGconn* c)
{
    const QString why = messageOf(c);
    const bool refused = why.contains(QLatin1String("authentication")) || why.contains(QLatin1String("password"))
        || why.contains(QLatin1String("pg_hba.conf")) || why.contains(QLatin1String("permission denied"));
    return Error{refused ? ErrorCode::Auth : ErrorCode::Network,
                 RelationNamesText::tr("cannot read relation names from the restored copy: %1").arg(why),
                 refused ? RelationNamesText::tr("Check the user, and ~/.pgpass or PGPASSFILE for its password.")
                         : RelationNamesText::tr("Start the restored copy (pg_ctl start) and check the connection string."),
                 {}};
}

Result<QueryResult> query(PGconn* c, const char* sql)
{
    QueryResult r(PQexec(c, sql), &PQclear);
    if (PQresultStatus(r.get()) != PGRES_TUPLES_OK)
        return fail(ErrorCode::Network,
                    RelationNamesText::tr("reading the restored copy's catalog failed: %1")
                        .arg(QString::fromUtf8(PQresultErrorMessage(r.get())).simplified()),
                    RelationNamesText::tr("The user needs to connect to every database and read pg_class."));
    return r;
}

QString text(PGresult* r, int row, int column)
{
    return QString::fromUtf8(PQgetvalue(r, row, column), PQgetlength(r, row, column));
}

// pg_relation_filepath() puts the tablespace's version directory (PG_15_202209061) between the
// tablespace and the database; the WAL's relation file locators do not.
QString walPath(const QString& path)
{
    QStringList parts = path.split(u'/');
    if (parts.size() == 5 && parts[0] == QLatin1String("pg_tblspc") && parts[2].startsWith(QLatin1String("PG_")))
        parts.removeAt(2);
    return parts.join(u'/');
}

} // namespace

Result<QHash<QString, RelationName>> readRelationNames(const QString& conninfo)
{
    const QByteArray info = conninfo.toUtf8();
    char* parseError = nullptr;
    PQconninfoOption* options = PQconninfoParse(info.constData(), &parseError);
    if (!options) {
        const QString why = parseError ? QString::fromUtf8(parseError).simplified() : QString();
        PQfreemem(parseError);
        return fail(ErrorCode::Usage, RelationNamesText::tr("the connection string does not parse: %1").arg(why),
                    RelationNamesText::tr("for example \"host=/tmp port=5433 dbname=postgres user=postgres\""));
    }
    bool hasPassword = false;
    for (const PQconninfoOption* o = options; o->keyword; ++o)
        if (qstrcmp(o->keyword, "password") == 0 && o->val && *o->val)
            hasPassword = true;
    PQconninfoFree(options);
    if (hasPassword)
        return fail(ErrorCode::Usage, RelationNamesText::tr("the connection string holds a password"),
                    RelationNamesText::tr("A command line shows in the process list: put the password in ~/.pgpass "
                                          "or a file named by PGPASSFILE."));

    Connection first = connect(info, {});
    if (PQstatus(first.get()) != CONNECTION_OK)
        return fail(connectionError(first.get()));
    auto databases = query(first.get(), "SELECT datname FROM pg_database WHERE datallowconn ORDER BY datname");
    if (!databases)
        return std::unexpected(databases.error());

    QHash<QString, RelationName> names;
    for (int d = 0; d < PQntuples(databases->get()); ++d) {
        const QString database = text(databases->get(), d, 0);
        Connection c = connect(info, database.toUtf8());
        if (PQstatus(c.get()) != CONNECTION_OK)
            return fail(connectionError(c.get()));
        // Relations without storage of their own (views, partitioned parents) have no file.
        auto rows = query(c.get(),
                          "SELECT pg_relation_filepath(c.oid), n.nspname, c.relname FROM pg_class c "
                          "JOIN pg_namespace n ON n.oid = c.relnamespace "
                          "WHERE pg_relation_filepath(c.oid) IS NOT NULL");
        if (!rows)
            return std::unexpected(rows.error());
        for (int i = 0; i < PQntuples(rows->get()); ++i) {
            const QString path = walPath(text(rows->get(), i, 0));
            // A shared catalog shows in every database: the first one read names it.
            if (!names.contains(path))
                names.insert(path,
                             RelationName{path.startsWith(QLatin1String("global/")) ? QString() : database,
                                          text(rows->get(), i, 1), text(rows->get(), i, 2)});
        }
    }
    return names;
}

} // namespace tideline::restore
