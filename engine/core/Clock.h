// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace tideline {

/// Time source, injectable so age and skew computations are testable.
/// now() may be called from any thread.
class Clock {
public:
    virtual ~Clock() = default;
    /// Microseconds since the Unix epoch, UTC.
    virtual qint64 nowUsec() const = 0;

    /// The process-wide real clock.
    static const Clock& system();
};

/// A clock that says what it is told; for tests.
class FixedClock final : public Clock {
public:
    explicit FixedClock(qint64 usec) : m_usec(usec) {}
    qint64 nowUsec() const override { return m_usec; }
    void set(qint64 usec) { m_usec = usec; }

private:
    qint64 m_usec;
};

} // namespace tideline
