// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/core/Clock.h"

#include <chrono>

namespace tideline {

namespace {
class SystemClock final : public Clock {
public:
    qint64 nowUsec() const override
    {
        using namespace std::chrono;
        return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
    }
};
} // namespace

const Clock& Clock::system()
{
    static const SystemClock clock;
    return clock;
}

} // namespace tideline
