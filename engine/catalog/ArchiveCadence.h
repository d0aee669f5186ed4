// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/catalog/WalArchive.h"

#include <QList>
#include <QString>

namespace tideline::catalog {

/// How regularly a server archived its WAL, from the upload times of the archived segments:
/// the rate per time bin (as segments per hour, whatever the bin width), the longest silence
/// between two uploads, and where timelines switched and gaps lie. Derived only from the
/// archive's listing; the WAL chart draws it and `tideline-cli wals --json` prints it ("cadence").
/// A value type; any thread.
struct ArchiveCadence {
    struct Bin {
        qint64 startUsec = 0;
        int segments = 0;
        double perHour = 0; ///< segments in the bin scaled to one hour
    };
    struct Silence {
        qint64 fromUsec = 0; ///< upload of `afterWal`
        qint64 toUsec = 0;   ///< upload of `beforeWal`
        QString afterWal;
        QString beforeWal;
        qint64 lengthUsec() const { return toUsec - fromUsec; }
    };
    struct TimelineSwitch {
        wal::TimelineId timeline = 0;
        qint64 atUsec = 0; ///< first upload on the new timeline
    };
    struct GapMark {
        wal::TimelineId timeline = 0;
        qint64 atUsec = 0; ///< upload of the last segment before the gap
        QString firstMissing;
        quint64 count = 0;
        bool harmless = false;
    };

    int segments = 0;
    qint64 firstUsec = 0;
    qint64 lastUsec = 0;
    qint64 binUsec = 0;
    QList<Bin> bins;           ///< contiguous, empty bins included, from firstUsec's bin on
    double averagePerHour = 0; ///< over the bins' span (0 with fewer than two uploads)
    double peakPerHour = 0;
    Silence longestSilence; ///< empty (length 0) with fewer than two uploads
    QList<TimelineSwitch> switches;
    QList<GapMark> gaps;

    /// binUsec 0 picks a width that gives at most about 120 bins (1 min .. 1 day).
    static ArchiveCadence compute(const WalArchive& archive, qint64 binUsec = 0);
    /// The bin width compute() picks for a span.
    static qint64 chooseBin(qint64 spanUsec);

    /// Upload times of the archive's segments at or after sinceUsec (every timeline), oldest
    /// first: the bucket's side of the cluster page's lag chart. Pure; any thread.
    static QList<qint64> uploadsSince(const WalArchive& archive, qint64 sinceUsec);
    /// Sorted upload times counted into bins of chooseBin(to - from) aligned to the epoch: every
    /// bin that meets [fromUsec, min(toUsec, knownUntilUsec)] (empty ones too), each with all of
    /// its uploads, so the first bin's rate is true even where the range cuts it. The bucket was
    /// listed at knownUntilUsec: nothing after it is drawn, and the bin it falls in is rated over
    /// its elapsed part only (a bin half over is not half as busy). Empty for a range that is
    /// empty, negative or over 10,000 bins. Pure; any thread.
    static QList<Bin> binUploads(const QList<qint64>& uploadsUsec, qint64 fromUsec, qint64 toUsec, qint64 knownUntilUsec);
};

} // namespace tideline::catalog
