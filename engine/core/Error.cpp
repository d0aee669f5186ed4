// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/core/Error.h"

#include <QCoreApplication>

namespace tideline {

namespace {
struct ErrorText {
    Q_DECLARE_TR_FUNCTIONS(Error)
};
} // namespace

QString Error::oneLine() const
{
    QString line = message;
    if (!detail.isEmpty())
        line += QStringLiteral(" (") + detail + QLatin1Char(')');
    if (!hint.isEmpty())
        //: %1 is the error message (with its detail), %2 the advice.
        line = ErrorText::tr("%1. Hint: %2").arg(line, hint);
    line.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return line;
}

int exitStatus(ErrorCode code)
{
    return static_cast<int>(code);
}

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::NotFound: return QStringLiteral("not_found");
    case ErrorCode::Usage: return QStringLiteral("usage");
    case ErrorCode::Network: return QStringLiteral("network");
    case ErrorCode::Auth: return QStringLiteral("auth");
    case ErrorCode::MissingSource: return QStringLiteral("missing_source");
    case ErrorCode::Corrupt: return QStringLiteral("corrupt");
    case ErrorCode::Refused: return QStringLiteral("refused");
    case ErrorCode::Cancelled: return QStringLiteral("cancelled");
    case ErrorCode::Internal: return QStringLiteral("internal");
    }
    return QStringLiteral("internal");
}

} // namespace tideline
