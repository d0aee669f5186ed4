// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/monitor/ArchiverHealth.h"
#include "src/cli/Command.h"

namespace tideline::cli {

/// The `archiver` JSON (DESIGN.md) and text of an assessment; `k8s metrics` prints the same for a
/// cluster's primary. source and server are empty when no bucket was compared.
QJsonObject archiverJson(const monitor::ArchiverHealth& health, const QString& source, const QString& server);
QString archiverText(const monitor::ArchiverHealth& health, const QString& source, const QString& server);
/// --wal-ready, --archive-delay and --max-behind over the defaults. Errors: Usage.
Result<monitor::ArchiverThresholds> archiverThresholds(const Invocation& invocation);

/// `archiver CONNINFO [--source SOURCE_URL SERVER]`: pg_stat_archiver and the server's current
/// WAL over libpq, held against the bucket when a source is given (what a primary lost now would
/// take with it), and the archiving alerts that fire. Exit 7 when an alert fires.
class ArchiverCommand final : public Command {
    Q_DECLARE_TR_FUNCTIONS(ArchiverCommand)

public:
    QString name() const override { return QStringLiteral("archiver"); }
    QString synopsis() const override
    {
        return QStringLiteral("CONNINFO [--source SOURCE_URL SERVER] [--wal-ready 10] [--archive-delay 15m] "
                              "[--max-behind 10]");
    }
    QString description() const override
    {
        return tr("pg_stat_archiver, the WAL being written, and what the bucket lacks of it");
    }
    QMap<QString, bool> options() const override
    {
        return {{QStringLiteral("source"), true},
                {QStringLiteral("wal-ready"), true},
                {QStringLiteral("archive-delay"), true},
                {QStringLiteral("max-behind"), true}};
    }
    std::pair<int, int> arity() const override { return {1, 2}; }
    int run(const Invocation& invocation) override;
};

} // namespace tideline::cli
