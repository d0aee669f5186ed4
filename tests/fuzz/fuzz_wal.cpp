// SPDX-License-Identifier: GPL-3.0-or-later
// What an archive hands the WAL reader: segment bytes nobody vouches for. The first byte picks
// the mode:
//   bits 0-1  segment size: 1 MiB, 16 MiB, 16 KiB, 8 KiB (the small ones let records cross
//             segment boundaries within a fuzz input; the reader does not care about the size)
//   bit 2     an expected system identifier (the seeds' own)
//   bit 3     the bytes split into two consecutive segments
//   bit 4     each segment zero-padded to its full size (sizes up to 1 MiB only)
//   bit 5     restoreCarry() with fuzz bytes first: the next byte is their length, then they
//   bits 6-7  the timeline the segments are named for: 1, 2, 3, 0xFFFFFFFF
// The rest is the WAL. Every record delivered is decoded as PostgreSQL 13 to 17 would write it.
// Nothing may crash, hang or read outside the input, and when two segments are read, a reader
// that resumes from saveCarry() must deliver exactly what the reader that read both did.
#include "engine/wal/WalEventDecoder.h"
#include "engine/wal/WalReader.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

using namespace tideline;

namespace {

void require(bool ok, const char* what)
{
    if (!ok) {
        fprintf(stderr, "invariant broken: %s\n", what);
        std::abort();
    }
}

constexpr quint64 kSeedSystemId = 7000000000000000001ULL;
constexpr quint64 kFirstSegno = 1;
// FUZZ_WAL_PRINT=1 shows what each segment held (to check the seeds: fuzz_wal -runs=0 corpus).
const bool kPrint = std::getenv("FUZZ_WAL_PRINT") != nullptr;

struct Seen {
    quint64 lsn;
    quint64 end;
    quint8 rmid;
    quint8 info;
    QByteArray mainData;
    friend bool operator==(const Seen&, const Seen&) = default;
};

struct Outcome {
    std::vector<Seen> records;
    std::vector<wal::WalReader::SegmentResult> results;
};

// A buffer of exactly the segment's bytes (zero-padded when asked), so that AddressSanitizer sees
// any read past them.
struct Segment {
    std::unique_ptr<char[]> storage;
    qsizetype size = 0;
    QByteArrayView view() const { return {storage.get(), size}; }
};

Segment makeSegment(const uint8_t* data, size_t size, qsizetype padTo)
{
    Segment s;
    s.size = std::max<qsizetype>(qsizetype(size), padTo);
    s.storage = std::make_unique<char[]>(size_t(std::max<qsizetype>(s.size, 1)));
    if (size)
        std::memcpy(s.storage.get(), data, size);
    if (s.size > qsizetype(size))
        std::memset(s.storage.get() + size, 0, size_t(s.size - qsizetype(size)));
    return s;
}

wal::WalReader::RecordSink sinkInto(Outcome& outcome)
{
    return [&outcome](const wal::WalRecord& r) {
        require(r.end.value() >= r.lsn.value() + 24, "a record is at least its header long");
        require(r.mainData.size() <= qsizetype(r.end.value() - r.lsn.value()) - 24, "main data fits in the record");
        require(outcome.records.empty() || outcome.records.back().lsn < r.lsn.value(), "records come in LSN order");
        outcome.records.push_back({r.lsn.value(), r.end.value(), r.rmid, r.info, r.mainData.toByteArray()});
        for (int version = 13; version <= 17; ++version) {
            wal::WalEventDecoder decoder(version);
            QList<wal::WalEvent> events;
            decoder.decode(r, events);
            require(events.size() <= 2, "a record yields at most an event and its drop");
            require(decoder.malformed() == 0 || events.isEmpty(), "a malformed record yields no event");
            if (kPrint && version == 15)
                fprintf(stderr, "  %s rmid %d info 0x%02X main %d: %d events, malformed %d\n", qPrintable(r.lsn.toString()),
                        r.rmid, r.info, int(r.mainData.size()), int(events.size()), decoder.malformed());
            for (const wal::WalEvent& e : events)
                require(e.lsn == r.lsn && e.end == r.end, "an event stands where its record does");
        }
    };
}

void checkResult(const wal::WalReader::SegmentResult& result, int delivered)
{
    if (kPrint)
        fprintf(stderr, "segment: %d records, end of WAL %d, switched %d, continues %d, problem %s\n", result.records,
                int(result.endOfWal), int(result.switched), int(result.continues),
                result.problem ? qPrintable(QString::number(int(result.problem->kind)) + u' '
                                            + result.problem->lsn.toString() + u' ' + result.problem->message)
                               : "none");
    require(result.records == delivered, "the count is what the sink saw");
    require(!(result.problem && result.continues), "a segment with a problem continues nothing");
    require(!(result.endOfWal && result.continues), "the WAL cannot both end and continue");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1)
        return 0;
    const uint8_t mode = data[0];
    ++data;
    --size;
    static constexpr quint64 kSizes[] = {1u << 20, 16u << 20, 16u << 10, 8u << 10};
    static constexpr wal::TimelineId kTimelines[] = {1, 2, 3, 0xFFFFFFFFu};
    wal::WalReader::Options options;
    options.segmentSize = kSizes[mode & 3];
    if (mode & 4)
        options.systemId = kSeedSystemId;
    options.timeline = kTimelines[mode >> 6];
    const bool split = mode & 8;
    const qsizetype segSize = qsizetype(options.segmentSize);
    const qsizetype padTo = (mode & 16) && segSize <= (1 << 20) ? segSize : 0;

    QByteArray carry;
    if (mode & 32) {
        if (size < 1)
            return 0;
        const size_t length = std::min<size_t>(data[0], size - 1);
        carry = QByteArray(reinterpret_cast<const char*>(data + 1), qsizetype(length));
        data += 1 + length;
        size -= 1 + length;
    }

    // Where the bytes split into two segments: at the segment size when there is more, else at
    // the middle page boundary (the first segment then ends short).
    size_t cut = size;
    if (split)
        cut = size > size_t(segSize) ? size_t(segSize) : (size / 2) & ~size_t(8191);
    const Segment first = makeSegment(data, cut, padTo);
    const Segment second = makeSegment(data + cut, size - cut, split ? padTo : 0);

    // One reader through both segments.
    Outcome whole;
    wal::WalReader reader(options);
    if (mode & 32)
        reader.restoreCarry(kFirstSegno, carry);
    {
        const auto before = whole.records.size();
        whole.results.push_back(reader.readSegment(kFirstSegno, first.view(), sinkInto(whole)));
        checkResult(whole.results.back(), int(whole.records.size() - before));
    }
    (void)reader.saveCarry();
    if (!split)
        return 0;
    {
        const auto before = whole.records.size();
        whole.results.push_back(reader.readSegment(kFirstSegno + 1, second.view(), sinkInto(whole)));
        checkResult(whole.results.back(), int(whole.records.size() - before));
    }

    // The same, the second segment read by another reader from the first one's carry.
    Outcome resumed;
    wal::WalReader firstReader(options);
    if (mode & 32)
        firstReader.restoreCarry(kFirstSegno, carry);
    resumed.results.push_back(firstReader.readSegment(kFirstSegno, first.view(), sinkInto(resumed)));
    const QByteArray saved = firstReader.saveCarry();
    if (saved.isEmpty())
        return 0; // a fresh start, but the first reader kept the magic and timeline it saw
    wal::WalReader secondReader(options);
    secondReader.restoreCarry(kFirstSegno + 2, saved); // not for this segment: ignored
    secondReader.restoreCarry(kFirstSegno + 1, saved);
    const auto before = resumed.records.size();
    resumed.results.push_back(secondReader.readSegment(kFirstSegno + 1, second.view(), sinkInto(resumed)));
    checkResult(resumed.results.back(), int(resumed.records.size() - before));
    require(resumed.records == whole.records, "a resumed reader delivers what a continuous one does");
    const auto& a = whole.results.back();
    const auto& b = resumed.results.back();
    require(a.records == b.records && a.endOfWal == b.endOfWal && a.switched == b.switched && a.continues == b.continues
                && a.problem.has_value() == b.problem.has_value()
                && (!a.problem || (a.problem->kind == b.problem->kind && a.problem->lsn == b.problem->lsn)),
            "a resumed reader ends the segment as a continuous one does");
    require(secondReader.saveCarry() == reader.saveCarry(), "and leaves the same carry");
    return 0;
}
