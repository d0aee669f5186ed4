// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/CancelToken.h"
#include "engine/core/Error.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace tideline::restore {

/// A relation as a server's catalog names it. Names are the server's bytes, unescaped: print
/// them through core's printable() on a terminal.
struct RelationName {
    QString database;
    QString schema;
    QString name;

    friend bool operator==(const RelationName&, const RelationName&) = default;
};

/// What a server's catalogs name, keyed by file as the WAL names it, and the databases that
/// could not be read (each a one-line note: the others are still named).
struct RelationNames {
    QHash<QString, RelationName> byFile;
    QStringList notes;
};

/// Limits on what a server may send back: it may not be the restored copy the user thinks.
struct RelationNamesLimits {
    int seconds = 300;         ///< for the whole read, every database included
    int maxDatabases = 10'000; ///< more than that and the read stops with an error
    qsizetype maxRelations = 2'000'000;
};

/// The relations a running PostgreSQL server's catalogs know, keyed by their file as the WAL
/// names it: "base/DB/FILENODE", "global/FILENODE", "pg_tblspc/SPC/DB/FILENODE" (what
/// pg_relation_filepath() says, without the tablespace's version directory). Pointed at a
/// restored copy of a backup from before a DROP or TRUNCATE (a kept drill, started), it names
/// the files the WAL says were dropped, which the live server's catalog no longer knows. Every
/// database that allows connections is read, read-only, in UTF-8, each statement under a
/// server-side timeout, rows one at a time under `limits`; a database that refuses the
/// connection or the query is skipped with a note.
///
/// `conninfo` is a libpq connection string or URI for any database of that server. One that
/// holds a password (password or sslpassword) is refused before connecting: the command line
/// shows in the process list; use ~/.pgpass or PGPASSFILE instead. No error quotes the string.
/// Errors: Usage for an unparseable conninfo or one with a password; Auth when the server
/// refuses the first login; Network when it cannot be reached, does not complete the first login
/// within 10 s (each later database's gets 10 s too, then a note), the first query fails, or a
/// limit is passed; Cancelled when `cancel` is. Server messages are quoted printable.
/// Thread: any thread but the GUI thread (it blocks on the network).
Result<RelationNames> readRelationNames(const QString& conninfo, const RelationNamesLimits& limits = {},
                                        const CancelToken* cancel = nullptr);

} // namespace tideline::restore
