// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>

namespace tideline::wal {

/// CRC-32C (Castagnoli), the checksum PostgreSQL puts in every WAL record. Streaming: start with
/// crc32cInit(), feed pieces with crc32cUpdate(), finish with crc32cFinal(). Uses the SSE 4.2
/// instruction when the CPU has it (as PostgreSQL does), a table otherwise; both give the same
/// value. Pure, any thread.
constexpr std::uint32_t crc32cInit()
{
    return 0xFFFFFFFFu;
}
std::uint32_t crc32cUpdate(std::uint32_t crc, const unsigned char* data, std::size_t length);
/// The table path alone, what crc32cUpdate() does on a CPU without SSE 4.2; for tests.
std::uint32_t crc32cUpdatePortable(std::uint32_t crc, const unsigned char* data, std::size_t length);
constexpr std::uint32_t crc32cFinal(std::uint32_t crc)
{
    return crc ^ 0xFFFFFFFFu;
}

} // namespace tideline::wal
