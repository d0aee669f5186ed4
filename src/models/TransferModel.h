// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/Clock.h"
#include "engine/core/Error.h"
#include "engine/core/JobContext.h"

#include <QAbstractTableModel>

#include <optional>

namespace tideline::gui {

/// Rate and time left of a job from its progress, for the transfers panel. Pure.
struct TransferStats {
    double unitsPerSecond = 0; ///< bytes when the job reports bytes, else its units (objects)
    bool bytes = false;
    qint64 etaMs = -1; ///< -1 when the total or the rate is unknown

    static TransferStats compute(const Progress& progress, qint64 elapsedMs);
    QString rateText() const;
};

/// Every job of this session (listing, later restores and drills): running ones with progress,
/// finished ones with their outcome until cleared. Fed by the job runner's queued signals.
class TransferModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferModel)

public:
    enum Column { Job, Status, ProgressBar, Items, Rate, Eta, Elapsed, ColumnCount };
    enum class State { Running, Done, Failed, Cancelled };
    enum Role { JobIdRole = Qt::UserRole + 1, StateRole, PercentRole, HintRole };

    explicit TransferModel(QObject* parent = nullptr);
    ~TransferModel() override;

    quint64 jobId(int row) const;
    int rowOf(quint64 id) const;
    State state(int row) const;
    int runningCount() const;
    /// Re-reads every header and cell after a language switch (TransfersView calls it). Job
    /// titles and progress phases stay in the language they were reported in.
    void retranslate();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

public slots:
    void onJobStarted(quint64 id, const QString& title);
    void onJobProgress(quint64 id, const tideline::Progress& progress);
    void onJobFinished(quint64 id, const std::optional<tideline::Error>& error);
    void clearFinished();
    /// Refreshes elapsed times and ETAs of running jobs (called by a view's timer).
    void tick();

public:
    /// The clock for start, finish and elapsed times (the system clock unless set; tests).
    /// The clock must outlive the model.
    void setClock(const Clock& clock) { m_clock = &clock; }

private:
    struct Entry {
        quint64 id = 0;
        QString title;
        State state = State::Running;
        Progress progress;
        qint64 startedMs = 0;
        qint64 finishedMs = 0;
        std::optional<Error> error;
    };
    qint64 elapsedMs(const Entry& e) const;

    QList<Entry> m_entries;
    const Clock* m_clock = &Clock::system();
};

} // namespace tideline::gui
