// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace tideline {

/// Keeps credentials out of everything Tideline prints. Secrets are registered when they are
/// loaded (access keys, secret keys, session tokens) and scrubbed from any text passed through
/// redact(), together with signature-shaped fragments (SigV4 Signature=, X-Amz-Signature=,
/// X-Amz-Security-Token=, Authorization headers) that must never leave the process.
/// Thread-safe: all functions may be called from any thread.
namespace Redactor {
/// Remember a secret value (ignored when shorter than 4 characters, to avoid scrubbing noise).
void addSecret(const QString& secret);
/// Returns text with every registered secret and signature fragment replaced by "***".
QString redact(QString text);
/// Installs a Qt message handler that redacts every qDebug/qWarning/... line before it is written.
void installMessageHandler();
} // namespace Redactor

} // namespace tideline
