// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <array>

namespace tideline::catalog {

/// An object's ETag as a listing gave it, held in 16 bytes when it is the MD5 of a single-part
/// upload (32 lower-case hex digits, nearly every WAL object) and as text otherwise. A catalog
/// keeps one per archived file, and two million 32-character strings are 190 MB. Value type, any
/// thread.
class ListedEtag {
public:
    ListedEtag() = default;
    /// Any text; it comes back unchanged from toString().
    explicit ListedEtag(const QString& etag);

    /// The ETag exactly as it was given.
    QString toString() const;
    bool isEmpty() const { return !m_isMd5 && m_other.isEmpty(); }
    friend bool operator==(const ListedEtag&, const ListedEtag&) = default;

private:
    std::array<quint8, 16> m_md5{};
    bool m_isMd5 = false;
    QString m_other; ///< when not 32 lower-case hex digits
};

} // namespace tideline::catalog
