// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/wal/Lsn.h"

#include <QTest>

using tideline::wal::Lsn;

class TestLsn : public QObject {
    Q_OBJECT
private slots:
    void parseValid_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<quint64>("value");
        QTest::addColumn<QString>("printed");
        // Values are (high << 32) | low, written out by hand.
        QTest::newRow("backup-start") << "0/3000028" << Q_UINT64_C(0x0000000003000028) << "0/3000028";
        QTest::newRow("facts-example") << "2/82000168" << Q_UINT64_C(0x0000000282000168) << "2/82000168";
        QTest::newRow("zero") << "0/0" << Q_UINT64_C(0) << "0/0";
        QTest::newRow("max") << "FFFFFFFF/FFFFFFFF" << Q_UINT64_C(0xFFFFFFFFFFFFFFFF) << "FFFFFFFF/FFFFFFFF";
        QTest::newRow("mixed") << "16/B374D848" << Q_UINT64_C(0x00000016B374D848) << "16/B374D848";
        QTest::newRow("lower-case") << "a/1b" << Q_UINT64_C(0x0000000A0000001B) << "A/1B";
        // PostgreSQL 18 prints "%X/%08X"; we read it and write 15's "%X/%X".
        QTest::newRow("zero-padded-low") << "1/00000028" << Q_UINT64_C(0x0000000100000028) << "1/28";
        QTest::newRow("zero-padded-both") << "00000000/00000001" << Q_UINT64_C(1) << "0/1";
        QTest::newRow("high-only") << "1/0" << Q_UINT64_C(0x0000000100000000) << "1/0";
    }
    void parseValid()
    {
        QFETCH(QString, text);
        QFETCH(quint64, value);
        QFETCH(QString, printed);
        const auto lsn = Lsn::parse(text);
        QVERIFY(lsn.has_value());
        QCOMPARE(lsn->value(), value);
        QCOMPARE(lsn->toString(), printed);
        const auto again = Lsn::parse(lsn->toString());
        QVERIFY(again.has_value());
        QCOMPARE(again->value(), value);
    }

    void parseInvalid_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << "";
        QTest::newRow("slash-only") << "/";
        QTest::newRow("empty-low") << "0/";
        QTest::newRow("empty-high") << "/0";
        QTest::newRow("no-slash") << "3000028";
        QTest::newRow("two-slashes") << "0/3000028/1";
        QTest::newRow("non-hex-high") << "G/0";
        QTest::newRow("non-hex-low") << "0/30G0028";
        QTest::newRow("nine-digit-low") << "0/12345678A";
        QTest::newRow("nine-digit-high") << "123456789/0";
        QTest::newRow("leading-space") << " 0/1";
        QTest::newRow("trailing-space") << "0/1 ";
        QTest::newRow("trailing-newline") << "0/1\n";
        QTest::newRow("0x-prefix") << "0x1/0";
        QTest::newRow("minus") << "-1/0";
        QTest::newRow("plus") << "+1/0";
        QTest::newRow("colon") << "0:1";
        QTest::newRow("fraction") << "0/1.5";
        QTest::newRow("arabic-indic-digit") << QString::fromUtf8("\u0663/0");
        QTest::newRow("fullwidth-a") << QString::fromUtf8("0/\uFF21");
    }
    void parseInvalid()
    {
        QFETCH(QString, text);
        QVERIFY(!Lsn::parse(text).has_value());
    }

    void ordering()
    {
        // The high half dominates: 1/0 is past everything in log 0.
        QVERIFY(*Lsn::parse(u"1/0") > *Lsn::parse(u"0/FFFFFFFF"));
        QVERIFY(*Lsn::parse(u"0/3000148") < *Lsn::parse(u"0/5000060"));
        QVERIFY(*Lsn::parse(u"A/0") == Lsn(Q_UINT64_C(0xA00000000)));
        QVERIFY(Lsn() == Lsn(0));
        QCOMPARE(Lsn().toString(), QStringLiteral("0/0"));
    }
};

QTEST_GUILESS_MAIN(TestLsn)
#include "TestLsn.moc"
