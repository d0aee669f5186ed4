// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <optional>

namespace tideline {

/// Every compression CNPG can configure for WAL (gzip bzip2 xz zstd lz4 snappy) and barman-cloud
/// writes for base backups (gzip bzip2 snappy). barman-cloud decides by suffix only.
enum class Compression { None, Gzip, Bzip2, Xz, Zstd, Lz4, Snappy };

/// ".gz" for Gzip, "" for None; the suffixes barman-cloud uses (".zst", never ".zstd").
QString compressionSuffix(Compression c);
/// "gzip", "bzip2", "xz", "zstd", "lz4", "snappy", or "none".
QString compressionName(Compression c);
/// The compression named by a file name's last suffix, and the name without it.
/// "X.gz" -> {Gzip, "X"}; "X" -> {None, "X"}; an unknown suffix is part of the name.
struct SplitName {
    Compression compression;
    QStringView stem;
};
SplitName splitCompressionSuffix(QStringView fileName);
/// Detects by magic bytes, as local barman does (for files whose suffix lies).
std::optional<Compression> compressionFromMagic(QByteArrayView head);

} // namespace tideline
