// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace tideline::catalog {

/// How to list a server's wals/ hash directories in few sequential round trips. Barman Cloud
/// keeps at most 256 segments of 16 MiB in a directory, a quarter of a listing page, so one
/// listing per directory costs one round trip for every 256 segments: 392 directories at 16 at
/// once is 25 waves. Listed instead as ranges of the key space, each about a page long and cut
/// at predictable segment names, a 100,000-segment archive takes about a hundred requests, all
/// of them at once in ⌈ranges / parallelism⌉ waves.
///
/// Pure functions, any thread.
class WalListingPlan {
public:
    /// One range to list with ObjectStore::listRange(): keys after `startAfter`, up to `upTo`.
    struct Range {
        QString startAfter; ///< empty: from the start of wals/
        QString upTo;       ///< empty: to the end of wals/
        friend bool operator==(const Range&, const Range&) = default;
    };

    /// Ranges that together list every key under `walsPrefix` exactly once, for the directory
    /// prefixes a delimiter listing of it returned (`dirs`, each "walsPrefix/NAME/", in any order;
    /// others are ignored). Each range is meant to hold about 90% of `pageSize` keys, assuming
    /// 256 per directory; when there are more ranges than lanes(), their count is rounded up to a
    /// multiple of it, so that the last wave is as full as the first. The keys of wals/
    /// itself (history files) fall in the ranges too: the caller drops what holds no '/' after
    /// the prefix. No directories: no ranges.
    static QList<Range> plan(const QString& walsPrefix, const QStringList& dirs, int pageSize, int parallelism);

    /// How many ranges to list at once: `parallelism`, or more where that many lanes would take
    /// more than four waves (a 100,000-segment archive is about 110 pages), up to twice
    /// `parallelism` but not past 32 unless `parallelism` is more. Four waves after the one
    /// listing of wals/ leave a catalog of that size room within eight round trips for the
    /// drift between lanes that a busy client shows.
    static int lanes(qsizetype ranges, int parallelism);

    /// Whether `key` lies in a directory below `walsPrefix` (and so belongs to a range's answer).
    static bool inDirectory(const QString& walsPrefix, const QString& key);
};

} // namespace tideline::catalog
