// SPDX-License-Identifier: GPL-3.0-or-later
// The window in Russian: View → Language switches every view at once without a restart (and
// back), dates and numbers follow the language, and in each main view and dialog no label,
// button, tab, header or combo box is cut off. The pictures are written for a person to look at:
// build/tests/gui/shots-ru/*.png.
#include "GuiTestSupport.h"

#include "src/app/MainWindow.h"
#include "src/dialogs/ConnectionEditor.h"
#include "src/dialogs/RestoreWizard.h"
#include "src/models/BackupTableModel.h"
#include "src/models/BucketTreeModel.h"
#include "src/views/BackupHistoryView.h"
#include "src/views/BucketBrowserView.h"
#include "src/views/OverviewView.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QComboBox>
#include <QDir>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSettings>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QToolBar>
#include <QToolButton>
#include <QWizard>
#include <functional>

using namespace tideline;
using namespace tideline::gui;
using tideline::test::FixtureEnv;

namespace {
bool hasCyrillic(const QString& text)
{
    return std::any_of(text.begin(), text.end(), [](QChar c) { return c.unicode() >= 0x0400 && c.unicode() <= 0x04FF; });
}

QString plain(QString text)
{
    return text.remove(QRegularExpression(QStringLiteral("&(?!&)")));
}

bool shown(const QWidget* w)
{
    return w->isVisible() && w->width() > 0 && w->height() > 0 && !w->visibleRegion().isEmpty();
}

/// Every text under root that is cut off: a one-line label or button narrower than its text, a
/// wrapped label shorter than its lines, a tab bar that had to scroll, a combo box narrower than
/// its current item, a column header narrower than its title, a tool bar that hid actions.
QStringList clippedTexts(const QWidget* root)
{
    QStringList out;
    auto report = [&out](const QWidget* w, const QString& text, int need, int have) {
        out.append(QStringLiteral("%1 '%2' \"%3\": needs %4 px, has %5")
                       .arg(QString::fromLatin1(w->metaObject()->className()), w->objectName(), text)
                       .arg(need)
                       .arg(have));
    };
    for (const QLabel* l : root->findChildren<QLabel*>()) {
        if (!shown(l) || l->text().isEmpty() || !l->pixmap().isNull())
            continue;
        if (l->wordWrap()) {
            const int need = l->heightForWidth(l->contentsRect().width());
            if (need > l->contentsRect().height() + 1)
                report(l, l->text().left(60), need, l->contentsRect().height());
        } else if (l->sizeHint().width() > l->width() + 1) {
            report(l, l->text().left(60), l->sizeHint().width(), l->width());
        }
    }
    for (const QAbstractButton* b : root->findChildren<QAbstractButton*>()) {
        if (!shown(b) || b->text().isEmpty() || qobject_cast<const QToolButton*>(b))
            continue;
        if (b->sizeHint().width() > b->width() + 1)
            report(b, b->text(), b->sizeHint().width(), b->width());
    }
    for (const QGroupBox* g : root->findChildren<QGroupBox*>()) {
        const int need = g->fontMetrics().horizontalAdvance(plain(g->title())) + 16;
        if (shown(g) && need > g->width())
            report(g, g->title(), need, g->width());
    }
    for (const QComboBox* c : root->findChildren<QComboBox*>()) {
        if (!shown(c) || c->currentText().isEmpty() || c->isEditable())
            continue;
        const int need = c->fontMetrics().horizontalAdvance(c->currentText()) + 28; // arrow and frame
        if (need > c->width())
            report(c, c->currentText(), need, c->width());
    }
    for (const QTabBar* t : root->findChildren<QTabBar*>()) {
        if (!shown(t))
            continue;
        for (int i = 0; i < t->count(); ++i) {
            const QRect r = t->tabRect(i);
            const int need = t->fontMetrics().horizontalAdvance(plain(t->tabText(i)));
            if (!t->rect().contains(r) || r.width() < need)
                report(t, t->tabText(i), need, r.intersected(t->rect()).width());
        }
    }
    for (const QHeaderView* h : root->findChildren<QHeaderView*>()) {
        if (!shown(h) || h->orientation() != Qt::Horizontal || !h->model())
            continue;
        // A table that scrolls sideways shows every column at its size; one that does not must fit.
        const auto* view = qobject_cast<const QAbstractItemView*>(h->parentWidget());
        for (int i = 0; i < h->count(); ++i) {
            if (h->isSectionHidden(i))
                continue;
            const QString title = h->model()->headerData(i, Qt::Horizontal).toString();
            const int need = h->fontMetrics().horizontalAdvance(title.section(QLatin1Char('\n'), 0, 0)) + 8;
            if (!title.isEmpty() && h->sectionSize(i) < need)
                report(view ? static_cast<const QWidget*>(view) : h, title, need, h->sectionSize(i));
        }
    }
    // Cells: a delegate elides what does not fit ("13,7 М…"); the data must fit its column.
    for (const QAbstractItemView* view : root->findChildren<QAbstractItemView*>()) {
        if (!shown(view) || !view->model())
            continue;
        const QRect visible = view->viewport()->rect();
        std::function<void(const QModelIndex&)> walk = [&](const QModelIndex& parent) {
            const QAbstractItemModel* model = view->model();
            for (int row = 0; row < model->rowCount(parent); ++row) {
                for (int column = 0; column < model->columnCount(parent); ++column) {
                    const QModelIndex index = model->index(row, column, parent);
                    const QRect r = view->visualRect(index);
                    const QString text = index.data().toString();
                    if (!r.isValid() || !visible.intersects(r) || text.isEmpty())
                        continue;
                    if (view->sizeHintForIndex(index).width() > r.width() + 1)
                        report(view, text, view->sizeHintForIndex(index).width(), r.width());
                }
                walk(model->index(row, 0, parent));
            }
        };
        walk({});
    }
    for (const QToolBar* bar : root->findChildren<QToolBar*>()) {
        for (const QToolButton* extension : bar->findChildren<QToolButton*>(QStringLiteral("qt_toolbar_ext_button")))
            if (shown(bar) && extension->isVisible())
                report(bar, bar->windowTitle(), bar->sizeHint().width(), bar->width());
    }
    return out;
}

QString shotsDir()
{
    const QString dir = QStringLiteral(TIDELINE_SHOTS_DIR);
    QDir().mkpath(dir);
    return dir;
}
} // namespace

class TestRussianUi : public QObject {
    Q_OBJECT
    std::unique_ptr<MainWindow> m_window;

    QTabWidget* tabs() const { return m_window->findChild<QTabWidget*>(QStringLiteral("tabs")); }

private slots:
    void initTestCase()
    {
        QVERIFY2(FixtureEnv::instance().ok(), "fixture env.json missing: run the fixture.buckets test first");
        test::exportFixtureCredentials();
        m_window = std::make_unique<MainWindow>(MainWindow::Options{false, {}});
        m_window->resize(1440, 900);
        m_window->show();
        QSignalSpy loaded(m_window.get(), &MainWindow::sourceLoaded);
        m_window->openSource(test::fixtureProfile(QStringLiteral("main")),
                             FixtureEnv::instance().server(QStringLiteral("main")));
        QVERIFY(loaded.wait(60'000));
        QVERIFY(m_window->session().snapshot(m_window->currentServer()));
    }

    void cleanupTestCase() { m_window.reset(); }

    void switchesWithoutRestart()
    {
        QCOMPARE(m_window->language(), QString());
        const QString englishTab = tabs()->tabText(0);
        const QString englishHeader =
            m_window->backups()->model()->headerData(BackupTableModel::Begin, Qt::Horizontal, Qt::DisplayRole).toString();
        const QString englishVerdict = m_window->overview()->verdictText();
        QVERIFY(!hasCyrillic(englishTab) && !hasCyrillic(englishHeader) && !hasCyrillic(englishVerdict));
        // English dates are ISO, as in PostgreSQL's and barman's logs.
        static const QRegularExpression iso(QStringLiteral("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"));
        QVERIFY2(iso.match(englishVerdict).hasMatch(), qPrintable(englishVerdict));

        m_window->setLanguage(QStringLiteral("ru"));
        QTest::qWait(50); // LanguageChange is posted
        QVERIFY2(hasCyrillic(tabs()->tabText(0)), qPrintable(tabs()->tabText(0)));
        const QString header =
            m_window->backups()->model()->headerData(BackupTableModel::Begin, Qt::Horizontal, Qt::DisplayRole).toString();
        QVERIFY2(hasCyrillic(header), qPrintable(header));
        const QString verdict = m_window->overview()->verdictText();
        QVERIFY2(hasCyrillic(verdict), qPrintable(verdict));
        // Russian dates are day.month.year, still to the second.
        static const QRegularExpression russianDate(QStringLiteral("\\d\\d\\.\\d\\d\\.\\d{4} \\d\\d:\\d\\d:\\d\\d"));
        QVERIFY2(russianDate.match(verdict).hasMatch(), qPrintable(verdict));
        const QString cell = m_window->backups()->model()->index(0, BackupTableModel::Begin).data().toString();
        QVERIFY2(russianDate.match(cell).hasMatch(), qPrintable(cell));
        // Sizes: a decimal comma and Russian units ("3,0 МиБ").
        const QString size = m_window->backups()->model()->index(0, BackupTableModel::Size).data().toString();
        QVERIFY2(QRegularExpression(QStringLiteral("^\\d+,\\d (КиБ|МиБ|ГиБ)$")).match(size).hasMatch(), qPrintable(size));
        QVERIFY(!m_window->findChild<QMenu*>(QStringLiteral("languageMenu"))->title().isEmpty());

        m_window->setLanguage(QStringLiteral("en"));
        QTest::qWait(50);
        QCOMPARE(tabs()->tabText(0), englishTab);
        QCOMPARE(m_window->backups()->model()->headerData(BackupTableModel::Begin, Qt::Horizontal, Qt::DisplayRole).toString(),
                 englishHeader);
        QCOMPARE(m_window->overview()->verdictText(), englishVerdict);
        QVERIFY2(m_window->backups()->model()->index(0, BackupTableModel::Size).data().toString().contains(QStringLiteral("iB")),
                 qPrintable(m_window->backups()->model()->index(0, BackupTableModel::Size).data().toString()));
        m_window->setLanguage(QString());
    }

    void languageMenuChoiceIsRemembered()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("settings.ini"));
        {
            MainWindow window(MainWindow::Options{true, file});
            window.show();
            // As a user does it: View → Language → Русский.
            const auto* menu = window.findChild<QMenu*>(QStringLiteral("languageMenu"));
            QVERIFY(menu);
            QAction* russian = nullptr;
            for (QAction* action : menu->actions())
                if (action->data().toString() == QLatin1String("ru"))
                    russian = action;
            QVERIFY(russian);
            QCOMPARE(russian->text(), QStringLiteral("Русский"));
            russian->trigger();
            QTest::qWait(50);
            QCOMPARE(window.language(), QStringLiteral("ru"));
            QVERIFY(russian->isChecked());
            QVERIFY2(hasCyrillic(window.findChild<QTabWidget*>(QStringLiteral("tabs"))->tabText(0)), "not switched");
            window.close();
        }
        {
            MainWindow again(MainWindow::Options{true, file});
            QVERIFY2(hasCyrillic(again.findChild<QTabWidget*>(QStringLiteral("tabs"))->tabText(0)), "not remembered");
            again.setLanguage(QString()); // back to the system's (C here): English
            QTest::qWait(50);
            QVERIFY(!hasCyrillic(again.findChild<QTabWidget*>(QStringLiteral("tabs"))->tabText(0)));
            again.close();
        }
        // --language is for one run: it shows, and the saved choice stays.
        {
            MainWindow once(MainWindow::Options{true, file, QStringLiteral("ru")});
            QVERIFY(hasCyrillic(once.findChild<QTabWidget*>(QStringLiteral("tabs"))->tabText(0)));
            once.close();
        }
        QCOMPARE(QSettings(file, QSettings::IniFormat).value(QStringLiteral("view/language")).toString(), QString());
    }

    // The bucket tree makes a timeline's rows when first expanded: a language switch reaches
    // them as well as the rows made at load.
    void aLanguageSwitchReachesRowsMadeOnExpansion()
    {
        m_window->setLanguage(QStringLiteral("en"));
        m_window->showView(QStringLiteral("bucket")); // the tree is built while its tab shows
        BucketTreeModel* model = m_window->bucket()->model();
        QModelIndex label;
        std::function<void(const QModelIndex&)> find = [&](const QModelIndex& parent) {
            if (model->canFetchMore(parent)
                && BucketTreeModel::Kind(parent.data(BucketTreeModel::KindRole).toInt()) == BucketTreeModel::Kind::Timeline)
                model->fetchMore(parent);
            for (int r = 0; r < model->rowCount(parent) && !label.isValid(); ++r) {
                const QModelIndex i = model->index(r, 0, parent);
                if (model->index(r, BucketTreeModel::Note, parent).data().toString() == QLatin1String("backup label"))
                    label = model->index(r, BucketTreeModel::Note, parent);
                else
                    find(i);
            }
        };
        find({});
        QVERIFY2(label.isValid(), "a backup label row under an expanded timeline");
        QSignalSpy reset(model, &QAbstractItemModel::modelReset);
        m_window->setLanguage(QStringLiteral("ru"));
        QTest::qWait(50);         // the views hear LanguageChange from the event loop
        QVERIFY(reset.isEmpty()); // reworded in place: the expanded rows are the same rows
        QVERIFY2(hasCyrillic(label.data().toString()), qPrintable(label.data().toString()));
        m_window->setLanguage(QStringLiteral("en"));
    }

    void noClippedTextInAnyView_data()
    {
        QTest::addColumn<QString>("view");
        for (const QString& view :
             {QStringLiteral("overview"), QStringLiteral("backups"), QStringLiteral("wals"), QStringLiteral("bucket"),
              QStringLiteral("usage"), QStringLiteral("timeline"), QStringLiteral("transfers")})
            QTest::newRow(qPrintable(view)) << view;
    }

    void noClippedTextInAnyView()
    {
        QFETCH(QString, view);
        m_window->setLanguage(QStringLiteral("ru"));
        m_window->showView(view);
        QTest::qWait(150);
        QVERIFY(m_window->grab().save(QStringLiteral("%1/%2.png").arg(shotsDir(), view)));
        const QStringList clipped = clippedTexts(m_window.get());
        QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join(QLatin1Char('\n'))));
    }

    void noClippedTextInTheDialogs()
    {
        m_window->setLanguage(QStringLiteral("ru"));
        ConnectionEditor editor(m_window->runner(), m_window->vault(), m_window.get());
        editor.show();
        QTest::qWait(100);
        QVERIFY(editor.grab().save(QStringLiteral("%1/connection-editor.png").arg(shotsDir())));
        QStringList clipped = clippedTexts(&editor);
        QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join(QLatin1Char('\n'))));

        m_window->showView(QStringLiteral("timeline"));
        RestoreWizard* wizard = m_window->openRestoreWizard();
        QVERIFY(wizard);
        QTest::qWait(100);
        // Every page the user can reach before anything runs, each action's form included.
        auto check = [&](const QString& name) {
            QTest::qWait(50);
            QVERIFY(wizard->grab().save(QStringLiteral("%1/restore-wizard-%2.png").arg(shotsDir(), name)));
            clipped += clippedTexts(wizard);
        };
        check(QStringLiteral("target"));
        QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
        wizard->next();
        QCOMPARE(wizard->currentId(), int(RestoreWizard::ActionPage));
        const std::pair<RestoreWizard::Action, QString> actions[] = {{RestoreWizard::Action::Manifest,
                                                                      QStringLiteral("manifest")},
                                                                     {RestoreWizard::Action::Drill, QStringLiteral("drill")},
                                                                     {RestoreWizard::Action::LocalRestore,
                                                                      QStringLiteral("local")}};
        for (const auto& [action, name] : actions) {
            wizard->setAction(action);
            check(name);
        }
        wizard->destination()->setText(QDir::tempPath() + QStringLiteral("/tideline-ru-review"));
        QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
        wizard->next();
        QCOMPARE(wizard->currentId(), int(RestoreWizard::ReviewPage));
        check(QStringLiteral("review"));
        wizard->close();
        QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join(QLatin1Char('\n'))));
    }
};

QTEST_MAIN(TestRussianUi)
#include "TestRussianUi.moc"
