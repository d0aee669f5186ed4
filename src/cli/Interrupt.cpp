// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/cli/Interrupt.h"

#include <csignal>

namespace tideline::cli {

namespace {
// Made before the handlers are installed and never destroyed: the handler only does a lock-free
// atomic store through it, which is safe in a signal handler.
const CancelToken& token()
{
    static const CancelToken* t = new CancelToken;
    return *t;
}

extern "C" void onInterrupt(int signal)
{
    if (token().isCancelled()) {
        std::signal(signal, SIG_DFL);
        std::raise(signal);
        return;
    }
    token().cancel();
}
} // namespace

void installInterruptHandlers()
{
    (void)token();
    struct sigaction action {};
    action.sa_handler = onInterrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
}

const CancelToken& interruptToken()
{
    return token();
}

} // namespace tideline::cli
