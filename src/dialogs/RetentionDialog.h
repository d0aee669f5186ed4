// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/Clock.h"
#include "engine/retention/KeepAnnotation.h"
#include "engine/retention/RetentionPlanner.h"
#include "engine/retention/RetentionRun.h"
#include "src/models/ServerSnapshot.h"

#include <QDialog>

#include <memory>
#include <optional>

namespace Ui {
class RetentionDialog;
}

namespace tideline::storage {
class ObjectStore;
}

namespace tideline::gui {

class JobRunner;
class PitrTimeline;

/// A retention policy previewed on one server, as `tideline-cli retention` computes it: every
/// backup's status and reason (what would go greyed), the WAL and bytes that go, where the
/// restorable window starts before and after; a later date can be previewed. Keep annotations
/// are shown and set or released for the selected backup. Apply deletes what is greyed only
/// once the server's name is typed, and only when a fresh read of the bucket still gives the
/// same plan (otherwise it asks for a new preview). Every computation and store call runs on
/// the job runner. Thread: GUI thread.
class RetentionDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RetentionDialog)

public:
    RetentionDialog(JobRunner& runner, SnapshotPtr snapshot, std::shared_ptr<storage::ObjectStore> store,
                    QWidget* parent = nullptr);
    ~RetentionDialog() override;

    /// The clock "now" comes from (tests pin it).
    void setClock(const Clock& clock);
    /// The policy to start with (a cluster's retentionPolicy); previews it.
    void setPolicy(const QString& policy);

    /// The plan on screen; nullopt while the first preview runs or when the policy is invalid.
    const std::optional<retention::RetentionPlan>& plan() const { return m_plan; }
    bool isBusy() const { return m_busy; }

signals:
    /// A preview finished (or failed) and the table shows it.
    void previewed();
    /// Keep or apply changed the bucket; the window should read it again.
    void bucketChanged();
    /// An apply finished; text says what it did.
    void applied(const QString& text);

protected:
    void changeEvent(QEvent* event) override;

private:
    /// The policy, minimum redundancy and tiers as typed, at nowUsec; nullopt (m_policyError
    /// says why) when the policy or the tiers do not parse.
    std::optional<retention::RetentionRequest> request(qint64 nowUsec);
    void preview();
    void showPlan();
    void updateButtons();
    void changeKeep(std::optional<retention::KeepTarget> target);
    void apply();
    void setBusy(bool busy, const QString& status);
    void reloaded(SnapshotPtr snapshot);
    QString selectedBackup() const;
    qint64 previewNowUsec() const;

    std::unique_ptr<Ui::RetentionDialog> m_ui;
    PitrTimeline* m_timeline = nullptr;
    JobRunner& m_runner;
    SnapshotPtr m_snapshot;
    std::shared_ptr<storage::ObjectStore> m_store;
    const Clock* m_clock = &Clock::system();
    std::optional<retention::RetentionPlan> m_plan;
    std::optional<retention::TierPlan> m_tierPlan; ///< the tiers' part of the preview, when tiers are typed
    QString m_policyError;
    int m_generation = 0;       ///< bumped by every input change and every preview started
    int m_shownGeneration = -1; ///< the generation of the plan on screen: apply only when current
    bool m_busy = false;
};

} // namespace tideline::gui
