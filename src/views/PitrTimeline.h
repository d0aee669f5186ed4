// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/Timestamp.h"
#include "src/models/Format.h"
#include "src/models/ServerSnapshot.h"
#include "src/views/TimelineScale.h"

#include <QMap>
#include <QSet>
#include <QWidget>

#include <optional>

namespace tideline::gui {

/// The PITR timeline: a zoomable (wheel, a minute to years) and pannable (drag) time axis with
/// the recoverability window on top, base backups as spans, and one row per timeline showing its
/// WAL coverage as bands (contiguous segments merged, so a million segments paint as a handful of
/// rectangles), gaps in red and branch points. A click picks a time (targetPicked); hovering
/// names the backup or segment under the cursor. Painted by hand: no QGraphicsView.
/// Thread: GUI thread.
class PitrTimeline final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PitrTimeline)

public:
    /// One run of contiguous archived segments of a timeline, with its upload times.
    struct Band {
        quint32 timeline = 0;
        quint64 firstSegno = 0;
        quint64 lastSegno = 0;
        qint64 beginUsec = 0;
        qint64 endUsec = 0;
    };
    /// Pure, any thread: the bands of every timeline, oldest first per timeline.
    static QList<Band> computeBands(const catalog::WalArchive& wals);

    explicit PitrTimeline(QWidget* parent = nullptr);
    ~PitrTimeline() override;

    void setSnapshot(SnapshotPtr snapshot);
    void setTimeZone(TimeZoneMode zone);
    void setDark(bool dark);
    /// The chosen target time, drawn as a marker; nullopt hides it.
    void setTarget(std::optional<qint64> usecUtc);
    std::optional<qint64> target() const { return m_target; }
    /// Shows everything the snapshot holds.
    void fitAll();

    /// What a retention plan would do, drawn over the snapshot: the backups that go hatched in
    /// grey, the restorable row greyed before the instant the window will start at, and a dashed
    /// line there.
    struct RetentionPreview {
        QSet<QString> removedBackups;       ///< ids
        std::optional<qint64> newStartUsec; ///< where restoring can start once it is applied
    };
    /// nullopt hides the preview.
    void setRetentionPreview(std::optional<RetentionPreview> preview);
    const std::optional<RetentionPreview>& retentionPreview() const { return m_preview; }

    TimelineScale& scale() { return m_scale; }
    const TimelineScale& scale() const { return m_scale; }
    const QList<Band>& bands() const { return m_bands; }
    /// Row 0: what `window --json` prints as recoverable_ranges.
    const QList<pitr::TimeRange>& recoverableRanges() const { return m_recoverable; }
    /// The x of the target marker in widget coordinates; nullopt without a target.
    std::optional<double> markerX() const;
    /// What hovering at `pos` (widget coordinates) shows; empty over nothing.
    QString describeAt(QPoint pos) const;
    /// The widget-x of an instant and back (the axis starts after the row labels).
    double widgetXForTime(qint64 usec) const { return m_scale.xForTime(usec) + m_gutter; }
    qint64 timeForWidgetX(double x) const { return m_scale.timeForX(x - m_gutter); }
    /// The y range of a timeline's row, of the backups row; for tests and hit-testing.
    QPair<int, int> timelineRow(quint32 timeline) const;
    QPair<int, int> backupRow() const;

    /// What the WAL records put on the rows: restore points as flags, relation files dropped or
    /// truncated as red marks (from the snapshot's event index).
    struct Mark {
        wal::WalEvent event;
        qint64 usec = 0; ///< its time, or the time of the record before it
    };
    const QList<Mark>& marks() const { return m_marks; }
    /// The commits-per-minute row, empty until the WAL has been read.
    const QMap<qint64, int>& commitsPerMinute() const { return m_commitMinutes; }
    QPair<int, int> commitsRow() const;

    /// Paints the whole widget into `painter` at `size` (paintEvent and the benchmark).
    void paintTo(QPainter& painter, QSize size) const;

    QSize sizeHint() const override { return {900, 260}; }
    QSize minimumSizeHint() const override { return {300, 160}; }

signals:
    void targetPicked(const tideline::Timestamp& time);
    void viewChanged();

protected:
    void changeEvent(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    static constexpr int kMinGutter = 70; ///< row labels; wider when a language's labels need it
    static constexpr int kAxisHeight = 30;
    static constexpr int kRowHeight = 26;

    void rebuild();
    /// The row labels in the current language; the gutter is sized to the widest.
    QString rowLabel(int row) const;
    void updateGutter();
    int rowTop(int row) const { return kAxisHeight + row * kRowHeight; }
    int rowCount() const { return 2 + static_cast<int>(m_timelines.size()) + (m_commitMinutes.isEmpty() ? 0 : 1); }
    const Mark* markAt(QPoint pos) const;
    int backupIndexAt(QPoint pos) const;
    void paintAxis(QPainter& p, QSize size, const TimelineScale& scale) const;

    SnapshotPtr m_snapshot;
    TimeZoneMode m_zone = TimeZoneMode::Utc;
    bool m_dark = false;
    TimelineScale m_scale;
    int m_gutter = kMinGutter; ///< the x where the axis starts
    QList<Band> m_bands;
    QList<quint32> m_timelines; ///< one row each, ascending
    struct Branch {
        quint32 parent = 0;
        quint32 child = 0;
        qint64 usec = 0;
    };
    QList<Branch> m_branches;
    struct BackupSpan {
        qint64 beginUsec = 0;
        qint64 endUsec = 0;
        int index = 0; ///< into catalog.backups
        bool restorable = false;
        bool done = false;
    };
    QList<BackupSpan> m_backupSpans; ///< by begin time
    qint64 m_widestBackupUsec = 0;
    QList<pitr::TimeRange> m_recoverable; ///< the engine's merged recoverable ranges
    QList<Mark> m_marks;                  ///< by time
    QMap<qint64, int> m_commitMinutes;
    int m_maxPerMinute = 0;
    qint64 m_dataBegin = 0;
    qint64 m_dataEnd = 0;
    std::optional<qint64> m_target;
    std::optional<RetentionPreview> m_preview;
    QPoint m_pressPos;
    QPoint m_lastDrag;
    bool m_dragging = false;
    bool m_pressed = false;
    bool m_autoFit = true; ///< refit on resize until the user zooms or pans
};

} // namespace tideline::gui
