// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/Error.h"

#include <QStringView>
#include <QVariant>

namespace tideline::catalog {

/// Parses the Python literals barman writes into backup.info with repr() (tablespaces,
/// copy_stats, included_files, backup_label, snapshots_info): what ast.literal_eval accepts for
/// those fields, and nothing else. A real recursive-descent parser, so quoting, escapes and
/// nesting are handled rather than pattern-matched.
///
/// Maps: str -> QString (escapes \n \t \r \\ \' \" \xNN \uNNNN \UNNNNNNNN \ooo, adjacent literals
/// concatenated, u/r prefixes), bytes b'..' -> QByteArray, int -> qlonglong (too large: double),
/// float -> double (also inf/nan spellings are refused), None -> null QVariant, True/False -> bool,
/// list and tuple -> QVariantList, dict -> QVariantMap (keys converted to their string form).
/// Errors: Corrupt with the position of the first unexpected character. Pure, any thread.
Result<QVariant> parsePythonLiteral(QStringView text);

} // namespace tideline::catalog
