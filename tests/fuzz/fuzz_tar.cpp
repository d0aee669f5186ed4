// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: TarExtractor on arbitrary bytes, fed in chunk sizes the input chooses.
// Besides the sanitizers' findings, it fails when anything appears beside the extraction root:
// whatever the bytes, nothing may be written outside it.
#include "engine/restore/TarExtractor.h"

#include <QDir>
#include <QFile>
#include <QStringList>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <unistd.h>

namespace {
QString outer()
{
    // Never destroyed: the atexit handler below runs after static destructors would have.
    static const QString* const dir = [] {
        QByteArray tmpl = QFile::encodeName(QDir::tempPath() + QStringLiteral("/tideline-fuzz-tar-XXXXXX"));
        if (!::mkdtemp(tmpl.data()))
            std::abort();
        return new QString(QFile::decodeName(tmpl));
    }();
    static const bool cleanup = [] {
        // libFuzzer ends a timed run with exit(): leave /tmp as found (a crash keeps it to look at).
        std::atexit([] { QDir(*dir).removeRecursively(); });
        return true;
    }();
    (void)cleanup;
    return *dir;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 1)
        return 0;
    const QString root = outer() + QStringLiteral("/root");
    QDir().mkpath(root);
    // The first byte picks the chunk size: 1..256 bytes, or the whole stream at once.
    const qsizetype chunk = data[0] == 0 ? static_cast<qsizetype>(size) : data[0];
    const QByteArrayView bytes(reinterpret_cast<const char*>(data) + 1, static_cast<qsizetype>(size - 1));
    {
        tideline::restore::TarExtractor x(root);
        bool ok = true;
        for (qsizetype i = 0; ok && i < bytes.size(); i += chunk)
            ok = x.feed(bytes.sliced(i, std::min(chunk, bytes.size() - i))).has_value();
        if (ok)
            (void)x.finish();
    }
    {
        // verify's check-only reading of the same stream: it must not crash or touch the disk.
        tideline::restore::TarExtractor x(tideline::restore::TarExtractor::CheckOnly{},
                                          [](const QString&, char, QByteArrayView) {});
        bool ok = true;
        for (qsizetype i = 0; ok && i < bytes.size(); i += chunk)
            ok = x.feed(bytes.sliced(i, std::min(chunk, bytes.size() - i))).has_value();
        if (ok)
            (void)x.finish();
    }
    const QStringList beside = QDir(outer()).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    if (beside != QStringList{QStringLiteral("root")}) {
        std::fprintf(stderr, "written outside the root: %s\n", qPrintable(beside.join(QLatin1Char(' '))));
        std::abort();
    }
    QDir(root).removeRecursively();
    return 0;
}
