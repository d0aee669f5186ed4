// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QTableView;
class QTimer;
class QToolButton;

namespace tideline::gui {

class TransferModel;

/// Every job of the session with a progress bar, rate, ETA and elapsed time. Cancel asks the
/// selected running job to stop (cancellation is a normal outcome); a failure shows its message
/// and hint underneath.
class TransfersView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransfersView)

public:
    explicit TransfersView(TransferModel* model, QWidget* parent = nullptr);
    ~TransfersView() override;

    QTableView* table() const { return m_table; }
    /// Room for a handful of jobs: the panel sits under the views and must not crowd them.
    QSize sizeHint() const override { return {800, 160}; }
    /// Cancels the selected job (the Cancel button and Delete key).
    void cancelSelected();

signals:
    void cancelRequested(quint64 jobId);

protected:
    /// On QEvent::LanguageChange also re-words the model's headers and states.
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void updateButtons();

    TransferModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    QToolButton* m_cancel = nullptr;
    QToolButton* m_clear = nullptr;
    QLabel* m_details = nullptr;
    QTimer* m_tick = nullptr;
};

} // namespace tideline::gui
