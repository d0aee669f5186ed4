// SPDX-License-Identifier: GPL-3.0-or-later
// Archives are made at test time by Python's tarfile (what barman-cloud uses) and GNU tar, and
// fed to the extractor in awkward chunk sizes.
#include "engine/restore/TarExtractor.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace tideline;
using tideline::restore::TarExtractor;

namespace {
// Runs a Python snippet that writes a tar to sys.argv[1]; returns its bytes.
QByteArray pythonTar(const QString& body, const QString& format = QStringLiteral("tarfile.PAX_FORMAT"))
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("t.tar"));
    const QString script = QStringLiteral("import io, sys, tarfile, time\n"
                                          "t = tarfile.open(sys.argv[1], 'w', format=%1)\n"
                                          "def add(name, data=b'', type=tarfile.REGTYPE, link='', mode=0o600, pax=None):\n"
                                          "    i = tarfile.TarInfo(name); i.type = type; i.linkname = link; i.mode = mode\n"
                                          "    i.pax_headers = dict(pax or {})\n"
                                          "    i.size = len(data) if type == tarfile.REGTYPE else 0; i.mtime = 1700000000\n"
                                          "    t.addfile(i, io.BytesIO(data) if type == tarfile.REGTYPE else None)\n")
                               .arg(format)
        + body + QStringLiteral("\nt.close()\n");
    QProcess p;
    p.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), script, out});
    p.waitForFinished(20'000);
    if (p.exitCode() != 0)
        qFatal("python tar failed: %s", p.readAllStandardError().constData());
    QFile f(out);
    f.open(QIODevice::ReadOnly);
    return f.readAll();
}

Result<void> extract(const QByteArray& tar, const QString& root, qsizetype chunk, QStringList* skipped = nullptr)
{
    TarExtractor x(root, [&](const QString& path, const QString&) {
        if (skipped)
            skipped->append(path);
    });
    for (qsizetype i = 0; i < tar.size(); i += chunk)
        if (auto r = x.feed(QByteArrayView(tar).sliced(i, std::min(chunk, tar.size() - i))); !r)
            return r;
    return x.finish();
}

// Check-only mode (verify): the same verdicts, no writes; files' bytes by path.
Result<void> checkOnly(const QByteArray& tar, qsizetype chunk, QMap<QString, QByteArray>* files = nullptr)
{
    TarExtractor x(TarExtractor::CheckOnly{}, [&](const QString& path, char, QByteArrayView data) {
        if (files)
            (*files)[path].append(data.data(), data.size());
    });
    for (qsizetype i = 0; i < tar.size(); i += chunk)
        if (auto r = x.feed(QByteArrayView(tar).sliced(i, std::min(chunk, tar.size() - i))); !r)
            return r;
    return x.finish();
}

QByteArray read(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}
} // namespace

class TestTarExtractor : public QObject {
    Q_OBJECT
private slots:
    void extractsWhatPythonWrites_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<int>("chunk");
        for (const char* f : {"tarfile.PAX_FORMAT", "tarfile.GNU_FORMAT", "tarfile.USTAR_FORMAT"})
            for (int chunk : {1, 511, 513, 65536})
                QTest::newRow(qPrintable(QStringLiteral("%1/%2").arg(QLatin1String(f)).arg(chunk)))
                    << QString::fromLatin1(f) << chunk;
    }
    void extractsWhatPythonWrites()
    {
        QFETCH(QString, format);
        QFETCH(int, chunk);
        const QString longDir = QString(60, QLatin1Char('d')) + QLatin1Char('/') + QString(60, QLatin1Char('e'));
        const bool ustar = format.contains(QLatin1String("USTAR"));
        const QString longName =
            ustar ? longDir + QStringLiteral("/f") : longDir + QLatin1Char('/') + QString(120, QLatin1Char('f'));
        const QByteArray tar =
            pythonTar(QStringLiteral("add('base', type=tarfile.DIRTYPE, mode=0o700)\n"
                                     "add('base/1/123', b'x' * 100000)\n"
                                     "add('PG_VERSION', b'15\\n')\n"
                                     "add('global/pg_control', bytes(range(256)) * 32)\n"
                                     "add('empty', b'')\n"
                                     "add('%1', b'long')\n"
                                     "add('link_inside', type=tarfile.SYMTYPE, link='global/pg_control')\n"
                                     "add('hard', type=tarfile.LNKTYPE, link='PG_VERSION')\n"
                                     "add('pg_tblspc/16385', type=tarfile.SYMTYPE, link='/mnt/tbs')\n")
                          .arg(longName),
                      format);
        QTemporaryDir root;
        QStringList skipped;
        const auto r = extract(tar, root.path(), chunk, &skipped);
        QVERIFY2(r, qPrintable(r ? QString() : r.error().oneLine()));
        QCOMPARE(read(root.filePath(QStringLiteral("base/1/123"))), QByteArray(100000, 'x'));
        QCOMPARE(read(root.filePath(QStringLiteral("PG_VERSION"))), QByteArray("15\n"));
        QCOMPARE(read(root.filePath(QStringLiteral("global/pg_control"))).size(), 256 * 32);
        QCOMPARE(read(root.filePath(QStringLiteral("empty"))), QByteArray());
        QCOMPARE(read(root.filePath(longName)), QByteArray("long"));
        QCOMPARE(QFileInfo(root.filePath(QStringLiteral("link_inside"))).symLinkTarget(),
                 QFileInfo(root.filePath(QStringLiteral("global/pg_control"))).absoluteFilePath());
        QCOMPARE(read(root.filePath(QStringLiteral("hard"))), QByteArray("15\n"));
        QVERIFY(!QFileInfo::exists(root.filePath(QStringLiteral("pg_tblspc/16385"))));
        QCOMPARE(skipped, QStringList{QStringLiteral("pg_tblspc/16385")});
        QCOMPARE(QFileInfo(root.filePath(QStringLiteral("base/1/123"))).lastModified().toSecsSinceEpoch(), 1700000000);
        QCOMPARE(QFileInfo(root.filePath(QStringLiteral("base/1/123"))).permissions() & 0x0077, QFileDevice::Permissions());

        // Check-only reads the same archive cleanly, sees the same bytes, writes nothing.
        QMap<QString, QByteArray> files;
        const QString cwd = QDir::currentPath();
        QTemporaryDir empty;
        QDir::setCurrent(empty.path());
        const auto checked = checkOnly(tar, chunk, &files);
        QDir::setCurrent(cwd);
        QVERIFY2(checked, qPrintable(checked ? QString() : checked.error().oneLine()));
        QCOMPARE(files.value(QStringLiteral("base/1/123")), QByteArray(100000, 'x'));
        QCOMPARE(files.value(QStringLiteral("PG_VERSION")), QByteArray("15\n"));
        QCOMPARE(files.value(QStringLiteral("global/pg_control")).size(), 256 * 32);
        QVERIFY(QDir(empty.path()).isEmpty());
    }

    void refusesEscapes_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("why");
        QTest::newRow("dotdot") << "add('../evil', b'x')"
                                << "outside";
        QTest::newRow("nested-dotdot") << "add('base/../../evil', b'x')"
                                       << "outside";
        QTest::newRow("absolute") << "add('/tmp/evil', b'x')"
                                  << "outside";
        QTest::newRow("symlink-escape") << "add('out', type=tarfile.SYMTYPE, link='../../etc')"
                                        << "leaves";
        QTest::newRow("symlink-absolute") << "add('out', type=tarfile.SYMTYPE, link='/etc')"
                                          << "leaves";
        QTest::newRow("through-symlink") << "add('d', type=tarfile.DIRTYPE)\nadd('l', type=tarfile.SYMTYPE, link='d')\n"
                                            "add('l/f', b'x')"
                                         << "through the symbolic link";
        QTest::newRow("hardlink-outside") << "add('h', type=tarfile.LNKTYPE, link='../../etc/passwd')"
                                          << "outside";
        QTest::newRow("hardlink-missing") << "add('h', type=tarfile.LNKTYPE, link='nothing')"
                                          << "not an extracted file";
        QTest::newRow("device") << "add('dev', type=tarfile.CHRTYPE)"
                                << "device";
        // Names that differ between the parser's view and the system's: a NUL in a pax record or
        // a GNU long name would be cut by the C string the system gets.
        QTest::newRow("pax-nul-linkpath") << "add('a1', type=tarfile.SYMTYPE, link='x', pax={'linkpath': '..\\x00'})\n"
                                             "add('h', type=tarfile.LNKTYPE, link='a1/evil')\nadd('h', b'x')"
                                          << "control character";
        QTest::newRow("pax-nul-path") << "add('x', b'x', pax={'path': '..\\x00/evil'})"
                                      << "control character";
        QTest::newRow("pax-newline-path") << "add('x', b'x', pax={'path': 'a\\nb'})"
                                          << "control character";
        QTest::newRow("pax-not-utf8") << "add('x', b'x', pax={'path': 'a\\udcff'})"
                                      << "not UTF-8";
        QTest::newRow("hardlink-through-symlink") << "add('d', type=tarfile.DIRTYPE)\nadd('d/f', b'x')\n"
                                                     "add('l', type=tarfile.SYMTYPE, link='d')\n"
                                                     "add('h', type=tarfile.LNKTYPE, link='l/f')"
                                                  << "through the symbolic link";
        QTest::newRow("file-over-implicit-dir") << "add('a/b', b'x')\nadd('a', b'y')"
                                                << "a directory in the archive and a file too";
        QTest::newRow("hardlink-to-itself") << "add('f', b'x')\nadd('f', type=tarfile.LNKTYPE, link='f')"
                                            << "not an extracted file";
        QTest::newRow("dir-over-symlink") << "add('d', type=tarfile.DIRTYPE)\nadd('l', type=tarfile.SYMTYPE, link='d')\n"
                                             "add('l', type=tarfile.DIRTYPE)"
                                          << "a directory in the archive and a file or link too";
    }
    void refusesEscapes()
    {
        QFETCH(QString, body);
        QFETCH(QString, why);
        QTemporaryDir outer;
        const QString root = outer.filePath(QStringLiteral("a/b"));
        QDir().mkpath(root);
        const auto r = extract(pythonTar(body), root, 4096);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Corrupt);
        QVERIFY2(r.error().message.contains(why), qPrintable(r.error().message));
        QVERIFY(!QFileInfo::exists(outer.filePath(QStringLiteral("evil"))));
        QVERIFY(!QFileInfo::exists(outer.filePath(QStringLiteral("a/evil"))));
        QVERIFY(!QFileInfo::exists(QStringLiteral("/tmp/evil")));

        // verify's check-only reading refuses it for the same reason.
        for (qsizetype chunk : {1, 4096}) {
            const auto c = checkOnly(pythonTar(body), chunk);
            QVERIFY(!c);
            QCOMPARE(c.error().code, ErrorCode::Corrupt);
            QVERIFY2(c.error().message.contains(why), qPrintable(c.error().message));
        }
    }

    void gnuLongNamesWithNulAreRefused()
    {
        const QByteArray tar =
            pythonTar(QStringLiteral("add('..\\x00' + 'd' * 120, b'x')"), QStringLiteral("tarfile.GNU_FORMAT"));
        QTemporaryDir root;
        const auto r = extract(tar, root.path(), 512);
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains(QLatin1String("control character")), qPrintable(r.error().message));
    }

    // A file replaces what is at its name: bytes written to a name that an earlier entry
    // hard-linked never reach the link's other name.
    void aFileReplacesAnEarlierHardLink()
    {
        const QByteArray tar = pythonTar(QStringLiteral("add('f', b'first')\nadd('h', type=tarfile.LNKTYPE, link='f')\n"
                                                        "add('h', b'second')"));
        QTemporaryDir root;
        QVERIFY(extract(tar, root.path(), 512));
        QCOMPARE(read(root.filePath(QStringLiteral("f"))), QByteArray("first"));
        QCOMPARE(read(root.filePath(QStringLiteral("h"))), QByteArray("second"));
    }

    // A stream cut between two entries parses cleanly up to the cut: only the end-of-archive
    // blocks tell it from a whole one.
    void aCutAtAnEntryBoundaryFails()
    {
        const QByteArray tar = pythonTar(QStringLiteral("add('a', b'y' * 5000)\nadd('b', b'z' * 5000)"));
        // a's header and data (5000 bytes padded to 5120), b's header and data: 2 + 10 + 10 blocks
        // with the pax headers Python writes only when needed (none here).
        const qsizetype endOfB = tar.indexOf(QByteArray(5000, 'z')) + 5120;
        QVERIFY(endOfB > 5120);
        for (const qsizetype cut : {endOfB, tar.indexOf(QByteArray(5000, 'z')) - 512, endOfB + 512}) {
            QTemporaryDir root;
            const auto r = extract(tar.left(cut), root.path(), 1000);
            QVERIFY2(!r, qPrintable(QString::number(cut)));
            QCOMPARE(r.error().code, ErrorCode::Corrupt);
        }
        QTemporaryDir whole;
        QVERIFY(extract(tar.left(endOfB + 1024), whole.path(), 1000));
        QCOMPARE(read(whole.filePath(QStringLiteral("b"))), QByteArray(5000, 'z'));
    }

    void truncatedArchiveFails()
    {
        const QByteArray tar = pythonTar(QStringLiteral("add('a', b'y' * 5000)\nadd('b', b'z' * 5000)"));
        QTemporaryDir root;
        const auto r = extract(tar.left(3000), root.path(), 1000);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Corrupt);
        QTemporaryDir root2;
        QByteArray bad = tar;
        bad[148] = 'X'; // the checksum field
        QVERIFY(!extract(bad, root2.path(), 512));
    }

    // A decompression bomb: a header announcing 1 GiB of zeros, into a 320 MiB tmpfs. The
    // extractor stops on its own free-space floor (Refused), never at ENOSPC with the disk full.
    void aBombStopsBeforeTheDiskIsFull()
    {
        QTemporaryDir mountPoint;
        if (QProcess::execute(QStringLiteral("mount"),
                              {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                               QStringLiteral("size=320m"), QStringLiteral("tmpfs"), mountPoint.path()})
            != 0)
            QSKIP("mounting a tmpfs needs root");
        const QByteArray header =
            pythonTar(QStringLiteral("i = tarfile.TarInfo('zeros'); i.size = 1 << 30; i.mtime = 1700000000\n"
                                     "t.fileobj.write(i.tobuf(tarfile.PAX_FORMAT)); t.offset += 512"))
                .left(512);
        Result<void> r;
        qint64 fed = 0;
        {
            TarExtractor x(mountPoint.path());
            r = x.feed(header);
            const QByteArray zeros(1 << 20, '\0');
            while (r && fed < (1LL << 30)) {
                r = x.feed(zeros);
                fed += zeros.size();
            }
        }
        QProcess::execute(QStringLiteral("umount"), {mountPoint.path()});
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Refused);
        QVERIFY2(r.error().message.contains(QLatin1String("nearly full")), qPrintable(r.error().oneLine()));
        QVERIFY(fed < (320LL << 20));
    }

    void gnuTarReadsBack()
    {
        // What we extract, GNU tar agrees with: same file list and bytes.
        QTemporaryDir src;
        QDir().mkpath(src.filePath(QStringLiteral("x/y")));
        QFile f(src.filePath(QStringLiteral("x/y/") + QString(150, QLatin1Char('n'))));
        f.open(QIODevice::WriteOnly);
        f.write(QByteArray(70000, 'q'));
        f.close();
        QProcess tar;
        tar.start(QStringLiteral("tar"),
                  {QStringLiteral("-C"), src.path(), QStringLiteral("-cf"), QStringLiteral("-"), QStringLiteral("x")});
        tar.waitForFinished(20'000);
        const QByteArray bytes = tar.readAllStandardOutput();
        QTemporaryDir root;
        QVERIFY(extract(bytes, root.path(), 7777));
        QCOMPARE(read(root.filePath(QStringLiteral("x/y/") + QString(150, QLatin1Char('n')))), QByteArray(70000, 'q'));
    }
};

QTEST_GUILESS_MAIN(TestTarExtractor)
#include "TestTarExtractor.moc"
