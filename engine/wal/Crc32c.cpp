// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/wal/Crc32c.h"

#include <array>
#include <cstring>

namespace tideline::wal {

namespace {

// Slicing-by-8 tables for the reflected polynomial 0x82F63B78.
constexpr std::array<std::array<std::uint32_t, 256>, 8> makeTables()
{
    std::array<std::array<std::uint32_t, 256>, 8> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
        std::uint32_t c = i;
        for (int k = 0; k < 8; ++k)
            c = (c & 1u) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
        t[0][i] = c;
    }
    for (std::size_t s = 1; s < 8; ++s)
        for (std::size_t i = 0; i < 256; ++i)
            t[s][i] = (t[s - 1][i] >> 8) ^ t[0][t[s - 1][i] & 0xFFu];
    return t;
}

constexpr auto kTables = makeTables();

std::uint32_t updateTable(std::uint32_t crc, const unsigned char* p, std::size_t n)
{
    while (n >= 8) {
        std::uint32_t lo = 0;
        std::uint32_t hi = 0;
        std::memcpy(&lo, p, 4);
        std::memcpy(&hi, p + 4, 4);
        lo ^= crc;
        crc = kTables[7][lo & 0xFFu] ^ kTables[6][(lo >> 8) & 0xFFu] ^ kTables[5][(lo >> 16) & 0xFFu] ^ kTables[4][lo >> 24]
            ^ kTables[3][hi & 0xFFu] ^ kTables[2][(hi >> 8) & 0xFFu] ^ kTables[1][(hi >> 16) & 0xFFu] ^ kTables[0][hi >> 24];
        p += 8;
        n -= 8;
    }
    while (n--)
        crc = (crc >> 8) ^ kTables[0][(crc ^ *p++) & 0xFFu];
    return crc;
}

#if defined(__x86_64__)
__attribute__((target("sse4.2"))) std::uint64_t serialSse42(std::uint64_t c, const unsigned char* p, std::size_t n)
{
    for (; n >= 8; p += 8, n -= 8) {
        std::uint64_t v = 0;
        std::memcpy(&v, p, 8);
        c = __builtin_ia32_crc32di(c, v);
    }
    return c;
}

// The crc32 instruction takes three cycles and can start one each cycle: three independent
// streams over three stretches of a block keep it busy, then one stretch's CRC is carried past
// the next stretch's bytes (a fixed linear map, so four byte tables) and folded in. This is what
// makes the CRC of a WAL segment cost a third of a serial loop's time.
template <std::size_t Stretch> struct Shift {
    // table[k][b]: the CRC register value b << 8k advanced over Stretch zero bytes.
    std::array<std::array<std::uint32_t, 256>, 4> table{};

    __attribute__((target("sse4.2"))) Shift()
    {
        std::array<std::uint32_t, 32> bit{};
        for (std::size_t i = 0; i < 32; ++i) {
            std::uint64_t c = std::uint64_t(1) << i;
            for (std::size_t z = 0; z < Stretch; z += 8)
                c = __builtin_ia32_crc32di(c, 0);
            bit[i] = std::uint32_t(c);
        }
        for (std::size_t k = 0; k < 4; ++k)
            for (std::uint32_t b = 0; b < 256; ++b)
                for (std::size_t i = 0; i < 8; ++i)
                    if (b & (1u << i))
                        table[k][b] ^= bit[8 * k + i];
    }
    std::uint32_t operator()(std::uint32_t c) const
    {
        return table[0][c & 0xFFu] ^ table[1][(c >> 8) & 0xFFu] ^ table[2][(c >> 16) & 0xFFu] ^ table[3][c >> 24];
    }
};

template <std::size_t Stretch>
__attribute__((target("sse4.2"))) std::uint64_t threeWays(std::uint64_t c, const unsigned char*& p, std::size_t& n)
{
    static_assert(Stretch % 8 == 0);
    static const Shift<Stretch> shift;
    while (n >= 3 * Stretch) {
        std::uint64_t a = c, b = 0, d = 0;
        for (std::size_t i = 0; i < Stretch; i += 8) {
            std::uint64_t va = 0, vb = 0, vd = 0;
            std::memcpy(&va, p + i, 8);
            std::memcpy(&vb, p + Stretch + i, 8);
            std::memcpy(&vd, p + 2 * Stretch + i, 8);
            a = __builtin_ia32_crc32di(a, va);
            b = __builtin_ia32_crc32di(b, vb);
            d = __builtin_ia32_crc32di(d, vd);
        }
        c = shift(shift(std::uint32_t(a)) ^ std::uint32_t(b)) ^ std::uint32_t(d);
        p += 3 * Stretch;
        n -= 3 * Stretch;
    }
    return c;
}

__attribute__((target("sse4.2"))) std::uint32_t updateSse42(std::uint32_t crc, const unsigned char* p, std::size_t n)
{
    std::uint64_t c = crc;
    c = threeWays<2048>(c, p, n);
    c = threeWays<256>(c, p, n);
    c = serialSse42(c, p, n - n % 8);
    p += n - n % 8;
    n %= 8;
    auto c32 = static_cast<std::uint32_t>(c);
    while (n--)
        c32 = __builtin_ia32_crc32qi(c32, *p++);
    return c32;
}

bool haveSse42()
{
    static const bool have = __builtin_cpu_supports("sse4.2");
    return have;
}
#endif

} // namespace

std::uint32_t crc32cUpdatePortable(std::uint32_t crc, const unsigned char* data, std::size_t length)
{
    return updateTable(crc, data, length);
}

std::uint32_t crc32cUpdate(std::uint32_t crc, const unsigned char* data, std::size_t length)
{
#if defined(__x86_64__)
    if (haveSse42())
        return updateSse42(crc, data, length);
#endif
    return updateTable(crc, data, length);
}

} // namespace tideline::wal
