// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>

#include <compare>
#include <optional>

namespace tideline::wal {

/// A WAL location (pg_lsn). Pure value type, any thread.
class Lsn {
public:
    constexpr Lsn() = default;
    constexpr explicit Lsn(quint64 value) : m_value(value) {}

    /// "H/L" in hex as PostgreSQL prints it ("0/3000028", "2/82000168", also "%X/%08X").
    /// nullopt on anything else (empty halves, non-hex, more than 8 hex digits a half).
    static std::optional<Lsn> parse(QStringView text);
    /// "%X/%X" as PostgreSQL 15 and barman's backup.info write it.
    QString toString() const;

    constexpr quint64 value() const { return m_value; }
    friend constexpr auto operator<=>(Lsn, Lsn) = default;

private:
    quint64 m_value = 0;
};

using TimelineId = quint32;

} // namespace tideline::wal
