// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/Clock.h"
#include "engine/doctor/Doctor.h"

#include <QDialog>

#include <memory>
#include <optional>

namespace Ui {
class DoctorDialog;
}

namespace tideline::storage {
class ObjectStore;
}

namespace tideline::gui {

class JobRunner;

/// The runbook's troubleshooting list run against the open source, as `tideline-cli doctor`
/// runs it: each check's verdict (ok, warning, failure, skipped) with what was found, and for
/// the selected one what to do. Runs on the job runner with its progress shown; can be stopped
/// and run again. Thread: GUI thread.
class DoctorDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DoctorDialog)

public:
    /// `options` names the source, the server (empty: every server) and, for a cluster, its
    /// Kubernetes side; `clock` is the instant ages are judged at (tests pin it; it must outlive
    /// the dialog). The dialog starts the checks at once.
    DoctorDialog(JobRunner& runner, std::shared_ptr<storage::ObjectStore> store, doctor::DoctorOptions options,
                 const Clock& clock = Clock::system(), QWidget* parent = nullptr);
    ~DoctorDialog() override;

    /// The last finished report; nullopt while the first run goes or when it was stopped.
    const std::optional<doctor::DoctorReport>& report() const { return m_report; }
    bool isRunning() const { return m_job != 0; }

signals:
    /// A run finished (or was stopped) and the table shows its outcome.
    void finished();

protected:
    void changeEvent(QEvent* event) override;

private:
    void run();
    void showReport();
    void showDetail();
    void setRunning(bool running);

    std::unique_ptr<Ui::DoctorDialog> m_ui;
    JobRunner& m_runner;
    std::shared_ptr<storage::ObjectStore> m_store;
    doctor::DoctorOptions m_options;
    const Clock& m_clock;
    std::optional<doctor::DoctorReport> m_report;
    quint64 m_job = 0;
};

} // namespace tideline::gui
