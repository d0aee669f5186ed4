// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/catalog/PythonLiteral.h"

#include <QTest>

using tideline::catalog::parsePythonLiteral;

class TestPythonLiteral : public QObject {
    Q_OBJECT
private slots:
    void scalars_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QVariant>("expected");
        QTest::newRow("none") << "None" << QVariant();
        QTest::newRow("true") << "True" << QVariant(true);
        QTest::newRow("int") << "-42" << QVariant(qlonglong(-42));
        QTest::newRow("float") << "3.274018" << QVariant(3.274018);
        QTest::newRow("exp") << "1e-05" << QVariant(1e-05);
        QTest::newRow("single") << "'a\\'b'" << QVariant(QStringLiteral("a'b"));
        QTest::newRow("double") << "\"it's\"" << QVariant(QStringLiteral("it's"));
        QTest::newRow("escapes") << "'l1\\nl2\\t\\\\ \\x41\\u00e9'" << QVariant(QStringLiteral("l1\nl2\t\\ A\u00e9"));
        QTest::newRow("concat") << "'ab' \"cd\"" << QVariant(QStringLiteral("abcd"));
        QTest::newRow("unicode-prefix") << "u'x'" << QVariant(QStringLiteral("x"));
        QTest::newRow("raw") << "r'a\\nb'" << QVariant(QStringLiteral("a\\nb"));
    }
    void scalars()
    {
        QFETCH(QString, text);
        QFETCH(QVariant, expected);
        const auto v = parsePythonLiteral(text);
        QVERIFY2(v.has_value(), qPrintable(v ? QString() : v.error().message));
        QCOMPARE(*v, expected);
    }
    void containers()
    {
        const auto ts = parsePythonLiteral(u"[('tbs', 16385, '/a, b'), ('x', 2, '/y')]");
        QVERIFY(ts);
        const QVariantList list = ts->toList();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list[0].toList()[0].toString(), QStringLiteral("tbs"));
        QCOMPARE(list[0].toList()[1].toLongLong(), 16385);
        QCOMPARE(list[0].toList()[2].toString(), QStringLiteral("/a, b")); // a comma inside quotes is data
        const auto d = parsePythonLiteral(u"{'total_time': 1.5, 'n': (1,), 'nested': {'k': [None, False]},}");
        QVERIFY(d);
        const QVariantMap m = d->toMap();
        QCOMPARE(m.value(QStringLiteral("total_time")).toDouble(), 1.5);
        QCOMPARE(m.value(QStringLiteral("n")).toList().size(), 1);
        QVERIFY(m.value(QStringLiteral("nested")).toMap().value(QStringLiteral("k")).toList()[0].isNull());
        QCOMPARE(parsePythonLiteral(u"[]")->toList().size(), 0);
        QCOMPARE(parsePythonLiteral(u"()")->toList().size(), 0);
    }
    void rejects_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("unterminated") << "'abc";
        QTest::newRow("call") << "__import__('os')";
        QTest::newRow("name") << "foo";
        QTest::newRow("trailing") << "[1] 2";
        QTest::newRow("missing-comma") << "[1 2]";
        QTest::newRow("dict-no-colon") << "{'a' 1}";
        QTest::newRow("unbalanced") << "[(1, 2]";
        QTest::newRow("empty") << "";
        QTest::newRow("bad-hex") << "'\\xZZ'";
        QTest::newRow("deep") << QString(200, QLatin1Char('[')) + QString(200, QLatin1Char(']'));
    }
    void rejects()
    {
        QFETCH(QString, text);
        const auto v = parsePythonLiteral(text);
        QVERIFY(!v.has_value());
        QCOMPARE(v.error().code, tideline::ErrorCode::Corrupt);
        QVERIFY(v.error().message.contains(QStringLiteral("at character")));
    }
};

QTEST_GUILESS_MAIN(TestPythonLiteral)
#include "TestPythonLiteral.moc"
