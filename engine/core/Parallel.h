// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/CancelToken.h"

#include <QtGlobal>

#include <functional>

namespace tideline {

/// Runs fn(0) ... fn(count-1) with up to maxConcurrency calls at once and returns when all have
/// finished. The calling thread works too; extra workers come from one shared I/O thread pool
/// (threads that mostly wait on the network, so more of them than cores). When the pool is busy,
/// fewer workers run but nothing deadlocks, even when called from a pool thread.
/// Stops handing out new indices once cancel is set. fn must be thread-safe; it may block.
/// Call from any thread except the GUI thread (fn usually does I/O).
void parallelFor(qsizetype count, int maxConcurrency, const std::function<void(qsizetype)>& fn,
                 const CancelToken& cancel = {});

/// How much nicer than the process the shared I/O pool's threads run (Linux: nice is per
/// thread); 0, the default, leaves them alone. The window sets a positive value: dozens of loader threads then
/// cannot starve its GUI thread of the CPU, while on an idle machine they run as fast as before.
/// Only pool helpers take it, never a caller of parallelFor(): a job's own thread starts
/// processes (a drill's PostgreSQL), which would inherit it and could not undo it unprivileged.
/// Any thread, before the work.
void setBackgroundNiceness(int nice);

} // namespace tideline
