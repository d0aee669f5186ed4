// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/catalog/ArchiveCadence.h"

#include <algorithm>
#include <tuple>

namespace tideline::catalog {

namespace {
constexpr qint64 kMinute = 60'000'000;
constexpr qint64 kHour = 60 * kMinute;

// A pointer, not the name: a cadence of two million segments would otherwise format and hold
// two million names to quote two of them.
struct Upload {
    qint64 usec;
    const WalObject* object;
};
} // namespace

qint64 ArchiveCadence::chooseBin(qint64 spanUsec)
{
    static const qint64 widths[] = {kMinute, 5 * kMinute, 15 * kMinute, kHour, 3 * kHour, 6 * kHour, 24 * kHour};
    for (const qint64 w : widths)
        if (spanUsec / w < 120)
            return w;
    return 24 * kHour;
}

ArchiveCadence ArchiveCadence::compute(const WalArchive& archive, qint64 binUsec)
{
    ArchiveCadence c;
    QList<Upload> uploads;
    const quint64 size = archive.segmentSize();
    for (const auto& t : archive.timelines()) {
        if (t.segments.isEmpty())
            continue;
        for (const auto& s : t.segments)
            uploads.append({s.uploadedUsec, &s});
        if (const auto at = archive.branchTimeUsec(t.timeline))
            c.switches.append({t.timeline, *at});
        for (const auto& g : t.gaps) {
            // The segment just before the gap: the missing ones were due right after it.
            const WalObject* before = archive.find(t.timeline, g.firstMissing - 1);
            c.gaps.append({t.timeline, before ? before->uploadedUsec : t.segments.first().uploadedUsec,
                           wal::segmentName(t.timeline, g.firstMissing, size), g.count(), g.harmless});
        }
    }
    c.segments = static_cast<int>(uploads.size());
    if (uploads.isEmpty())
        return c;
    // Ties in name order: timeline, then segment.
    std::sort(uploads.begin(), uploads.end(), [](const Upload& a, const Upload& b) {
        return std::tuple(a.usec, a.object->name.timeline, a.object->segno)
            < std::tuple(b.usec, b.object->name.timeline, b.object->segno);
    });
    c.firstUsec = uploads.first().usec;
    c.lastUsec = uploads.last().usec;
    for (qsizetype i = 1; i < uploads.size(); ++i) {
        const qint64 silence = uploads[i].usec - uploads[i - 1].usec;
        if (silence > c.longestSilence.lengthUsec())
            c.longestSilence = {uploads[i - 1].usec, uploads[i].usec, uploads[i - 1].object->name.baseName(),
                                uploads[i].object->name.baseName()};
    }
    const qint64 span = c.lastUsec - c.firstUsec;
    c.binUsec = binUsec > 0 ? binUsec : chooseBin(span);
    // Bins aligned to the epoch, so a minute bin starts on a whole minute and an hour bin on the hour.
    const qint64 start = c.firstUsec - (c.firstUsec % c.binUsec);
    const qint64 count = (c.lastUsec - start) / c.binUsec + 1;
    c.bins.resize(count);
    for (qint64 i = 0; i < count; ++i)
        c.bins[i].startUsec = start + i * c.binUsec;
    for (const Upload& u : uploads)
        ++c.bins[(u.usec - start) / c.binUsec].segments;
    const double scale = static_cast<double>(kHour) / static_cast<double>(c.binUsec);
    for (Bin& b : c.bins) {
        b.perHour = b.segments * scale;
        c.peakPerHour = std::max(c.peakPerHour, b.perHour);
    }
    // Over the binned span, so the average is comparable with the bins (never above the peak),
    // even when the whole archive is younger than an hour.
    if (c.segments > 1)
        c.averagePerHour = static_cast<double>(c.segments) * scale / static_cast<double>(c.bins.size());
    return c;
}

QList<qint64> ArchiveCadence::uploadsSince(const WalArchive& archive, qint64 sinceUsec)
{
    QList<qint64> out;
    for (const auto& t : archive.timelines())
        for (const auto& s : t.segments)
            if (s.uploadedUsec >= sinceUsec)
                out.append(s.uploadedUsec);
    std::sort(out.begin(), out.end());
    return out;
}

QList<ArchiveCadence::Bin> ArchiveCadence::binUploads(const QList<qint64>& uploadsUsec, qint64 fromUsec, qint64 toUsec,
                                                      qint64 knownUntilUsec)
{
    QList<Bin> bins;
    const qint64 until = std::min(toUsec, knownUntilUsec);
    if (until <= fromUsec || fromUsec < 0)
        return bins;
    const qint64 width = chooseBin(toUsec - fromUsec);
    if ((until - fromUsec) / width > 10'000)
        return bins;
    const qint64 start = fromUsec - fromUsec % width;
    for (qint64 b = start; b <= until; b += width)
        bins.append({b, 0, 0});
    const auto first = std::lower_bound(uploadsUsec.begin(), uploadsUsec.end(), start);
    // Whole bins: a bin's rate counts all of its uploads, also those just outside the range.
    const qint64 end = bins.last().startUsec + width;
    for (auto it = first; it != uploadsUsec.end() && *it < end; ++it)
        if (*it >= start) // unsorted input must not index before the first bin
            ++bins[(*it - start) / width].segments;
    for (Bin& b : bins) {
        const qint64 elapsed = std::min(b.startUsec + width, knownUntilUsec) - b.startUsec;
        b.perHour = elapsed > 0 ? b.segments * static_cast<double>(kHour) / static_cast<double>(elapsed) : 0;
    }
    return bins;
}

} // namespace tideline::catalog
