// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/Clock.h"
#include "src/models/Format.h"
#include "src/models/ServerSnapshot.h"

#include <QWidget>

class QLabel;
class QFrame;
class QTableWidget;
class QTimer;

namespace tideline::gui {

/// The five-second answer for one server: what can be restored and to when, the newest backup
/// and archived WAL with their ages, gaps, and the catalog's warnings (mixed system ids, clock
/// skew...). Every figure is read off the engine's results (pitr::ServerStatus, which `tideline-cli status` prints).
class OverviewView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OverviewView)

public:
    explicit OverviewView(QWidget* parent = nullptr);
    ~OverviewView() override;

    void setSnapshot(SnapshotPtr snapshot);
    void setTimeZone(TimeZoneMode zone);
    /// What "now" is for ages and staleness (the system clock unless a test sets another); the
    /// clock must outlive the view.
    void setClock(const Clock& clock);
    /// A message in place of the facts (nothing opened, loading, a failure).
    void showMessage(const QString& title, const QString& text, bool error);
    /// The headline as plain text (for tests and the status bar).
    QString verdictText() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Card {
        QFrame* frame = nullptr;
        QLabel* caption = nullptr;
        QLabel* value = nullptr;
        QLabel* detail = nullptr;
    };
    Card makeCard();
    /// The texts that do not depend on the snapshot: card captions, the table's caption.
    void retranslateUi();
    void showNoSource();
    void setCard(Card& card, const QString& value, const QString& detail, const QColor& accent);
    void refresh();

    SnapshotPtr m_snapshot;
    TimeZoneMode m_zone = TimeZoneMode::Utc;
    const Clock* m_clock = &Clock::system();
    bool m_noSource = false; ///< the constructor's "No source open" is shown
    QLabel* m_title = nullptr;
    QLabel* m_subtitle = nullptr;
    QFrame* m_banner = nullptr;
    QLabel* m_verdict = nullptr;
    QLabel* m_verdictDetail = nullptr;
    Card m_lastBackup;
    Card m_lastWal;
    Card m_gaps;
    Card m_backups;
    Card m_storage;
    Card m_warningsCard;
    QLabel* m_warnings = nullptr;
    QLabel* m_timelinesCaption = nullptr;
    QTableWidget* m_timelines = nullptr;
    QTimer* m_ageTimer = nullptr;
};

} // namespace tideline::gui
