// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/Error.h"

#include <QString>

namespace tideline::retention {

/// A Barman retention policy: a recovery window of N days, weeks or months (a month is 31 days,
/// as barman counts it), or a redundancy of N backups. A value type; any thread.
struct RetentionPolicy {
    enum class Kind { RecoveryWindow, Redundancy };
    Kind kind = Kind::RecoveryWindow;
    int value = 0;
    char unit = 'd'; ///< RecoveryWindow: 'd', 'w' or 'm'

    /// Reads CNPG's spelling ("30d", "4w", "6m": its pattern ^[1-9][0-9]*[dwm]$) and barman's
    /// ("RECOVERY WINDOW OF 30 DAYS", "REDUNDANCY 3", case-insensitive, unit singular or plural).
    /// Errors: Usage, naming the accepted forms, for anything else and for values of 0 (barman
    /// takes them; they delete nearly everything) or above 1,000,000.
    static Result<RetentionPolicy> parse(const QString& text);

    /// As barman prints it: "RECOVERY WINDOW OF 30 DAYS", "REDUNDANCY 3".
    QString barmanText() const;
    /// The recovery window in µs (0 for Redundancy).
    qint64 windowUsec() const;
};

} // namespace tideline::retention
