// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A small synthetic archive with real-looking upload times, for the planner and manifest tests:
//   timeline 1: segments 1..14 (16 MiB), uploaded at T0 + 10 s x segno
//   timeline 2: branched at 0/D0010C0 (segment 0xD comes from timeline 2), segments 0xD..0x10,
//               uploaded at T0 + 10 s x segno + 500 s
//   backups: A (tl 1, segment 4), B (tl 1, segment 7), C (tl 1, segment 0xA), D (tl 2, segment 0xE),
//            each ending 2 s before its end segment was uploaded.

#include "engine/catalog/ServerCatalog.h"

namespace tideline::test {

constexpr qint64 kT0 = 1'764'000'000LL * 1'000'000; // an arbitrary instant, µs
constexpr quint64 kSeg = 16 * 1024 * 1024;

inline qint64 uploadOf(wal::TimelineId tli, quint64 segno)
{
    return kT0 + static_cast<qint64>(segno) * 10'000'000 + (tli == 2 ? 500'000'000 : 0);
}

inline catalog::ServerCatalog pitrCatalog(QList<quint64> missingOnTl1 = {})
{
    using namespace catalog;
    ServerCatalog c;
    c.server = QStringLiteral("pg-main");
    c.source = *storage::SourceUrl::parse(QStringLiteral("s3://bucket/cnpg"));
    QList<storage::ObjectInfo> objects;
    const QString prefix = QStringLiteral("cnpg/pg-main/wals/");
    auto add = [&](wal::TimelineId tli, quint64 segno) {
        const QString name = QStringLiteral("%1%2%3")
                                 .arg(tli, 8, 16, QLatin1Char('0'))
                                 .arg(0, 8, 16, QLatin1Char('0'))
                                 .arg(segno, 8, 16, QLatin1Char('0'))
                                 .toUpper();
        objects.append(
            {prefix + name.left(16) + QLatin1Char('/') + name + QStringLiteral(".gz"), 1000, uploadOf(tli, segno), {}});
    };
    for (quint64 s = 1; s <= 14; ++s)
        if (!missingOnTl1.contains(s))
            add(1, s);
    for (quint64 s = 0xD; s <= 0x10; ++s)
        add(2, s);
    c.wals = WalArchive::build(prefix, objects, kSeg);
    wal::TimelineGraph g;
    g.addHistory(2, {{1, wal::Lsn(0xD0010C0), QStringLiteral("at restore point \"before_mistake\"")}});
    c.wals.setGraph(g);

    struct B {
        const char* id;
        wal::TimelineId tli;
        quint64 seg;
    };
    for (const B& b : {B{"A", 1, 4}, B{"B", 1, 7}, B{"C", 1, 0xA}, B{"D", 2, 0xE}}) {
        BackupEntry e;
        e.id = QString::fromLatin1(b.id);
        e.state = BackupEntry::State::Done;
        e.bytes = 3'000'000;
        e.dataFiles = {QStringLiteral("data.tar.gz")};
        BackupInfo info;
        info.backupId = e.id;
        info.status = QStringLiteral("DONE");
        info.timeline = b.tli;
        info.version = 150020;
        info.beginWal = wal::segmentName(b.tli, b.seg, kSeg);
        info.endWal = info.beginWal;
        info.beginLsn = wal::Lsn(b.seg * kSeg + 0x28);
        info.endLsn = wal::Lsn(b.seg * kSeg + 0x100);
        info.endTime = Timestamp::fromUsec(uploadOf(b.tli, b.seg) - 2'000'000);
        e.info = info;
        e.beginSegno = b.seg;
        e.endSegno = b.seg;
        e.restorable = !missingOnTl1.contains(b.seg) || b.tli != 1;
        c.backups.append(e);
    }
    c.wals.computeGaps({});
    return c;
}

} // namespace tideline::test
