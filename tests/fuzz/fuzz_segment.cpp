// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: what wal-restore checks before it hands a downloaded segment to PostgreSQL,
// checkSegment() on the first page and checkPages() on every later page header, over a file the
// input shapes. The first byte picks the name: bits 0-1 its timeline (the header's, one more,
// one less, 1), bit 2 its segment number off by one. Then 40 bytes of long header, then 24-byte
// short headers laid at each page boundary in turn; the rest of the file is zeros, sized as the
// header claims (up to 16 MiB, so a size check never hides the pages). Nothing may crash or read
// outside the file, and a segment checkPages() accepts must have, on every page, either a
// header of zeros or the first page's magic and the page's own address.
#include "engine/restore/WalSpool.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include <sys/mman.h>
#include <unistd.h>

using namespace tideline::restore;

namespace {

constexpr std::size_t kShort = 24;

std::uint64_t le(const unsigned char* p, int bytes)
{
    std::uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = (v << 8) | p[i];
    return v;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 1 + WalPageHeader::kSize)
        return 0;
    const std::uint8_t mode = data[0];
    const auto header = WalPageHeader::read(data + 1, WalPageHeader::kSize);
    if (!header)
        return 0;
    const std::uint32_t segmentSize = header->segmentSize;
    const std::uint64_t fileSize = segmentSize != 0 && segmentSize <= 16u * 1024 * 1024 ? segmentSize : size - 1;

    std::uint32_t tli = header->timeline;
    switch (mode & 3) {
    case 1: tli += 1; break;
    case 2: tli -= 1; break;
    case 3: tli = 1; break;
    default: break;
    }
    std::uint64_t segno = segmentSize ? header->pageAddress / segmentSize : 0;
    if (mode & 4)
        segno += 1;
    const std::uint64_t perLog = segmentSize ? 0x100000000ULL / segmentSize : 1;
    char text[32];
    std::snprintf(text, sizeof text, "%08X%08X%08X", tli, unsigned(perLog ? segno / perLog : 0),
                  unsigned(perLog ? segno % perLog : 0));
    const auto name = WalName::parse(text);
    if (!name)
        return 0;

    const int fd = ::memfd_create("segment", MFD_CLOEXEC);
    if (fd < 0)
        std::abort();
    if (::ftruncate(fd, off_t(fileSize)) != 0)
        std::abort();
    const std::size_t headerBytes = std::min<std::size_t>(size - 1, fileSize);
    if (::pwrite(fd, data + 1, std::min<std::size_t>(headerBytes, WalPageHeader::kSize), 0) < 0)
        std::abort();
    const std::uint32_t block = header->blockSize >= 1024 && header->blockSize <= 65536 ? header->blockSize : 8192;
    std::size_t at = 1 + WalPageHeader::kSize;
    for (std::uint64_t page = block; at + kShort <= size && page + kShort <= fileSize; page += block, at += kShort)
        if (::pwrite(fd, data + at, kShort, off_t(page)) < 0)
            std::abort();

    if (checkSegment(*name, *header, fileSize).empty() && checkPages(fd, *name, *header).empty()) {
        // Accepted: every page header really is one of this segment's, or nothing at all.
        for (std::uint64_t page = header->blockSize; page + kShort <= fileSize; page += header->blockSize) {
            unsigned char h[kShort];
            if (::pread(fd, h, kShort, off_t(page)) != ssize_t(kShort))
                std::abort();
            bool zero = true;
            for (unsigned char c : h)
                zero = zero && c == 0;
            if (zero)
                continue;
            if (le(h, 2) != header->magic || le(h + 8, 8) != header->pageAddress + page) {
                std::fprintf(stderr, "accepted a page at %llu that is not the segment's\n",
                             static_cast<unsigned long long>(page));
                std::abort();
            }
        }
    }
    ::close(fd);
    return 0;
}
