// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <expected>

namespace tideline {

/// The one catalog of error codes. The numbers are stable (scripts and the GUI rely on them);
/// codes 1-8 are also the CLI's exit statuses, see DESIGN.md "The command-line contract".
enum class ErrorCode : int {
    NotFound = 1,      ///< authoritative "does not exist" for one object (S3 404 NoSuchKey)
    Usage = 2,         ///< the request itself is malformed (bad URL, bad option value)
    Network = 3,       ///< endpoint unreachable, TLS failure, timeouts after retries
    Auth = 4,          ///< credentials refused or permission denied
    MissingSource = 5, ///< bucket, prefix, server or backup not found
    Corrupt = 6,       ///< unreadable data: bad backup.info, bad archive, checksum mismatch
    Refused = 7,       ///< understood but unsafe or unreachable
    Cancelled = 8,     ///< the user cancelled; a normal outcome, never a crash
    Internal = 70,     ///< a bug in Tideline: report it
};

/// What went wrong (message), what to do about it (hint), and optional technical detail
/// (an HTTP status, an S3 error code). None of the three may ever contain a credential.
struct Error {
    ErrorCode code = ErrorCode::Internal;
    QString message;
    QString hint;
    QString detail;

    /// "message (detail). Hint: hint" on one line, for the CLI and logs.
    QString oneLine() const;
};

template <typename T> using Result = std::expected<T, Error>;

/// The unexpected value of a Result, for `return fail(...)`.
inline std::unexpected<Error> fail(ErrorCode code, QString message, QString hint = {}, QString detail = {})
{
    return std::unexpected<Error>(Error{code, std::move(message), std::move(hint), std::move(detail)});
}

inline std::unexpected<Error> fail(Error error)
{
    return std::unexpected<Error>(std::move(error));
}

/// The CLI exit status for an error code (DESIGN.md table); Internal maps to 70 (EX_SOFTWARE).
int exitStatus(ErrorCode code);

/// A stable lower-case name for JSON output, e.g. "not_found", "network".
QString errorCodeName(ErrorCode code);

} // namespace tideline
