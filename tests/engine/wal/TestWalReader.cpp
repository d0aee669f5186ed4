// SPDX-License-Identifier: GPL-3.0-or-later
// WalReader and WalEventDecoder on synthetic WAL: a small writer below lays out PostgreSQL 15
// pages (long header at each segment start, short ones after, continuation headers with
// xlp_rem_len) and records with their CRC-32C, the way XLogInsert does. The real-data oracle
// (pg_waldump) is tests/cli/test_events.py; this is the damage side.
#include "engine/wal/Crc32c.h"
#include "engine/wal/WalEventDecoder.h"
#include "engine/wal/WalReader.h"

#include <QTest>

#include <cstring>

using namespace tideline::wal;
using namespace Qt::StringLiterals;

namespace {

constexpr quint64 kMiB = Q_UINT64_C(1) << 20;
constexpr qsizetype kPage = 8192;
constexpr quint64 kSystemId = Q_UINT64_C(7000000000000000001);
constexpr quint16 kMagic15 = 0xD110;
constexpr quint8 kRmXlog = 0;
constexpr quint8 kRmXact = 1;
constexpr quint8 kXlogNoop = 0x20;
constexpr quint8 kXlogOverwriteContrecord = 0xD0;
constexpr quint8 kXactCommit = 0x00;
constexpr quint8 kXactCommitPrepared = 0x30;
constexpr quint8 kXactHasInfo = 0x80;
constexpr qint64 kPgEpochUnixUsec = Q_INT64_C(946684800) * 1000000;

template <typename T> void put(QByteArray& out, T value)
{
    char raw[sizeof(T)];
    std::memcpy(raw, &value, sizeof(T));
    out.append(raw, qsizetype(sizeof(T)));
}

quint64 align8(quint64 v)
{
    return (v + 7) & ~quint64(7);
}

// One record as XLogRecordAssemble lays it out: header, the main data's block header (255 and a
// length byte, or 254 and a u32), the main data; CRC over the body, then header bytes 0..19.
QByteArray makeRecord(quint8 rmid, quint8 info, quint32 xid, quint64 prev, const QByteArray& main, bool longData = false)
{
    QByteArray body;
    if (!main.isEmpty() || longData) {
        if (main.size() > 255 || longData) {
            body.append(char(254));
            put(body, quint32(main.size()));
        } else {
            body.append(char(255));
            body.append(char(main.size()));
        }
        body.append(main);
    }
    QByteArray rec;
    put(rec, quint32(24 + body.size()));
    put(rec, xid);
    put(rec, prev);
    rec.append(char(info));
    rec.append(char(rmid));
    put(rec, quint16(0));
    quint32 crc = crc32cInit();
    crc = crc32cUpdate(crc, reinterpret_cast<const unsigned char*>(body.constData()), std::size_t(body.size()));
    crc = crc32cUpdate(crc, reinterpret_cast<const unsigned char*>(rec.constData()), 20);
    put(rec, crc32cFinal(crc));
    return rec + body;
}

// A stream of WAL from the start of one segment, as the server writes it.
class WalWriter {
public:
    struct Written {
        quint64 lsn;
        quint64 end;
    };

    explicit WalWriter(quint64 segno, quint64 segmentSize = kMiB)
        : m_segmentSize(segmentSize), m_start(segno * segmentSize), m_prev(m_start - 0x28)
    {}

    quint16 magic = kMagic15;
    quint64 systemId = kSystemId;
    quint32 timeline = 1;

    quint64 lsn() const { return m_start + quint64(m_buf.size()); }
    quint64 segmentStart(int i) const { return m_start + quint64(i) * m_segmentSize; }
    const QList<Written>& written() const { return m_written; }

    // Appends a record; `prev` overrides xl_prev; `abortAtPageEnd` writes only what fits on the
    // current page and marks the next page XLP_FIRST_IS_OVERWRITE_CONTRECORD, as a crash
    // followed by recovery leaves it.
    Written add(quint8 rmid, quint8 info, quint32 xid, const QByteArray& main, std::optional<quint64> prev = {},
                bool abortAtPageEnd = false, bool longData = false)
    {
        startRecord();
        const quint64 here = lsn();
        const QByteArray rec = makeRecord(rmid, info, xid, prev.value_or(m_prev), main, longData);
        qsizetype off = 0;
        while (off < rec.size()) {
            const qsizetype n = std::min<qsizetype>(rec.size() - off, kPage - m_buf.size() % kPage);
            m_buf.append(rec.constData() + off, n);
            off += n;
            if (off < rec.size()) {
                if (abortAtPageEnd) {
                    m_nextPageFlags = 0x0008;
                    return {here, 0};
                }
                pageHeader(quint32(rec.size() - off));
            }
        }
        m_prev = here;
        const Written w{here, here + quint64(rec.size())};
        m_written << w;
        return w;
    }

    // An XLOG NOOP sized so that the next record starts at `target` (on the current page).
    void fillTo(quint64 target)
    {
        startRecord();
        const quint64 total = target - lsn();
        QVERIFY(total >= 29 && lsn() / kPage == (target - 1) / kPage);
        add(kRmXlog, kXlogNoop, 0, QByteArray(qsizetype(total - 29), 'n'), {}, false, true);
        QCOMPARE(align8(lsn()), target);
    }

    // The stream zero-filled to `segments` whole segments.
    QByteArray bytes(int segments) const
    {
        QByteArray out = m_buf;
        out.append(QByteArray(qsizetype(quint64(segments) * m_segmentSize) - out.size(), '\0'));
        return out;
    }
    QByteArray segment(int i) const
    {
        return bytes(i + 1).mid(qsizetype(quint64(i) * m_segmentSize), qsizetype(m_segmentSize));
    }

private:
    void startRecord()
    {
        m_buf.append(QByteArray(qsizetype(align8(quint64(m_buf.size())) - quint64(m_buf.size())), '\0'));
        if (m_buf.size() % kPage == 0)
            pageHeader(0);
    }

    void pageHeader(quint32 remaining)
    {
        const quint64 pageLsn = lsn();
        const bool first = pageLsn % m_segmentSize == 0;
        const quint16 info = quint16((first ? 0x0002 : 0) | (remaining ? 0x0001 : 0) | m_nextPageFlags);
        m_nextPageFlags = 0;
        put(m_buf, magic);
        put(m_buf, info);
        put(m_buf, timeline);
        put(m_buf, pageLsn);
        put(m_buf, remaining);
        put(m_buf, quint32(0));
        if (first) {
            put(m_buf, systemId);
            put(m_buf, quint32(m_segmentSize));
            put(m_buf, quint32(kPage));
        }
    }

    quint64 m_segmentSize;
    quint64 m_start;
    quint64 m_prev;
    QByteArray m_buf;
    quint16 m_nextPageFlags = 0;
    QList<Written> m_written;
};

qint64 pgTime(qint64 unixSeconds)
{
    return unixSeconds * 1000000 - kPgEpochUnixUsec + 250;
}

// xl_xact_commit and what follows, in ParseCommitRecord's order.
QByteArray commitData(qint64 unixSeconds, std::optional<quint32> xinfo, const QList<QByteArray>& parts = {})
{
    QByteArray out;
    put(out, pgTime(unixSeconds));
    if (xinfo)
        put(out, *xinfo);
    for (const QByteArray& p : parts)
        out.append(p);
    return out;
}

QByteArray counted(const QList<quint32>& values, int perItem = 1)
{
    QByteArray out;
    put(out, qint32(values.size() / perItem));
    for (quint32 v : values)
        put(out, v);
    return out;
}

QByteArray subxactCommit(quint32 n)
{
    QList<quint32> subs;
    for (quint32 i = 0; i < n; ++i)
        subs << 5000 + i;
    return commitData(1796390745, 0x2u, {counted(subs)});
}

struct Read {
    QList<WalRecord> records;
    QList<QByteArray> mainData; // copies: the views die with the callback
    WalReader::SegmentResult result;
    QList<quint64> lsns() const
    {
        QList<quint64> out;
        for (const WalRecord& r : records)
            out << r.lsn.value();
        return out;
    }
};

Read readInto(WalReader& reader, quint64 segno, const QByteArray& bytes)
{
    Read out;
    out.result = reader.readSegment(segno, bytes, [&](const WalRecord& r) {
        out.records << r;
        out.mainData << r.mainData.toByteArray();
        out.records.last().mainData = {};
    });
    return out;
}

WalReader::Options options(std::optional<quint64> systemId = kSystemId)
{
    WalReader::Options o;
    o.segmentSize = kMiB;
    o.timeline = 1;
    o.systemId = systemId;
    return o;
}

QList<quint64> lsnsOf(const QList<WalWriter::Written>& written, quint64 from, quint64 endBefore)
{
    QList<quint64> out;
    for (const auto& w : written)
        if (w.lsn >= from && w.end <= endBefore)
            out << w.lsn;
    return out;
}

// A few small records on the first page of segment 1.
WalWriter smallRecords(int count)
{
    WalWriter w(1);
    for (int i = 0; i < count; ++i)
        w.add(kRmXact, kXactCommit, quint32(700 + i), commitData(1796390745 + i, std::nullopt));
    return w;
}

} // namespace

class TestWalReader : public QObject {
    Q_OBJECT
private slots:
    void acrossPagesAndSegments()
    {
        // Records of 400 to 8 KiB bytes from segment 1 well into segment 2; one header split by
        // a page boundary, one record starting exactly at a page's first byte after its header.
        WalWriter w(1);
        w.add(kRmXact, kXactCommit, 700, commitData(1796390745, std::nullopt));
        w.fillTo(w.segmentStart(0) + kPage - 8); // the next header straddles pages 1 and 2
        w.add(kRmXact, kXactCommit | kXactHasInfo, 701, subxactCommit(50));
        quint32 xid = 702;
        for (; w.lsn() < w.segmentStart(1) + 3 * kPage; ++xid)
            w.add(kRmXact, kXactCommit | kXactHasInfo, xid, subxactCommit(100 + (xid * 37) % 1900));
        const quint64 seg2 = w.segmentStart(1);
        const auto crossing =
            std::find_if(w.written().begin(), w.written().end(), [&](const auto& r) { return r.lsn < seg2 && r.end > seg2; });
        QVERIFY(crossing != w.written().end());
        const QByteArray first = w.segment(0);
        const QByteArray second = w.segment(1);

        // One reader through both.
        WalReader reader(options());
        const Read a = readInto(reader, 1, first);
        QVERIFY(!a.result.problem);
        QVERIFY(a.result.continues);
        QVERIFY(!a.result.endOfWal);
        QCOMPARE(a.lsns(), lsnsOf(w.written(), 0, seg2));
        QCOMPARE(reader.postgresVersion(), 15);
        QCOMPARE(reader.systemId(), std::optional<quint64>(kSystemId));
        const Read b = readInto(reader, 2, second);
        QVERIFY2(!b.result.problem, qPrintable(b.result.problem ? b.result.problem->message : QString()));
        QVERIFY(b.result.endOfWal); // zeros after the last record
        QVERIFY(!b.result.continues);
        QCOMPARE(b.lsns(), lsnsOf(w.written(), crossing->lsn, ~quint64(0)));
        QCOMPARE(b.records.first().end.value(), crossing->end);
        for (const Read* read : {&a, &b})
            for (int i = 1; i < read->records.size(); ++i)
                QCOMPARE(read->records[i].prev, read->records[i - 1].lsn);

        // The record reassembled over two segments decodes to its 100..1999 subxacts.
        const WalRecord& r = b.records.first();
        WalRecord withData = r;
        withData.mainData = b.mainData.first();
        WalEventDecoder decoder(15);
        QList<WalEvent> events;
        decoder.decode(withData, events);
        QCOMPARE(decoder.malformed(), 0);
        QCOMPARE(events.size(), 1);
        QCOMPARE(events[0].xid, r.xid);
        QCOMPARE(events[0].subxacts.size(), qsizetype(100 + (r.xid * 37) % 1900));
        QCOMPARE(events[0].subxacts.first(), 5000u);

        // Two readers, the carry in between: the second delivers what the first one would have.
        WalReader before(options());
        QCOMPARE(readInto(before, 1, first).lsns(), a.lsns());
        const QByteArray carry = before.saveCarry();
        QVERIFY(!carry.isEmpty());
        WalReader after(options(std::nullopt));
        after.restoreCarry(2, carry);
        QCOMPARE(after.postgresVersion(), 15);
        const Read resumed = readInto(after, 2, second);
        QVERIFY(!resumed.result.problem);
        QCOMPARE(resumed.lsns(), b.lsns());
        QCOMPARE(resumed.mainData, b.mainData);

        // A carry for another segment is ignored: segment 2 read afresh skips the continuation
        // (xlp_rem_len over one or more pages) and starts at the first record that begins in it.
        WalReader fresh(options());
        fresh.restoreCarry(3, carry);
        const Read unsynced = readInto(fresh, 2, second);
        QVERIFY(!unsynced.result.problem);
        QVERIFY(unsynced.result.endOfWal);
        QCOMPARE(unsynced.lsns(), lsnsOf(w.written(), seg2, ~quint64(0)));
        QVERIFY(unsynced.records.first().lsn.value() >= crossing->end);
        // Junk as a carry is harmless: the same fresh start.
        WalReader junk(options());
        junk.restoreCarry(2, QByteArray("\x00\x00\x00\x01 not a carry", 18));
        QCOMPARE(readInto(junk, 2, second).lsns(), unsynced.lsns());
    }

    void flippedByteIsBadCrc()
    {
        WalWriter w = smallRecords(6);
        QByteArray bytes = w.segment(0);
        const quint64 victim = w.written()[3].lsn;
        bytes[qsizetype(victim - w.segmentStart(0)) + 30] ^= 0x04; // in its main data
        WalReader reader(options());
        const Read read = readInto(reader, 1, bytes);
        QVERIFY(read.result.problem);
        QCOMPARE(read.result.problem->kind, WalProblem::Kind::BadCrc);
        QCOMPARE(read.result.problem->lsn.value(), victim);
        QCOMPARE(read.lsns(), lsnsOf(w.written(), 0, victim + 1));
        QCOMPARE(read.result.records, 3);
        QVERIFY(!read.result.continues);
        QVERIFY(reader.saveCarry().isEmpty()); // the next segment starts afresh
    }

    void wrongSystem()
    {
        WalReader reader(options(kSystemId + 1));
        const Read read = readInto(reader, 1, smallRecords(2).segment(0));
        QVERIFY(read.result.problem);
        QCOMPARE(read.result.problem->kind, WalProblem::Kind::WrongSystem);
        QCOMPARE(read.result.problem->lsn.value(), kMiB);
        QVERIFY(read.records.isEmpty());
    }

    void magic_data()
    {
        QTest::addColumn<quint16>("magic");
        QTest::addColumn<WalProblem::Kind>("kind");
        QTest::newRow("0xD0FF") << quint16(0xD0FF) << WalProblem::Kind::NotWal;
        QTest::newRow("0xD1FF") << quint16(0xD1FF) << WalProblem::Kind::UnsupportedVersion;
        QTest::newRow("zeros") << quint16(0) << WalProblem::Kind::NotWal;
    }
    void magic()
    {
        QFETCH(quint16, magic);
        QFETCH(WalProblem::Kind, kind);
        WalWriter w(1);
        w.magic = magic;
        w.add(kRmXact, kXactCommit, 700, commitData(1796390745, std::nullopt));
        WalReader reader(options());
        const Read read = readInto(reader, 1, w.segment(0));
        QVERIFY(read.result.problem);
        QCOMPARE(read.result.problem->kind, kind);
        QCOMPARE(read.result.problem->lsn.value(), kMiB);
        QVERIFY(read.records.isEmpty());
        QCOMPARE(reader.postgresVersion(), 0);
    }

    void truncatedSegment()
    {
        WalWriter w(1);
        for (quint32 xid = 700; w.lsn() < w.segmentStart(0) + 6 * kPage; ++xid)
            w.add(kRmXact, kXactCommit | kXactHasInfo, xid, subxactCommit(300 + xid % 500));
        const quint64 cut = w.segmentStart(0) + 3 * kPage;
        const QByteArray bytes = w.segment(0).left(3 * kPage + 100);
        WalReader reader(options());
        const Read read = readInto(reader, 1, bytes);
        QVERIFY(read.result.problem);
        QCOMPARE(read.result.problem->kind, WalProblem::Kind::Truncated);
        QCOMPARE(read.result.problem->lsn.value(), cut);
        QVERIFY(read.records.size() >= 3);
        QCOMPARE(read.lsns(), lsnsOf(w.written(), 0, cut));
        QVERIFY(!read.result.continues);
    }

    void prevLinkMismatch()
    {
        WalWriter w(1);
        w.add(kRmXact, kXactCommit, 700, commitData(1796390745, std::nullopt));
        w.add(kRmXact, kXactCommit, 701, commitData(1796390746, std::nullopt));
        const quint64 bad = w.add(kRmXact, kXactCommit, 702, commitData(1796390747, std::nullopt), w.written()[0].lsn).lsn;
        w.add(kRmXact, kXactCommit, 703, commitData(1796390748, std::nullopt));
        WalReader reader(options());
        const Read read = readInto(reader, 1, w.segment(0));
        QVERIFY(read.result.problem);
        QCOMPARE(read.result.problem->kind, WalProblem::Kind::BadRecord);
        QCOMPARE(read.result.problem->lsn.value(), bad);
        QCOMPARE(read.records.size(), 2);
    }

    void overwrittenContrecord()
    {
        // A record cut short by a crash at a page boundary; recovery wrote an
        // XLOG_OVERWRITE_CONTRECORD at the next page, whose header says so, and went on.
        WalWriter w(1);
        w.add(kRmXact, kXactCommit, 700, commitData(1796390745, std::nullopt));
        const quint64 aborted = w.add(kRmXact, kXactCommit | kXactHasInfo, 701, subxactCommit(2100), {}, true).lsn;
        QCOMPARE(w.lsn() % kPage, quint64(0));
        QByteArray overwrite;
        put(overwrite, aborted);
        put(overwrite, pgTime(1796390800));
        const quint64 after = w.add(kRmXlog, kXlogOverwriteContrecord, 0, overwrite).lsn;
        QCOMPARE(after, w.segmentStart(0) + kPage + 24);
        w.add(kRmXact, kXactCommit, 702, commitData(1796390801, std::nullopt));
        WalReader reader(options());
        const Read read = readInto(reader, 1, w.segment(0));
        QVERIFY2(!read.result.problem, qPrintable(read.result.problem ? read.result.problem->message : QString()));
        QVERIFY(read.result.endOfWal);
        QCOMPARE(read.lsns(), lsnsOf(w.written(), 0, ~quint64(0)));
        QCOMPARE(read.records.size(), 3);
        QVERIFY(!read.lsns().contains(aborted));
        QCOMPARE(read.records[1].rmid, kRmXlog);
        QCOMPARE(read.records[1].info, kXlogOverwriteContrecord);
    }

    void zerosEndTheWal_data()
    {
        QTest::addColumn<bool>("atPageBoundary");
        QTest::newRow("mid-page") << false;
        QTest::newRow("page boundary") << true;
    }
    void zerosEndTheWal()
    {
        QFETCH(bool, atPageBoundary);
        WalWriter w = smallRecords(3);
        if (atPageBoundary) {
            w.fillTo(w.segmentStart(0) + kPage - 32);
            w.add(kRmXact, kXactCommit, 800, QByteArray(6, 'x')); // 24 + 2 + 6: ends on the page's end
            QCOMPARE(w.lsn() % kPage, quint64(0));
        }
        WalReader reader(options());
        const Read read = readInto(reader, 1, w.segment(0));
        QVERIFY(!read.result.problem);
        QVERIFY(read.result.endOfWal);
        QVERIFY(!read.result.continues);
        QVERIFY(!read.result.switched);
        QCOMPARE(read.lsns(), lsnsOf(w.written(), 0, ~quint64(0)));
        QVERIFY(reader.saveCarry().isEmpty());
    }

    // --- WalEventDecoder ---------------------------------------------------------------

    void commitWithSubxactsRelsAndStats_data()
    {
        QTest::addColumn<int>("version");
        QTest::newRow("15 with dropped stats") << 15;
        QTest::newRow("14 without") << 14;
    }
    void commitWithSubxactsRelsAndStats()
    {
        QFETCH(int, version);
        constexpr quint32 kDbInfo = 0x01, kSubxacts = 0x02, kRels = 0x04, kInvals = 0x08, kOrigin = 0x20, kStats = 0x100;
        QByteArray db;
        put(db, quint32(5));
        put(db, quint32(1663));
        QByteArray invals;
        put(invals, qint32(1));
        invals.append(QByteArray(16, 'i'));
        QByteArray origin(16, 'o');
        QList<QByteArray> parts{db, counted({901, 902, 903}), counted({1663, 5, 16384, 1664, 0, 1262}, 3)};
        quint32 xinfo = kDbInfo | kSubxacts | kRels | kInvals | kOrigin;
        if (version >= 15) {
            parts << counted({2, 5, 16384}, 3); // one dropped stats item: kind, db, object
            xinfo |= kStats;
        }
        parts << invals << origin;
        const QByteArray main = commitData(1796390745, xinfo, parts);
        WalRecord r;
        r.lsn = Lsn(0x3000028);
        r.end = Lsn(0x3000028 + 24 + 2 + quint64(main.size()));
        r.rmid = kRmXact;
        r.info = kXactCommit | kXactHasInfo | 0x01;
        r.xid = 900;
        r.pageTimeline = 3;
        r.mainData = main;
        WalEventDecoder decoder(version);
        QList<WalEvent> events;
        decoder.decode(r, events);
        QCOMPARE(decoder.malformed(), 0);
        QCOMPARE(events.size(), 2);
        QCOMPARE(events[0].kind, WalEvent::Kind::Commit);
        QCOMPARE(events[0].xid, 900u);
        QCOMPARE(events[0].timeline, 3u);
        QCOMPARE(events[0].lsn, r.lsn);
        QCOMPARE(events[0].end, r.end);
        QCOMPARE(events[0].timeUsec, std::optional<qint64>(Q_INT64_C(1796390745) * 1000000 + 250));
        QCOMPARE(events[0].subxacts, (QList<quint32>{901, 902, 903}));
        QCOMPARE(events[1].kind, WalEvent::Kind::Drop);
        QCOMPARE(events[1].relations, (QStringList{u"base/5/16384"_s, u"global/1262"_s}));
        QVERIFY(events[1].subxacts.isEmpty());
    }

    void commitPreparedTakesTheTwophaseXid()
    {
        constexpr quint32 kTwophase = 0x10, kGid = 0x80;
        QByteArray twophase;
        put(twophase, quint32(4242));
        const QByteArray main = commitData(1796390745, kTwophase | kGid, {twophase, QByteArray("tx-1\0", 5)});
        WalRecord r;
        r.lsn = Lsn(0x3000028);
        r.rmid = kRmXact;
        r.info = kXactCommitPrepared | kXactHasInfo;
        r.xid = 0; // COMMIT PREPARED runs in no transaction of its own
        r.mainData = main;
        for (int version = 13; version <= 17; ++version) {
            WalEventDecoder decoder(version);
            QList<WalEvent> events;
            decoder.decode(r, events);
            QCOMPARE(decoder.malformed(), 0);
            QCOMPARE(events.size(), 1);
            QCOMPARE(events[0].kind, WalEvent::Kind::Commit);
            QCOMPARE(events[0].xid, 4242u);
        }
    }

    void truncatedCommitIsMalformed()
    {
        // Five subxacts announced, two present.
        QByteArray subs;
        put(subs, qint32(5));
        put(subs, quint32(901));
        put(subs, quint32(902));
        WalRecord r;
        r.rmid = kRmXact;
        r.info = kXactCommit | kXactHasInfo;
        r.xid = 900;
        WalEventDecoder decoder(15);
        QList<WalEvent> events;
        const QByteArray shortSubs = commitData(1796390745, 0x2u, {subs});
        r.mainData = shortSubs;
        decoder.decode(r, events);
        // The xinfo word itself cut, and a commit shorter than its timestamp.
        const QByteArray shortXinfo = commitData(1796390745, std::nullopt) + QByteArray(2, '\0');
        r.mainData = shortXinfo;
        decoder.decode(r, events);
        const QByteArray shortTime(5, '\0');
        r.mainData = shortTime;
        r.info = kXactCommit;
        decoder.decode(r, events);
        QCOMPARE(decoder.malformed(), 3);
        QVERIFY(events.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestWalReader)
#include "TestWalReader.moc"
