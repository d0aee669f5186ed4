// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/core/Decompressor.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

using tideline::Compression;
using tideline::Decompressor;
using tideline::ErrorCode;
using tideline::Result;

namespace {

/// One way of producing a compressed file with the real tool barman, CNPG or a user would use.
/// The code under test never writes the data it is checked against.
struct Tool {
    QString key;
    Compression compression;
    QString program;
    QStringList arguments;
};

// python-snappy's StreamCompressor is what barman-cloud writes .snappy with. Debian 12's
// python3-snappy 0.5.3 has a C _crc32c that fails on Python 3.11 (SystemError, missing
// PY_SSIZE_T_CLEAN); the framing code and libsnappy compression still work, so only the
// CRC function is replaced there (crcmod's C extension, else a pure-python table).
const char* const kSnappyScript = R"PY(
import sys
import snappy
import snappy.snappy as framing
try:
    framing._crc32c(b"x")
except SystemError:
    try:
        import crcmod.predefined
        framing._crc32c = crcmod.predefined.mkCrcFun("crc-32c")
    except ImportError:
        table = []
        for i in range(256):
            c = i
            for _ in range(8):
                c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
            table.append(c)
        def crc32c(data):
            crc = 0xFFFFFFFF
            for b in data:
                crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8)
            return crc ^ 0xFFFFFFFF
        framing._crc32c = crc32c
snappy.stream_compress(sys.stdin.buffer, sys.stdout.buffer)
)PY";

std::vector<Tool> tools()
{
    return {
        {u"none"_s, Compression::None, {}, {}},
        {u"gzip"_s, Compression::Gzip, u"gzip"_s, {u"-c"_s, u"-n"_s, u"-6"_s}},
        {u"bzip2"_s, Compression::Bzip2, u"bzip2"_s, {u"-c"_s, u"-9"_s}},
        {u"xz"_s, Compression::Xz, u"xz"_s, {u"-c"_s, u"-6"_s}},
        {u"zstd"_s, Compression::Zstd, u"zstd"_s, {u"-c"_s, u"-q"_s, u"-3"_s, u"--check"_s}},
        // lz4 CLI default: independent 4 MiB blocks, content checksum on.
        {u"lz4"_s, Compression::Lz4, u"lz4"_s, {u"-c"_s, u"-q"_s}},
        // python lz4.frame's default is linked blocks; also exercise block checksums and
        // blocks smaller than the output slice.
        {u"lz4-linked"_s, Compression::Lz4, u"lz4"_s, {u"-c"_s, u"-q"_s, u"-BD"_s, u"-BX"_s, u"-B4"_s}},
        {u"snappy"_s, Compression::Snappy, u"/usr/bin/python3"_s, {u"-c"_s, QString::fromLatin1(kSnappyScript)}},
    };
}

Compression compressionOf(const QString& key)
{
    for (const auto& tool : tools())
        if (tool.key == key)
            return tool.compression;
    return Compression::None;
}

struct Outcome {
    Result<void> result;
    QByteArray output;
};

/// Feeds input in pieces of chunkSize (the last one shorter) and finishes.
Outcome decompressInChunks(Compression compression, const QByteArray& input, qsizetype chunkSize)
{
    auto decompressor = Decompressor::create(compression);
    QByteArray output;
    const Decompressor::Sink sink = [&output](QByteArrayView chunk) -> Result<void> {
        output.append(chunk);
        return {};
    };
    for (qsizetype pos = 0; pos < input.size(); pos += chunkSize) {
        auto fed = decompressor->feed(QByteArrayView(input).sliced(pos, std::min(chunkSize, input.size() - pos)), sink);
        if (!fed)
            return {fed, output};
    }
    return {decompressor->finish(sink), output};
}

/// Random bytes (incompressible: stored blocks, raw frames) interleaved with text and zero runs
/// (long matches), like a tar of a database directory.
QByteArray makeData(quint32 seed, qsizetype blocks, qsizetype blockSize)
{
    QRandomGenerator random(seed);
    QByteArray data;
    data.reserve(blocks * blockSize);
    for (qsizetype b = 0; b < blocks; ++b) {
        QByteArray block;
        switch (b % 3) {
        case 0:
            block.resize(blockSize);
            random.fillRange(reinterpret_cast<quint32*>(block.data()), blockSize / 4);
            break;
        case 1:
            while (block.size() < blockSize)
                block += "INSERT INTO tideline VALUES (" + QByteArray::number(random.bounded(100000)) + ", 'wal');\n";
            block.truncate(blockSize);
            break;
        default: block = QByteArray(blockSize - 17, '\0') + QByteArray(17, char(b)); break;
        }
        data += block;
    }
    return data;
}

} // namespace

class TestDecompressor : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QByteArray m_large;                      // ~3 MiB, spans many output slices and lz4/zstd blocks
    QByteArray m_small;                      // small enough to feed a byte at a time
    QByteArray m_small2;                     // a second member/stream for concatenation
    QHash<QString, QByteArray> m_compressed; // "tool/input" -> bytes the tool wrote

    QByteArray compressed(const QString& key, const char* input) const
    {
        return m_compressed.value(key + u'/' + QLatin1String(input));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_large = makeData(42, 12, 256 * 1024 + 13);
        m_small = makeData(7, 5, 20000);
        m_small2 = makeData(8, 4, 15000);

        const QList<std::pair<QString, QByteArray>> inputs{{u"large"_s, m_large},
                                                           {u"small"_s, m_small},
                                                           {u"small2"_s, m_small2}};
        struct Job {
            QString key;
            QString outPath;
            std::unique_ptr<QProcess> process;
        };
        std::vector<Job> jobs;
        for (const auto& [name, data] : inputs) {
            const QString inPath = m_dir.filePath(name + QStringLiteral(".bin"));
            QFile in(inPath);
            QVERIFY(in.open(QIODevice::WriteOnly) && in.write(data) == data.size());
            in.close();
            for (const auto& tool : tools()) {
                const QString key = tool.key + u'/' + name;
                if (tool.program.isEmpty()) {
                    m_compressed.insert(key, data);
                    continue;
                }
                Job job{key, m_dir.filePath(tool.key + u'-' + name), std::make_unique<QProcess>()};
                job.process->setStandardInputFile(inPath);
                job.process->setStandardOutputFile(job.outPath);
                job.process->start(tool.program, tool.arguments);
                jobs.push_back(std::move(job));
            }
        }
        for (auto& job : jobs) {
            QVERIFY2(job.process->waitForFinished(60000), qPrintable(job.key + QStringLiteral(" did not finish")));
            const QByteArray err = job.process->readAllStandardError();
            if (job.key.startsWith(u"snappy") && err.contains("No module named 'snappy'"))
                QFAIL("python-snappy missing for /usr/bin/python3: apt-get install python3-snappy");
            QVERIFY2(job.process->exitStatus() == QProcess::NormalExit && job.process->exitCode() == 0,
                     qPrintable(job.key + QStringLiteral(": ") + QString::fromLocal8Bit(err)));
            QFile out(job.outPath);
            QVERIFY(out.open(QIODevice::ReadOnly));
            m_compressed.insert(job.key, out.readAll());
            QVERIFY2(!m_compressed.value(job.key).isEmpty(), qPrintable(job.key));
        }
        // The snappy stream really is the framing format (stream identifier chunk first).
        QVERIFY(compressed(u"snappy"_s, "small").startsWith(QByteArray::fromHex("ff060000734e61507059")));
    }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("input");
        QTest::addColumn<qsizetype>("chunkSize");
        for (const auto& tool : tools()) {
            const QByteArray k = tool.key.toLatin1();
            QTest::newRow(QByteArray(k + "/small/1").constData()) << tool.key << "small" << qsizetype(1);
            QTest::newRow(QByteArray(k + "/large/7").constData()) << tool.key << "large" << qsizetype(7);
            QTest::newRow(QByteArray(k + "/large/64Ki").constData()) << tool.key << "large" << qsizetype(64 * 1024);
            QTest::newRow(QByteArray(k + "/large/whole").constData())
                << tool.key << "large" << qsizetype(0); // 0: all at once
        }
    }
    void roundTrip()
    {
        QFETCH(QString, key);
        QFETCH(QString, input);
        QFETCH(qsizetype, chunkSize);
        const QByteArray source = m_compressed.value(key + u'/' + input);
        const QByteArray expected = input == u"large" ? m_large : m_small;
        const auto outcome = decompressInChunks(compressionOf(key), source, chunkSize > 0 ? chunkSize : source.size());
        QVERIFY2(outcome.result, qPrintable(outcome.result ? QString() : outcome.result.error().oneLine()));
        QCOMPARE(outcome.output.size(), expected.size());
        QVERIFY(outcome.output == expected);
    }

    void concatenated_data()
    {
        QTest::addColumn<QString>("key");
        for (const auto& tool : tools())
            QTest::newRow(tool.key.toLatin1().constData()) << tool.key;
    }
    /// `cat a.gz b.gz` and its equivalents (pigz/pbzip2 output, xz/zstd/lz4 concatenation,
    /// repeated snappy stream identifiers) decode to both contents, as the CLI tools do.
    void concatenated()
    {
        QFETCH(QString, key);
        const QByteArray source = compressed(key, "small") + compressed(key, "small2");
        for (qsizetype chunkSize : {qsizetype(7), source.size()}) {
            const auto outcome = decompressInChunks(compressionOf(key), source, chunkSize);
            QVERIFY2(outcome.result, qPrintable(outcome.result ? QString() : outcome.result.error().oneLine()));
            QVERIFY(outcome.output == m_small + m_small2);
        }
    }

    void gzipTrailingZerosAccepted()
    {
        const auto outcome =
            decompressInChunks(Compression::Gzip, compressed(u"gzip"_s, "small") + QByteArray(1000, '\0'), 300);
        QVERIFY(outcome.result);
        QVERIFY(outcome.output == m_small);
    }

    void trailingGarbage_data()
    {
        QTest::addColumn<QString>("key");
        for (const auto& tool : tools())
            if (tool.compression != Compression::None && tool.compression != Compression::Snappy)
                QTest::newRow(tool.key.toLatin1().constData()) << tool.key;
    }
    void trailingGarbage()
    {
        QFETCH(QString, key);
        const auto outcome = decompressInChunks(compressionOf(key), compressed(key, "small") + "garbage!", 4096);
        QVERIFY(!outcome.result);
        QCOMPARE(outcome.result.error().code, ErrorCode::Corrupt);
    }

    void truncated_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<qsizetype>("cut");
        for (const auto& tool : tools()) {
            if (tool.compression == Compression::None)
                continue;
            const QByteArray k = tool.key.toLatin1();
            QTest::newRow(QByteArray(k + "/last-byte").constData()) << tool.key << qsizetype(1);
            QTest::newRow(QByteArray(k + "/half").constData()) << tool.key << qsizetype(-1);
        }
    }
    /// Cut before the end marker: feed() succeeds (the data so far is fine), finish() reports
    /// Corrupt. For snappy, which has no end marker, the cut falls inside a chunk.
    void truncated()
    {
        QFETCH(QString, key);
        QFETCH(qsizetype, cut);
        const QByteArray full = compressed(key, "large");
        const QByteArray source = full.first(cut < 0 ? full.size() / 2 : full.size() - cut);
        auto decompressor = Decompressor::create(compressionOf(key));
        qsizetype produced = 0;
        const Decompressor::Sink sink = [&produced](QByteArrayView chunk) -> Result<void> {
            produced += chunk.size();
            return {};
        };
        const auto fed = decompressor->feed(source, sink);
        QVERIFY2(fed, qPrintable(fed ? QString() : fed.error().oneLine()));
        const auto finished = decompressor->finish(sink);
        QVERIFY(!finished);
        QCOMPARE(finished.error().code, ErrorCode::Corrupt);
        QVERIFY(finished.error().message.contains(tideline::compressionName(compressionOf(key))));
        QVERIFY(produced <= m_large.size());
    }

    void flippedByte_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<double>("where");
        // Every format here checksums the data (zstd with --check, lz4 with its default content
        // checksum, snappy per chunk).
        for (const auto& tool : tools()) {
            if (tool.compression == Compression::None)
                continue;
            const QByteArray k = tool.key.toLatin1();
            QTest::newRow(QByteArray(k + "/third").constData()) << tool.key << 0.33;
            QTest::newRow(QByteArray(k + "/half").constData()) << tool.key << 0.5;
            QTest::newRow(QByteArray(k + "/near-end").constData()) << tool.key << 0.9;
        }
    }
    void flippedByte()
    {
        QFETCH(QString, key);
        QFETCH(double, where);
        QByteArray source = compressed(key, "large");
        source[qsizetype(source.size() * where)] ^= 0x20;
        const auto outcome = decompressInChunks(compressionOf(key), source, 64 * 1024);
        QVERIFY(!outcome.result);
        QCOMPARE(outcome.result.error().code, ErrorCode::Corrupt);
    }

    void emptyInput_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("valid");
        // Every tool writes a header even for empty input, except python-snappy, which writes
        // nothing at all.
        for (const auto& tool : tools())
            QTest::newRow(tool.key.toLatin1().constData())
                << tool.key << (tool.compression == Compression::None || tool.compression == Compression::Snappy);
    }
    void emptyInput()
    {
        QFETCH(QString, key);
        QFETCH(bool, valid);
        auto decompressor = Decompressor::create(compressionOf(key));
        int calls = 0;
        const Decompressor::Sink sink = [&calls](QByteArrayView) -> Result<void> {
            ++calls;
            return {};
        };
        QVERIFY(decompressor->feed({}, sink));
        const auto finished = decompressor->finish(sink);
        QCOMPARE(bool(finished), valid);
        if (!valid)
            QCOMPARE(finished.error().code, ErrorCode::Corrupt);
        QCOMPARE(calls, 0);
    }

    void wrongFormat()
    {
        const auto asZstd = tideline::decompressAll(Compression::Zstd, compressed(u"gzip"_s, "small"));
        QVERIFY(!asZstd);
        QCOMPARE(asZstd.error().code, ErrorCode::Corrupt);
        const auto asGzip = tideline::decompressAll(Compression::Gzip, compressed(u"bzip2"_s, "small"));
        QVERIFY(!asGzip);
        QCOMPARE(asGzip.error().code, ErrorCode::Corrupt);
    }

    /// Chunk types a future writer may add: padding and reserved skippable ones are ignored,
    /// reserved unskippable ones (0x02-0x7f) are an error, and the identifier is required.
    void snappyChunkTypes()
    {
        const QByteArray real = compressed(u"snappy"_s, "small");
        const QByteArray identifier = real.first(10);
        const QByteArray rest = real.sliced(10);
        const QByteArray padding = QByteArray::fromHex("fe030000616263");
        const QByteArray skippable = QByteArray::fromHex("80020000ffff");
        const QByteArray emptySkippable = QByteArray::fromHex("fd000000");
        const QByteArray unskippable = QByteArray::fromHex("02010000aa");

        for (qsizetype chunkSize : {qsizetype(1), qsizetype(5000)}) {
            const auto skipped =
                decompressInChunks(Compression::Snappy, identifier + padding + skippable + emptySkippable + rest + padding,
                                   chunkSize);
            QVERIFY2(skipped.result, qPrintable(skipped.result ? QString() : skipped.result.error().oneLine()));
            QVERIFY(skipped.output == m_small);
        }
        const auto reserved = decompressInChunks(Compression::Snappy, identifier + unskippable + rest, 5000);
        QVERIFY(!reserved.result);
        QCOMPARE(reserved.result.error().code, ErrorCode::Corrupt);

        const auto headless = decompressInChunks(Compression::Snappy, rest, 5000);
        QVERIFY(!headless.result);
        QCOMPARE(headless.result.error().code, ErrorCode::Corrupt);

        const auto cutPadding = decompressInChunks(Compression::Snappy, identifier + rest + padding.first(5), 5000);
        QVERIFY(!cutPadding.result);
        QCOMPARE(cutPadding.result.error().code, ErrorCode::Corrupt);
    }

    void decompressAll_data()
    {
        QTest::addColumn<QString>("key");
        for (const auto& tool : tools())
            QTest::newRow(tool.key.toLatin1().constData()) << tool.key;
    }
    void decompressAll()
    {
        QFETCH(QString, key);
        const auto all = tideline::decompressAll(compressionOf(key), compressed(key, "large"));
        QVERIFY2(all, qPrintable(all ? QString() : all.error().oneLine()));
        QVERIFY(*all == m_large);

        const auto cut = tideline::decompressAll(compressionOf(key), compressed(key, "large").chopped(1));
        QCOMPARE(bool(cut), compressionOf(key) == Compression::None);
    }

    void decompressAllEmptyNone()
    {
        const auto all = tideline::decompressAll(Compression::None, {});
        QVERIFY(all);
        QVERIFY(all->isEmpty());
    }

    /// The sink's own error comes back unchanged, and the stream stays failed afterwards.
    void sinkErrorPassesThrough()
    {
        for (const auto& tool : tools()) {
            auto decompressor = Decompressor::create(tool.compression);
            const Decompressor::Sink sink = [](QByteArrayView) -> Result<void> {
                return tideline::fail(ErrorCode::Cancelled, QStringLiteral("stop"));
            };
            const auto fed = decompressor->feed(compressed(tool.key, "large"), sink);
            QVERIFY2(!fed, qPrintable(tool.key));
            QCOMPARE(fed.error().code, ErrorCode::Cancelled);
            QCOMPARE(fed.error().message, QStringLiteral("stop"));
            const auto again = decompressor->finish(sink);
            QVERIFY(!again);
            QCOMPARE(again.error().code, ErrorCode::Cancelled);
        }
    }

    /// Informational: inflate speed through the streaming API (the restore hot path).
    void gzipThroughput()
    {
        const QByteArray source = compressed(u"gzip"_s, "large");
        QElapsedTimer timer;
        timer.start();
        qsizetype total = 0;
        int rounds = 0;
        while (rounds < 3 || timer.elapsed() < 300) {
            auto decompressor = Decompressor::create(Compression::Gzip);
            const Decompressor::Sink sink = [&total](QByteArrayView chunk) -> Result<void> {
                total += chunk.size();
                return {};
            };
            for (qsizetype pos = 0; pos < source.size(); pos += 1024 * 1024)
                QVERIFY(decompressor->feed(source.sliced(pos, std::min<qsizetype>(1024 * 1024, source.size() - pos)), sink));
            QVERIFY(decompressor->finish(sink));
            ++rounds;
        }
        const double seconds = std::max<qint64>(timer.nsecsElapsed(), 1) / 1e9;
        qInfo("gzip inflate: %.0f MB/s of output (%d rounds of %.1f MB)", total / seconds / 1e6, rounds, m_large.size() / 1e6);
        QCOMPARE(total, m_large.size() * rounds);
    }
};

QTEST_GUILESS_MAIN(TestDecompressor)
#include "TestDecompressor.moc"
