// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/Error.h"

#include <QHash>
#include <QString>

namespace tideline::restore {

/// A relation as a server's catalog names it. Names are the server's bytes, unescaped: print
/// them through core's printable() on a terminal.
struct RelationName {
    QString database;
    QString schema;
    QString name;

    friend bool operator==(const RelationName&, const RelationName&) = default;
};

/// The relations a running PostgreSQL server's catalogs know, keyed by their file as the WAL
/// names it: "base/DB/FILENODE", "global/FILENODE", "pg_tblspc/SPC/DB/FILENODE" (what
/// pg_relation_filepath() says, without the tablespace's version directory). Pointed at a
/// restored copy of a backup from before a DROP or TRUNCATE (a kept drill, started), it names
/// the files the WAL says were dropped, which the live server's catalog no longer knows. Every
/// database that allows connections is read, read-only, each statement under a timeout.
///
/// `conninfo` is a libpq connection string or URI for any database of that server. One that
/// holds a password is refused before connecting: the command line shows in the process list;
/// use ~/.pgpass or PGPASSFILE instead.
/// Errors: Usage for an unparseable conninfo or one with a password; Auth when the server
/// refuses the login; Network when it cannot be reached or a query fails (libpq's message).
/// Thread: any thread but the GUI thread (it blocks on the network).
Result<QHash<QString, RelationName>> readRelationNames(const QString& conninfo);

} // namespace tideline::restore
