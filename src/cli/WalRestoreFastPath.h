// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// wal-restore's spool hit, with no Qt at all: tideline-cli's launcher (main.cpp) serves it before
// it loads the rest of the program (libtideline-cli, Qt with it). PostgreSQL starts one
// restore_command per WAL segment, and loading Qt's libraries cost about 9 ms of each hit.

#include <optional>
#include <string_view>

namespace tideline::cli {

/// A decimal number from `low` to `high` (at most 9 digits, no sign) into *out; false otherwise.
/// Inline: the full program's wal-restore parser shares it without linking this file.
inline bool parseInt(std::string_view text, int low, int high, int* out)
{
    if (text.empty() || text.size() > 9)
        return false;
    int value = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + (c - '0');
    }
    if (value < low || value > high)
        return false;
    *out = value;
    return true;
}

/// Serves `wal-restore ... WAL_NAME DEST` from the spool when the raw command line is one and the
/// segment is spooled (or being downloaded). Returns the exit status when it served it; nullopt to
/// carry on with the full program (not wal-restore, not a segment, not spooled, anything
/// unusual, which the full parser then reports). Main thread, before anything else runs.
std::optional<int> walRestoreFastPath(int argc, char** argv);

} // namespace tideline::cli
