// SPDX-License-Identifier: GPL-3.0-or-later
// Tar extraction, side by side in one run: Tideline's TarExtractor against libarchive (Debian's
// libarchive, with its own secure disk writer: no "..", no absolute paths, no writes through
// symlinks) on the same uncompressed tar held in memory, written to the same filesystem. Run by
// tests/bench/tar_bench.sh, which makes a tar of a real pgbench data directory as barman does.
//   tar_bench TAR WORKDIR [RUNS]
#include "engine/restore/TarExtractor.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <cstdio>
#include <unistd.h>
#include <vector>

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// What a restore's extracting thread sees: the stream in chunks (1 MiB, as the inflate stage
// hands them on).
double withTideline(const QByteArray& tar, const QString& root)
{
    QDir().mkpath(root);
    QElapsedTimer t;
    t.start();
    tideline::restore::TarExtractor x(root);
    constexpr qsizetype chunk = 1 << 20;
    for (qsizetype i = 0; i < tar.size(); i += chunk)
        if (auto r = x.feed(QByteArrayView(tar).sliced(i, std::min(chunk, tar.size() - i))); !r)
            qFatal("tideline: %s", qPrintable(r.error().oneLine()));
    if (auto r = x.finish(); !r)
        qFatal("tideline: %s", qPrintable(r.error().oneLine()));
    return static_cast<double>(t.nsecsElapsed()) / 1e9;
}

double withLibarchive(const QByteArray& tar, const QString& root)
{
    QDir().mkpath(root);
    const QString cwd = QDir::currentPath();
    QDir::setCurrent(root);
    QElapsedTimer t;
    t.start();
    archive* in = archive_read_new();
    archive_read_support_format_tar(in);
    archive* out = archive_write_disk_new();
    archive_write_disk_set_options(out,
                                   ARCHIVE_EXTRACT_TIME | ARCHIVE_EXTRACT_PERM | ARCHIVE_EXTRACT_SECURE_SYMLINKS
                                       | ARCHIVE_EXTRACT_SECURE_NODOTDOT | ARCHIVE_EXTRACT_SECURE_NOABSOLUTEPATHS
                                       | ARCHIVE_EXTRACT_UNLINK);
    if (archive_read_open_memory(in, tar.constData(), static_cast<size_t>(tar.size())) != ARCHIVE_OK)
        qFatal("libarchive: %s", archive_error_string(in));
    archive_entry* entry = nullptr;
    int r;
    while ((r = archive_read_next_header(in, &entry)) == ARCHIVE_OK) {
        if (archive_write_header(out, entry) != ARCHIVE_OK)
            qFatal("libarchive: %s", archive_error_string(out));
        const void* buffer = nullptr;
        size_t size = 0;
        la_int64_t offset = 0;
        while (archive_read_data_block(in, &buffer, &size, &offset) == ARCHIVE_OK)
            if (archive_write_data_block(out, buffer, size, offset) != ARCHIVE_OK)
                qFatal("libarchive: %s", archive_error_string(out));
        archive_write_finish_entry(out);
    }
    if (r != ARCHIVE_EOF)
        qFatal("libarchive: %s", archive_error_string(in));
    archive_write_close(out);
    archive_write_free(out);
    archive_read_free(in);
    const double s = static_cast<double>(t.nsecsElapsed()) / 1e9;
    QDir::setCurrent(cwd);
    return s;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 3) {
        std::fprintf(stderr, "usage: tar_bench TAR WORKDIR [RUNS]\n");
        return 2;
    }
    QFile f(QString::fromLocal8Bit(argv[1]));
    if (!f.open(QIODevice::ReadOnly))
        return 2;
    const QByteArray tar = f.readAll();
    const QString work = QString::fromLocal8Bit(argv[2]);
    const int runs = argc > 3 ? std::max(1, std::atoi(argv[3])) : 5;
    std::vector<double> ours;
    std::vector<double> theirs;
    // Alternate, so that both see the same page-cache and writeback state on average.
    for (int i = 0; i < runs; ++i) {
        const QString a = work + QStringLiteral("/t%1").arg(i);
        const QString b = work + QStringLiteral("/l%1").arg(i);
        ours.push_back(withTideline(tar, a));
        theirs.push_back(withLibarchive(tar, b));
        QDir(a).removeRecursively();
        QDir(b).removeRecursively();
        ::sync();
    }
    std::printf("| tar (MiB) | runs | tideline TarExtractor (s, median) | libarchive (s, median) | libarchive / tideline |\n"
                "|---:|---:|---:|---:|---:|\n| %.0f | %d | %.3f | %.3f | %.2fx |\n",
                static_cast<double>(tar.size()) / (1 << 20), runs, median(ours), median(theirs),
                median(theirs) / median(ours));
    return 0;
}
