// SPDX-License-Identifier: GPL-3.0-or-later
// The window loading a large bucket (tests/bench/catalog_bench.py --window runs it against its
// replay proxy, e.g. on the synthetic two-million-object bucket of 50 servers):
//   - from openSource to the server list in the sidebar, to the first server loaded, and to the
//     big server's catalog shown;
//   - the GUI thread's longest stall meanwhile (a 5 ms heartbeat timer's worst gap);
//   - the Timeline tab's paint time on that catalog at full window size (median and worst of 30).
// Targets (issue 18): the first answer before the end, the window responsive while it loads,
// the timeline painting under 16 ms.
// Run: QT_QPA_PLATFORM=offscreen build/tests/bench/window_catalog_bench ENDPOINT SOURCE_URL SERVER
#include "src/app/MainWindow.h"
#include "src/jobs/SourceSession.h"
#include "src/views/PitrTimeline.h"
#include "src/views/PitrView.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace tideline;
using namespace tideline::gui;

namespace {
// Times every event the GUI thread handles, so that a stall can be told apart: one slow handler
// (work on the GUI thread) or none (the thread did not get the CPU).
class TimedApplication : public QApplication {
public:
    using QApplication::QApplication;
    bool notify(QObject* receiver, QEvent* event) override
    {
        // Worker threads' events pass here too: only the GUI thread's are timed.
        if (QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        if (m_depth++ > 0) {
            const bool handled = QApplication::notify(receiver, event);
            --m_depth;
            return handled;
        }
        QElapsedTimer t;
        t.start();
        const int type = event->type();
        const QByteArray what = receiver->metaObject()->className();
        const bool handled = QApplication::notify(receiver, event);
        --m_depth;
        const qint64 ms = t.elapsed();
        if (ms > slowestMs) {
            slowestMs = ms;
            slowest = what + " event " + QByteArray::number(type);
        }
        return handled;
    }
    qint64 slowestMs = 0;
    QByteArray slowest;

private:
    int m_depth = 0;
};
} // namespace

int main(int argc, char* argv[])
{
    TimedApplication app(argc, argv);
    if (argc < 4) {
        std::fprintf(stderr, "usage: window_catalog_bench ENDPOINT SOURCE_URL SERVER\n");
        return 2;
    }
    auto profile = ConnectionProfile::fromSourceUrl(QString::fromLocal8Bit(argv[2]));
    if (!profile) {
        std::fprintf(stderr, "window_catalog_bench: %s\n", qPrintable(profile.error().oneLine()));
        return 2;
    }
    profile->endpoint = QString::fromLocal8Bit(argv[1]);
    const QString big = QString::fromLocal8Bit(argv[3]);

    QElapsedTimer heartbeatClock;
    qint64 lastBeat = 0, worstGap = 0, worstGapEnd = 0;
    QTimer heartbeat;
    heartbeat.setInterval(5);
    QObject::connect(&heartbeat, &QTimer::timeout, [&] {
        const qint64 now = heartbeatClock.elapsed();
        if (now - lastBeat > worstGap) {
            worstGap = now - lastBeat;
            worstGapEnd = now;
        }
        lastBeat = now;
    });

    MainWindow::Options options;
    options.persistent = false;
    options.kubernetes = false;
    MainWindow window(options);
    window.resize(1440, 900);
    window.show();
    window.showView(QStringLiteral("timeline"));
    qint64 listedMs = -1, firstMs = -1, bigMs = -1;
    int servers = 0;
    QElapsedTimer clock;
    QObject::connect(&window.session(), &SourceSession::serversListed, [&](const QStringList& names) {
        listedMs = clock.elapsed();
        servers = int(names.size());
    });
    QObject::connect(&window.session(), &SourceSession::serverLoaded, [&](const QString& name) {
        if (firstMs < 0)
            firstMs = clock.elapsed();
        if (name == big && bigMs < 0)
            bigMs = clock.elapsed();
    });
    // Waiting in an event loop, not a processEvents() spin: the spin would take a core from the
    // workers it measures.
    QEventLoop wait;
    QObject::connect(&window, &MainWindow::sourceLoaded, &wait, &QEventLoop::quit);
    QTimer::singleShot(600'000, &wait, &QEventLoop::quit);
    clock.start();
    heartbeatClock.start();
    heartbeat.start();
    window.openSource(*profile, big);
    wait.exec();
    const qint64 loadedMs = clock.elapsed();
    const qint64 stall = worstGap;
    std::fprintf(stderr, "window_catalog_bench: slowest GUI event while loading: %lld ms (%s)\n",
                 static_cast<long long>(app.slowestMs), app.slowest.constData());
    if (bigMs < 0) {
        std::fprintf(stderr, "window_catalog_bench: %s was not loaded within %lld ms\n", qPrintable(big),
                     static_cast<long long>(loadedMs));
        return 1;
    }

    PitrTimeline* timeline = window.pitr()->timeline();
    QList<qint64> paints;
    for (int i = 0; i < 30; ++i) {
        QElapsedTimer t;
        t.start();
        timeline->repaint();
        paints.append(t.nsecsElapsed() / 1000);
    }
    std::sort(paints.begin(), paints.end());
    std::printf("{\"servers\": %d, \"listed_ms\": %lld, \"first_server_ms\": %lld, \"big_server_ms\": %lld, "
                "\"all_loaded_ms\": %lld, \"worst_gui_stall_ms\": %lld, \"timeline_paint_median_ms\": %.2f, "
                "\"timeline_paint_worst_ms\": %.2f, \"timeline_size\": [%d, %d], \"worst_gui_stall_end_ms\": %lld}\n",
                servers, static_cast<long long>(listedMs), static_cast<long long>(firstMs), static_cast<long long>(bigMs),
                static_cast<long long>(loadedMs), static_cast<long long>(stall), double(paints[paints.size() / 2]) / 1000.0,
                double(paints.last()) / 1000.0, timeline->width(), timeline->height(), static_cast<long long>(worstGapEnd));
    return 0;
}
