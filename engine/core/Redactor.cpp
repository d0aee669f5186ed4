// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/core/Redactor.h"

#include <QMutex>
#include <QRegularExpression>
#include <QStringList>

#include <cstdio>

namespace tideline::Redactor {

namespace {
QMutex& mutex()
{
    static QMutex m;
    return m;
}
QStringList& secrets()
{
    static QStringList s;
    return s;
}
QtMessageHandler& previousHandler()
{
    static QtMessageHandler h = nullptr;
    return h;
}

void redactingHandler(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    const QString clean = redact(message);
    if (QtMessageHandler prev = previousHandler())
        prev(type, context, clean);
    else
        std::fprintf(stderr, "%s\n", clean.toLocal8Bit().constData());
}
} // namespace

void addSecret(const QString& secret)
{
    if (secret.size() < 4)
        return;
    QMutexLocker lock(&mutex());
    if (!secrets().contains(secret))
        secrets().append(secret);
}

QString redact(QString text)
{
    {
        QMutexLocker lock(&mutex());
        for (const QString& s : secrets())
            text.replace(s, QStringLiteral("***"));
    }
    static const QRegularExpression patterns[] = {
        QRegularExpression(QStringLiteral(R"((Signature=)[0-9a-fA-F]+)")),
        QRegularExpression(QStringLiteral(R"((X-Amz-Signature=)[^&\s]+)"), QRegularExpression::CaseInsensitiveOption),
        QRegularExpression(QStringLiteral(R"((X-Amz-Security-Token=)[^&\s]+)"), QRegularExpression::CaseInsensitiveOption),
        QRegularExpression(QStringLiteral(R"((x-amz-security-token:\s*)\S+)"), QRegularExpression::CaseInsensitiveOption),
        QRegularExpression(QStringLiteral(R"((aws_secret_access_key\s*[=:]\s*)\S+)"),
                           QRegularExpression::CaseInsensitiveOption),
        QRegularExpression(QStringLiteral(R"((aws_session_token\s*[=:]\s*)\S+)"), QRegularExpression::CaseInsensitiveOption),
    };
    for (const auto& re : patterns)
        text.replace(re, QStringLiteral("\\1***"));
    return text;
}

void installMessageHandler()
{
    QtMessageHandler prev = qInstallMessageHandler(redactingHandler);
    if (prev != redactingHandler)
        previousHandler() = prev;
}

} // namespace tideline::Redactor
