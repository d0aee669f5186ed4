// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/core/Compression.h"

#include <array>

namespace tideline {

namespace {
struct Entry {
    Compression compression;
    const char* suffix;
    const char* name;
};
constexpr std::array<Entry, 6> kEntries{{
    {Compression::Gzip, ".gz", "gzip"},
    {Compression::Bzip2, ".bz2", "bzip2"},
    {Compression::Xz, ".xz", "xz"},
    {Compression::Zstd, ".zst", "zstd"},
    {Compression::Lz4, ".lz4", "lz4"},
    {Compression::Snappy, ".snappy", "snappy"},
}};
} // namespace

QString compressionSuffix(Compression c)
{
    for (const auto& e : kEntries)
        if (e.compression == c)
            return QString::fromLatin1(e.suffix);
    return {};
}

QString compressionName(Compression c)
{
    for (const auto& e : kEntries)
        if (e.compression == c)
            return QString::fromLatin1(e.name);
    return QStringLiteral("none");
}

SplitName splitCompressionSuffix(QStringView fileName)
{
    for (const auto& e : kEntries) {
        const auto suffix = QLatin1StringView(e.suffix);
        if (fileName.endsWith(suffix))
            return {e.compression, fileName.chopped(suffix.size())};
    }
    return {Compression::None, fileName};
}

std::optional<Compression> compressionFromMagic(QByteArrayView head)
{
    auto starts = [&](std::initializer_list<unsigned char> magic) {
        if (head.size() < static_cast<qsizetype>(magic.size()))
            return false;
        qsizetype i = 0;
        for (unsigned char b : magic)
            if (static_cast<unsigned char>(head[i++]) != b)
                return false;
        return true;
    };
    if (starts({0x1f, 0x8b, 0x08}))
        return Compression::Gzip;
    if (starts({0x42, 0x5a, 0x68}))
        return Compression::Bzip2;
    if (starts({0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00}))
        return Compression::Xz;
    if (starts({0x28, 0xb5, 0x2f, 0xfd}))
        return Compression::Zstd;
    if (starts({0x04, 0x22, 0x4d, 0x18}))
        return Compression::Lz4;
    if (starts({0xff, 0x06, 0x00, 0x00, 0x73, 0x4e, 0x61, 0x50, 0x70, 0x59}))
        return Compression::Snappy;
    return std::nullopt;
}

} // namespace tideline
