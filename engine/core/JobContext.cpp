// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/core/JobContext.h"

#include <QDateTime>

namespace tideline {

void JobContext::report(const Progress& p)
{
    if (!m_onProgress)
        return;
    {
        std::lock_guard lock(m_mutex);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const bool finished = p.total >= 0 && p.done >= p.total;
        if (p.phase == m_lastPhase && !finished && now - m_lastReportMs < 100)
            return;
        m_lastReportMs = now;
        m_lastPhase = p.phase;
    }
    m_onProgress(p);
}

} // namespace tideline
