// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/storage/SigV4.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace tideline::storage;

namespace {

const QString kAccessKey = QStringLiteral("AKIAIOSFODNN7EXAMPLE");
const QString kSecret = QStringLiteral("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
constexpr qint64 k20130524 = 1369353600; // 2013-05-24T00:00:00Z

QList<std::pair<QString, QString>> pairsOf(const QJsonArray& array)
{
    QList<std::pair<QString, QString>> out;
    for (const auto& v : array)
        out.append({v.toArray().at(0).toString(), v.toArray().at(1).toString()});
    return out;
}

} // namespace

class TestSigV4 : public QObject {
    Q_OBJECT
private slots:
    void basics()
    {
        QCOMPARE(SigV4::sha256Hex(""), SigV4::emptyPayloadHash());
        QCOMPARE(SigV4::emptyPayloadHash(), QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QCOMPARE(SigV4::amzDate(k20130524), QByteArray("20130524T000000Z"));
        QCOMPARE(SigV4::uriEncode(QStringLiteral("a b/c~d+e"), true), QByteArray("a%20b/c~d%2Be"));
        QCOMPARE(SigV4::uriEncode(QStringLiteral("a b/c~d+e"), false), QByteArray("a%20b%2Fc~d%2Be"));
        QCOMPARE(SigV4::uriEncode(QStringLiteral("\u00e9"), false), QByteArray("%C3%A9"));
        // no normalisation of S3 paths
        QCOMPARE(SigV4::encodePath(QStringLiteral("/b/x//./../y")), QByteArray("/b/x//./../y"));
        QCOMPARE(SigV4::encodePath(QString()), QByteArray("/"));
        QCOMPARE(SigV4::encodeQuery({{QStringLiteral("prefix"), QStringLiteral("J")},
                                     {QStringLiteral("max-keys"), QStringLiteral("2")},
                                     {QStringLiteral("empty"), QString()}}),
                 QByteArray("empty=&max-keys=2&prefix=J"));
    }

    // The published S3 examples of the AWS SigV4 documentation (also reproduced by botocore).
    void awsExamples_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("query");
        QTest::addColumn<QByteArray>("range");
        QTest::addColumn<QByteArray>("signedHeaders");
        QTest::addColumn<QByteArray>("signature");
        QTest::newRow("get-object-range") << "/test.txt"
                                          << "" << QByteArray("bytes=0-9")
                                          << QByteArray("host;range;x-amz-content-sha256;x-amz-date")
                                          << QByteArray("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
        QTest::newRow("list-objects") << "/"
                                      << "max-keys=2&prefix=J" << QByteArray()
                                      << QByteArray("host;x-amz-content-sha256;x-amz-date")
                                      << QByteArray("34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
    }
    void awsExamples()
    {
        QFETCH(QString, path);
        QFETCH(QString, query);
        QFETCH(QByteArray, range);
        QFETCH(QByteArray, signedHeaders);
        QFETCH(QByteArray, signature);
        SigV4Request rq;
        rq.host = QStringLiteral("examplebucket.s3.amazonaws.com");
        rq.path = path;
        for (const QString& pair : query.split(u'&', Qt::SkipEmptyParts))
            rq.query.append({pair.section(u'=', 0, 0), pair.section(u'=', 1)});
        if (!range.isEmpty())
            rq.headers.append({"Range", range});
        rq.payloadHash = SigV4::emptyPayloadHash();
        const SigV4Signed s = SigV4::sign(rq, {kAccessKey, kSecret, {}}, QStringLiteral("us-east-1"), k20130524);
        QCOMPARE(s.signature, signature);
        QCOMPARE(s.authorization,
                 "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                 "SignedHeaders="
                     + signedHeaders + ", Signature=" + signature);
        // Never a checksum or chunked-upload header (R2 rejects them).
        for (const auto& [name, value] : s.headers) {
            QVERIFY(!name.startsWith("x-amz-checksum"));
            QVERIFY(!value.startsWith("STREAMING-"));
        }
    }

    void sessionTokenIsSigned()
    {
        SigV4Request rq;
        rq.host = QStringLiteral("h");
        rq.path = QStringLiteral("/b/k");
        const SigV4Signed s = SigV4::sign(rq, {kAccessKey, kSecret, QStringLiteral("TOKEN123")}, QStringLiteral("auto"), 0);
        QVERIFY(s.authorization.contains("x-amz-security-token"));
        QVERIFY(s.authorization.contains("/19700101/auto/s3/aws4_request"));
        bool found = false;
        for (const auto& [name, value] : s.headers)
            found = found || (name == "x-amz-security-token" && value == "TOKEN123");
        QVERIFY(found);
    }

    // The same requests signed by botocore's S3SigV4Auth (tests/support/botocore_sign.py).
    void botocore_data()
    {
        QTest::addColumn<QJsonObject>("c");
        QProcess python;
        python.start(QStringLiteral("/usr/bin/python3"),
                     {QStringLiteral(TIDELINE_SOURCE_DIR "/tests/support/botocore_sign.py")});
        QVERIFY2(python.waitForFinished(30'000), "botocore_sign.py did not finish");
        QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
        const QJsonArray cases = QJsonDocument::fromJson(python.readAllStandardOutput()).array();
        QVERIFY(cases.size() >= 10);
        for (const auto& v : cases) {
            const QJsonObject c = v.toObject();
            QTest::newRow(c.value(u"name").toString().toUtf8().constData()) << c;
        }
    }
    void botocore()
    {
        QFETCH(QJsonObject, c);
        SigV4Request rq;
        rq.method = c.value(u"method").toString().toLatin1();
        rq.host = c.value(u"host").toString();
        rq.path = c.value(u"path").toString();
        rq.query = pairsOf(c.value(u"query").toArray());
        for (const auto& [name, value] : pairsOf(c.value(u"headers").toArray()))
            rq.headers.append({name.toUtf8(), value.toUtf8()});
        const QByteArray body = c.value(u"body").toString().toUtf8();
        rq.payloadHash = c.value(u"unsigned").toBool() ? QByteArray(SigV4::kUnsignedPayload) : SigV4::sha256Hex(body);
        QCOMPARE(rq.payloadHash, c.value(u"content_sha256").toString().toLatin1());
        const SigV4Signed s =
            SigV4::sign(rq,
                        {c.value(u"access_key").toString(), c.value(u"secret_key").toString(), c.value(u"token").toString()},
                        c.value(u"region").toString(), c.value(u"unix_time").toInteger());
        QCOMPARE(QString::fromUtf8(s.authorization), c.value(u"authorization").toString());
        // What goes on the wire is the path botocore would send.
        const QString urlPath = c.value(u"url_path").toString();
        QCOMPARE(QString::fromLatin1(SigV4::encodePath(rq.path)), urlPath.section(u'?', 0, 0));
    }
};

QTEST_GUILESS_MAIN(TestSigV4)
#include "TestSigV4.moc"
