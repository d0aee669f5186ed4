// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/catalog/ArchiveCadence.h"
#include "engine/core/Clock.h"
#include "src/models/Format.h"
#include "src/models/ServerSnapshot.h"

#include <QWidget>

class QChart;
class QChartView;
class QLabel;
class QTableWidget;

namespace tideline::gui {

/// The WAL archive of one server over time: archiving cadence from the segments' upload times
/// (segments per hour), the longest silence shaded, timeline switches and gaps marked; below it,
/// each timeline with its range, size, parent and gaps (red; grey when harmless).
class WalArchiveView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WalArchiveView)

public:
    explicit WalArchiveView(QWidget* parent = nullptr);
    ~WalArchiveView() override;

    void setSnapshot(SnapshotPtr snapshot);
    void setTimeZone(TimeZoneMode zone);
    /// What "now" is for ages and staleness (the system clock unless a test sets another); the
    /// clock must outlive the view.
    void setClock(const Clock& clock);
    void setDark(bool dark);

    const catalog::ArchiveCadence& cadence() const { return m_cadence; }
    /// "per minute", "per 5 min", "per hour", "per day": a bin width as words, translated.
    static QString binName(qint64 binUsec);
    QTableWidget* timelineTable() const { return m_table; }
    QString summaryText() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();

    SnapshotPtr m_snapshot;
    catalog::ArchiveCadence m_cadence;
    TimeZoneMode m_zone = TimeZoneMode::Utc;
    const Clock* m_clock = &Clock::system();
    bool m_dark = false;
    QLabel* m_summary = nullptr;
    QChart* m_chart = nullptr;
    QChartView* m_chartView = nullptr;
    QTableWidget* m_table = nullptr;
};

} // namespace tideline::gui
