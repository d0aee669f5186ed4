// SPDX-License-Identifier: GPL-3.0-or-later
// CRC-32C against published check values (RFC 3720 B.4, the Castagnoli "123456789" check), and
// the accelerated path against the bit-table path at every length and alignment that crosses the
// three-stream stretches, split at arbitrary points as the WAL reader feeds it.
#include "engine/wal/Crc32c.h"

#include <QByteArray>
#include <QRandomGenerator>
#include <QTest>

using namespace tideline::wal;

namespace {

quint32 crcOf(const QByteArray& data)
{
    return crc32cFinal(
        crc32cUpdate(crc32cInit(), reinterpret_cast<const unsigned char*>(data.constData()), std::size_t(data.size())));
}

} // namespace

class TestCrc32c : public QObject {
    Q_OBJECT
private slots:
    void publishedCheckValues_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<quint32>("crc");
        QByteArray ascending(32, 0), descending(32, 0);
        for (int i = 0; i < 32; ++i) {
            ascending[i] = char(i);
            descending[i] = char(31 - i);
        }
        QTest::newRow("123456789") << QByteArray("123456789") << 0xE3069283u;
        QTest::newRow("rfc3720 zeros") << QByteArray(32, '\0') << 0x8A9136AAu;
        QTest::newRow("rfc3720 ones") << QByteArray(32, '\xFF') << 0x62A8AB43u;
        QTest::newRow("rfc3720 ascending") << ascending << 0x46DD794Eu;
        QTest::newRow("rfc3720 descending") << descending << 0x113FDB5Cu;
        QTest::newRow("empty") << QByteArray() << 0u;
    }
    void publishedCheckValues()
    {
        QFETCH(QByteArray, data);
        QFETCH(quint32, crc);
        QCOMPARE(crcOf(data), crc);
    }

    void acceleratedEqualsTable()
    {
        QRandomGenerator rng(20261205);
        QByteArray buffer(3 * 2048 * 3 + 64, '\0');
        for (auto& c : buffer)
            c = char(rng.bounded(256));
        const auto* base = reinterpret_cast<const unsigned char*>(buffer.constData());
        // Lengths around the stretch boundaries (3 x 256 and 3 x 2048 bytes), at odd offsets.
        QList<std::size_t> lengths;
        for (std::size_t edge : {std::size_t(0), std::size_t(768), std::size_t(1536), std::size_t(6144), std::size_t(12288)})
            for (std::size_t d = 0; d < 24; ++d)
                lengths << edge + d << (edge > d ? edge - d : 0);
        for (int i = 0; i < 200; ++i)
            lengths << std::size_t(rng.bounded(int(buffer.size()) - 16));
        for (std::size_t length : lengths)
            for (std::size_t offset : {0, 1, 3, 7, 13}) {
                const quint32 seed = rng.generate();
                QCOMPARE(crc32cUpdate(seed, base + offset, length), crc32cUpdatePortable(seed, base + offset, length));
            }
        // Fed in pieces, as a record split across pages is: the same as in one go.
        const std::size_t cut = 5000;
        QCOMPARE(crc32cUpdate(crc32cUpdate(crc32cInit(), base, cut), base + cut, buffer.size() - cut),
                 crc32cUpdatePortable(crc32cInit(), base, std::size_t(buffer.size())));
    }
};

QTEST_GUILESS_MAIN(TestCrc32c)
#include "TestCrc32c.moc"
