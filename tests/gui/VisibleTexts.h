// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What a person (or a screenshot) can read in the open windows, and a picture's text through OCR:
// the harvest the secrets tests search for planted credentials.

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QGroupBox>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QTabBar>
#include <QTextEdit>

namespace tideline::test {

inline void modelTexts(const QAbstractItemModel* model, const QModelIndex& parent, QStringList& out, int& budget)
{
    for (int c = 0; c < model->columnCount(parent) && !parent.isValid(); ++c)
        out << model->headerData(c, Qt::Horizontal).toString()
            << model->headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString();
    for (int r = 0; r < model->rowCount(parent) && budget > 0; ++r)
        for (int c = 0; c < model->columnCount(parent) && budget > 0; ++c, --budget) {
            const QModelIndex i = model->index(r, c, parent);
            out << i.data(Qt::DisplayRole).toString() << i.data(Qt::ToolTipRole).toString();
            if (c == 0 && model->hasChildren(i))
                modelTexts(model, i, out, budget);
        }
}

// Every text a person (or a screenshot) can see in any open window: titles, tooltips, labels,
// buttons, fields as they display (a password field shows bullets), item views, tabs, actions.
inline QStringList visibleTexts()
{
    QStringList out;
    int budget = 200'000;
    for (QWidget* top : QApplication::topLevelWidgets()) {
        QList<QWidget*> all = top->findChildren<QWidget*>();
        all.prepend(top);
        for (const QWidget* w : std::as_const(all)) {
            out << w->windowTitle() << w->toolTip() << w->statusTip() << w->accessibleName() << w->accessibleDescription();
            if (const auto* l = qobject_cast<const QLabel*>(w))
                out << l->text();
            else if (const auto* b = qobject_cast<const QAbstractButton*>(w))
                out << b->text();
            else if (const auto* e = qobject_cast<const QLineEdit*>(w))
                out << e->displayText() << e->placeholderText();
            else if (const auto* t = qobject_cast<const QTextEdit*>(w))
                out << t->toPlainText();
            else if (const auto* pt = qobject_cast<const QPlainTextEdit*>(w))
                out << pt->toPlainText();
            else if (const auto* g = qobject_cast<const QGroupBox*>(w))
                out << g->title();
            else if (const auto* c = qobject_cast<const QComboBox*>(w)) {
                for (int i = 0; i < c->count(); ++i)
                    out << c->itemText(i);
            } else if (const auto* tb = qobject_cast<const QTabBar*>(w)) {
                for (int i = 0; i < tb->count(); ++i)
                    out << tb->tabText(i) << tb->tabToolTip(i);
            } else if (const auto* v = qobject_cast<const QAbstractItemView*>(w); v && v->model())
                modelTexts(v->model(), {}, out, budget);
            for (const QAction* a : w->actions())
                out << a->text() << a->toolTip();
        }
    }
    out.removeAll(QString());
    return out;
}

/// The text Tesseract reads in the PNG `file` (English), or a null string when tesseract could not
/// run. A picture's own words, not the widgets': custom-painted views (the timeline, the charts)
/// draw text no widget holds.
inline QString ocrText(const QString& file)
{
    // Twice the size: Tesseract misreads small UI type (l for 1, dropped hyphens) at 1x.
    const QString large = file + QStringLiteral(".x2.png");
    const QImage image(file);
    if (image.isNull() || !image.scaled(image.size() * 2, Qt::IgnoreAspectRatio, Qt::SmoothTransformation).save(large))
        return {};
    QProcess p;
    p.start(QStringLiteral("tesseract"), {large, QStringLiteral("-"), QStringLiteral("-l"), QStringLiteral("eng")});
    if (!p.waitForFinished(120'000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return {};
    return QString::fromUtf8(p.readAllStandardOutput());
}

} // namespace tideline::test
