// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/storage/LocalStore.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

using namespace tideline;
using namespace tideline::storage;

namespace {

QStringList keysOf(const Listing& l)
{
    QStringList out;
    for (const auto& o : l.objects)
        out.append(o.key);
    return out;
}

} // namespace

class TestLocalStore : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    CancelToken m_cancel;

    LocalStore store() { return LocalStore(m_dir.path()); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        LocalStore s = store();
        const QStringList keys = {
            QStringLiteral("pg/base/20250101T000000/backup.info"),
            QStringLiteral("pg/base/20250101T000000/data.tar"),
            QStringLiteral("pg/base/20250102T000000/backup.info"),
            QStringLiteral("pg/wals/0000000100000000/000000010000000000000001"),
            QStringLiteral("pg/wals/0000000100000000/000000010000000000000002.gz"),
            QStringLiteral("pg/wals/00000002.history"),
            QStringLiteral("pg/Z-upper"),
            QStringLiteral("pg/\u00e9t\u00e9"),
            QStringLiteral("pg/a b+c"),
            // UTF-16 puts the surrogate pair (D83D) before U+FF21; S3's UTF-8 bytes put it after.
            QString::fromUtf8("pg/\xEF\xBC\xA1"),
            QString::fromUtf8("pg/\xF0\x9F\x98\x80"),
            QStringLiteral("top"),
        };
        for (const QString& k : keys)
            QVERIFY(s.put(k, k.toUtf8(), m_cancel));
    }

    void listAllSorted()
    {
        LocalStore s = store();
        const auto l = s.list(QString(), QString(), m_cancel);
        QVERIFY(l);
        const QStringList keys = keysOf(*l);
        QCOMPARE(keys.size(), 12);
        QVERIFY(keys.indexOf(QString::fromUtf8("pg/\xEF\xBC\xA1")) + 1 == keys.indexOf(QString::fromUtf8("pg/\xF0\x9F\x98\x80")));
        QStringList sorted = keys;
        std::sort(sorted.begin(), sorted.end(), [](const QString& a, const QString& b) { return a.toUtf8() < b.toUtf8(); });
        QCOMPARE(keys, sorted);
        QCOMPARE(keys.first(), QStringLiteral("pg/Z-upper")); // 'Z' < 'a' as bytes
        QCOMPARE(keys.last(), QStringLiteral("top"));
        QVERIFY(l->prefixes.isEmpty());
        QCOMPARE(l->requests, 1);
        for (const auto& o : l->objects) {
            QCOMPARE(o.size, qint64(o.key.toUtf8().size()));
            QVERIFY(o.lastModifiedUsec > 0);
            QVERIFY(o.etag.isEmpty());
        }
    }

    void listDelimiter_data()
    {
        QTest::addColumn<QString>("prefix");
        QTest::addColumn<QStringList>("objects");
        QTest::addColumn<QStringList>("prefixes");
        QTest::newRow("root") << u""_s << QStringList{u"top"_s} << QStringList{u"pg/"_s};
        QTest::newRow("server") << u"pg/"_s
                                << QStringList{u"pg/Z-upper"_s, u"pg/a b+c"_s, u"pg/\u00e9t\u00e9"_s,
                                               QString::fromUtf8("pg/\xEF\xBC\xA1"), QString::fromUtf8("pg/\xF0\x9F\x98\x80")}
                                << QStringList{u"pg/base/"_s, u"pg/wals/"_s};
        QTest::newRow("partial-name") << "pg/base/2025010" << QStringList{}
                                      << QStringList{u"pg/base/20250101T000000/"_s, u"pg/base/20250102T000000/"_s};
        QTest::newRow("wals") << u"pg/wals/"_s << QStringList{u"pg/wals/00000002.history"_s}
                              << QStringList{u"pg/wals/0000000100000000/"_s};
        QTest::newRow("absent") << "nothing/" << QStringList{} << QStringList{};
    }
    void listDelimiter()
    {
        QFETCH(QString, prefix);
        QFETCH(QStringList, objects);
        QFETCH(QStringList, prefixes);
        LocalStore s = store();
        const auto l = s.list(prefix, QStringLiteral("/"), m_cancel);
        QVERIFY(l);
        QCOMPARE(keysOf(*l), objects);
        QCOMPARE(l->prefixes, prefixes);
    }

    void listPrefixWithoutDelimiter()
    {
        LocalStore s = store();
        const auto l = s.list(QStringLiteral("pg/wals/0000000100000000/"), QString(), m_cancel);
        QVERIFY(l);
        QCOMPARE(keysOf(*l),
                 (QStringList{u"pg/wals/0000000100000000/000000010000000000000001"_s,
                              u"pg/wals/0000000100000000/000000010000000000000002.gz"_s}));
    }

    void ranges_data()
    {
        QTest::addColumn<qint64>("offset");
        QTest::addColumn<qint64>("length");
        QTest::addColumn<QByteArray>("expected");
        const QByteArray all("pg/base/20250101T000000/data.tar");
        QTest::newRow("whole") << qint64(0) << qint64(-1) << all;
        QTest::newRow("head") << qint64(0) << qint64(2) << all.left(2);
        QTest::newRow("middle") << qint64(3) << qint64(4) << all.mid(3, 4);
        QTest::newRow("tail") << qint64(8) << qint64(-1) << all.mid(8);
        QTest::newRow("past-end-clamped") << qint64(30) << qint64(100) << all.mid(30);
    }
    void ranges()
    {
        QFETCH(qint64, offset);
        QFETCH(qint64, length);
        QFETCH(QByteArray, expected);
        LocalStore s = store();
        const auto data = s.get(QStringLiteral("pg/base/20250101T000000/data.tar"), m_cancel, {offset, length});
        QVERIFY(data);
        QCOMPARE(*data, expected);
    }

    void rangeBeyondEnd()
    {
        LocalStore s = store();
        const auto data = s.get(QStringLiteral("top"), m_cancel, {100, -1});
        QVERIFY(!data);
        QCOMPARE(data.error().code, ErrorCode::Refused);
    }

    void streamedReadAndHead()
    {
        LocalStore s = store();
        QByteArray big(3 * 1024 * 1024 + 17, '\0');
        for (qsizetype i = 0; i < big.size(); ++i)
            big[i] = char(i * 7);
        QVERIFY(s.put(QStringLiteral("deep/new/dir/big.bin"), big, m_cancel));
        QByteArray got;
        int chunks = 0;
        const auto info = s.read(
            QStringLiteral("deep/new/dir/big.bin"),
            [&](QByteArrayView c) -> Result<void> {
                got.append(c);
                ++chunks;
                return {};
            },
            m_cancel);
        QVERIFY(info);
        QCOMPARE(got, big);
        QVERIFY(chunks > 1);
        QCOMPARE(info->size, big.size());
        const auto h = s.head(QStringLiteral("deep/new/dir/big.bin"), m_cancel);
        QVERIFY(h);
        QCOMPARE(h->size, big.size());
        // atomic put leaves no temporaries behind
        const QStringList left = QDir(m_dir.path() + QStringLiteral("/deep/new/dir")).entryList(QDir::Files | QDir::Hidden);
        QCOMPARE(left, QStringList{u"big.bin"_s});
        // overwrite replaces
        QVERIFY(s.put(QStringLiteral("deep/new/dir/big.bin"), "small", m_cancel));
        QCOMPARE(*s.get(QStringLiteral("deep/new/dir/big.bin"), m_cancel), QByteArray("small"));
    }

    void sinkErrorAborts()
    {
        LocalStore s = store();
        const auto info = s.read(
            QStringLiteral("top"),
            [](QByteArrayView) -> Result<void> { return fail(ErrorCode::Corrupt, QStringLiteral("sink says no")); }, m_cancel);
        QVERIFY(!info);
        QCOMPARE(info.error().message, QStringLiteral("sink says no"));
    }

    void errors()
    {
        LocalStore s = store();
        auto missing = s.get(QStringLiteral("pg/nope"), m_cancel);
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
        QCOMPARE(s.head(QStringLiteral("pg"), m_cancel).error().code, ErrorCode::NotFound); // a directory is no object
        QCOMPARE(s.get(QStringLiteral("../etc/passwd"), m_cancel).error().code, ErrorCode::Usage);
        QCOMPARE(s.put(QStringLiteral("/abs"), "x", m_cancel).error().code, ErrorCode::Usage);

        LocalStore gone(m_dir.path() + QStringLiteral("/does-not-exist"));
        QCOMPARE(gone.list(QString(), QStringLiteral("/"), m_cancel).error().code, ErrorCode::MissingSource);
        QCOMPARE(gone.get(QStringLiteral("x"), m_cancel).error().code, ErrorCode::MissingSource);
        QCOMPARE(gone.put(QStringLiteral("x"), "x", m_cancel).error().code, ErrorCode::MissingSource);

        CancelToken cancelled;
        cancelled.cancel();
        QCOMPARE(s.get(QStringLiteral("top"), cancelled).error().code, ErrorCode::Cancelled);
        QCOMPARE(s.list(QString(), QString(), cancelled).error().code, ErrorCode::Cancelled);
    }
};

QTEST_GUILESS_MAIN(TestLocalStore)
#include "TestLocalStore.moc"
