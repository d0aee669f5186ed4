// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "src/cli/Command.h"

#include <QList>
#include <memory>

namespace tideline::cli {

/// Parses argv the way barman-cloud users expect: global options before or after the verb,
/// "--opt value" and "--opt=value", "--" ends options. Errors are Usage errors with a hint.
class CommandLine {
    Q_DECLARE_TR_FUNCTIONS(CommandLine)

public:
    explicit CommandLine(QList<std::shared_ptr<Command>> commands);

    /// The invocation and the command it names; nullptr command with an empty verb for --help.
    Result<std::pair<Invocation, std::shared_ptr<Command>>> parse(const QStringList& arguments) const;
    QString help() const;

private:
    QList<std::shared_ptr<Command>> m_commands;
};

} // namespace tideline::cli
