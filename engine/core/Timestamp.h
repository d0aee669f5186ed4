// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace tideline {

/// An instant with microsecond precision (PostgreSQL's and barman's), plus the UTC offset it
/// was written with, so output can show the same wall time the source showed.
/// QDateTime keeps only milliseconds, which would round away the commit boundaries PITR needs.
/// A value type: safe on any thread.
struct Timestamp {
    qint64 usecUtc = 0;      ///< microseconds since 1970-01-01T00:00:00Z
    int offsetSeconds = 0;   ///< offset east of UTC the value was written with
    bool offsetKnown = true; ///< false when the text had no zone (read as UTC; callers should warn)

    /// Python `str(datetime)` as barman writes it ("2014-12-22 09:25:22.561207+01:00"), ISO 8601 /
    /// RFC 3339 ("2014-12-22T09:25:22Z", "...+0100") and PostgreSQL's timestamptz output
    /// ("2014-12-22 09:25:22.5+01"). Fractions of up to 6 digits. No zone: offsetKnown=false.
    /// Returns nullopt on anything else; never guesses.
    static std::optional<Timestamp> parse(QStringView text);

    /// From seconds since the epoch (S3 LastModified, file mtimes) in UTC.
    static Timestamp fromUsec(qint64 usecUtc, int offsetSeconds = 0) { return {usecUtc, offsetSeconds, true}; }

    /// "2014-12-22T09:25:22.561207+01:00" like Python's isoformat(): fraction only when non-zero.
    QString toIso() const;
    /// Python's ctime() of the value in its own offset, as barman-cloud-backup-list prints:
    /// "Mon Dec 22 09:25:22 2014" (day space-padded).
    QString toCtime() const;
    /// The same instant shown at another offset.
    Timestamp withOffset(int seconds) const { return {usecUtc, seconds, true}; }

    friend bool operator==(const Timestamp& a, const Timestamp& b) { return a.usecUtc == b.usecUtc; }
    friend auto operator<=>(const Timestamp& a, const Timestamp& b) { return a.usecUtc <=> b.usecUtc; }
};

} // namespace tideline
