// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/Error.h"

#include <QString>

namespace tideline {

/// Removes the directory `path` and everything below it without ever following a symbolic
/// link: each directory is opened O_NOFOLLOW relative to its parent's descriptor and each entry
/// unlinked through that descriptor, so a link swapped in while it runs (by a process of the
/// user the data belongs to) is removed as a link, never descended into. `path` itself must be
/// a directory, not a link. Needed where root removes what another user could write to.
/// Errors: Refused naming the first entry that could not be removed (what was removed stays
/// removed). Any thread.
Result<void> removeTree(const QString& path);

} // namespace tideline
