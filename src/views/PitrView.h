// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/pitr/RecoveryPlan.h"
#include "src/models/Format.h"
#include "src/models/ServerSnapshot.h"

#include <QDateTime>
#include <QScopedPointer>
#include <QTimeZone>
#include <QWidget>

#include <optional>

class QCalendarWidget;
class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace Ui {
class PitrView;
}

namespace tideline::gui {

class PitrTimeline;

/// Point-and-click PITR: the timeline, a calendar (days on which a backup ended in bold) and a
/// time edit in the window's zone stay in sync; the target kind (time, xid, LSN, restore point,
/// immediate), timeline and inclusiveness beside them; and the plan, recomputed on every change
/// by the engine's planner on a worker thread (a month of a busy server's WAL is millions of
/// segments: the window keeps answering while it plans), with a refused target's nearest valid
/// alternative one click away.
/// Thread: GUI thread.
class PitrView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PitrView)

public:
    /// A wall time typed in a zone, resolved to an instant.
    struct WallTime {
        enum class Status { Ok, Ambiguous, Nonexistent };
        Status status = Status::Ok;
        qint64 usecUtc = 0;
        int offsetSeconds = 0;
    };
    /// Resolves `date` `time` as a wall clock in `zone`. A time a DST change repeats (autumn) is
    /// Ambiguous and one it skips (spring) Nonexistent: both are refused rather than guessed,
    /// since an hour's error in a PITR target restores the wrong data. Pure.
    static WallTime resolveWallTime(QDate date, QTime time, const QTimeZone& zone);

    explicit PitrView(QWidget* parent = nullptr);
    ~PitrView() override;

    void setSnapshot(SnapshotPtr snapshot);
    SnapshotPtr snapshot() const { return m_snapshot; }
    void setTimeZone(TimeZoneMode zone);
    void setDark(bool dark);

    /// Sets the time edit (and so the calendar, the marker and the plan) to an instant.
    void setTargetTime(qint64 usecUtc);
    /// Applies a whole target to the controls (the alternative button does this).
    void applyTarget(const pitr::RecoveryTarget& target);
    /// The target the controls describe; nullopt while the input is refused (see inputMessage()).
    std::optional<pitr::RecoveryTarget> target() const { return m_target; }
    /// The plan for target(); a default (refused, empty) plan while there is none or while it is
    /// being computed (planning()).
    const pitr::RecoveryPlan& plan() const { return m_plan; }
    /// Whether the plan for the current target is still being computed.
    bool planning() const { return m_planning; }
    QString planText() const;
    QString inputMessage() const;

    PitrTimeline* timeline() const { return m_timeline; }
    QCalendarWidget* calendar() const { return m_calendar; }
    QDateTimeEdit* timeEdit() const { return m_timeEdit; }
    QComboBox* kindCombo() const { return m_kind; }
    QLineEdit* valueEdit() const { return m_value; }
    QComboBox* timelineCombo() const { return m_tli; }
    QCheckBox* exclusiveBox() const { return m_exclusive; }
    QPushButton* alternativeButton() const { return m_alternative; }
    QPushButton* restoreButton() const { return m_restore; }
    /// The "what happened here" list under the timeline: the WAL's notable events in view.
    QTreeWidget* happenedList() const { return m_happened; }
    /// The target that stops just before an event: its transaction excluded (drops, truncations
    /// with an xid), the restore point itself, or the LSN excluded; nullopt for other kinds.
    static std::optional<pitr::RecoveryTarget> targetBefore(const wal::WalEvent& event);

signals:
    /// "Restore…": open the wizard on this target and plan.
    void restoreRequested(const tideline::pitr::RecoveryTarget& target);
    /// The plan for the current target is in: plan() and planText() tell it.
    void planned();

protected:
    void changeEvent(QEvent* event) override;

private:
    QTimeZone zone() const;
    /// Re-sets every text the code sets (the form's own come from retranslateUi): the time edit's
    /// display format, the zone label, placeholders, the input message and the plan. Keeps input.
    void retranslate();
    /// The part of retranslate() that reads no input (also at construction).
    void retranslateTexts();
    void updateZoneTexts();
    void onCalendarChanged();
    void onInputChanged();
    /// Validates the controls into m_target and replans; `followTarget` moves the timeline to
    /// a target out of view (not wanted when only the language changed).
    void updateTarget(bool followTarget);
    void markBackupDays();
    void replan();
    void startPlan();
    void showPlan();
    void updateKindControls();
    void updateHappened();

    SnapshotPtr m_snapshot;
    TimeZoneMode m_zone = TimeZoneMode::Utc;
    std::optional<pitr::RecoveryTarget> m_target;
    pitr::RecoveryPlan m_plan;
    quint64 m_planGeneration = 0; ///< a plan that comes back for an older target is dropped
    bool m_planning = false;      ///< a plan for the current target is awaited
    bool m_planInFlight = false;  ///< a worker runs (maybe for an older target)
    bool m_syncing = false;
    bool m_inputRead = false; ///< updateTarget() ran: m_target and the message reflect the controls

    const QScopedPointer<Ui::PitrView> m_ui;
    PitrTimeline* m_timeline = nullptr;
    QCalendarWidget* m_calendar = nullptr;
    QComboBox* m_kind = nullptr;
    QDateTimeEdit* m_timeEdit = nullptr;
    QLabel* m_zoneLabel = nullptr;
    QLineEdit* m_value = nullptr;
    QComboBox* m_tli = nullptr;
    QCheckBox* m_exclusive = nullptr;
    QLabel* m_inputMessage = nullptr;
    QLabel* m_planLabel = nullptr;
    QPushButton* m_alternative = nullptr;
    QPushButton* m_restore = nullptr;
    QTreeWidget* m_happened = nullptr;
};

} // namespace tideline::gui
