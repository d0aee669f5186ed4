// SPDX-License-Identifier: GPL-3.0-or-later
// The archiving history at its retention's full size: 30 days of samples every 10 s (259,200
// rows, a failing hour and a timeline switch in them) in the SQLite file the window keeps. Times
//   - writing them (one transaction per sample, as the sampler does, for the first 2,000; the
//     rest in bulk to build the file),
//   - reading the 30 days back (LagHistory::range), whole and thinned from the 5-minute summaries,
//   - thinning them for the screen (decimateLag) and drawing the chart (ArchivingChart, offscreen),
// and checks that every failing hour is still on the chart. Target (issue 15): a 30-day history
// charts in under 100 ms.
// Run: QT_QPA_PLATFORM=offscreen build/tests/bench/lag_history_bench [DIR]
#include "engine/monitor/LagHistory.h"
#include "src/views/ArchivingChart.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace tideline;

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QTemporaryDir tmp;
    const QString dir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : tmp.path();
    const QString path = dir + QStringLiteral("/lag-bench.sqlite");
    QFile::remove(path);
    auto history = monitor::LagHistory::open(path);
    if (!history) {
        std::fprintf(stderr, "%s\n", qPrintable(history.error().oneLine()));
        return 1;
    }
    constexpr qint64 kStep = 10'000'000; // 10 s
    constexpr int kSamples = 30 * 24 * 360;
    const qint64 start = 1'796'000'000'000'000;
    auto sampleAt = [&](int i) {
        monitor::LagSample s;
        s.atUsec = start + i * kStep;
        const bool failingHour = i / 360 == 200; // one hour, day 8
        s.bytesNotInBucket = failingHour ? qint64(i - 200 * 360) * 1'000'000 : qint64((i * 7919) % 50) * 1'000'000;
        s.segmentsNotInBucket = *s.bytesNotInBucket / (16 << 20) + 1;
        s.readyCount = failingHour ? (i - 200 * 360) / 20 : 0;
        s.archivedCount = i / 6;
        s.failedCount = failingHour ? i - 200 * 360 : 0;
        s.failing = failingHour;
        s.timeline = i < kSamples / 2 ? 1 : 2;
        return s;
    };
    const QString target = QStringLiteral("bench cnpg://db/pg");
    QElapsedTimer t;
    t.start();
    constexpr int kTimedAppends = 2000;
    for (int i = 0; i < kTimedAppends; ++i)
        if (!history->append(target, sampleAt(i)))
            return 1;
    const double appendMs = double(t.nsecsElapsed()) / 1e6 / kTimedAppends;
    QList<monitor::LagSample> rest;
    for (int i = kTimedAppends; i < kSamples; ++i)
        rest.append(sampleAt(i));
    if (!history->append(target, rest)) // one transaction: only to build the file quickly
        return 1;
    t.restart();
    auto all = history->range(target, start, start + qint64(kSamples) * kStep);
    const double readMs = double(t.nsecsElapsed()) / 1e6;
    if (!all || all->size() != kSamples) {
        std::fprintf(stderr, "read back %lld samples\n", all ? qlonglong(all->size()) : -1LL);
        return 1;
    }
    t.restart();
    auto thinnedInSql = history->range(target, start, start + qint64(kSamples) * kStep, 1000);
    const double readThinMs = double(t.nsecsElapsed()) / 1e6;
    if (!thinnedInSql)
        return 1;
    gui::ArchivingChart chart;
    chart.resize(1200, 300);
    t.restart();
    chart.setSamples(*all, start, start + qint64(kSamples) * kStep);
    const double chartMs = double(t.nsecsElapsed()) / 1e6;
    int failing = 0;
    for (const auto& s : chart.drawn())
        failing += s.failing;
    t.restart();
    const auto thinned = monitor::decimateLag(*all, start, start + qint64(kSamples) * kStep, 600);
    const double decimateMs = double(t.nsecsElapsed()) / 1e6;
    std::printf("samples                  %d (30 days at 10 s)\n", kSamples);
    std::printf("append one sample        %.2f ms (its own transaction, WAL journal)\n", appendMs);
    std::printf("read 30 days             %.1f ms\n", readMs);
    std::printf("decimate to 600 columns  %.1f ms -> %lld points\n", decimateMs, qlonglong(thinned.size()));
    std::printf("chart 30 days (1200 px)  %.1f ms -> %lld points, %d failing kept\n", chartMs,
                qlonglong(chart.drawn().size()), failing);
    gui::ArchivingChart windowChart; // what the window does: read thinned, then chart
    windowChart.resize(1200, 300);
    t.restart();
    windowChart.setSamples(*thinnedInSql, start, start + qint64(kSamples) * kStep);
    const double windowChartMs = double(t.nsecsElapsed()) / 1e6;
    int windowFailing = 0;
    for (const auto& s : windowChart.drawn())
        windowFailing += s.failing;
    std::printf("read 30 days thinned     %.1f ms -> %lld rows (SQLite, 1000 columns, as the window reads)\n", readThinMs,
                qlonglong(thinnedInSql->size()));
    std::printf("chart them (1200 px)     %.1f ms -> %lld points, %d failing kept\n", windowChartMs,
                qlonglong(windowChart.drawn().size()), windowFailing);
    std::printf("window: read + chart     %.1f ms (goal < 100 ms)\n", readThinMs + windowChartMs);
    std::printf("all rows: read + chart   %.1f ms\n", readMs + chartMs);
    failing = std::min(failing, windowFailing);
    return failing > 0 ? 0 : 1;
}
