// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/restore/VerifyJob.h"
#include "src/models/ServerSnapshot.h"

#include <QDialog>

#include <memory>
#include <optional>

namespace Ui {
class VerifyDialog;
}

namespace tideline::storage {
class ObjectStore;
}

namespace tideline::gui {

class JobRunner;

/// `tideline-cli verify --all` for the selected server: every backup's tar parts and every WAL
/// segment read as a restore would read them, each problem with its object and what is wrong.
/// Starts at once on the job runner, with progress; can be stopped and run again, "read
/// everything again" ignoring what earlier runs remembered. Thread: GUI thread.
class VerifyDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VerifyDialog)

public:
    VerifyDialog(JobRunner& runner, SnapshotPtr snapshot, std::shared_ptr<storage::ObjectStore> store,
                 QWidget* parent = nullptr);
    ~VerifyDialog() override;

    /// The last finished report; nullopt while the first run goes or when it was stopped.
    const std::optional<restore::VerifyReport>& report() const { return m_report; }
    bool isRunning() const { return m_job != 0; }

signals:
    /// A run finished (or was stopped) and the dialog shows its outcome.
    void finished();

protected:
    void changeEvent(QEvent* event) override;

private:
    void run();
    void showReport();
    void setRunning(bool running);

    std::unique_ptr<Ui::VerifyDialog> m_ui;
    JobRunner& m_runner;
    SnapshotPtr m_snapshot;
    std::shared_ptr<storage::ObjectStore> m_store;
    std::optional<restore::VerifyReport> m_report;
    QString m_error;
    quint64 m_job = 0;
};

} // namespace tideline::gui
