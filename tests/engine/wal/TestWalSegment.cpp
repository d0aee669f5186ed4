// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/wal/WalSegment.h"

#include <QTest>

using namespace tideline::wal;
using tideline::Compression;
using namespace Qt::StringLiterals;

namespace {
constexpr quint64 MiB = Q_UINT64_C(1) << 20;
constexpr quint64 GiB = Q_UINT64_C(1) << 30;
constexpr qint64 kNone = -1; // "nullopt" in table rows
} // namespace

class TestWalSegment : public QObject {
    Q_OBJECT
private slots:
    void segmentSizes_data()
    {
        QTest::addColumn<quint64>("size");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<quint64>("perLogId");
        QTest::newRow("1MiB") << 1 * MiB << true << quint64(4096);
        QTest::newRow("2MiB") << 2 * MiB << true << quint64(2048);
        QTest::newRow("16MiB") << 16 * MiB << true << quint64(256);
        QTest::newRow("64MiB") << 64 * MiB << true << quint64(64);
        QTest::newRow("1GiB") << 1 * GiB << true << quint64(4);
        QTest::newRow("512KiB") << MiB / 2 << false << quint64(8192);
        QTest::newRow("2GiB") << 2 * GiB << false << quint64(2);
        QTest::newRow("3MiB") << 3 * MiB << false << quint64(1365);
        QTest::newRow("16MiB+1") << 16 * MiB + 1 << false << quint64(255);
        QTest::newRow("zero") << quint64(0) << false << quint64(0);
    }
    void segmentSizes()
    {
        QFETCH(quint64, size);
        QFETCH(bool, valid);
        QFETCH(quint64, perLogId);
        QCOMPARE(isValidSegmentSize(size), valid);
        QCOMPARE(segmentsPerLogId(size), perLogId);
    }

    void lsnToSegment_data()
    {
        QTest::addColumn<quint64>("lsn");
        QTest::addColumn<quint32>("timeline");
        QTest::addColumn<quint64>("size");
        QTest::addColumn<quint64>("segno");
        QTest::addColumn<QString>("name");
        QTest::addColumn<quint64>("start");
        // segno = lsn / size; name = TLI, segno / N, segno % N with N = 2^32 / size.
        // 16 MiB: N = 256
        QTest::newRow("16MiB facts example") << Q_UINT64_C(0x282000168) << 1u << 16 * MiB << quint64(0x282)
                                             << "000000010000000200000082" << Q_UINT64_C(0x282000000);
        QTest::newRow("16MiB backup start")
            << Q_UINT64_C(0x3000028) << 1u << 16 * MiB << quint64(3) << "000000010000000000000003" << Q_UINT64_C(0x3000000);
        QTest::newRow("16MiB zero") << Q_UINT64_C(0) << 1u << 16 * MiB << quint64(0) << "000000010000000000000000"
                                    << Q_UINT64_C(0);
        QTest::newRow("16MiB last of log 0") << Q_UINT64_C(0xFFFFFFFF) << 1u << 16 * MiB << quint64(255)
                                             << "0000000100000000000000FF" << Q_UINT64_C(0xFF000000);
        QTest::newRow("16MiB first of log 1") << Q_UINT64_C(0x100000000) << 1u << 16 * MiB << quint64(256)
                                              << "000000010000000100000000" << Q_UINT64_C(0x100000000);
        QTest::newRow("16MiB tli 26") << Q_UINT64_C(0x16B374D848) << 26u << 16 * MiB << quint64(0x16B3)
                                      << "0000001A00000016000000B3" << Q_UINT64_C(0x16B3000000);
        QTest::newRow("16MiB max") << Q_UINT64_C(0xFFFFFFFFFFFFFFFF) << 0xFFFFFFFFu << 16 * MiB << Q_UINT64_C(0xFFFFFFFFFF)
                                   << "FFFFFFFFFFFFFFFF000000FF" << Q_UINT64_C(0xFFFFFFFFFF000000);
        // 1 MiB: N = 4096, segment part 000..FFF
        QTest::newRow("1MiB facts example") << Q_UINT64_C(0x282000168) << 1u << 1 * MiB << quint64(0x2820)
                                            << "000000010000000200000820" << Q_UINT64_C(0x282000000);
        QTest::newRow("1MiB last of log 0") << Q_UINT64_C(0xFFF00000) << 1u << 1 * MiB << quint64(0xFFF)
                                            << "000000010000000000000FFF" << Q_UINT64_C(0xFFF00000);
        QTest::newRow("1MiB end of log 0") << Q_UINT64_C(0xFFFFFFFF) << 1u << 1 * MiB << quint64(0xFFF)
                                           << "000000010000000000000FFF" << Q_UINT64_C(0xFFF00000);
        QTest::newRow("1MiB first of log 1") << Q_UINT64_C(0x100000000) << 1u << 1 * MiB << quint64(0x1000)
                                             << "000000010000000100000000" << Q_UINT64_C(0x100000000);
        QTest::newRow("1MiB tli 2 mid") << Q_UINT64_C(0x300012345) << 2u << 1 * MiB << quint64(0x3000)
                                        << "000000020000000300000000" << Q_UINT64_C(0x300000000);
        // 64 MiB: N = 64
        QTest::newRow("64MiB facts example") << Q_UINT64_C(0x282000168) << 1u << 64 * MiB << quint64(160)
                                             << "000000010000000200000020" << Q_UINT64_C(0x280000000);
        QTest::newRow("64MiB last of log 0") << Q_UINT64_C(0xFC000000) << 1u << 64 * MiB << quint64(63)
                                             << "00000001000000000000003F" << Q_UINT64_C(0xFC000000);
        QTest::newRow("64MiB first of log 1") << Q_UINT64_C(0x100000000) << 1u << 64 * MiB << quint64(64)
                                              << "000000010000000100000000" << Q_UINT64_C(0x100000000);
        // 1 GiB: N = 4
        QTest::newRow("1GiB facts example") << Q_UINT64_C(0x282000168) << 1u << 1 * GiB << quint64(10)
                                            << "000000010000000200000002" << Q_UINT64_C(0x280000000);
        QTest::newRow("1GiB last of log 0")
            << Q_UINT64_C(0xC0000000) << 1u << 1 * GiB << quint64(3) << "000000010000000000000003" << Q_UINT64_C(0xC0000000);
        QTest::newRow("1GiB max") << Q_UINT64_C(0xFFFFFFFFFFFFFFFF) << 0xFFFFFFFFu << 1 * GiB << Q_UINT64_C(0x3FFFFFFFF)
                                  << "FFFFFFFFFFFFFFFF00000003" << Q_UINT64_C(0xFFFFFFFFC0000000);
    }
    void lsnToSegment()
    {
        QFETCH(quint64, lsn);
        QFETCH(quint32, timeline);
        QFETCH(quint64, size);
        QFETCH(quint64, segno);
        QFETCH(QString, name);
        QFETCH(quint64, start);
        QCOMPARE(segnoOfLsn(Lsn(lsn), size), segno);
        QCOMPARE(segmentName(timeline, segno, size), name);
        QCOMPARE(segmentStartLsn(segno, size).value(), start);
        // The start of a segment lies in that segment, and the byte before it in the previous one.
        QCOMPARE(segnoOfLsn(Lsn(start), size), segno);
        if (segno > 0)
            QCOMPARE(segnoOfLsn(Lsn(start - 1), size), segno - 1);
        // The name, read back, gives the same segment.
        const auto parsed = WalFileName::parse(name);
        QVERIFY(parsed.has_value());
        QCOMPARE(parsed->timeline, timeline);
        QCOMPARE(parsed->segno(size), std::optional<quint64>(segno));
    }

    void logIdWrap_data()
    {
        QTest::addColumn<quint64>("size");
        QTest::addColumn<quint64>("segno");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("nextName");
        QTest::newRow("1MiB") << 1 * MiB << quint64(0xFFF) << "000000030000000000000FFF"
                              << "000000030000000100000000";
        QTest::newRow("1MiB log 5") << 1 * MiB << quint64(0x5FFF) << "000000030000000500000FFF"
                                    << "000000030000000600000000";
        QTest::newRow("16MiB") << 16 * MiB << quint64(0xFF) << "0000000300000000000000FF"
                               << "000000030000000100000000";
        QTest::newRow("64MiB") << 64 * MiB << quint64(0x3F) << "00000003000000000000003F"
                               << "000000030000000100000000";
        QTest::newRow("1GiB") << 1 * GiB << quint64(3) << "000000030000000000000003"
                              << "000000030000000100000000";
        QTest::newRow("1GiB log 7") << 1 * GiB << quint64(31) << "000000030000000700000003"
                                    << "000000030000000800000000";
    }
    void logIdWrap()
    {
        QFETCH(quint64, size);
        QFETCH(quint64, segno);
        QFETCH(QString, name);
        QFETCH(QString, nextName);
        QCOMPARE(segmentName(3, segno, size), name);
        QCOMPARE(segmentName(3, segno + 1, size), nextName);
    }

    void segmentNameRejectsInvalidSize()
    {
        QVERIFY(segmentName(1, 1, 3 * MiB).isEmpty());
        QVERIFY(segmentName(1, 1, 0).isEmpty());
    }

    void parseName_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<int>("kind");
        QTest::addColumn<quint32>("timeline");
        QTest::addColumn<quint32>("logId");
        QTest::addColumn<quint32>("segInLog");
        QTest::addColumn<quint32>("backupOffset");
        QTest::addColumn<int>("compression");
        QTest::addColumn<QString>("baseName");
        QTest::addColumn<QString>("hashDir");
        const int segment = int(WalFileName::Kind::Segment);
        const int partial = int(WalFileName::Kind::Partial);
        const int backup = int(WalFileName::Kind::BackupHistory);
        const int history = int(WalFileName::Kind::History);
        const int none = int(Compression::None);
        QTest::newRow("segment") << "000000010000000200000082" << segment << 1u << 2u << 0x82u << 0u << none
                                 << "000000010000000200000082"
                                 << "0000000100000002";
        // barman's regex takes either case; its hash_dir prints "%08X%08X", so the dir is upper-case.
        QTest::newRow("lower-case hex") << "0000000a0000000b000000fe" << segment << 10u << 11u << 0xFEu << 0u << none
                                        << "0000000a0000000b000000fe"
                                        << "0000000A0000000B";
        QTest::newRow("partial") << "000000010000000000000005.partial" << partial << 1u << 0u << 5u << 0u << none
                                 << "000000010000000000000005.partial"
                                 << "0000000100000000";
        QTest::newRow("backup history") << "000000010000000000000004.00000028.backup" << backup << 1u << 0u << 4u << 0x28u
                                        << none << "000000010000000000000004.00000028.backup"
                                        << "0000000100000000";
        QTest::newRow("backup history lower") << "0000000200000001000000a0.00ff0028.backup" << backup << 2u << 1u << 0xA0u
                                              << 0xFF0028u << none << "0000000200000001000000a0.00ff0028.backup"
                                              << "0000000200000001";
        QTest::newRow("history") << "00000002.history" << history << 2u << 0u << 0u << 0u << none << "00000002.history"
                                 << "";
        QTest::newRow("history hex tli") << "0000001A.history" << history << 26u << 0u << 0u << 0u << none
                                         << "0000001A.history"
                                         << "";
        QTest::newRow(".gz") << "000000010000000000000001.gz" << segment << 1u << 0u << 1u << 0u << int(Compression::Gzip)
                             << "000000010000000000000001"
                             << "0000000100000000";
        QTest::newRow(".bz2") << "000000010000000000000001.bz2" << segment << 1u << 0u << 1u << 0u << int(Compression::Bzip2)
                              << "000000010000000000000001"
                              << "0000000100000000";
        QTest::newRow(".xz") << "000000010000000000000001.xz" << segment << 1u << 0u << 1u << 0u << int(Compression::Xz)
                             << "000000010000000000000001"
                             << "0000000100000000";
        QTest::newRow(".zst") << "000000010000000000000001.zst" << segment << 1u << 0u << 1u << 0u << int(Compression::Zstd)
                              << "000000010000000000000001"
                              << "0000000100000000";
        QTest::newRow(".lz4") << "000000010000000000000001.lz4" << segment << 1u << 0u << 1u << 0u << int(Compression::Lz4)
                              << "000000010000000000000001"
                              << "0000000100000000";
        QTest::newRow(".snappy") << "000000010000000000000001.snappy" << segment << 1u << 0u << 1u << 0u
                                 << int(Compression::Snappy) << "000000010000000000000001"
                                 << "0000000100000000";
        QTest::newRow("partial.gz") << "000000020000000300000005.partial.gz" << partial << 2u << 3u << 5u << 0u
                                    << int(Compression::Gzip) << "000000020000000300000005.partial"
                                    << "0000000200000003";
        QTest::newRow("backup.bz2") << "000000010000000000000004.00000028.backup.bz2" << backup << 1u << 0u << 4u << 0x28u
                                    << int(Compression::Bzip2) << "000000010000000000000004.00000028.backup"
                                    << "0000000100000000";
        QTest::newRow("history.zst") << "00000003.history.zst" << history << 3u << 0u << 0u << 0u << int(Compression::Zstd)
                                     << "00000003.history"
                                     << "";
    }
    void parseName()
    {
        QFETCH(QString, fileName);
        QFETCH(int, kind);
        QFETCH(quint32, timeline);
        QFETCH(quint32, logId);
        QFETCH(quint32, segInLog);
        QFETCH(quint32, backupOffset);
        QFETCH(int, compression);
        QFETCH(QString, baseName);
        QFETCH(QString, hashDir);
        const auto name = WalFileName::parse(fileName);
        QVERIFY(name.has_value());
        QCOMPARE(int(name->kind), kind);
        QCOMPARE(name->timeline, timeline);
        if (name->kind != WalFileName::Kind::History) {
            QCOMPARE(name->logId, logId);
            QCOMPARE(name->segInLog, segInLog);
        }
        if (name->kind == WalFileName::Kind::BackupHistory)
            QCOMPARE(name->backupOffset, backupOffset);
        QCOMPARE(int(name->compression), compression);
        QCOMPARE(name->baseName(), baseName);
        QCOMPARE(name->hashDir(), hashDir);

        // The same row through the Qt-free path restore_command takes (it is never asked for a
        // compressed name, so it gets the base name): same fields, digits upper-cased.
        const auto plain = WalName::parse(baseName.toStdString());
        QVERIFY(plain.has_value());
        QCOMPARE(int(plain->kind), kind);
        QCOMPARE(plain->timeline, timeline);
        QCOMPARE(plain->logId, name->logId);
        QCOMPARE(plain->segInLog, name->segInLog);
        QCOMPARE(plain->backupOffset, name->backupOffset);
        QCOMPARE(QString::fromStdString(plain->text),
                 baseName.toUpper()
                     .replace(u"PARTIAL"_s, u"partial"_s)
                     .replace(u"BACKUP"_s, u"backup"_s)
                     .replace(u"HISTORY"_s, u"history"_s));
        QCOMPARE(QString::fromStdString(plain->hashDir()), hashDir);
    }

    void parseNameRejects_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::newRow("empty") << "";
        QTest::newRow("junk") << "hello";
        QTest::newRow("backup.info") << "backup.info";
        QTest::newRow(".zstd is not barman's suffix") << "000000010000000000000001.zstd";
        QTest::newRow("23 hex") << "00000001000000000000001";
        QTest::newRow("25 hex") << "0000000100000000000000011";
        QTest::newRow("non-hex digit") << "00000001000000000000000G";
        QTest::newRow("upper-case PARTIAL") << "000000010000000000000001.PARTIAL";
        QTest::newRow("double partial") << "000000010000000000000001.partial.partial";
        QTest::newRow("7-digit backup offset") << "000000010000000000000004.0000028.backup";
        QTest::newRow("backup without offset") << "000000010000000000000004.backup";
        QTest::newRow("non-hex backup offset") << "000000010000000000000004.0000002G.backup";
        QTest::newRow("History capitalised") << "00000002.History";
        QTest::newRow("7-digit history") << "0000002.history";
        QTest::newRow("segment.history") << "000000010000000000000001.history";
        QTest::newRow("double compression") << "000000010000000000000001.gz.gz";
        QTest::newRow("compression before partial") << "000000010000000000000001.gz.partial";
        QTest::newRow("tar") << "000000010000000000000001.tar";
        QTest::newRow("suffix only") << ".gz";
        QTest::newRow("hash dir") << "0000000100000000";
        QTest::newRow("trailing slash") << "000000010000000000000001/";
        QTest::newRow("leading space") << " 000000010000000000000001";
        QTest::newRow("tmp upload") << "000000010000000000000001.tmp";
    }
    void parseNameRejects()
    {
        QFETCH(QString, fileName);
        QVERIFY(!WalFileName::parse(fileName).has_value());
        // A compressed name is fine for the catalog but never what PostgreSQL asks for.
        QVERIFY(!WalName::parse(fileName.toStdString()).has_value());
    }

    void parseNameRejectsNonAscii()
    {
        // U+0660..U+0669 are digits to QChar::isDigit; a parser that trusted them would invent names.
        QVERIFY(!WalFileName::parse(u"00000001000000000000000\u0661"_s).has_value());
        QVERIFY(!WalFileName::parse(u"000000010000000000000001.partia\u0142"_s).has_value());
        QVERIFY(!WalName::parse("00000001000000000000000\xd9\xa1").has_value());
    }

    void advanced_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<quint64>("size");
        QTest::addColumn<quint64>("steps");
        QTest::addColumn<QString>("expected"); // empty: nullopt
        QTest::newRow("next") << "000000010000000000000001" << 16 * MiB << quint64(1) << "000000010000000000000002";
        QTest::newRow("into next log id") << "0000000100000000000000FF" << 16 * MiB << quint64(1)
                                          << "000000010000000100000000";
        QTest::newRow("1MiB log id") << "000000010000000000000FFF" << 1 * MiB << quint64(2) << "000000010000000100000001";
        QTest::newRow("end of address space") << "00000001FFFFFFFF000000FF" << 16 * MiB << quint64(1) << "";
        QTest::newRow("huge steps") << "000000010000000000000001" << 16 * MiB << ~quint64(0) << "";
        QTest::newRow("partial") << "000000010000000000000001.partial" << 16 * MiB << quint64(1) << "";
        QTest::newRow("impossible for size") << "0000000100000000000000FF" << 64 * MiB << quint64(1) << "";
    }
    void advanced()
    {
        QFETCH(QString, name);
        QFETCH(quint64, size);
        QFETCH(quint64, steps);
        QFETCH(QString, expected);
        const auto parsed = WalName::parse(name.toStdString());
        QVERIFY(parsed.has_value());
        const auto next = parsed->advanced(size, steps);
        if (expected.isEmpty()) {
            QVERIFY(!next.has_value());
        } else {
            QVERIFY(next.has_value());
            QCOMPARE(QString::fromStdString(next->text), expected);
            // What segmentName() spells for the same segment number.
            QCOMPARE(segmentName(next->timeline, *next->segno(size), size), expected);
        }
    }

    void segno_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<quint64>("size");
        QTest::addColumn<qint64>("segno");
        QTest::newRow("FF in 16MiB") << "0000000100000000000000FF" << 16 * MiB << qint64(255);
        QTest::newRow("FF in 1MiB") << "0000000100000000000000FF" << 1 * MiB << qint64(255);
        QTest::newRow("FF impossible in 64MiB") << "0000000100000000000000FF" << 64 * MiB << kNone;
        QTest::newRow("FF impossible in 1GiB") << "0000000100000000000000FF" << 1 * GiB << kNone;
        QTest::newRow("100 impossible in 16MiB") << "000000010000000100000100" << 16 * MiB << kNone;
        QTest::newRow("100 in 1MiB") << "000000010000000100000100" << 1 * MiB << qint64(4096 + 256);
        QTest::newRow("100 in 2MiB") << "000000010000000100000100" << 2 * MiB << qint64(2048 + 256);
        QTest::newRow("3 in 1GiB") << "000000010000000200000003" << 1 * GiB << qint64(2 * 4 + 3);
        QTest::newRow("4 impossible in 1GiB") << "000000010000000200000004" << 1 * GiB << kNone;
        QTest::newRow("3 in 64MiB") << "000000010000000200000003" << 64 * MiB << qint64(2 * 64 + 3);
        QTest::newRow("1000 impossible in 1MiB") << "000000010000000000001000" << 1 * MiB << kNone;
        QTest::newRow("invalid size") << "000000010000000000000000" << 3 * MiB << kNone;
        QTest::newRow("history has none") << "00000002.history" << 16 * MiB << kNone;
        QTest::newRow("backup history") << "000000010000000000000004.00000028.backup" << 16 * MiB << qint64(4);
        QTest::newRow("partial") << "0000000100000001000000FF.partial.gz" << 16 * MiB << qint64(511);
    }
    void segno()
    {
        QFETCH(QString, fileName);
        QFETCH(quint64, size);
        QFETCH(qint64, segno);
        const auto name = WalFileName::parse(fileName);
        QVERIFY(name.has_value());
        const auto got = name->segno(size);
        if (segno == kNone) {
            QVERIFY2(!got.has_value(), qPrintable(QString::number(got.value_or(0))));
        } else {
            QVERIFY(got.has_value());
            QCOMPARE(*got, quint64(segno));
        }
    }

    void inferSegmentSize_data()
    {
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<qint64>("size");
        QTest::newRow("nothing: the default") << QStringList{} << qint64(16 * MiB);
        QTest::newRow("history only") << QStringList{u"00000002.history"_s} << qint64(16 * MiB);
        QTest::newRow("small parts: the default")
            << QStringList{u"000000010000000000000001"_s, u"000000010000000000000003.gz"_s} << qint64(16 * MiB);
        QTest::newRow("FF still fits 16MiB")
            << QStringList{u"0000000100000000000000FF"_s, u"000000010000000100000000"_s} << qint64(16 * MiB);
        QTest::newRow("100 rules out 16MiB")
            << QStringList{u"0000000100000000000000FF"_s, u"000000010000000000000100.zst"_s} << qint64(1 * MiB);
        QTest::newRow("FFF fits only 1MiB") << QStringList{u"000000010000000000000FFF"_s} << qint64(1 * MiB);
        QTest::newRow("partial counts") << QStringList{u"000000010000000000000001"_s, u"000000010000000000000200.partial"_s}
                                        << qint64(1 * MiB);
        QTest::newRow("1000 fits nothing") << QStringList{u"000000010000000000001000"_s} << kNone;
        QTest::newRow("one bad name spoils it")
            << QStringList{u"000000010000000000000001"_s, u"00000002.history"_s, u"0000000100000000FFFFFFFF.gz"_s} << kNone;
    }
    void inferSegmentSize()
    {
        QFETCH(QStringList, names);
        QFETCH(qint64, size);
        QList<WalFileName> parsed;
        for (const QString& n : names) {
            const auto name = WalFileName::parse(n);
            QVERIFY2(name.has_value(), qPrintable(n));
            parsed.append(*name);
        }
        const auto got = tideline::wal::inferSegmentSize(parsed);
        if (size == kNone) {
            QVERIFY(!got.has_value());
        } else {
            QVERIFY(got.has_value());
            QCOMPARE(*got, quint64(size));
        }
    }
};

QTEST_GUILESS_MAIN(TestWalSegment)
#include "TestWalSegment.moc"
