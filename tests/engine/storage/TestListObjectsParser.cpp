// SPDX-License-Identifier: GPL-3.0-or-later
// The ListObjectsV2 parser on answers as s3rver (captured), AWS and R2 write them, held to what
// botocore's own parser makes of the same bytes; and the answers it must refuse.
#include "engine/storage/ListObjectsParser.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace tideline;
using namespace tideline::storage;

namespace {
const QString kData = QStringLiteral(TIDELINE_SOURCE_DIR "/tests/data/list/");

QByteArray read(const QString& name)
{
    QFile f(kData + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

class TestListObjectsParser : public QObject {
    Q_OBJECT
    QJsonObject m_botocore;

private slots:
    void initTestCase()
    {
        QStringList files;
        for (const char* name :
             {"s3rver-delimiter.xml", "s3rver-truncated.xml", "aws-url-encoded.xml", "r2-odd-keys.xml", "commented.xml"})
            files << kData + QLatin1String(name);
        QProcess p;
        p.start(QStringLiteral("/usr/bin/python3"),
                QStringList{QStringLiteral(TIDELINE_SOURCE_DIR "/tests/support/botocore_list.py")} + files);
        QVERIFY(p.waitForFinished(60'000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        m_botocore = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        QCOMPARE(m_botocore.size(), files.size());
    }

    void agreesWithBotocore_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("s3rver, delimiter and common prefixes") << "s3rver-delimiter.xml";
        QTest::newRow("s3rver, truncated with a token") << "s3rver-truncated.xml";
        QTest::newRow("AWS, EncodingType=url, indented") << "aws-url-encoded.xml";
        QTest::newRow("R2-style, entities and non-ASCII keys") << "r2-odd-keys.xml";
        QTest::newRow("a comment and CDATA (the slow path)") << "commented.xml";
    }
    void agreesWithBotocore()
    {
        QFETCH(QString, file);
        // Both parsers: the one every listing goes through, and the XML reader it falls back to.
        for (const auto parse : {parseListObjectsPage, parseListObjectsPageWithXmlReader}) {
            compareWithBotocore(file, parse(read(file)));
            if (QTest::currentTestFailed())
                return;
        }
    }

    // The fast byte scanner and QXmlStreamReader give one answer, on documents the scanner reads
    // and on those it leaves to the reader (line ends it would have to normalise, tabs, DEL,
    // entity-quoted ETags, "]]>" in text).
    void bothPathsAgree_data()
    {
        QTest::addColumn<QByteArray>("xml");
        QTest::addColumn<bool>("scanned"); // whether the fast scanner reads it, or leaves it to the reader
        for (const char* file : {"s3rver-delimiter.xml", "s3rver-truncated.xml", "aws-url-encoded.xml"}) {
            const QByteArray xml = read(QLatin1String(file));
            const auto key = [&](const char* tail) { return QByteArray(xml).replace("</Key>", QByteArray(tail) + "</Key>"); };
            QTest::addRow("%s", file) << xml << true;
            QTest::addRow("%s, tabs", file) << QByteArray(xml).replace("><", ">\t<") << true;
            QTest::addRow("%s, DEL in a key", file) << key("\x7f") << true;
            QTest::addRow("%s, ETags in plain quotes", file)
                << QByteArray(xml).replace("<ETag>&quot;", "<ETag>\"").replace("&quot;</ETag>", "\"</ETag>") << true;
            QTest::addRow("%s, ETags as &quot;", file)
                << QByteArray(xml).replace("<ETag>\"", "<ETag>&quot;").replace("\"</ETag>", "&quot;</ETag>") << true;
            QTest::addRow("%s, character references", file) << key("&#65;&#x42;&#x0063;") << true;
            QTest::addRow("%s, CRLF", file) << QByteArray(xml).replace("\n", "\r\n") << false;
            QTest::addRow("%s, a lone CR in a key", file) << key("\r") << false;
            QTest::addRow("%s, ]]> in a key", file) << key("]]&gt;]]>") << false;
            QTest::addRow("%s, a control byte", file) << QByteArray(xml).replace("</Size>", "\x01</Size>") << false;
            for (const char* reference : {"&#+65;", "&# 65;", "&#65 ;", "&#x+41;", "&#x 41;", "&#X41;", "&#;", "&#x;"})
                QTest::addRow("%s, %s in a key", file, reference) << key(reference) << false;
        }
        const QByteArray body = read(QStringLiteral("s3rver-delimiter.xml"));
        const qsizetype root = body.indexOf("<ListBucketResult");
        for (const char* declaration :
             {"<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<?xml version='1.0' encoding='utf-8' standalone='yes'?>"})
            QTest::addRow("%s", declaration) << QByteArray(declaration) + body.mid(root) << true;
        for (const char* declaration :
             {"<?xml encoding=\"UTF-8\" version=\"1.0\"?>", "<?xml version=\"1.0\" standalone=\"YES\"?>",
              "<?xml version=\"1.0\" standalone=\"yes\" encoding=\"UTF-8\"?>", "<?xml version=\"1.0\" version=\"1.0\"?>",
              "<?xml standalone=\"no\"?>", "<?xml version=\"1.1\"?>"})
            QTest::addRow("%s", declaration) << QByteArray(declaration) + body.mid(root) << false;
    }
    void bothPathsAgree()
    {
        QFETCH(QByteArray, xml);
        QFETCH(bool, scanned);
        const auto fast = parseListObjectsPageFast(xml);
        QCOMPARE(fast.has_value(), scanned);
        const auto page = parseListObjectsPage(xml);
        const auto reference = parseListObjectsPageWithXmlReader(xml);
        QCOMPARE(page.has_value(), reference.has_value());
        if (!page) {
            QCOMPARE(page.error().message, reference.error().message);
            return;
        }
        QCOMPARE(page->objects.size(), reference->objects.size());
        for (qsizetype i = 0; i < page->objects.size(); ++i) {
            QCOMPARE(page->objects[i].key, reference->objects[i].key);
            QCOMPARE(page->objects[i].size, reference->objects[i].size);
            QCOMPARE(page->objects[i].etag, reference->objects[i].etag);
            QCOMPARE(page->objects[i].lastModifiedUsec, reference->objects[i].lastModifiedUsec);
        }
        QCOMPARE(page->prefixes, reference->prefixes);
        QCOMPARE(page->truncated, reference->truncated);
        QCOMPARE(page->nextToken, reference->nextToken);
    }

    // The same document with a comment (which only the XML reader takes) parses to the same page.
    void aCommentChangesNothing()
    {
        const auto fast = parseListObjectsPage(read(QStringLiteral("s3rver-delimiter.xml")));
        const auto slow = parseListObjectsPage(read(QStringLiteral("commented.xml")));
        QVERIFY(fast && slow);
        QCOMPARE(slow->objects.size(), fast->objects.size());
        for (qsizetype i = 0; i < fast->objects.size(); ++i) {
            QCOMPARE(slow->objects[i].key, fast->objects[i].key);
            QCOMPARE(slow->objects[i].etag, fast->objects[i].etag);
            QCOMPARE(slow->objects[i].lastModifiedUsec, fast->objects[i].lastModifiedUsec);
        }
        QCOMPARE(slow->prefixes, fast->prefixes);
    }

private:
    void compareWithBotocore(const QString& file, const Result<ListPage>& page)
    {
        QVERIFY2(page, page ? "" : qPrintable(page.error().oneLine()));
        const QJsonObject want = m_botocore.value(kData + file).toObject();
        QVERIFY(!want.isEmpty());
        const QJsonArray keys = want.value(QStringLiteral("keys")).toArray();
        QCOMPARE(page->objects.size(), keys.size());
        for (qsizetype i = 0; i < keys.size(); ++i) {
            const ObjectInfo& o = page->objects[i];
            QCOMPARE(o.key, keys[i].toString());
            QCOMPARE(o.size, want.value(QStringLiteral("sizes")).toArray()[i].toInteger());
            QCOMPARE(o.etag, want.value(QStringLiteral("etags")).toArray()[i].toString());
            QCOMPARE(o.lastModifiedUsec, want.value(QStringLiteral("modified_us")).toArray()[i].toInteger());
        }
        QStringList prefixes;
        for (const QJsonValue& v : want.value(QStringLiteral("prefixes")).toArray())
            prefixes << v.toString();
        QCOMPARE(page->prefixes, prefixes);
        QCOMPARE(page->truncated, want.value(QStringLiteral("truncated")).toBool());
        QCOMPARE(page->nextToken, want.value(QStringLiteral("token")).toString());
    }

private slots:
    void refusesWhatIsNotAListing_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("why");
        QTest::newRow("an <Error> body") << "s3rver-no-such-bucket.xml"
                                         << "<Error>";
        QTest::newRow("a negative size") << "bad-size.xml"
                                         << "<Size>";
        QTest::newRow("cut short") << "cut-short.xml"
                                   << "could not be parsed";
        QTest::newRow("a proxy's HTML page") << "html.xml"
                                             << "<html>";
    }
    void refusesWhatIsNotAListing()
    {
        QFETCH(QString, file);
        QFETCH(QString, why);
        const auto page = parseListObjectsPage(read(file));
        QVERIFY(!page);
        QCOMPARE(page.error().code, ErrorCode::Corrupt);
        QVERIFY2(page.error().message.contains(why), qPrintable(page.error().message));
        QVERIFY(!page.error().hint.isEmpty());
    }

    void etagQuotes()
    {
        QCOMPARE(unquotedEtag(QStringLiteral(" \"abc-2\" ")), QStringLiteral("abc-2"));
        QCOMPARE(unquotedEtag(QStringLiteral("abc")), QStringLiteral("abc"));
        QCOMPARE(unquotedEtag(QStringLiteral("\"")), QStringLiteral("\""));
    }
};

QTEST_GUILESS_MAIN(TestListObjectsParser)
#include "TestListObjectsParser.moc"
