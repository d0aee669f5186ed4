// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/catalog/WalArchiveBuilder.h"

#include <QMutexLocker>

#include <algorithm>

namespace tideline::catalog {

using wal::TimelineId;
using wal::WalFileName;

namespace {

/// Keeps, in order, the elements for which keep(element, lastKept) is true; lastKept is null for
/// the first. keep may move a rejected element out whole, as it is never touched again.
/// (std::remove_if's predicate may not modify, and std::unique leaves moved-from husks behind.)
template <typename T, typename Keep> void compact(QList<T>& list, Keep keep)
{
    qsizetype kept = 0;
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (!keep(list[i], kept > 0 ? &list[kept - 1] : nullptr))
            continue;
        if (kept != i)
            list[kept] = std::move(list[i]);
        ++kept;
    }
    list.resize(kept);
}

} // namespace

void WalArchiveBuilder::parse(const QString& walsPrefix, const QList<storage::ObjectInfo>& objects, Piece& piece)
{
    constexpr qsizetype kHashDirLength = 16;
    // hashDir() formats two hex numbers; listings come one directory at a time, so the last
    // directory's name is reused instead of formatting it again for each object.
    TimelineId lastTimeline = 0;
    quint32 lastLogId = 0;
    QString lastHashDir;
    for (const auto& object : objects) {
        if (!object.key.startsWith(walsPrefix)) {
            ++piece.ignored;
            continue;
        }
        const QStringView rest = QStringView(object.key).mid(walsPrefix.size());
        const qsizetype slash = rest.lastIndexOf(QLatin1Char('/'));
        auto name = WalFileName::parse(rest.mid(slash + 1));
        if (name && name->kind != WalFileName::Kind::History
            && (lastHashDir.isEmpty() || name->timeline != lastTimeline || name->logId != lastLogId)) {
            lastHashDir = name->hashDir();
            lastTimeline = name->timeline;
            lastLogId = name->logId;
        }
        // History files sit in wals/ itself; everything else in its own hash directory, which
        // is all there is between the prefix and the name.
        const bool inPlace = name
            && (name->kind == WalFileName::Kind::History
                    ? slash < 0
                    : slash == kHashDirLength && rest.first(slash) == QStringView(lastHashDir));
        if (!inPlace) {
            ++piece.ignored;
            continue;
        }
        piece.objects.append({std::move(*name), 0, object.size, object.lastModifiedUsec, ListedEtag(object.etag)});
    }
}

WalArchiveBuilder::WalArchiveBuilder(QString walsPrefix)
{
    m_archive.m_prefix = std::move(walsPrefix);
}

void WalArchiveBuilder::add(qsizetype sequence, Piece piece)
{
    const QMutexLocker lock(&m_mutex);
    if (sequence != m_next) {
        m_waiting.insert(sequence, std::move(piece));
        return;
    }
    file(piece);
    ++m_next;
    for (auto it = m_waiting.begin(); it != m_waiting.end() && it.key() == m_next; it = m_waiting.erase(it)) {
        file(*it);
        ++m_next;
    }
}

void WalArchiveBuilder::file(Piece& piece)
{
    m_archive.m_ignored += piece.ignored;
    for (WalObject& w : piece.objects) {
        if (w.name.kind == WalFileName::Kind::History) {
            m_archive.m_history.append(std::move(w));
            continue;
        }
        if (w.name.kind == WalFileName::Kind::Segment)
            m_highestSegmentPart = std::max(m_highestSegmentPart, w.name.segInLog);
        TimelineWal& t = m_byTimeline[w.name.timeline];
        t.timeline = w.name.timeline;
        switch (w.name.kind) {
        case WalFileName::Kind::Segment: t.segments.append(std::move(w)); break;
        case WalFileName::Kind::Partial: t.partials.append(std::move(w)); break;
        case WalFileName::Kind::BackupHistory: t.backupLabels.append(std::move(w)); break;
        case WalFileName::Kind::History: break;
        }
    }
    piece = Piece{};
}

WalArchive WalArchiveBuilder::finish(std::optional<quint64> segmentSize)
{
    const QMutexLocker lock(&m_mutex);
    for (Piece& piece : m_waiting)
        file(piece);
    m_waiting.clear();

    WalArchive archive = std::move(m_archive);
    if (segmentSize && wal::isValidSegmentSize(*segmentSize)) {
        archive.m_segmentSize = *segmentSize;
    } else {
        archive.m_segmentSize = wal::inferSegmentSize(m_highestSegmentPart).value_or(16 * 1024 * 1024);
        archive.m_segmentSizeInferred = true;
    }

    for (auto& t : m_byTimeline) {
        for (QList<WalObject>* list : {&t.segments, &t.partials, &t.backupLabels}) {
            compact(*list, [&](WalObject& w, const WalObject*) {
                const auto segno = w.name.segno(archive.m_segmentSize);
                if (!segno) {
                    ++archive.m_ignored; // cannot exist at this segment size
                    return false;
                }
                w.segno = *segno;
                t.bytes += w.size;
                return true;
            });
        }
        if (t.segments.isEmpty() && t.partials.isEmpty() && t.backupLabels.isEmpty())
            continue;
        // Keys sort by name, and names by segno within a timeline, but stay safe against
        // mixed-case hex and unusual listings. Sorted already in the usual case, which needs no
        // merge buffer the size of the list.
        const auto bySegno = [](const WalObject& a, const WalObject& b) { return a.segno < b.segno; };
        if (!std::is_sorted(t.segments.cbegin(), t.segments.cend(), bySegno))
            std::stable_sort(t.segments.begin(), t.segments.end(), bySegno);
        // The first copy of a segno stays; later ones move to the duplicates, whole. (A husk left
        // behind would carry another segment's key, and retention would delete by it.)
        compact(t.segments, [&](WalObject& w, const WalObject* lastKept) {
            if (!lastKept || lastKept->segno != w.segno)
                return true;
            t.bytes -= w.size;
            archive.m_duplicateCopies.append(std::move(w));
            ++archive.m_duplicates;
            return false;
        });
        archive.m_timelines.append(std::move(t));
    }
    m_byTimeline.clear();
    return archive;
}

} // namespace tideline::catalog
