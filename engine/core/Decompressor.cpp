// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/core/Decompressor.h"

#include <bzlib.h>
#include <isa-l/igzip_lib.h>
#include <lz4frame.h>
#include <lzma.h>
#include <snappy.h>
#include <zstd.h>

#include <QCoreApplication>
#include <QString>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <optional>

namespace tideline {

namespace {

struct DecompressorText {
    Q_DECLARE_TR_FUNCTIONS(Decompressor)
};

// Output leaves in slices of this size: large enough that the per-call overhead of the
// libraries and the sink vanishes, small enough to stay in L2 and keep memory flat however
// large the stream is.
constexpr size_t kOutputChunk = 256 * 1024;

// ISA-L and libbz2 count input in 32-bit unsigned ints; larger views are fed in slices of this size.
constexpr qsizetype kMaxLibraryInput = qsizetype(1) << 30;

// liblzma refuses streams needing more memory than this. xz -9 needs 65 MiB and python's
// lzma (barman, CNPG) uses preset 6 (9 MiB), so the limit only stops hostile headers.
constexpr uint64_t kXzMemoryLimit = uint64_t(512) * 1024 * 1024;

Error corruptError(Compression compression, const QString& what)
{
    return Error{ErrorCode::Corrupt,
                 DecompressorText::tr("Corrupt %1 data: %2").arg(compressionName(compression), what),
                 DecompressorText::tr("The compressed file is damaged or truncated; check the object in the bucket."),
                 {}};
}

Error truncatedError(Compression compression)
{
    return corruptError(compression, DecompressorText::tr("the stream ends before its end marker (truncated)"));
}

Error internalError(Compression compression, const QString& what)
{
    return Error{ErrorCode::Internal,
                 DecompressorText::tr("%1 decompressor: %2").arg(compressionName(compression), what),
                 {},
                 {}};
}

/// Latches the first error so a caller that ignores one cannot feed a half-decoded state into
/// a library again, and rejects use after finish().
class StreamBase : public Decompressor {
public:
    Result<void> feed(QByteArrayView input, const Sink& sink) final
    {
        if (auto ok = checkUsable(); !ok)
            return ok;
        return latch(doFeed(input, sink));
    }

    Result<void> finish(const Sink& sink) final
    {
        if (auto ok = checkUsable(); !ok)
            return ok;
        m_finished = true;
        return latch(doFinish(sink));
    }

protected:
    explicit StreamBase(Compression compression) : m_compression(compression) {}

    virtual Result<void> doFeed(QByteArrayView input, const Sink& sink) = 0;
    virtual Result<void> doFinish(const Sink& sink) = 0;

    /// For constructors whose library initialisation failed.
    void setInitError(Error error) { m_error = std::move(error); }

    Compression compression() const { return m_compression; }
    std::unexpected<Error> corrupt(const QString& what) const { return fail(corruptError(m_compression, what)); }
    std::unexpected<Error> truncated() const { return fail(truncatedError(m_compression)); }
    std::unexpected<Error> internal(const QString& what) const { return fail(internalError(m_compression, what)); }

private:
    Result<void> checkUsable() const
    {
        if (m_error)
            return fail(*m_error);
        if (m_finished)
            return internal(DecompressorText::tr("used after finish()"));
        return {};
    }

    Result<void> latch(Result<void> result)
    {
        if (!result)
            m_error = result.error();
        return result;
    }

    Compression m_compression;
    std::optional<Error> m_error;
    bool m_finished = false;
};

/// A reusable output slice, allocated once per stream without zero-filling.
class OutputBuffer {
public:
    OutputBuffer() : m_data(std::make_unique_for_overwrite<char[]>(kOutputChunk)) {}
    char* data() { return m_data.get(); }
    static constexpr size_t size() { return kOutputChunk; }

private:
    std::unique_ptr<char[]> m_data;
};

Result<void> sendToSink(const Decompressor::Sink& sink, const char* data, size_t size)
{
    if (size == 0)
        return {};
    return sink(QByteArrayView(data, qsizetype(size)));
}

// ---------------------------------------------------------------------------------------------

class PassThrough final : public StreamBase {
public:
    PassThrough() : StreamBase(Compression::None) {}

protected:
    Result<void> doFeed(QByteArrayView input, const Sink& sink) override
    {
        if (input.isEmpty())
            return {};
        return sink(input);
    }
    Result<void> doFinish(const Sink&) override { return {}; }
};

// ---------------------------------------------------------------------------------------------

/// gzip, including multi-member files (`cat a.gz b.gz`, pigz, some archivers) as GNU gzip
/// reads them, and zero padding after the last member as GNU gzip and python's gzip accept
/// (tape blocking). Anything else after a member is Corrupt rather than silently dropped.
///
/// Inflates with ISA-L (Debian's libisal) rather than zlib: measured on this machine it inflates
/// a barman data.tar.gz about 3x faster, and a gzip stream is one core's work, so this is where
/// a restore spends its time. ISA-L parses the gzip header and checks the CRC and length itself.
class GzipDecompressor final : public StreamBase {
public:
    GzipDecompressor() : StreamBase(Compression::Gzip), m_state(std::make_unique<inflate_state>()) { startMember(); }

protected:
    Result<void> doFeed(QByteArrayView input, const Sink& sink) override
    {
        const char* p = input.data();
        qsizetype left = input.size();
        while (left > 0) {
            switch (m_phase) {
            case Phase::BetweenMembers:
                if (*p == 0) {
                    m_phase = Phase::ZeroPadding;
                } else {
                    startMember();
                }
                break;
            case Phase::ZeroPadding:
                if (std::any_of(p, p + left, [](char c) { return c != 0; }))
                    return corrupt(DecompressorText::tr("unexpected data after the end of the gzip stream"));
                left = 0;
                break;
            case Phase::InMember: {
                const auto slice = uint32_t(std::min(left, kMaxLibraryInput));
                m_state->next_in = reinterpret_cast<uint8_t*>(const_cast<char*>(p));
                m_state->avail_in = slice;
                auto ok = inflateAvailable(sink);
                const qsizetype consumed = qsizetype(slice - m_state->avail_in);
                p += consumed;
                left -= consumed;
                if (!ok)
                    return ok;
                break;
            }
            }
        }
        return {};
    }

    Result<void> doFinish(const Sink&) override
    {
        if (m_phase == Phase::InMember)
            return truncated();
        return {};
    }

private:
    enum class Phase { InMember, BetweenMembers, ZeroPadding };

    void startMember()
    {
        isal_inflate_init(m_state.get());
        m_state->crc_flag = ISAL_GZIP;
        m_phase = Phase::InMember;
    }

    /// Inflates until the input slice is used up or the member ends.
    Result<void> inflateAvailable(const Sink& sink)
    {
        for (;;) {
            m_state->next_out = reinterpret_cast<uint8_t*>(m_out.data());
            m_state->avail_out = uint32_t(m_out.size());
            const int rc = isal_inflate(m_state.get());
            const size_t produced = m_out.size() - m_state->avail_out;
            if (rc < 0)
                return corrupt(describe(rc));
            if (auto ok = sendToSink(sink, m_out.data(), produced); !ok)
                return ok;
            if (m_state->block_state == ISAL_BLOCK_FINISH) {
                m_phase = Phase::BetweenMembers;
                return {};
            }
            // A partly filled output slice means inflate ran out of input.
            if (m_state->avail_out != 0 || m_state->avail_in == 0)
                return {};
        }
    }

    static QString describe(int rc)
    {
        switch (rc) {
        case ISAL_INVALID_BLOCK: return DecompressorText::tr("invalid deflate block");
        case ISAL_INVALID_SYMBOL: return DecompressorText::tr("invalid deflate symbol");
        case ISAL_INVALID_LOOKBACK: return DecompressorText::tr("invalid distance");
        case ISAL_INVALID_WRAPPER: return DecompressorText::tr("not a gzip header");
        case ISAL_UNSUPPORTED_METHOD: return DecompressorText::tr("unsupported compression method");
        case ISAL_INCORRECT_CHECKSUM: return DecompressorText::tr("checksum mismatch");
        default: return DecompressorText::tr("inflate error %1").arg(rc);
        }
    }

    std::unique_ptr<inflate_state> m_state; // large: keep it off the stack
    Phase m_phase = Phase::InMember;
    OutputBuffer m_out;
};

// ---------------------------------------------------------------------------------------------

/// bzip2, including the multi-stream files pbzip2 and lbzip2 write (bzip2 and python's bz2
/// read them too).
class Bzip2Decompressor final : public StreamBase {
public:
    Bzip2Decompressor() : StreamBase(Compression::Bzip2)
    {
        if (auto ok = start(); !ok)
            setInitError(ok.error());
    }
    ~Bzip2Decompressor() override { stop(); }

protected:
    Result<void> doFeed(QByteArrayView input, const Sink& sink) override
    {
        const char* p = input.data();
        qsizetype left = input.size();
        while (left > 0) {
            if (!m_inStream) {
                // The next stream of a multi-stream file; garbage fails on its magic.
                if (auto ok = start(); !ok)
                    return ok;
            }
            const auto slice = unsigned(std::min(left, kMaxLibraryInput));
            m_bz.next_in = const_cast<char*>(p);
            m_bz.avail_in = slice;
            auto ok = decompressAvailable(sink);
            const qsizetype consumed = qsizetype(slice - m_bz.avail_in);
            p += consumed;
            left -= consumed;
            if (!ok)
                return ok;
        }
        return {};
    }

    Result<void> doFinish(const Sink&) override
    {
        if (m_inStream)
            return truncated();
        return {};
    }

private:
    Result<void> start()
    {
        m_bz = bz_stream{};
        // small = 0: the fast algorithm; its ~3.7 MB state is fine for one stream at a time.
        const int rc = BZ2_bzDecompressInit(&m_bz, 0, 0);
        if (rc != BZ_OK)
            return internal(DecompressorText::tr("BZ2_bzDecompressInit failed (%1)").arg(rc));
        m_initialised = true;
        m_inStream = true;
        return {};
    }

    void stop()
    {
        if (m_initialised)
            BZ2_bzDecompressEnd(&m_bz);
        m_initialised = false;
    }

    Result<void> decompressAvailable(const Sink& sink)
    {
        for (;;) {
            m_bz.next_out = m_out.data();
            m_bz.avail_out = unsigned(m_out.size());
            const int rc = BZ2_bzDecompress(&m_bz);
            const size_t produced = m_out.size() - m_bz.avail_out;
            switch (rc) {
            case BZ_OK: break;
            case BZ_STREAM_END:
                stop();
                m_inStream = false;
                ++m_streamsCompleted;
                return sendToSink(sink, m_out.data(), produced);
            case BZ_DATA_ERROR_MAGIC:
                return corrupt(m_streamsCompleted > 0
                                   ? DecompressorText::tr("unexpected data after the end of the bzip2 stream")
                                   : DecompressorText::tr("not bzip2 data (bad magic)"));
            case BZ_DATA_ERROR: return corrupt(DecompressorText::tr("data error (bad block or CRC mismatch)"));
            case BZ_MEM_ERROR: return internal(DecompressorText::tr("out of memory"));
            default: return internal(DecompressorText::tr("BZ2_bzDecompress returned %1").arg(rc));
            }
            if (auto ok = sendToSink(sink, m_out.data(), produced); !ok)
                return ok;
            if (m_bz.avail_out != 0)
                return {};
        }
    }

    bz_stream m_bz{};
    bool m_initialised = false;
    bool m_inStream = false;
    int m_streamsCompleted = 0;
    OutputBuffer m_out;
};

// ---------------------------------------------------------------------------------------------

/// xz, with LZMA_CONCATENATED so concatenated streams and stream padding are read as xz does;
/// in that mode liblzma only reports the end once told the input is finished.
class XzDecompressor final : public StreamBase {
public:
    XzDecompressor() : StreamBase(Compression::Xz)
    {
        const lzma_ret rc = lzma_stream_decoder(&m_lz, kXzMemoryLimit, LZMA_CONCATENATED);
        if (rc != LZMA_OK)
            setInitError(internalError(compression(), DecompressorText::tr("lzma_stream_decoder failed (%1)").arg(int(rc))));
    }
    ~XzDecompressor() override { lzma_end(&m_lz); }

protected:
    Result<void> doFeed(QByteArrayView input, const Sink& sink) override
    {
        if (input.isEmpty())
            return {};
        m_lz.next_in = reinterpret_cast<const uint8_t*>(input.data());
        m_lz.avail_in = size_t(input.size());
        return run(LZMA_RUN, sink);
    }

    Result<void> doFinish(const Sink& sink) override
    {
        m_lz.next_in = nullptr;
        m_lz.avail_in = 0;
        return run(LZMA_FINISH, sink);
    }

private:
    Result<void> run(lzma_action action, const Sink& sink)
    {
        for (;;) {
            m_lz.next_out = reinterpret_cast<uint8_t*>(m_out.data());
            m_lz.avail_out = m_out.size();
            const lzma_ret rc = lzma_code(&m_lz, action);
            const size_t produced = m_out.size() - m_lz.avail_out;
            if (auto ok = sendToSink(sink, m_out.data(), produced); !ok)
                return ok;
            switch (rc) {
            case LZMA_OK: break;
            case LZMA_STREAM_END: return {};
            case LZMA_BUF_ERROR:
                // With LZMA_RUN: no progress without more input. With LZMA_FINISH: the input
                // ended inside a stream.
                if (action == LZMA_FINISH)
                    return truncated();
                if (m_lz.avail_in != 0)
                    return internal(DecompressorText::tr("lzma_code made no progress"));
                return {};
            case LZMA_FORMAT_ERROR: return corrupt(DecompressorText::tr("not xz data (bad magic)"));
            case LZMA_OPTIONS_ERROR: return corrupt(DecompressorText::tr("unsupported stream options"));
            case LZMA_DATA_ERROR: return corrupt(DecompressorText::tr("data error (bad block, index or check)"));
            case LZMA_MEMLIMIT_ERROR:
                return corrupt(
                    DecompressorText::tr("the stream needs more than %1 MiB of memory to decompress").arg(kXzMemoryLimit >> 20));
            case LZMA_MEM_ERROR: return internal(DecompressorText::tr("out of memory"));
            default: return internal(DecompressorText::tr("lzma_code returned %1").arg(int(rc)));
            }
            if (action == LZMA_RUN && m_lz.avail_in == 0 && m_lz.avail_out != 0)
                return {};
        }
    }

    lzma_stream m_lz = LZMA_STREAM_INIT;
    OutputBuffer m_out;
};

// ---------------------------------------------------------------------------------------------

/// zstd; the streaming API reads concatenated and skippable frames itself and verifies the
/// XXH64 content checksum when the frame has one.
class ZstdDecompressor final : public StreamBase {
public:
    ZstdDecompressor() : StreamBase(Compression::Zstd), m_ctx(ZSTD_createDCtx())
    {
        if (!m_ctx)
            setInitError(internalError(compression(), DecompressorText::tr("ZSTD_createDCtx failed (out of memory)")));
    }
    ~ZstdDecompressor() override { ZSTD_freeDCtx(m_ctx); }

protected:
    Result<void> doFeed(QByteArrayView input, const Sink& sink) override
    {
        ZSTD_inBuffer in{input.data(), size_t(input.size()), 0};
        // A full output slice may leave decoded data inside the context: keep calling until
        // it is drained, so finish() sees the true frame state.
        bool outputFull = false;
        while (in.pos < in.size || outputFull) {
            ZSTD_outBuffer out{m_out.data(), m_out.size(), 0};
            const size_t before = in.pos;
            const size_t rc = ZSTD_decompressStream(m_ctx, &out, &in);
            if (ZSTD_isError(rc))
                return corrupt(QString::fromLatin1(ZSTD_getErrorName(rc)));
            // A drain call after a frame ended exactly on a full slice (every WAL segment: a
            // multiple of the slice) does nothing and answers "next frame header wanted";
            // only a call that moved data can say the stream is mid-frame.
            if (rc == 0)
                m_frameComplete = true;
            else if (out.pos > 0 || in.pos > before)
                m_frameComplete = false;
            if (auto ok = sendToSink(sink, m_out.data(), out.pos); !ok)
                return ok;
            outputFull = out.pos == out.size;
        }
        return {};
    }

    Result<void> doFinish(const Sink&) override
    {
        if (!m_frameComplete)
            return truncated();
        return {};
    }

private:
    ZSTD_DCtx* m_ctx;
    bool m_frameComplete = false;
    OutputBuffer m_out;
};

// ---------------------------------------------------------------------------------------------

/// lz4 frame format (the lz4 CLI, python's lz4.frame); LZ4F verifies block and content
/// checksums when the frame declares them, and starts a new frame after each one ends.
class Lz4Decompressor final : public StreamBase {
public:
    Lz4Decompressor() : StreamBase(Compression::Lz4)
    {
        if (LZ4F_isError(LZ4F_createDecompressionContext(&m_ctx, LZ4F_VERSION)))
            setInitError(internalError(compression(), DecompressorText::tr("LZ4F_createDecompressionContext failed")));
    }
    ~Lz4Decompressor() override { LZ4F_freeDecompressionContext(m_ctx); }

protected:
    Result<void> doFeed(QByteArrayView input, const Sink& sink) override
    {
        const char* p = input.data();
        size_t left = size_t(input.size());
        bool outputFull = false;
        while (left > 0 || outputFull) {
            size_t produced = m_out.size();
            size_t consumed = left;
            const size_t rc = LZ4F_decompress(m_ctx, m_out.data(), &produced, p, &consumed, nullptr);
            if (LZ4F_isError(rc))
                return corrupt(QString::fromLatin1(LZ4F_getErrorName(rc)));
            p += consumed;
            left -= consumed;
            // As for zstd: an idle drain call after a frame's end must not reopen the frame.
            if (rc == 0)
                m_frameComplete = true;
            else if (produced > 0 || consumed > 0)
                m_frameComplete = false;
            if (auto ok = sendToSink(sink, m_out.data(), produced); !ok)
                return ok;
            outputFull = produced == m_out.size();
            if (!outputFull && consumed == 0 && left > 0)
                return internal(DecompressorText::tr("LZ4F_decompress made no progress"));
        }
        return {};
    }

    Result<void> doFinish(const Sink&) override
    {
        if (!m_frameComplete)
            return truncated();
        return {};
    }

private:
    LZ4F_dctx* m_ctx = nullptr;
    bool m_frameComplete = false;
    OutputBuffer m_out;
};

// ---------------------------------------------------------------------------------------------

using Crc32cTables = std::array<std::array<uint32_t, 256>, 8>;

constexpr Crc32cTables makeCrc32cTables()
{
    Crc32cTables t{};
    for (uint32_t i = 0; i < 256; ++i) {
        uint32_t c = i;
        for (int k = 0; k < 8; ++k)
            c = (c & 1) ? (c >> 1) ^ 0x82f63b78u : c >> 1;
        t[0][i] = c;
    }
    // t[s][i]: the CRC of byte i followed by s zero bytes, so eight bytes fold in one step.
    for (uint32_t i = 0; i < 256; ++i)
        for (size_t s = 1; s < 8; ++s)
            t[s][i] = (t[s - 1][i] >> 8) ^ t[0][t[s - 1][i] & 0xff];
    return t;
}

constexpr Crc32cTables kCrc32cTables = makeCrc32cTables();

/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), slicing-by-8: the snappy framing
/// format checks every chunk with it, so it runs over all the data and must not be the
/// bottleneck (a byte-wise table is ~4x slower).
class Crc32c {
public:
    static uint32_t compute(const char* data, size_t size)
    {
        const auto& t = kCrc32cTables;
        const auto* p = reinterpret_cast<const unsigned char*>(data);
        uint32_t crc = 0xffffffffu;
        while (size >= 8) {
            uint32_t lo;
            uint32_t hi;
            std::memcpy(&lo, p, 4);
            std::memcpy(&hi, p + 4, 4);
            if constexpr (std::endian::native == std::endian::big) {
                lo = __builtin_bswap32(lo);
                hi = __builtin_bswap32(hi);
            }
            lo ^= crc;
            crc = t[7][lo & 0xff] ^ t[6][(lo >> 8) & 0xff] ^ t[5][(lo >> 16) & 0xff] ^ t[4][lo >> 24] ^ t[3][hi & 0xff]
                ^ t[2][(hi >> 8) & 0xff] ^ t[1][(hi >> 16) & 0xff] ^ t[0][hi >> 24];
            p += 8;
            size -= 8;
        }
        while (size-- > 0)
            crc = t[0][(crc ^ *p++) & 0xff] ^ (crc >> 8);
        return crc ^ 0xffffffffu;
    }

    /// The framing format stores the CRC rotated and offset, so that a CRC over data that
    /// itself contains CRCs stays well distributed.
    static uint32_t masked(const char* data, size_t size)
    {
        const uint32_t crc = compute(data, size);
        return ((crc >> 15) | (crc << 17)) + 0xa282ead8u;
    }
};

/// The snappy framing format (python-snappy's StreamCompressor, which barman-cloud uses for
/// .snappy). It has no end marker, so only a stream cut inside a chunk can be detected as
/// truncated; an empty input is a valid empty stream (python-snappy writes nothing for it).
class SnappyDecompressor final : public StreamBase {
public:
    SnappyDecompressor() : StreamBase(Compression::Snappy) {}

protected:
    Result<void> doFeed(QByteArrayView input, const Sink& sink) override
    {
        const char* p = input.data();
        qsizetype left = input.size();
        while (left > 0) {
            if (m_skip > 0) {
                const qsizetype n = std::min<qsizetype>(left, m_skip);
                p += n;
                left -= n;
                m_skip -= n;
                continue;
            }
            if (m_headerFill < kHeaderSize) {
                const qsizetype n = std::min<qsizetype>(left, kHeaderSize - m_headerFill);
                std::memcpy(m_header.data() + m_headerFill, p, size_t(n));
                m_headerFill += n;
                p += n;
                left -= n;
                if (m_headerFill < kHeaderSize)
                    break;
                if (auto ok = startChunk(); !ok)
                    return ok;
                continue;
            }
            // In a chunk body. Whole bodies are decoded straight from the input; only a body
            // split across feeds is copied.
            if (m_body.isEmpty() && left >= m_chunkLength) {
                if (auto ok = processChunk(p, size_t(m_chunkLength), sink); !ok)
                    return ok;
                p += m_chunkLength;
                left -= m_chunkLength;
            } else {
                const qsizetype n = std::min<qsizetype>(left, m_chunkLength - m_body.size());
                m_body.append(p, n);
                p += n;
                left -= n;
                if (m_body.size() < m_chunkLength)
                    break;
                if (auto ok = processChunk(m_body.constData(), size_t(m_body.size()), sink); !ok)
                    return ok;
                m_body.resize(0); // keeps the capacity for the next split chunk
            }
            m_headerFill = 0;
        }
        return flush(sink);
    }

    Result<void> doFinish(const Sink& sink) override
    {
        if (m_headerFill > 0 || m_skip > 0)
            return truncated();
        return flush(sink);
    }

private:
    static constexpr qsizetype kHeaderSize = 4;
    static constexpr size_t kMaxUncompressedChunk = 65536; // framing format limit
    static constexpr size_t kCrcSize = 4;
    static constexpr std::array<char, 6> kStreamIdentifier{'s', 'N', 'a', 'P', 'p', 'Y'};

    enum ChunkType : unsigned char {
        Compressed = 0x00,
        Uncompressed = 0x01,
        Padding = 0xfe,
        StreamIdentifier = 0xff,
    };

    /// Validates a complete chunk header and decides whether the body is skipped or read.
    Result<void> startChunk()
    {
        m_chunkType = static_cast<unsigned char>(m_header[0]);
        m_chunkLength = qsizetype(static_cast<unsigned char>(m_header[1]))
            | qsizetype(static_cast<unsigned char>(m_header[2])) << 8
            | qsizetype(static_cast<unsigned char>(m_header[3])) << 16;
        if (!m_seenIdentifier && m_chunkType != StreamIdentifier)
            return corrupt(DecompressorText::tr("missing stream identifier (not a snappy framed stream)"));
        switch (m_chunkType) {
        case StreamIdentifier:
            if (m_chunkLength != qsizetype(kStreamIdentifier.size()))
                return corrupt(DecompressorText::tr("bad stream identifier length"));
            break;
        case Compressed:
            if (m_chunkLength < qsizetype(kCrcSize)
                || size_t(m_chunkLength) > kCrcSize + snappy::MaxCompressedLength(kMaxUncompressedChunk))
                return corrupt(DecompressorText::tr("bad compressed chunk length %1").arg(m_chunkLength));
            break;
        case Uncompressed:
            if (m_chunkLength < qsizetype(kCrcSize) || size_t(m_chunkLength) > kCrcSize + kMaxUncompressedChunk)
                return corrupt(DecompressorText::tr("bad uncompressed chunk length %1").arg(m_chunkLength));
            break;
        default:
            if (m_chunkType < 0x80)
                return corrupt(DecompressorText::tr("reserved unskippable chunk type 0x%1")
                                   .arg(uint(m_chunkType), 2, 16, QLatin1Char('0')));
            // Padding (0xfe) and reserved skippable chunks (0x80-0xfd): the body is ignored.
            m_skip = m_chunkLength;
            m_headerFill = 0;
            break;
        }
        return {};
    }

    Result<void> processChunk(const char* body, size_t size, const Sink& sink)
    {
        if (m_chunkType == StreamIdentifier) {
            if (std::memcmp(body, kStreamIdentifier.data(), kStreamIdentifier.size()) != 0)
                return corrupt(DecompressorText::tr("bad stream identifier"));
            // Concatenated streams repeat the identifier; the format allows it anywhere.
            m_seenIdentifier = true;
            return {};
        }
        const uint32_t expectedCrc = uint32_t(static_cast<unsigned char>(body[0]))
            | uint32_t(static_cast<unsigned char>(body[1])) << 8 | uint32_t(static_cast<unsigned char>(body[2])) << 16
            | uint32_t(static_cast<unsigned char>(body[3])) << 24;
        const char* data = body + kCrcSize;
        const size_t dataSize = size - kCrcSize;

        size_t uncompressedSize = dataSize;
        if (m_chunkType == Compressed) {
            if (!snappy::GetUncompressedLength(data, dataSize, &uncompressedSize))
                return corrupt(DecompressorText::tr("bad compressed chunk"));
            if (uncompressedSize > kMaxUncompressedChunk)
                return corrupt(
                    DecompressorText::tr("compressed chunk expands to %1 bytes (limit 65536)").arg(uncompressedSize));
        }
        if (m_outFill + uncompressedSize > m_out.size()) {
            if (auto ok = flush(sink); !ok)
                return ok;
        }
        char* target = m_out.data() + m_outFill;
        if (m_chunkType == Compressed) {
            if (!snappy::RawUncompress(data, dataSize, target))
                return corrupt(DecompressorText::tr("bad compressed chunk"));
        } else {
            std::memcpy(target, data, dataSize);
        }
        if (Crc32c::masked(target, uncompressedSize) != expectedCrc)
            return corrupt(DecompressorText::tr("chunk checksum mismatch"));
        m_outFill += uncompressedSize;
        return {};
    }

    /// Output is gathered across chunks (at most 64 KiB each) so the sink sees large slices.
    Result<void> flush(const Sink& sink)
    {
        const size_t n = m_outFill;
        m_outFill = 0;
        return sendToSink(sink, m_out.data(), n);
    }

    std::array<char, kHeaderSize> m_header{};
    qsizetype m_headerFill = 0;
    unsigned char m_chunkType = 0;
    qsizetype m_chunkLength = 0;
    qsizetype m_skip = 0;
    bool m_seenIdentifier = false;
    QByteArray m_body;
    OutputBuffer m_out;
    size_t m_outFill = 0;
};

} // namespace

std::unique_ptr<Decompressor> Decompressor::create(Compression compression)
{
    switch (compression) {
    case Compression::None: return std::make_unique<PassThrough>();
    case Compression::Gzip: return std::make_unique<GzipDecompressor>();
    case Compression::Bzip2: return std::make_unique<Bzip2Decompressor>();
    case Compression::Xz: return std::make_unique<XzDecompressor>();
    case Compression::Zstd: return std::make_unique<ZstdDecompressor>();
    case Compression::Lz4: return std::make_unique<Lz4Decompressor>();
    case Compression::Snappy: return std::make_unique<SnappyDecompressor>();
    }
    return std::make_unique<PassThrough>(); // unreachable: every enumerator is handled above
}

Result<QByteArray> decompressAll(Compression compression, QByteArrayView input)
{
    if (compression == Compression::None)
        return QByteArray(input.data(), input.size());
    QByteArray output;
    // Most of what goes through here (WAL, backup.info) compresses 2-5x; a guess saves the
    // first few reallocations and QByteArray grows geometrically beyond it.
    output.reserve(std::min<qsizetype>(input.size() * 4, qsizetype(16) * 1024 * 1024));
    const Decompressor::Sink sink = [&output](QByteArrayView chunk) -> Result<void> {
        output.append(chunk);
        return {};
    };
    auto decompressor = Decompressor::create(compression);
    if (auto ok = decompressor->feed(input, sink); !ok)
        return fail(ok.error());
    if (auto ok = decompressor->finish(sink); !ok)
        return fail(ok.error());
    return output;
}

} // namespace tideline
