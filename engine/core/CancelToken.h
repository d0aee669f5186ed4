// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <memory>
#include <vector>

namespace tideline {

/// A shared cancellation flag. Copies share one flag; cancel() from any thread, isCancelled()
/// from any thread. A default-constructed token can be cancelled too (it owns a fresh flag).
class CancelToken {
public:
    CancelToken() : m_flag(std::make_shared<std::atomic_bool>(false)) {}

    void cancel() const { m_flag->store(true, std::memory_order_relaxed); }
    bool isCancelled() const
    {
        if (m_flag->load(std::memory_order_relaxed))
            return true;
        for (const auto& p : m_parents)
            if (p->load(std::memory_order_relaxed))
                return true;
        return false;
    }

    /// A token that is cancelled whenever this one is, and that can be cancelled on its own
    /// without cancelling this one: one part of a job that fails stops its siblings this way,
    /// while the user's token stays untouched.
    CancelToken child() const
    {
        CancelToken c;
        c.m_parents = m_parents;
        c.m_parents.push_back(m_flag);
        return c;
    }

private:
    std::shared_ptr<std::atomic_bool> m_flag;
    std::vector<std::shared_ptr<std::atomic_bool>> m_parents;
};

} // namespace tideline
