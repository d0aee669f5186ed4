// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/core/Compression.h"
#include "engine/core/Error.h"
#include "engine/core/Excerpt.h"
#include "engine/core/Parallel.h"
#include "engine/core/Redactor.h"

#include <QTest>

#include <atomic>
#include <thread>

using namespace tideline;

class TestCoreBasics : public QObject {
    Q_OBJECT
private slots:
    void exitStatusesFollowTheContract()
    {
        QCOMPARE(exitStatus(ErrorCode::NotFound), 1);
        QCOMPARE(exitStatus(ErrorCode::Usage), 2);
        QCOMPARE(exitStatus(ErrorCode::Network), 3);
        QCOMPARE(exitStatus(ErrorCode::Auth), 4);
        QCOMPARE(exitStatus(ErrorCode::MissingSource), 5);
        QCOMPARE(exitStatus(ErrorCode::Corrupt), 6);
        QCOMPARE(exitStatus(ErrorCode::Refused), 7);
        QCOMPARE(exitStatus(ErrorCode::Cancelled), 8);
    }
    void oneLineIsOneLine()
    {
        const Error e{ErrorCode::Network, QStringLiteral("cannot reach\nhost"), QStringLiteral("check it"),
                      QStringLiteral("HTTP 503")};
        QCOMPARE(e.oneLine(), QStringLiteral("cannot reach host (HTTP 503). Hint: check it"));
    }
    void compressionSuffixes_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("compression");
        QTest::addColumn<QString>("stem");
        QTest::newRow("gz") << "000000010000000000000001.gz" << int(Compression::Gzip) << "000000010000000000000001";
        QTest::newRow("zst") << "a.zst" << int(Compression::Zstd) << "a";
        QTest::newRow("zstd-is-not-zst") << "a.zstd" << int(Compression::None) << "a.zstd";
        QTest::newRow("lz4") << "a.partial.lz4" << int(Compression::Lz4) << "a.partial";
        QTest::newRow("snappy") << "data.tar.snappy" << int(Compression::Snappy) << "data.tar";
        QTest::newRow("plain") << "00000002.history" << int(Compression::None) << "00000002.history";
    }
    void compressionSuffixes()
    {
        QFETCH(QString, name);
        QFETCH(int, compression);
        QFETCH(QString, stem);
        const auto split = splitCompressionSuffix(name);
        QCOMPARE(int(split.compression), compression);
        QCOMPARE(split.stem.toString(), stem);
    }
    void magic()
    {
        QCOMPARE(compressionFromMagic(QByteArray::fromHex("1f8b0800")), Compression::Gzip);
        QCOMPARE(compressionFromMagic(QByteArray::fromHex("28b52ffd00")), Compression::Zstd);
        QCOMPARE(compressionFromMagic(QByteArray::fromHex("ff060000734e61507059")), Compression::Snappy);
        QVERIFY(!compressionFromMagic(QByteArray::fromHex("d1070000")).has_value()); // a WAL page magic
    }
    void redactsSecretsAndSignatures()
    {
        Redactor::addSecret(QStringLiteral("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
        const QString out = Redactor::redact(
            QStringLiteral("key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY Signature=fe5f80f77d5fa3beca038a248ff027 "
                           "?X-Amz-Signature=abc&x=1 aws_secret_access_key = zzzz"));
        QVERIFY(!out.contains(QStringLiteral("wJalrXUtnFEMI")));
        QVERIFY(!out.contains(QStringLiteral("fe5f80f77d")));
        QVERIFY(!out.contains(QStringLiteral("abc&")));
        QVERIFY(!out.contains(QStringLiteral("zzzz")));
        QVERIFY(out.contains(QStringLiteral("Signature=***")));
    }
    void excerptsArePrintableAndShort()
    {
        using tideline::excerpt::printable;
        // An escape sequence, a lone surrogate and a C1 control each become U+FFFD.
        const QString hostile = QStringLiteral("a\x1b[2Jb") + QChar(0xD800) + QChar(0x85) + QStringLiteral("c");
        QCOMPARE(printable(hostile), QStringLiteral("a\uFFFD[2Jb\uFFFD\uFFFDc"));
        QCOMPARE(printable(QStringLiteral("abcdef"), 3), QStringLiteral("abc\u2026"));
        // A pair that makes one printable character survives whole or not at all.
        const QString emoji = QString::fromUtf8("\xF0\x9F\x90\x98");
        QCOMPARE(printable(emoji + emoji, 3), emoji + QChar(0x2026)); // the limit holds: no half pair
        QCOMPARE(printable(emoji + emoji, 4), emoji + emoji);
        QCOMPARE(printable(QStringLiteral("a\u2028b\u2029c")), QStringLiteral("a\uFFFDb\uFFFDc")); // no line break
        QCOMPARE(printable(QStringLiteral("abc"), -5), QStringLiteral("\u2026"));
        // Bytes: invalid UTF-8 is replaced, a long token is cut without decoding it all.
        QCOMPARE(printable(QByteArrayView("ok\xff")), QStringLiteral("ok\uFFFD"));
        QCOMPARE(printable(QByteArray(64 * 1024, 'x'), 5), QStringLiteral("xxxxx\u2026"));
        QCOMPARE(printable(QByteArray(20, 'y'), 5), QStringLiteral("yyyyy\u2026"));
    }

    void parallelForRunsEveryIndexOnceConcurrently()
    {
        constexpr int n = 200;
        std::vector<std::atomic_int> hits(n);
        std::atomic_int inFlight{0};
        std::atomic_int peak{0};
        parallelFor(n, 8, [&](qsizetype i) {
            const int now = ++inFlight;
            int p = peak.load();
            while (now > p && !peak.compare_exchange_weak(p, now)) {}
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
            hits[static_cast<size_t>(i)]++;
            --inFlight;
        });
        for (auto& h : hits)
            QCOMPARE(h.load(), 1);
        QVERIFY2(peak.load() > 1, "work never overlapped");
        QVERIFY(peak.load() <= 8);
    }
    void parallelForStopsWhenCancelled()
    {
        CancelToken cancel;
        std::atomic_int ran{0};
        parallelFor(
            1000, 4,
            [&](qsizetype i) {
                if (i == 10)
                    cancel.cancel();
                ++ran;
            },
            cancel);
        QVERIFY(ran.load() < 1000);
    }
};

QTEST_GUILESS_MAIN(TestCoreBasics)
#include "TestCoreBasics.moc"
