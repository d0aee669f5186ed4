// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/core/Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

#include <memory>
#include <vector>

namespace tideline::Translations {

namespace {
// Owned here rather than by the application object so that a second install() can take the
// previous catalogues out again; only ever touched from the main thread.
std::vector<std::unique_ptr<QTranslator>>& installed()
{
    static std::vector<std::unique_ptr<QTranslator>> translators;
    return translators;
}

void load(const QString& file, const QString& directory)
{
    auto translator = std::make_unique<QTranslator>();
    if (!translator->load(file, directory))
        return;
    QCoreApplication::installTranslator(translator.get());
    installed().push_back(std::move(translator));
}
} // namespace

QString languageFor(const QLocale& locale)
{
    const QStringList shipped = available();
    for (const QString& tag : locale.uiLanguages()) {
        const QString language = tag.section(QLatin1Char('-'), 0, 0).section(QLatin1Char('_'), 0, 0).toLower();
        if (shipped.contains(language))
            return language;
    }
    return QStringLiteral("en");
}

QStringList available()
{
    return {QStringLiteral("en"), QStringLiteral("ru")};
}

QString install(const QLocale& locale)
{
    for (const auto& translator : installed())
        QCoreApplication::removeTranslator(translator.get());
    installed().clear();

    const QString language = languageFor(locale);
    if (language != QLatin1String("en"))
        load(QStringLiteral("qtbase_") + language, QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    load(QStringLiteral("tideline_") + language, QStringLiteral(":/i18n"));
    return language;
}

} // namespace tideline::Translations
