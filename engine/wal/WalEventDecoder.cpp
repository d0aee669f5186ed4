// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/wal/WalEventDecoder.h"

#include <cstring>

namespace tideline::wal {

namespace {

// Resource managers and info codes (access/rmgrlist.h, catalog/pg_control.h, access/xact.h,
// catalog/storage_xlog.h), unchanged from 13 to 17.
constexpr quint8 kRmXlog = 0;
constexpr quint8 kRmXact = 1;
constexpr quint8 kRmSmgr = 2;
constexpr quint8 kCheckpointShutdown = 0x00;
constexpr quint8 kCheckpointOnline = 0x10;
constexpr quint8 kRestorePoint = 0x70;
constexpr quint8 kEndOfRecovery = 0x90;
constexpr quint8 kXactOpMask = 0x70;
constexpr quint8 kXactHasInfo = 0x80;
constexpr quint8 kXactCommit = 0x00;
constexpr quint8 kXactAbort = 0x20;
constexpr quint8 kXactCommitPrepared = 0x30;
constexpr quint8 kXactAbortPrepared = 0x40;
constexpr quint32 kHasDbInfo = 1u << 0;
constexpr quint32 kHasSubxacts = 1u << 1;
constexpr quint32 kHasRelfilenodes = 1u << 2;
constexpr quint32 kHasInvals = 1u << 3;
constexpr quint32 kHasTwophase = 1u << 4;
constexpr quint32 kHasOrigin = 1u << 5;
constexpr quint32 kHasGid = 1u << 7;
constexpr quint32 kHasDroppedStats = 1u << 8; // 15 and later
constexpr quint8 kSmgrTruncate = 0x20;
constexpr qint64 kPgEpochUnixUsec = 946684800LL * 1000000LL;
constexpr quint32 kGlobalTablespace = 1664;
constexpr quint32 kDefaultTablespace = 1663;
constexpr int kRestorePointNameLength = 64; // MAXFNAMELEN
constexpr qsizetype kCheckpointSize = 88;

// Bounds-checked reads from a record's main data.
class Reader {
public:
    explicit Reader(QByteArrayView data) : m_data(data) {}
    template <typename T> bool read(T& out)
    {
        if (m_data.size() - m_pos < qsizetype(sizeof(T)))
            return false;
        std::memcpy(&out, m_data.data() + m_pos, sizeof(T));
        m_pos += qsizetype(sizeof(T));
        return true;
    }
    bool skip(qint64 n)
    {
        if (n < 0 || m_data.size() - m_pos < n)
            return false;
        m_pos += qsizetype(n);
        return true;
    }
    // A count followed by `count` items of `itemSize` bytes, the count itself sane.
    bool counted(qint32& count, qsizetype itemSize)
    {
        return read(count) && count >= 0 && (m_data.size() - m_pos) / itemSize >= count;
    }
    const char* here() const { return m_data.data() + m_pos; }
    qsizetype left() const { return m_data.size() - m_pos; }

private:
    QByteArrayView m_data;
    qsizetype m_pos = 0;
};

QString relationPath(quint32 spc, quint32 db, quint32 rel)
{
    if (spc == kGlobalTablespace)
        return QStringLiteral("global/%1").arg(rel);
    if (spc == kDefaultTablespace)
        return QStringLiteral("base/%1/%2").arg(db).arg(rel);
    return QStringLiteral("pg_tblspc/%1/%2/%3").arg(spc).arg(db).arg(rel);
}

bool readRelations(Reader& r, qint32 count, QStringList& out)
{
    for (qint32 i = 0; i < count; ++i) {
        quint32 node[3];
        if (!r.read(node))
            return false;
        out << relationPath(node[0], node[1], node[2]);
    }
    return true;
}

} // namespace

qint64 WalEventDecoder::unixUsecOfPgTimestamp(qint64 pgTimestamp)
{
    return pgTimestamp + kPgEpochUnixUsec;
}

void WalEventDecoder::decode(const WalRecord& record, QList<WalEvent>& out)
{
    bool ok = true;
    switch (record.rmid) {
    case kRmXact: ok = decodeXact(record, out); break;
    case kRmXlog: ok = decodeXlog(record, out); break;
    case kRmSmgr: ok = decodeSmgr(record, out); break;
    default: break;
    }
    if (!ok)
        ++m_malformed;
}

bool WalEventDecoder::decodeXact(const WalRecord& record, QList<WalEvent>& out)
{
    const quint8 op = record.info & kXactOpMask;
    const bool commit = op == kXactCommit || op == kXactCommitPrepared;
    const bool abort = op == kXactAbort || op == kXactAbortPrepared;
    if (!commit && !abort)
        return true;
    // xl_xact_commit / xl_xact_abort, then the parts xinfo announces, in ParseCommitRecord's
    // and ParseAbortRecord's order.
    Reader r(record.mainData);
    qint64 xactTime = 0;
    quint32 xinfo = 0;
    if (!r.read(xactTime) || ((record.info & kXactHasInfo) && !r.read(xinfo)))
        return false;
    WalEvent event;
    event.kind = commit ? WalEvent::Kind::Commit : WalEvent::Kind::Abort;
    event.timeline = record.pageTimeline;
    event.lsn = record.lsn;
    event.end = record.end;
    event.timeUsec = unixUsecOfPgTimestamp(xactTime);
    event.xid = record.xid;
    if ((xinfo & kHasDbInfo) && !r.skip(8))
        return false;
    qint32 count = 0;
    if (xinfo & kHasSubxacts) {
        if (!r.counted(count, 4))
            return false;
        for (qint32 i = 0; i < count; ++i) {
            quint32 sub = 0;
            r.read(sub);
            event.subxacts << sub;
        }
    }
    QStringList relations;
    if (xinfo & kHasRelfilenodes) {
        if (!r.counted(count, 12) || !readRelations(r, count, relations))
            return false;
    }
    if (m_version >= 15 && (xinfo & kHasDroppedStats)) {
        // xl_xact_stats_item: int kind, Oid dboid, Oid objoid (15 to 17).
        if (!r.counted(count, 12) || !r.skip(qint64(count) * 12))
            return false;
    }
    if (commit && (xinfo & kHasInvals)) {
        if (!r.counted(count, 16) || !r.skip(qint64(count) * 16))
            return false;
    }
    if (xinfo & kHasTwophase) {
        quint32 xid = 0;
        if (!r.read(xid))
            return false;
        event.xid = xid; // a prepared transaction commits under its own xid, not the record's
        if (xinfo & kHasGid) {
            const auto gid = QByteArrayView(r.here(), r.left());
            const qsizetype nul = gid.indexOf('\0');
            if (nul < 0)
                return false;
            r.skip(nul + 1);
        }
    }
    if ((xinfo & kHasOrigin) && !r.skip(16))
        return false;
    out << event;
    if (commit && !relations.isEmpty()) {
        WalEvent drop = event;
        drop.kind = WalEvent::Kind::Drop;
        drop.relations = relations;
        drop.subxacts.clear();
        out << drop;
    }
    return true;
}

bool WalEventDecoder::decodeXlog(const WalRecord& record, QList<WalEvent>& out)
{
    const quint8 code = record.info & 0xF0;
    WalEvent event;
    event.timeline = record.pageTimeline;
    event.lsn = record.lsn;
    event.end = record.end;
    Reader r(record.mainData);
    if (code == kRestorePoint) {
        qint64 time = 0;
        if (!r.read(time) || r.left() < kRestorePointNameLength)
            return false;
        const QByteArrayView raw(r.here(), kRestorePointNameLength);
        const qsizetype nul = raw.indexOf('\0');
        if (nul < 0)
            return false;
        event.kind = WalEvent::Kind::RestorePoint;
        event.timeUsec = unixUsecOfPgTimestamp(time);
        event.name = QString::fromUtf8(raw.first(nul));
        out << event;
        return true;
    }
    if (code == kEndOfRecovery) {
        qint64 time = 0;
        quint32 thisTli = 0;
        quint32 prevTli = 0;
        if (!r.read(time) || !r.read(thisTli) || !r.read(prevTli))
            return false;
        event.kind = WalEvent::Kind::TimelineSwitch;
        event.timeUsec = unixUsecOfPgTimestamp(time);
        event.timeline = thisTli;
        event.name = QString::number(prevTli);
        out << event;
        return true;
    }
    if (code == kCheckpointOnline || code == kCheckpointShutdown) {
        if (record.mainData.size() < kCheckpointSize)
            return false;
        quint32 thisTli = 0;
        quint32 prevTli = 0;
        qint64 time = 0;
        std::memcpy(&thisTli, record.mainData.data() + 8, 4);
        std::memcpy(&prevTli, record.mainData.data() + 12, 4);
        std::memcpy(&time, record.mainData.data() + 64, 8); // pg_time_t: seconds
        event.kind = WalEvent::Kind::Checkpoint;
        event.timeUsec = time * 1000000LL;
        event.name = code == kCheckpointOnline ? QStringLiteral("online") : QStringLiteral("shutdown");
        out << event;
        if (thisTli != prevTli) {
            // An end-of-recovery checkpoint instead of an END_OF_RECOVERY record.
            WalEvent tliSwitch = event;
            tliSwitch.kind = WalEvent::Kind::TimelineSwitch;
            tliSwitch.timeline = thisTli;
            tliSwitch.name = QString::number(prevTli);
            out << tliSwitch;
        }
        return true;
    }
    return true;
}

bool WalEventDecoder::decodeSmgr(const WalRecord& record, QList<WalEvent>& out)
{
    if ((record.info & 0xF0) != kSmgrTruncate)
        return true;
    // xl_smgr_truncate: BlockNumber blkno, RelFileNode rnode, int flags.
    Reader r(record.mainData);
    quint32 blocks = 0;
    quint32 node[3];
    qint32 flags = 0;
    if (!r.read(blocks) || !r.read(node) || !r.read(flags))
        return false;
    WalEvent event;
    event.kind = WalEvent::Kind::Truncate;
    event.timeline = record.pageTimeline;
    event.lsn = record.lsn;
    event.end = record.end;
    event.xid = record.xid;
    event.relations << relationPath(node[0], node[1], node[2]);
    event.name = QString::number(blocks); // the length in blocks it was cut to
    out << event;
    return true;
}

QString walEventKindName(WalEvent::Kind kind)
{
    switch (kind) {
    case WalEvent::Kind::Commit: return QStringLiteral("commit");
    case WalEvent::Kind::Abort: return QStringLiteral("abort");
    case WalEvent::Kind::RestorePoint: return QStringLiteral("restore_point");
    case WalEvent::Kind::Drop: return QStringLiteral("drop");
    case WalEvent::Kind::Truncate: return QStringLiteral("truncate");
    case WalEvent::Kind::TimelineSwitch: return QStringLiteral("timeline_switch");
    case WalEvent::Kind::Checkpoint: return QStringLiteral("checkpoint");
    }
    return {};
}

std::optional<WalEvent::Kind> walEventKindFromName(QStringView name)
{
    for (auto k : {WalEvent::Kind::Commit, WalEvent::Kind::Abort, WalEvent::Kind::RestorePoint, WalEvent::Kind::Drop,
                   WalEvent::Kind::Truncate, WalEvent::Kind::TimelineSwitch, WalEvent::Kind::Checkpoint})
        if (walEventKindName(k) == name)
            return k;
    return std::nullopt;
}

} // namespace tideline::wal
