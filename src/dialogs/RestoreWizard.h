// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/Clock.h"
#include "engine/pitr/ManifestWriter.h"
#include "engine/pitr/RecoveryPlan.h"
#include "engine/restore/DrillJob.h"
#include "engine/restore/RestoreJob.h"
#include "src/models/ServerSnapshot.h"

#include <QScopedPointer>
#include <QWizard>
#include <QWizardPage>

#include <functional>
#include <memory>
#include <optional>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTextBrowser;

namespace Ui {
class RestoreWizard;
}

namespace tideline::gui {

class JobRunner;

/// A wizard page whose Next/Finish follows a predicate: QWizardPage only offers that by
/// subclassing. RestoreWizard's pages (ui/RestoreWizard.ui promotes its pages to it).
class GatePage final : public QWizardPage {
public:
    using QWizardPage::QWizardPage;
    std::function<bool()> complete;
    bool isComplete() const override { return complete ? complete() : true; }
    void recheck() { emit completeChanged(); }
};

/// From a target to a recovery: the target (prefilled from the timeline), what to do — a CNPG
/// manifest, a local restore, or a restore drill — a review of the plan and of what will be
/// written where, then the run (on the job runner, so progress shows in the transfers panel and
/// it can be cancelled) and its result. In-place recovery asks for the server name to be typed.
/// Opened with open(): window-modal without a nested event loop.
/// Thread: GUI thread.
class RestoreWizard final : public QWizard {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RestoreWizard)

public:
    enum PageId { TargetPage, ActionPage, ReviewPage, RunPage };
    enum class Action { Manifest, LocalRestore, Drill };

    /// Where the catalog came from, for the restore_command and the manifest.
    struct Source {
        QString url; ///< s3://bucket/path
        QString server;
        QString endpoint; ///< empty: the environment's
        QString profile;
        QString region;
        QStringList servers; ///< every server under url (for the manifest's new serverName)
        /// Credentials of a connection whose keys are typed in (keychain): handed to the drill's
        /// PostgreSQL for its restore_command, in memory only.
        QMap<QString, QString> environment;
    };

    /// `plan` is the target's plan when the caller has it (the Timeline tab planned it on a
    /// worker); without one the wizard plans here, which is quick for an immediate target.
    RestoreWizard(JobRunner& runner, SnapshotPtr snapshot, std::shared_ptr<storage::ObjectStore> store, Source source,
                  const pitr::RecoveryTarget& target, std::optional<pitr::RecoveryPlan> plan = std::nullopt,
                  QWidget* parent = nullptr);
    ~RestoreWizard() override;

    /// tideline-cli for the restore_command, by this rule: $TIDELINE_CLI when set; else next to
    /// this executable (an installed tree puts both in bin/); else ../cli/tideline-cli (the build
    /// tree: src/app/tideline and src/cli/tideline-cli). Empty when none exists.
    static QString locateCli();
    /// `<cli> wal-restore [--endpoint-url …] [--profile …] [--region …] URL SERVER %f %p`, shell
    /// quoted, as tideline-cli restore writes it. Credentials are never part of it.
    static QString restoreCommand(const QString& cli, const Source& source);
    /// What the wizard restores from (tests: where a drill's credentials come from).
    const Source& source() const { return m_source; }

    const pitr::RecoveryPlan& plan() const { return m_plan; }
    Action action() const;
    void setAction(Action action);
    bool isDestructive() const;
    /// The review's text (plan, what is written where, what is refused).
    QString reviewText() const;
    bool isFinished() const { return m_finished; }
    bool succeeded() const { return m_succeeded; }
    quint64 jobId() const { return m_jobId; }
    /// Cancels the running restore or drill (the transfers panel can too).
    void cancelRun();
    /// The clock ages are told against (the system clock unless set); it must outlive the wizard.
    void setClock(const Clock& clock);

    const std::optional<pitr::Manifest>& manifest() const { return m_manifest; }
    const std::optional<restore::RestoreReport>& restoreReport() const { return m_restoreReport; }
    const std::optional<restore::DrillReport>& drillReport() const { return m_drillReport; }
    QString resultMessage() const;

    // The controls, for tests.
    QComboBox* manifestMode() const { return m_mode; }
    QLineEdit* clusterName() const { return m_cluster; }
    QLineEdit* nameSpace() const { return m_namespace; }
    QLineEdit* secretName() const { return m_secret; }
    QLineEdit* pluginObjectStore() const { return m_plugin; }
    QLineEdit* destination() const { return m_destination; }
    QSpinBox* jobs() const { return m_jobs; }
    QComboBox* targetAction() const { return m_targetAction; }
    QPlainTextEdit* checkQueries() const { return m_checks; }
    QLineEdit* confirmation() const { return m_confirm; }
    QPlainTextEdit* yamlView() const { return m_yaml; }
    QTextBrowser* reportView() const { return m_report; }
    QLabel* historyLabel() const { return m_history; }

signals:
    /// The run page's work ended (manifest written, restore or drill returned).
    void runFinished(bool ok);

protected:
    void changeEvent(QEvent* event) override;
    void initializePage(int id) override;
    bool validateCurrentPage() override;
    void done(int result) override;

private:
    /// A text made again when the language changes (run status, result).
    using Text = std::function<QString()>;
    static Text fixed(const QString& text);

    void buildPages();
    /// Re-sets every text the code set, in the current language; input stays.
    void retranslate();
    void updateTargetSummary();
    void updateReview();
    void setRunStatus(Text text);
    void startRun();
    void showResult(bool ok, Text message);
    void showManifestNotes();
    void saveManifest();
    void updateHistory();
    void showHistory();

    JobRunner& m_runner;
    SnapshotPtr m_snapshot;
    std::shared_ptr<storage::ObjectStore> m_store;
    Source m_source;
    pitr::RecoveryTarget m_target;
    pitr::RecoveryPlan m_plan;

    std::optional<pitr::Manifest> m_manifest;
    std::optional<restore::RestoreReport> m_restoreReport;
    std::optional<restore::DrillReport> m_drillReport;
    Text m_resultText;
    Text m_runStatusText;
    /// The drill history as last read (updateHistory), shown by showHistory.
    const Clock* m_clock = &Clock::system();
    bool m_historyRead = false;
    qsizetype m_historyDrills = 0;
    int m_historyPassed = 0;
    qint64 m_historyLastPass = 0;
    quint64 m_jobId = 0;
    bool m_running = false;
    bool m_finished = false;
    bool m_succeeded = false;

    const QScopedPointer<Ui::RestoreWizard> m_ui;
    QLabel* m_targetSummary = nullptr;
    QButtonGroup* m_actions = nullptr;
    QStackedWidget* m_options = nullptr;
    QComboBox* m_mode = nullptr;
    QLineEdit* m_cluster = nullptr;
    QLineEdit* m_namespace = nullptr;
    QLineEdit* m_secret = nullptr;
    QLineEdit* m_plugin = nullptr;
    QLineEdit* m_destination = nullptr;
    QSpinBox* m_jobs = nullptr;
    QComboBox* m_targetAction = nullptr;
    QPlainTextEdit* m_checks = nullptr;
    QTextBrowser* m_review = nullptr;
    QLabel* m_confirmLabel = nullptr;
    QLineEdit* m_confirm = nullptr;
    QLabel* m_runStatus = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_cancel = nullptr;
    QStackedWidget* m_results = nullptr;
    QPlainTextEdit* m_yaml = nullptr;
    QLabel* m_notes = nullptr;
    QTextBrowser* m_report = nullptr;
    QLabel* m_history = nullptr;
};

} // namespace tideline::gui
