// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/monitor/BucketWalPosition.h"

#include "engine/storage/ObjectStore.h"
#include "engine/storage/StoreFactory.h"
#include "engine/wal/WalSegment.h"

#include <algorithm>

namespace tideline::monitor {

namespace {

struct HashDir {
    wal::TimelineId timeline = 0;
    quint32 logId = 0;
    QString name;
};

std::optional<HashDir> parseHashDir(QStringView name)
{
    if (name.size() != 16)
        return std::nullopt;
    bool okT = false;
    bool okL = false;
    const uint tli = name.first(8).toUInt(&okT, 16);
    const uint log = name.sliced(8).toUInt(&okL, 16);
    if (!okT || !okL || tli == 0)
        return std::nullopt;
    return HashDir{tli, log, name.toString().toUpper()};
}

QString fileName(const QString& key)
{
    return key.sliced(key.lastIndexOf(QLatin1Char('/')) + 1);
}

// Folds one directory's listing into the position: the newest segment not beyond the server's.
void scan(const storage::Listing& listing, const QString& prefix, const ArchiverFacts& facts, BucketWalPosition& pos)
{
    for (const auto& object : listing.objects) {
        if (!object.key.startsWith(prefix) || object.key.sliced(prefix.size()).contains(QLatin1Char('/')))
            continue; // not what was asked for, or deeper than barman writes: never counted as archived
        const auto name = wal::WalFileName::parse(fileName(object.key));
        if (!name || name->kind != wal::WalFileName::Kind::Segment || name->timeline > facts.timeline)
            continue;
        const auto segno = name->segno(facts.segmentSize);
        if (!segno)
            continue;
        if (*segno > facts.currentSegno) {
            if (name->timeline == facts.timeline && pos.aheadWal.isEmpty())
                pos.aheadWal = name->baseName();
            continue;
        }
        if (!pos.lastSegno || *segno > *pos.lastSegno || (*segno == *pos.lastSegno && name->timeline > pos.lastTimeline)) {
            pos.lastSegno = *segno;
            pos.lastWal = name->baseName();
            pos.lastTimeline = name->timeline;
            pos.lastUploadedUsec = object.lastModifiedUsec;
        }
    }
}

} // namespace

Result<BucketWalPosition> locateServerWal(storage::ObjectStore& store, const storage::SourceUrl& source,
                                          const QString& server, const ArchiverFacts& facts, const CancelToken& cancel)
{
    BucketWalPosition pos;
    const QString walsPrefix = source.key(server + QStringLiteral("/wals/"));
    const QString currentDir = wal::segmentName(facts.timeline, facts.currentSegno, facts.segmentSize).first(16);

    auto list = [&](const QString& prefix, const QString& delimiter) -> Result<storage::Listing> {
        auto listing = store.list(prefix, delimiter, cancel);
        if (listing)
            pos.requests += listing->requests;
        return listing;
    };

    const QString currentPrefix = walsPrefix + currentDir + QLatin1Char('/');
    auto current = list(currentPrefix, {});
    if (!current)
        return std::unexpected(current.error());
    scan(*current, currentPrefix, facts, pos);

    if (!pos.lastSegno) {
        // Nothing yet in the current directory (a new log id or a new timeline): walk back over
        // the directories that exist, newest log id first, every timeline of that log id at once.
        auto dirs = list(walsPrefix, QStringLiteral("/"));
        if (!dirs)
            return std::unexpected(dirs.error());
        const quint32 currentLog = static_cast<quint32>(facts.currentSegno / wal::segmentsPerLogId(facts.segmentSize));
        QList<HashDir> candidates;
        for (const QString& prefix : dirs->prefixes) {
            // A store answers what it likes: only a prefix under wals/ with one more level counts.
            if (!prefix.startsWith(walsPrefix) || prefix.size() < walsPrefix.size() + 2)
                continue;
            const auto dir = parseHashDir(QStringView(prefix).sliced(walsPrefix.size()).chopped(1));
            if (dir && dir->timeline <= facts.timeline && dir->logId <= currentLog && dir->name != currentDir)
                candidates.append(*dir);
        }
        std::sort(candidates.begin(), candidates.end(), [](const HashDir& a, const HashDir& b) { return a.logId > b.logId; });
        for (qsizetype i = 0; i < candidates.size() && !pos.lastSegno;) {
            const quint32 log = candidates[i].logId;
            for (; i < candidates.size() && candidates[i].logId == log; ++i) {
                const QString prefix = walsPrefix + candidates[i].name + QLatin1Char('/');
                auto listing = list(prefix, {});
                if (!listing)
                    return std::unexpected(listing.error());
                scan(*listing, prefix, facts, pos);
            }
        }
    }

    if (!facts.lastArchivedWal.isEmpty()) {
        const auto archived = wal::WalName::parse(facts.lastArchivedWal.toStdString());
        if (archived) {
            // Usually in the directory listed first: no second round trip then.
            const QString dir = QString::fromStdString(archived->hashDir());
            auto listing = dir == currentDir ? std::move(current)
                                             : list(walsPrefix + (dir.isEmpty() ? QString() : dir + QLatin1Char('/'))
                                                        + QString::fromStdString(archived->text),
                                                    {});
            if (!listing)
                return std::unexpected(listing.error());
            pos.lastArchivedFound = false;
            const QString directory = walsPrefix + (dir.isEmpty() ? QString() : dir + QLatin1Char('/'));
            for (const auto& object : listing->objects) {
                const auto name = wal::WalFileName::parse(fileName(object.key));
                if (object.key.startsWith(directory) && !object.key.sliced(directory.size()).contains(QLatin1Char('/'))
                    && name && name->baseName().compare(facts.lastArchivedWal, Qt::CaseInsensitive) == 0) {
                    pos.lastArchivedFound = true;
                    pos.lastArchivedKey = object.key;
                    break;
                }
            }
        }
    }
    return pos;
}

} // namespace tideline::monitor
