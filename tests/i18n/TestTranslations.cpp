// SPDX-License-Identifier: GPL-3.0-or-later
// The Russian catalogue is in the binaries and is used: engine messages come out in Russian once
// it is installed, English comes back without a restart, the CLI follows the environment's
// locale, and machine-readable output (--json, its sentences included) does not change with it.
#include "engine/core/Error.h"
#include "engine/core/Translations.h"
#include "engine/storage/StoreFactory.h"
#include "tests/support/FixtureEnv.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QTest>

using namespace tideline;
using tideline::test::FixtureEnv;
using tideline::test::ProcessResult;

namespace {
bool hasCyrillic(const QString& text)
{
    return std::any_of(text.begin(), text.end(), [](QChar c) { return c.unicode() >= 0x0400 && c.unicode() <= 0x04FF; });
}

Error badUrlError()
{
    auto parsed = storage::SourceUrl::parse(QStringLiteral("nosuch://bucket/path"));
    return parsed ? Error{} : parsed.error();
}

QProcessEnvironment localeEnvironment(const QString& lang, const QString& language = {})
{
    QProcessEnvironment e =
        FixtureEnv::instance().ok() ? FixtureEnv::instance().environment() : QProcessEnvironment::systemEnvironment();
    e.remove(QStringLiteral("LC_ALL"));
    e.remove(QStringLiteral("LC_MESSAGES"));
    e.remove(QStringLiteral("LANGUAGE"));
    e.insert(QStringLiteral("LANG"), lang);
    if (!language.isEmpty())
        e.insert(QStringLiteral("LANGUAGE"), language);
    return e;
}

ProcessResult cli(const QProcessEnvironment& env, const QStringList& args)
{
    return FixtureEnv::runWith(env, QStringLiteral(TIDELINE_CLI), args);
}
} // namespace

class TestTranslations : public QObject {
    Q_OBJECT
private slots:
    void cleanup() { Translations::install(QLocale::c()); }

    void russianEngineMessages()
    {
        QCOMPARE(Translations::install(QLocale(QLocale::Russian, QLocale::Russia)), QStringLiteral("ru"));
        const Error e = badUrlError();
        QVERIFY2(hasCyrillic(e.message), qPrintable(e.message));
        QVERIFY2(hasCyrillic(e.hint), qPrintable(e.hint));
        QVERIFY2(e.oneLine().contains(QStringLiteral("Подсказка")), qPrintable(e.oneLine()));
        // The URL the user typed is quoted back unchanged inside the Russian sentence.
        QVERIFY2(e.oneLine().contains(QStringLiteral("nosuch://")), qPrintable(e.oneLine()));
        // Qt's own catalogue comes along, for standard buttons and dialogs.
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Отмена"));
    }

    void englishComesBackWithoutRestart()
    {
        Translations::install(QLocale(QLocale::Russian));
        const QString russian = badUrlError().oneLine();
        QCOMPARE(Translations::install(QLocale(QLocale::English, QLocale::UnitedKingdom)), QStringLiteral("en"));
        const QString english = badUrlError().oneLine();
        QVERIFY(russian != english);
        QVERIFY2(!hasCyrillic(english) && english.contains(QStringLiteral("Hint:")), qPrintable(english));
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Cancel"));
    }

    void unsupportedLanguageFallsBackToEnglish()
    {
        QCOMPARE(Translations::install(QLocale(QLocale::German, QLocale::Germany)), QStringLiteral("en"));
        QVERIFY(!hasCyrillic(badUrlError().oneLine()));
    }

    void englishPluralForms()
    {
        const char* context = "tideline::gui::MainWindow";
        Translations::install(QLocale(QLocale::English));
        // Sources say "(s)"; tideline_en.ts turns them into real English.
        QCOMPARE(QCoreApplication::translate(context, "%n backup(s)", nullptr, 1), QStringLiteral("1 backup"));
        QCOMPARE(QCoreApplication::translate(context, "%n backup(s)", nullptr, 3), QStringLiteral("3 backups"));
        // Russian has three forms: 1 and 21, 2-4 and 22-24, 0 and 5-20.
        Translations::install(QLocale(QLocale::Russian));
        QCOMPARE(QCoreApplication::translate(context, "%n backup(s)", nullptr, 1), QStringLiteral("1 резервная копия"));
        QCOMPARE(QCoreApplication::translate(context, "%n backup(s)", nullptr, 3), QStringLiteral("3 резервные копии"));
        QCOMPARE(QCoreApplication::translate(context, "%n backup(s)", nullptr, 5), QStringLiteral("5 резервных копий"));
        QCOMPARE(QCoreApplication::translate(context, "%n backup(s)", nullptr, 21), QStringLiteral("21 резервная копия"));
    }

    void cliFollowsTheEnvironmentLocale_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QString>("language");
        QTest::addColumn<bool>("russian");
        QTest::newRow("LANG=ru_RU.UTF-8") << QStringLiteral("ru_RU.UTF-8") << QString() << true;
        QTest::newRow("LANGUAGE=ru") << QStringLiteral("C.UTF-8") << QStringLiteral("ru") << true;
        QTest::newRow("LANG=C.UTF-8") << QStringLiteral("C.UTF-8") << QString() << false;
        QTest::newRow("LANG=de_DE.UTF-8") << QStringLiteral("de_DE.UTF-8") << QString() << false;
    }

    void cliFollowsTheEnvironmentLocale()
    {
        QFETCH(QString, lang);
        QFETCH(QString, language);
        QFETCH(bool, russian);
        const ProcessResult r =
            cli(localeEnvironment(lang, language), {QStringLiteral("backups"), QStringLiteral("nosuch://bucket")});
        const QString err = QString::fromUtf8(r.err).trimmed();
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(!err.contains(QLatin1Char('\n')), qPrintable(err));
        QCOMPARE(hasCyrillic(err), russian);
        QCOMPARE(err.contains(QStringLiteral("Подсказка:")), russian);
        QCOMPARE(err.contains(QStringLiteral("Hint:")), !russian);

        const ProcessResult help = cli(localeEnvironment(lang, language), {QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QCOMPARE(hasCyrillic(QString::fromUtf8(help.out)), russian);
    }

    void jsonIsTheSameInEveryLanguage()
    {
        const FixtureEnv& env = FixtureEnv::instance();
        QVERIFY2(env.ok(), "fixture env.json missing");
        const QStringList args{QStringLiteral("--endpoint-url"), env.endpoint(), QStringLiteral("backups"),
                               env.url(QStringLiteral("main")), env.server(QStringLiteral("main"))};
        const ProcessResult english =
            cli(localeEnvironment(QStringLiteral("C.UTF-8")), args + QStringList{QStringLiteral("--json")});
        const ProcessResult russian =
            cli(localeEnvironment(QStringLiteral("ru_RU.UTF-8")), args + QStringList{QStringLiteral("--json")});
        QCOMPARE(english.exitCode, 0);
        QCOMPARE(russian.exitCode, 0);
        QVERIFY(!english.out.isEmpty());
        QCOMPARE(russian.out, english.out);
        // A plan's JSON carries sentences (reason, warnings): English too, whatever the locale.
        const QStringList plan{QStringLiteral("--endpoint-url"),
                               env.endpoint(),
                               QStringLiteral("plan"),
                               env.url(QStringLiteral("main")),
                               env.server(QStringLiteral("main")),
                               QStringLiteral("--target-name"),
                               QStringLiteral("before_mistake"),
                               QStringLiteral("--target-tli"),
                               QStringLiteral("1"),
                               QStringLiteral("--json")};
        const ProcessResult planEnglish = cli(localeEnvironment(QStringLiteral("C.UTF-8")), plan);
        const ProcessResult planRussian = cli(localeEnvironment(QStringLiteral("ru_RU.UTF-8")), plan);
        QVERIFY2(planEnglish.json().value(QStringLiteral("warnings")).toArray().size() > 0, planEnglish.out.constData());
        QCOMPARE(planRussian.out, planEnglish.out);

        // The table is for people: its headers are translated, its values (IDs, LSNs, times) are not.
        const ProcessResult table = cli(localeEnvironment(QStringLiteral("ru_RU.UTF-8")), args);
        QCOMPARE(table.exitCode, 0);
        const QString text = QString::fromUtf8(table.out);
        QVERIFY2(hasCyrillic(text.section(QLatin1Char('\n'), 0, 0)), qPrintable(text));
        const QJsonArray backups = english.json().value(QStringLiteral("backups_list")).toArray();
        QVERIFY(!backups.isEmpty());
        for (const QJsonValue& b : backups)
            QVERIFY2(text.contains(b.toObject().value(QStringLiteral("backup_id")).toString()), qPrintable(text));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "TestTranslations.moc"
