// SPDX-License-Identifier: GPL-3.0-or-later
// What a bucket hands the catalog before anything is restored: backup.info (and the Python
// literals in it), history files, ListObjectsV2 pages, WAL and history file names, compressed
// objects of every kind barman writes, and a Cluster's archive_timeout. The first byte picks the
// parser, the rest is the hostile object. Nothing may crash, hang or trip a sanitizer, and what
// is accepted must be self-consistent.
#include "engine/catalog/BackupInfo.h"
#include "engine/catalog/PythonLiteral.h"
#include "engine/core/Decompressor.h"
#include "engine/doctor/Doctor.h"
#include "engine/storage/ListObjectsParser.h"
#include "engine/wal/TimelineHistory.h"
#include "engine/wal/WalSegment.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace tideline;

namespace {

void require(bool ok, const char* what)
{
    if (!ok) {
        fprintf(stderr, "invariant broken: %s\n", what);
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1)
        return 0;
    const QByteArray bytes(reinterpret_cast<const char*>(data + 1), static_cast<qsizetype>(size - 1));
    switch (data[0] % 7) {
    case 0: {
        if (auto info = catalog::BackupInfo::parse(QStringLiteral("20260101T000000"), bytes))
            require(info->backupId == u"20260101T000000", "backup.info keeps the id it was read for");
        break;
    }
    case 1: (void)catalog::parsePythonLiteral(QString::fromUtf8(bytes)); break;
    case 2: {
        if (auto history = wal::parseHistoryFile(5, bytes))
            for (const wal::HistoryEntry& e : *history)
                require(e.parent < 5, "a history file names only older parents");
        break;
    }
    case 3: {
        // The fast scanner either leaves a page to the XML reader or gives the reader's answer.
        const auto page = storage::parseListObjectsPageFast(bytes);
        const auto reference = storage::parseListObjectsPageWithXmlReader(bytes);
        if (!page)
            break;
        require(reference.has_value(), "the scanner accepts only what the XML reader accepts");
        require(page->truncated == reference->truncated && page->nextToken == reference->nextToken
                    && page->prefixes == reference->prefixes && page->objects.size() == reference->objects.size(),
                "the scanner and the XML reader read the same page");
        for (qsizetype i = 0; i < page->objects.size(); ++i) {
            const storage::ObjectInfo& o = page->objects[i];
            const storage::ObjectInfo& r = reference->objects[i];
            require(o.key == r.key && o.size == r.size && o.etag == r.etag && o.lastModifiedUsec == r.lastModifiedUsec,
                    "the scanner and the XML reader read the same objects");
            require(o.size >= 0, "listed sizes are never negative");
        }
        break;
    }
    case 4: {
        // A name read is a name written: formatted again, it reads back the same.
        if (const auto name = wal::WalFileName::parse(QString::fromUtf8(bytes))) {
            const auto again = wal::WalFileName::parse(name->baseName());
            require(again && again->kind == name->kind && again->timeline == name->timeline && again->logId == name->logId
                        && again->segInLog == name->segInLog && again->backupOffset == name->backupOffset
                        && again->baseName() == name->baseName(),
                    "a WAL file name reads back as it was formatted");
        }
        break;
    }
    case 5: {
        // Every compression barman-cloud writes; input capped so a bomb stays under the RSS limit.
        const QByteArrayView input = QByteArrayView(bytes).first(std::min<qsizetype>(bytes.size(), 4096));
        for (Compression c : {Compression::Gzip, Compression::Bzip2, Compression::Xz, Compression::Zstd, Compression::Lz4,
                              Compression::Snappy})
            (void)decompressAll(c, input);
        break;
    }
    case 6: {
        if (auto seconds = doctor::parseArchiveTimeout(QString::fromUtf8(bytes)))
            require(*seconds >= 0, "archive_timeout is never negative");
        break;
    }
    }
    return 0;
}
