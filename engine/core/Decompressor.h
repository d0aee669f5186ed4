// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/Compression.h"
#include "engine/core/Error.h"

#include <QByteArray>
#include <QByteArrayView>

#include <functional>
#include <memory>

namespace tideline {

/// Streaming decompression of every format barman-cloud and CNPG write: gzip (zlib), bzip2,
/// xz (liblzma), zstd, lz4 frame, snappy framing format (libsnappy; the python-snappy stream
/// barman writes), and None (pass-through). Input arrives in arbitrary chunks; output leaves
/// through a sink in order. One instance per stream; not thread-safe, but may move between threads.
///
/// Errors: Corrupt (with the format in the message) on malformed input, a bad checksum, or a
/// stream that ends early (finish() before the format's end marker); the sink's own errors
/// are passed through unchanged.
class Decompressor {
public:
    using Sink = std::function<Result<void>(QByteArrayView)>;

    virtual ~Decompressor() = default;

    /// A decompressor for one stream of the given format.
    static std::unique_ptr<Decompressor> create(Compression compression);

    /// Feeds the next input chunk; decompressed bytes go to sink as they become available.
    virtual Result<void> feed(QByteArrayView input, const Sink& sink) = 0;
    /// Declares the end of input; fails with Corrupt if the stream is incomplete.
    virtual Result<void> finish(const Sink& sink) = 0;
};

/// Decompresses a whole buffer (small files: history files, backup.info, single WAL segments).
/// Errors as Decompressor. Any thread.
Result<QByteArray> decompressAll(Compression compression, QByteArrayView input);

} // namespace tideline
