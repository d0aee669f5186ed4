// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/wal/WalReader.h"

#include "engine/wal/Crc32c.h"

#include <QDataStream>
#include <QIODevice>

#include <algorithm>
#include <cstring>

namespace tideline::wal {

namespace {

// PostgreSQL's access/xlog_internal.h and access/xlogrecord.h, the same in 13 to 17 except for
// the magic and the image flags.
constexpr qsizetype kBlockSize = 8192;
constexpr qsizetype kShortHeader = 24;
constexpr qsizetype kLongHeader = 40;
constexpr qsizetype kRecordHeader = 24;
constexpr quint16 kFirstIsContRecord = 0x0001;
constexpr quint16 kLongHeaderFlag = 0x0002;
constexpr quint16 kOverwriteContRecord = 0x0008;            // 14, and 13 from 13.5
constexpr quint32 kMaxRecordLength = 1020u * 1024u * 1024u; // XLogRecordMaxSize
constexpr qsizetype kReserveLimit = 1024 * 1024;            // reserved for a record in pieces
constexpr quint8 kRmXlog = 0;
constexpr quint8 kXlogSwitch = 0x40;
constexpr quint8 kMaxBuiltinRmgr = 21; // RM_LOGICALMSG_ID
constexpr quint8 kMinCustomRmgr = 128; // 15 and later
constexpr quint8 kMaxBlockId = 32;
constexpr quint8 kBlockIdDataShort = 255;
constexpr quint8 kBlockIdDataLong = 254;
constexpr quint8 kBlockIdOrigin = 253;
constexpr quint8 kBlockIdToplevelXid = 252;
constexpr quint8 kBlockHasImage = 0x10;
constexpr quint8 kBlockHasData = 0x20;
constexpr quint8 kBlockSameRel = 0x80;
constexpr quint8 kImageHasHole = 0x01;

template <typename T> T load(const unsigned char* p)
{
    T v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

quint64 align8(quint64 v)
{
    return (v + 7) & ~quint64(7);
}

QString hex(quint64 v)
{
    return QStringLiteral("0x") + QString::number(v, 16).toUpper();
}

WalProblem problem(WalProblem::Kind kind, Lsn lsn, QString message)
{
    return {kind, lsn, std::move(message)};
}

} // namespace

std::optional<int> postgresVersionOfMagic(quint16 magic)
{
    switch (magic) {
    case 0xD106: return 13;
    case 0xD10D: return 14;
    case 0xD110: return 15;
    case 0xD113: return 16;
    case 0xD116: return 17;
    default: return std::nullopt;
    }
}

WalReader::WalReader(Options options) : m_options(options), m_systemId(options.systemId)
{}

std::optional<WalProblem> WalReader::checkPage(const unsigned char* page, Lsn pageLsn, bool first, quint16& info,
                                               quint32& remLen, TimelineId& tli, qsizetype& headerSize)
{
    using K = WalProblem::Kind;
    const auto magic = load<quint16>(page);
    info = load<quint16>(page + 2);
    tli = load<quint32>(page + 4);
    const auto pageAddr = load<quint64>(page + 8);
    remLen = load<quint32>(page + 16);
    if (magic != m_magic || m_magic == 0) { // magic 0 is no version, not "the one seen so far"
        if (m_magic != 0 || (magic & 0xFF00) != 0xD100)
            return problem(m_magic ? K::BadPageHeader : K::NotWal, pageLsn,
                           QStringLiteral("page magic %1 where %2 was expected").arg(hex(magic), hex(m_magic ? m_magic : 0xD110)));
        const auto version = postgresVersionOfMagic(magic);
        if (!version)
            return problem(K::UnsupportedVersion, pageLsn,
                           QStringLiteral("page magic %1 is not of PostgreSQL 13 to 17").arg(hex(magic)));
        m_magic = magic;
        m_version = *version;
    }
    // XLP_ALL_FLAGS: 0x0F since 14 and 13.5 (the overwrite-contrecord fix was back-patched).
    constexpr quint16 allFlags = 0x000F;
    if (info & ~allFlags)
        return problem(K::BadPageHeader, pageLsn, QStringLiteral("page flags %1 are not PostgreSQL's").arg(hex(info)));
    if (first != bool(info & kLongHeaderFlag))
        return problem(K::BadPageHeader, pageLsn,
                       first ? QStringLiteral("the first page of a segment has no long header")
                             : QStringLiteral("a long page header inside a segment"));
    if (first) {
        const auto sysid = load<quint64>(page + 24);
        const auto segSize = load<quint32>(page + 32);
        const auto blockSize = load<quint32>(page + 36);
        if (m_systemId && *m_systemId != sysid)
            return problem(K::WrongSystem, pageLsn,
                           QStringLiteral("system identifier %1, not %2: WAL of another cluster")
                               .arg(QString::number(sysid), QString::number(*m_systemId)));
        if (segSize != m_options.segmentSize || blockSize != kBlockSize)
            return problem(K::WrongSegmentSize, pageLsn,
                           QStringLiteral("segment size %1 and page size %2, not %3 and 8192")
                               .arg(QString::number(segSize), QString::number(blockSize),
                                    QString::number(m_options.segmentSize)));
        m_systemId = sysid;
    }
    if (pageAddr != pageLsn.value())
        return problem(K::BadPageHeader, pageLsn,
                       QStringLiteral("page address %1 is not the page's own").arg(Lsn(pageAddr).toString()));
    if (tli == 0 || tli > m_options.timeline || tli < m_lastTli)
        return problem(K::BadPageHeader, pageLsn,
                       QStringLiteral("page of timeline %1 in the WAL of timeline %2 after timeline %3")
                           .arg(tli)
                           .arg(m_options.timeline)
                           .arg(m_lastTli));
    m_lastTli = tli;
    headerSize = first ? kLongHeader : kShortHeader;
    return std::nullopt;
}

bool WalReader::deliver(QByteArrayView record, Lsn lsn, TimelineId pageTli, const RecordSink& sink, SegmentResult& result)
{
    using K = WalProblem::Kind;
    const auto* p = reinterpret_cast<const unsigned char*>(record.data());
    const auto total = static_cast<quint32>(record.size());
    auto bad = [&](K kind, QString message) {
        result.problem = problem(kind, lsn, std::move(message));
        return false;
    };
    WalRecord r;
    r.lsn = lsn;
    r.end = Lsn(lsn.value() + total);
    r.xid = load<quint32>(p + 4);
    r.prev = Lsn(load<quint64>(p + 8));
    r.info = p[16];
    r.rmid = p[17];
    r.pageTimeline = pageTli;
    if (r.rmid > kMaxBuiltinRmgr && (m_version < 15 || r.rmid < kMinCustomRmgr))
        return bad(K::BadRecord, QStringLiteral("resource manager %1 does not exist").arg(r.rmid));
    if (m_prevRecord.value() != 0 && r.prev != m_prevRecord)
        return bad(K::BadRecord,
                   QStringLiteral("record points back to %1, not to the record before it at %2")
                       .arg(r.prev.toString(), m_prevRecord.toString()));
    // The first record read after a fresh start: PostgreSQL at least wants it to point backwards.
    if (m_prevRecord.value() == 0 && r.prev >= lsn)
        return bad(K::BadRecord, QStringLiteral("record points forward to %1").arg(r.prev.toString()));

    // The block headers, as DecodeXLogRecord reads them: every length must add up to the record.
    const unsigned char* h = p + kRecordHeader;
    quint64 remaining = total - kRecordHeader;
    quint64 dataTotal = 0;
    quint32 mainLength = 0;
    int maxBlock = -1;
    bool haveRel = false;
    auto take = [&](void* out, quint64 n) {
        if (remaining < n)
            return false;
        std::memcpy(out, h, n);
        h += n;
        remaining -= n;
        return true;
    };
    const auto truncatedHeaders = QStringLiteral("block headers run past the record's length");
    while (remaining > dataTotal) {
        quint8 id = 0;
        if (!take(&id, 1))
            return bad(K::BadRecord, truncatedHeaders);
        if (id == kBlockIdDataShort) {
            quint8 len = 0;
            if (!take(&len, 1))
                return bad(K::BadRecord, truncatedHeaders);
            mainLength = len;
            dataTotal += len;
            break;
        }
        if (id == kBlockIdDataLong) {
            if (!take(&mainLength, 4))
                return bad(K::BadRecord, truncatedHeaders);
            dataTotal += mainLength;
            break;
        }
        if (id == kBlockIdOrigin) {
            quint16 origin = 0;
            if (!take(&origin, 2))
                return bad(K::BadRecord, truncatedHeaders);
            continue;
        }
        if (id == kBlockIdToplevelXid && m_version >= 14) {
            quint32 top = 0;
            if (!take(&top, 4))
                return bad(K::BadRecord, truncatedHeaders);
            continue;
        }
        if (id > kMaxBlockId)
            return bad(K::BadRecord, QStringLiteral("invalid block id %1").arg(id));
        if (int(id) <= maxBlock)
            return bad(K::BadRecord, QStringLiteral("block id %1 out of order").arg(id));
        maxBlock = id;
        quint8 forkFlags = 0;
        quint16 dataLength = 0;
        if (!take(&forkFlags, 1) || !take(&dataLength, 2))
            return bad(K::BadRecord, truncatedHeaders);
        if (bool(forkFlags & kBlockHasData) != (dataLength != 0))
            return bad(K::BadRecord, QStringLiteral("block %1's data flag and length disagree").arg(id));
        dataTotal += dataLength;
        if (forkFlags & kBlockHasImage) {
            quint16 imageLength = 0;
            quint16 holeOffset = 0;
            quint8 imageInfo = 0;
            if (!take(&imageLength, 2) || !take(&holeOffset, 2) || !take(&imageInfo, 1))
                return bad(K::BadRecord, truncatedHeaders);
            const bool compressed = m_version >= 15 ? (imageInfo & 0x1C) != 0 : (imageInfo & 0x02) != 0;
            quint16 holeLength = 0;
            if (imageInfo & kImageHasHole) {
                if (compressed) {
                    if (!take(&holeLength, 2))
                        return bad(K::BadRecord, truncatedHeaders);
                } else {
                    holeLength = static_cast<quint16>(kBlockSize - imageLength);
                }
                if (holeOffset == 0 || holeLength == 0 || imageLength == kBlockSize)
                    return bad(K::BadRecord, QStringLiteral("block %1's image hole is inconsistent").arg(id));
            } else if (holeOffset != 0) {
                return bad(K::BadRecord, QStringLiteral("block %1's image hole is inconsistent").arg(id));
            }
            if ((compressed && imageLength == kBlockSize)
                || (!compressed && !(imageInfo & kImageHasHole) && imageLength != kBlockSize) || imageLength > kBlockSize)
                return bad(K::BadRecord,
                           QStringLiteral("block %1's image length %2 is inconsistent").arg(id).arg(imageLength));
            dataTotal += imageLength;
        }
        if (!(forkFlags & kBlockSameRel)) {
            unsigned char rel[12];
            if (!take(rel, sizeof rel))
                return bad(K::BadRecord, truncatedHeaders);
            haveRel = true;
        } else if (!haveRel) {
            return bad(K::BadRecord, QStringLiteral("block %1 refers to a previous relation that is not there").arg(id));
        }
        quint32 blockNumber = 0;
        if (!take(&blockNumber, 4))
            return bad(K::BadRecord, truncatedHeaders);
    }
    if (remaining != dataTotal)
        return bad(K::BadRecord, QStringLiteral("record length %1 disagrees with its block headers").arg(total));

    quint32 crc = crc32cInit();
    crc = crc32cUpdate(crc, p + kRecordHeader, total - kRecordHeader);
    crc = crc32cUpdate(crc, p, 20);
    if (crc32cFinal(crc) != load<quint32>(p + 20))
        return bad(K::BadCrc, QStringLiteral("record CRC mismatch"));

    if (mainLength)
        r.mainData = QByteArrayView(record.data() + (total - mainLength), qsizetype(mainLength));
    m_prevRecord = lsn;
    sink(r);
    ++result.records;
    if (r.rmid == kRmXlog && (r.info & 0xF0) == kXlogSwitch)
        result.switched = true;
    return true;
}

WalReader::SegmentResult WalReader::readSegment(quint64 segno, QByteArrayView bytes, const RecordSink& sink)
{
    using K = WalProblem::Kind;
    SegmentResult result;
    const auto segSize = static_cast<qsizetype>(m_options.segmentSize);
    const quint64 segStart = segno * m_options.segmentSize;
    if (!m_synced || segno != m_nextSegno) {
        m_pending.clear();
        m_pendingTotal = 0;
        m_prevRecord = Lsn();
        m_synced = false;
    }
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    const qsizetype available = std::min<qsizetype>(bytes.size(), segSize);
    auto stop = [&](WalProblem p) {
        result.problem = std::move(p);
        m_pending.clear();
        m_pendingTotal = 0;
        m_synced = false;
        return result;
    };
    if (bytes.size() > segSize)
        return stop(problem(K::WrongSegmentSize, Lsn(segStart),
                            QStringLiteral("%1 bytes, more than the segment size %2").arg(bytes.size()).arg(segSize)));

    bool skipping = !m_synced; // looking for the first record boundary
    quint32 skipLeft = 0;
    qsizetype pos = 0;
    while (pos < segSize) {
        if (pos % kBlockSize == 0) {
            const Lsn pageLsn(segStart + quint64(pos));
            if (pos + kBlockSize > available) {
                if (m_pending.isEmpty() && !skipping && pos == available && available == 0)
                    return stop(problem(K::Truncated, pageLsn, QStringLiteral("the segment is empty")));
                return stop(problem(K::Truncated, pageLsn,
                                    QStringLiteral("the segment ends after %1 of its %2 bytes").arg(available).arg(segSize)));
            }
            const unsigned char* page = data + pos;
            quint16 info = 0;
            quint32 remLen = 0;
            TimelineId tli = 0;
            qsizetype headerSize = 0;
            const bool atBoundary = m_pending.isEmpty() && !skipping;
            if (atBoundary && pos > 0 && load<quint16>(page) == 0 && load<quint64>(page + 8) == 0) {
                result.endOfWal = true; // zeros where the next page would be: WAL ends here
                break;
            }
            if (auto p = checkPage(page, pageLsn, pos == 0, info, remLen, tli, headerSize)) {
                // A recycled page (an older address) at a record boundary is where PostgreSQL
                // itself stops replaying: the end of the WAL, not damage.
                if (atBoundary && pos > 0 && p->kind == K::BadPageHeader && load<quint16>(page) == m_magic
                    && load<quint64>(page + 8) < pageLsn.value()) {
                    result.endOfWal = true;
                    break;
                }
                return stop(std::move(*p));
            }
            pos += headerSize;
            if (!m_pending.isEmpty()) {
                const quint32 left = m_pendingTotal - static_cast<quint32>(m_pending.size());
                if (info & kFirstIsContRecord) {
                    if (remLen != left)
                        return stop(problem(K::BadPageHeader, pageLsn,
                                            QStringLiteral("the page continues a record with %1 bytes, %2 were expected")
                                                .arg(remLen)
                                                .arg(left)));
                } else if (info & kOverwriteContRecord) {
                    m_pending.clear(); // the record was never finished; its successor starts here
                    m_pendingTotal = 0;
                } else {
                    return stop(
                        problem(K::BadPageHeader, pageLsn,
                                QStringLiteral("the page does not continue the record at %1").arg(m_pendingLsn.toString())));
                }
            } else if (skipping) {
                skipLeft = (info & kFirstIsContRecord) ? remLen : 0;
                if (skipLeft == 0)
                    skipping = false;
            } else if (info & kFirstIsContRecord) {
                return stop(
                    problem(K::BadPageHeader, pageLsn, QStringLiteral("the page continues a record that never started")));
            }
        }
        const qsizetype pageEnd = (pos / kBlockSize + 1) * kBlockSize;
        if (skipping) {
            const qsizetype n = std::min<qsizetype>(skipLeft, pageEnd - pos);
            pos += n;
            skipLeft -= static_cast<quint32>(n);
            if (skipLeft == 0) {
                skipping = false;
                pos = static_cast<qsizetype>(align8(quint64(pos)));
            }
            continue;
        }
        if (!m_pending.isEmpty()) {
            const qsizetype n = std::min<qsizetype>(qsizetype(m_pendingTotal) - m_pending.size(), pageEnd - pos);
            m_pending.append(reinterpret_cast<const char*>(data + pos), n);
            pos += n;
            if (m_pending.size() == qsizetype(m_pendingTotal)) {
                const QByteArray record = std::exchange(m_pending, {});
                m_pendingTotal = 0;
                if (!deliver(record, m_pendingLsn, m_pendingTli, sink, result))
                    return stop(*result.problem);
                if (result.switched)
                    break;
                pos = static_cast<qsizetype>(align8(quint64(pos)));
            }
            continue;
        }
        if (pos >= pageEnd)
            continue;
        const Lsn lsn(segStart + quint64(pos));
        const auto total = load<quint32>(data + pos);
        if (total == 0) {
            result.endOfWal = true;
            break;
        }
        if (total < kRecordHeader || total > kMaxRecordLength)
            return stop(problem(K::BadRecord, lsn, QStringLiteral("invalid record length %1").arg(total)));
        const TimelineId pageTli = load<quint32>(data + (pos / kBlockSize) * kBlockSize + 4);
        if (pos + qsizetype(total) <= pageEnd) {
            if (!deliver(QByteArrayView(bytes.data() + pos, total), lsn, pageTli, sink, result))
                return stop(*result.problem);
            if (result.switched)
                break;
            pos = static_cast<qsizetype>(align8(quint64(pos) + total));
            continue;
        }
        m_pending = QByteArray(reinterpret_cast<const char*>(data + pos), pageEnd - pos);
        // Not the whole length up front: a damaged length (up to 1020 MB) would cost that much
        // memory before a single page confirms it; appends grow the buffer as pages arrive.
        m_pending.reserve(qsizetype(std::min<quint32>(total, quint32(kReserveLimit))));
        m_pendingTotal = total;
        m_pendingLsn = lsn;
        m_pendingTli = pageTli;
        pos = pageEnd;
    }
    if (available < segSize && !result.problem) {
        // PostgreSQL refuses a restored segment of the wrong size, whatever the bytes before the
        // cut say: the object is damaged even when the WAL in it ended earlier.
        return stop(problem(K::Truncated, Lsn(segStart + quint64(available)),
                            QStringLiteral("the segment ends after %1 of its %2 bytes").arg(available).arg(segSize)));
    }
    result.continues = !m_pending.isEmpty();
    // After the end of the WAL nothing follows on this timeline; a later segment starts afresh.
    m_synced = !result.endOfWal;
    m_nextSegno = segno + 1;
    return result;
}

QByteArray WalReader::saveCarry() const
{
    if (!m_synced)
        return {};
    QByteArray out;
    QDataStream s(&out, QIODevice::WriteOnly);
    s << quint32(1) << quint64(m_nextSegno) << quint16(m_magic) << qint32(m_version) << bool(m_systemId.has_value())
      << quint64(m_systemId.value_or(0)) << quint32(m_lastTli) << m_pending << quint32(m_pendingTotal)
      << quint64(m_pendingLsn.value()) << quint32(m_pendingTli) << quint64(m_prevRecord.value());
    return out;
}

void WalReader::restoreCarry(quint64 nextSegno, const QByteArray& carry)
{
    m_synced = false;
    m_pending.clear();
    m_pendingTotal = 0;
    m_prevRecord = Lsn();
    if (carry.isEmpty())
        return;
    QDataStream s(carry);
    quint32 format = 0;
    quint64 segno = 0, sysid = 0, pendingLsn = 0, prev = 0;
    quint16 magic = 0;
    qint32 version = 0;
    bool haveSysid = false;
    quint32 lastTli = 0, pendingTotal = 0, pendingTli = 0;
    QByteArray pending;
    s >> format >> segno >> magic >> version >> haveSysid >> sysid >> lastTli >> pending >> pendingTotal >> pendingLsn
        >> pendingTli >> prev;
    if (s.status() != QDataStream::Ok || format != 1 || segno != nextSegno || postgresVersionOfMagic(magic) != version
        || qsizetype(pendingTotal) < pending.size() || (pendingTotal != 0) != !pending.isEmpty()
        || pendingTotal > kMaxRecordLength || (pendingTotal != 0 && pendingTotal < kRecordHeader)
        || (m_systemId && haveSysid && *m_systemId != sysid))
        return;
    m_magic = magic;
    m_version = version;
    if (haveSysid)
        m_systemId = sysid;
    m_lastTli = lastTli;
    m_pending = pending;
    m_pendingTotal = pendingTotal;
    m_pendingLsn = Lsn(pendingLsn);
    m_pendingTli = pendingTli;
    m_prevRecord = Lsn(prev);
    m_nextSegno = nextSegno;
    m_synced = true;
}

} // namespace tideline::wal
