// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "src/cli/Command.h"

namespace tideline::cli {

/// What the archive's WAL records say happened: commits and aborts, restore points, relation
/// files dropped at commit, truncations, timeline switches and checkpoints, decoded from the
/// bucket's segments (cached locally by ETag, so a second run reads only new segments).
/// With --names-from, a started restored copy from before the events names the relation files
/// (restore::readRelationNames). Exit 6 when a segment could not be read to its end (the list is then incomplete there).
class EventsCommand final : public Command {
    Q_DECLARE_TR_FUNCTIONS(EventsCommand)

public:
    QString name() const override { return QStringLiteral("events"); }
    QString synopsis() const override
    {
        return QStringLiteral(
            "SOURCE_URL SERVER [--from T] [--to T] [--timeline N] [--kind K[,K...]] [--names-from CONNINFO] [--no-cache]");
    }
    QString description() const override { return tr("what the WAL holds: commits, restore points, drops, switches"); }
    QMap<QString, bool> options() const override
    {
        return {{QStringLiteral("from"), true}, {QStringLiteral("to"), true},         {QStringLiteral("timeline"), true},
                {QStringLiteral("kind"), true}, {QStringLiteral("names-from"), true}, {QStringLiteral("no-cache"), false}};
    }
    std::pair<int, int> arity() const override { return {2, 2}; }
    int run(const Invocation& invocation) override;
};

} // namespace tideline::cli
