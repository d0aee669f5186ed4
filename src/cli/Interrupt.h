// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/CancelToken.h"

namespace tideline::cli {

/// Ctrl-C and SIGTERM cancel the running verb through this token instead of killing the process:
/// a restore then leaves its incomplete marker and a drill stops its PostgreSQL and removes its
/// directory, and the verb exits 8. A second signal ends the process as the default action would
/// (a verb stuck where it does not look at the token can still be stopped).
/// Install once, on the main thread, before any job runs; the token is read from any thread.
void installInterruptHandlers();
const CancelToken& interruptToken();

} // namespace tideline::cli
