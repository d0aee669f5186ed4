// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/core/Redactor.h"
#include "engine/storage/LocalStore.h"
#include "engine/storage/S3Store.h"
#include "engine/storage/StoreFactory.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace tideline;
using namespace tideline::storage;

namespace {

const char* const kEnv[] = {"AWS_ACCESS_KEY_ID",           "AWS_SECRET_ACCESS_KEY",
                            "AWS_SESSION_TOKEN",           "AWS_PROFILE",
                            "AWS_DEFAULT_PROFILE",         "AWS_ENDPOINT_URL",
                            "AWS_ENDPOINT_URL_S3",         "AWS_REGION",
                            "AWS_DEFAULT_REGION",          "AWS_CA_BUNDLE",
                            "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE"};

void writeFile(const QString& path, const QByteArray& text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text);
}

} // namespace

class TestStoreFactory : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    // The resolved configuration, copied out so no pointer outlives the store.
    static std::optional<S3Store::Config> s3(const Result<std::unique_ptr<ObjectStore>>& store)
    {
        const auto* s = store ? dynamic_cast<const S3Store*>(store->get()) : nullptr;
        return s ? std::optional<S3Store::Config>(s->config()) : std::nullopt;
    }

private slots:
    void init()
    {
        // Each test starts from a clean environment with profile files that exist only here.
        for (const char* name : kEnv)
            qunsetenv(name);
        qputenv("AWS_SHARED_CREDENTIALS_FILE", QFile::encodeName(m_dir.path() + QStringLiteral("/credentials")));
        qputenv("AWS_CONFIG_FILE", QFile::encodeName(m_dir.path() + QStringLiteral("/config")));
        QFile::remove(m_dir.path() + QStringLiteral("/credentials"));
        QFile::remove(m_dir.path() + QStringLiteral("/config"));
    }

    // One rule for --endpoint-url, the connection editor and AWS_ENDPOINT_URL.
    void endpointUrls_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected"); // empty: refused
        QTest::newRow("R2") << "https://acct.r2.cloudflarestorage.com"
                            << "https://acct.r2.cloudflarestorage.com";
        QTest::newRow("local with port") << "http://127.0.0.1:9000"
                                         << "http://127.0.0.1:9000";
        QTest::newRow("scheme in capitals") << "HTTPS://s3.example.com/base"
                                            << "https://s3.example.com/base";
        QTest::newRow("spaces around") << "  http://h:1  "
                                       << "http://h:1";
        QTest::newRow("ftp") << "ftp://h"
                             << "";
        QTest::newRow("no host") << "https://"
                                 << "";
        QTest::newRow("no scheme") << "s3.example.com"
                                   << "";
        QTest::newRow("a query") << "https://h/?x=1"
                                 << "";
        QTest::newRow("a fragment") << "https://h/#x"
                                    << "";
        QTest::newRow("user info") << "https://AKIA:SECRETKEY@h"
                                   << "";
    }
    void endpointUrls()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const auto url = storage::parseEndpointUrl(text);
        if (expected.isEmpty()) {
            QVERIFY(!url);
            QCOMPARE(url.error().code, ErrorCode::Usage);
            QVERIFY(!url.error().hint.isEmpty());
            QVERIFY2(!url.error().oneLine().contains(QLatin1String("SECRETKEY")), qPrintable(url.error().oneLine()));
        } else {
            QVERIFY2(url, qPrintable(url ? QString() : url.error().oneLine()));
            QCOMPARE(url->toString(), expected);
        }
    }

    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<bool>("isS3");
        QTest::addColumn<QString>("bucket");
        QTest::addColumn<QString>("prefixOrPath");
        QTest::addColumn<QString>("roundTrip");
        QTest::newRow("bucket") << "s3://backups" << true << true << "backups"
                                << ""
                                << "s3://backups";
        QTest::newRow("bucket-slash") << "s3://backups/" << true << true << "backups"
                                      << ""
                                      << "s3://backups";
        QTest::newRow("path") << "s3://backups/cnpg/prod/" << true << true << "backups"
                              << "cnpg/prod"
                              << "s3://backups/cnpg/prod";
        QTest::newRow("path-slashes") << "s3://backups//cnpg//" << true << true << "backups"
                                      << "cnpg"
                                      << "s3://backups/cnpg";
        QTest::newRow("file") << "file:///var/backups/pg/" << true << false << ""
                              << "/var/backups/pg"
                              << "file:///var/backups/pg";
        QTest::newRow("file-localhost") << "file://localhost/tmp/x" << true << false << ""
                                        << "/tmp/x"
                                        << "file:///tmp/x";
        QTest::newRow("no-bucket") << "s3://" << false << true << ""
                                   << ""
                                   << "";
        QTest::newRow("http") << "https://bucket.s3.amazonaws.com/x" << false << true << ""
                              << ""
                              << "";
        QTest::newRow("plain-path") << "/var/backups" << false << true << ""
                                    << ""
                                    << "";
        QTest::newRow("file-relative") << "file:relative/dir" << false << false << ""
                                       << ""
                                       << "";
        QTest::newRow("file-remote-host") << "file://server/dir" << false << false << ""
                                          << ""
                                          << "";
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(bool, isS3);
        QFETCH(QString, bucket);
        QFETCH(QString, prefixOrPath);
        QFETCH(QString, roundTrip);
        const auto url = SourceUrl::parse(text);
        QCOMPARE(url.has_value(), valid);
        if (!valid) {
            QCOMPARE(url.error().code, ErrorCode::Usage);
            QVERIFY(url.error().hint.contains(u"s3://bucket"));
            QVERIFY(url.error().hint.contains(u"file:///"));
            return;
        }
        QCOMPARE(url->scheme == SourceUrl::Scheme::S3, isS3);
        QCOMPARE(url->bucket, bucket);
        QCOMPARE(isS3 ? url->prefix : url->localPath, prefixOrPath);
        QCOMPARE(url->toString(), roundTrip);
        QCOMPARE(SourceUrl::parse(url->toString())->toString(), roundTrip);
    }

    void key()
    {
        SourceUrl url = *SourceUrl::parse(QStringLiteral("s3://b"));
        QCOMPARE(url.key(QStringLiteral("pg/base")), QStringLiteral("pg/base"));
        url = *SourceUrl::parse(QStringLiteral("s3://b/cnpg/prod/"));
        QCOMPARE(url.key(QStringLiteral("pg/base")), QStringLiteral("cnpg/prod/pg/base"));
        QCOMPARE(url.key(QString()), QStringLiteral("cnpg/prod/"));
    }

    void fileStore()
    {
        auto store = openStore(*SourceUrl::parse(QStringLiteral("file://") + m_dir.path()), {});
        QVERIFY(store);
        QVERIFY(dynamic_cast<LocalStore*>(store->get()));
        auto missing = openStore(*SourceUrl::parse(QStringLiteral("file://") + m_dir.path() + QStringLiteral("/nope")), {});
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::MissingSource);
    }

    void optionsWin()
    {
        qputenv("AWS_ACCESS_KEY_ID", "ENVKEY");
        qputenv("AWS_SECRET_ACCESS_KEY", "ENVSECRET");
        qputenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9000");
        S3Options o;
        o.accessKeyId = QStringLiteral("OPTKEY");
        o.secretAccessKey = QStringLiteral("OPTSECRET-123");
        o.endpoint = QUrl(QStringLiteral("https://acct.r2.cloudflarestorage.com"));
        o.region = QStringLiteral("auto");
        const auto store = openStore(*SourceUrl::parse(QStringLiteral("s3://bkt/x")), o);
        const auto s = s3(store);
        QVERIFY(s);
        QCOMPARE(s->credentials.accessKeyId, QStringLiteral("OPTKEY"));
        QCOMPARE(s->region, QStringLiteral("auto"));
        QCOMPARE(s->endpoint.host(), QStringLiteral("acct.r2.cloudflarestorage.com"));
        QVERIFY(!s->virtualHost); // R2: path style
        QVERIFY(!store->get()->describe().contains(u"OPTSECRET"));
        QCOMPARE(Redactor::redact(QStringLiteral("x OPTSECRET-123 y")), QStringLiteral("x *** y"));
    }

    void environment()
    {
        qputenv("AWS_ACCESS_KEY_ID", "ENVKEY");
        qputenv("AWS_SECRET_ACCESS_KEY", "ENVSECRET");
        qputenv("AWS_SESSION_TOKEN", "ENVTOKEN");
        qputenv("AWS_DEFAULT_REGION", "eu-west-3");
        const auto store = openStore(*SourceUrl::parse(QStringLiteral("s3://bkt")), {});
        const auto s = s3(store);
        QVERIFY(s);
        QCOMPARE(s->credentials.sessionToken, QStringLiteral("ENVTOKEN"));
        QCOMPARE(s->region, QStringLiteral("eu-west-3"));
        QCOMPARE(s->endpoint.toString(), QStringLiteral("https://s3.eu-west-3.amazonaws.com"));
        QVERIFY(s->virtualHost);
        qputenv("AWS_REGION", "us-west-2");
        QCOMPARE(s3(openStore(*SourceUrl::parse(QStringLiteral("s3://my.dotted.bucket")), {}))->region,
                 QStringLiteral("us-west-2"));
        QVERIFY(!s3(openStore(*SourceUrl::parse(QStringLiteral("s3://my.dotted.bucket")), {}))->virtualHost);
    }

    void profiles()
    {
        writeFile(m_dir.path() + QStringLiteral("/credentials"),
                  "# comment\n[default]\naws_access_key_id = DEFKEY\naws_secret_access_key = DEFSECRET\n\n"
                  "[r2]\naws_access_key_id=R2KEY\naws_secret_access_key=R2SECRET/with+chars\n");
        writeFile(m_dir.path() + QStringLiteral("/config"),
                  "[default]\nregion = ap-south-1\n\n[profile r2]\nregion = auto\n"
                  "endpoint_url = https://acct.r2.cloudflarestorage.com\ns3 =\n  addressing_style = path\n"
                  "[profile onlyconfig]\naws_access_key_id = CFGKEY\naws_secret_access_key = CFGSECRET\n");
        const auto def = s3(openStore(*SourceUrl::parse(QStringLiteral("s3://b")), {}));
        QVERIFY(def);
        QCOMPARE(def->credentials.accessKeyId, QStringLiteral("DEFKEY"));
        QCOMPARE(def->region, QStringLiteral("ap-south-1"));

        qputenv("AWS_PROFILE", "r2");
        const auto r2 = s3(openStore(*SourceUrl::parse(QStringLiteral("s3://b")), {}));
        QVERIFY(r2);
        QCOMPARE(r2->credentials.secretAccessKey, QStringLiteral("R2SECRET/with+chars"));
        QCOMPARE(r2->region, QStringLiteral("auto"));
        QCOMPARE(r2->endpoint.host(), QStringLiteral("acct.r2.cloudflarestorage.com"));
        QVERIFY(!r2->virtualHost);
        // An explicit profile beats credentials in the environment.
        qputenv("AWS_ACCESS_KEY_ID", "ENVKEY");
        qputenv("AWS_SECRET_ACCESS_KEY", "ENVSECRET");
        S3Options o;
        o.profile = QStringLiteral("onlyconfig");
        const auto cfg = s3(openStore(*SourceUrl::parse(QStringLiteral("s3://b")), o));
        QVERIFY(cfg);
        QCOMPARE(cfg->credentials.accessKeyId, QStringLiteral("CFGKEY"));

        o.profile = QStringLiteral("missing");
        const auto missing = openStore(*SourceUrl::parse(QStringLiteral("s3://b")), o);
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::Auth);
        QVERIFY(missing.error().message.contains(u"missing"));

        // The options' style beats the profile's, and resolveS3() (what a drill hands its
        // PostgreSQL) agrees with the store opened.
        qunsetenv("AWS_ACCESS_KEY_ID");
        qunsetenv("AWS_SECRET_ACCESS_KEY");
        S3Options virtualStyle;
        virtualStyle.addressing = S3Options::Addressing::VirtualHost;
        QVERIFY(s3(openStore(*SourceUrl::parse(QStringLiteral("s3://b")), virtualStyle))->virtualHost);
        QVERIFY(resolveS3(*SourceUrl::parse(QStringLiteral("s3://b")), virtualStyle)->virtualHost);
        QVERIFY(!resolveS3(*SourceUrl::parse(QStringLiteral("s3://b")), {})->virtualHost);
        writeFile(m_dir.path() + QStringLiteral("/config"),
                  "[profile r2]\nendpoint_url = https://minio.example\ns3 =\n  addressing_style = virtual\n");
        QVERIFY(resolveS3(*SourceUrl::parse(QStringLiteral("s3://b")), {})->virtualHost);
        S3Options pathStyle;
        pathStyle.addressing = S3Options::Addressing::Path;
        QVERIFY(!s3(openStore(*SourceUrl::parse(QStringLiteral("s3://b")), pathStyle))->virtualHost);
        // An explicit auto beats the profile's style too.
        S3Options autoStyle;
        autoStyle.addressing = S3Options::Addressing::Auto;
        QVERIFY(!resolveS3(*SourceUrl::parse(QStringLiteral("s3://b")), autoStyle)->virtualHost);
        // A forced virtual host refuses a bucket that is no host name: it would be the request's host.
        for (const char* bucket : {"user:pw@evil.example", "Upper", "a_b", "-x"}) {
            const auto refused = resolveS3(*SourceUrl::parse(QStringLiteral("s3://") + QLatin1String(bucket)), {});
            QVERIFY2(!refused, bucket);
            QCOMPARE(refused.error().code, ErrorCode::Usage);
            QVERIFY(refused.error().hint.contains(u"path"));
        }
        QVERIFY(resolveS3(*SourceUrl::parse(QStringLiteral("s3://backups.eu-1")), {})->virtualHost);
        // A name from elsewhere than a URL (a cluster's destinationPath) with a final newline:
        // '$' would let it through, into the Host header.
        SourceUrl newline;
        newline.bucket = QStringLiteral("abc\n");
        QVERIFY(!resolveS3(newline, {}));
        // An unknown style in the profile is auto: path on this endpoint, virtual on AWS.
        writeFile(m_dir.path() + QStringLiteral("/config"),
                  "[profile r2]\nendpoint_url = https://minio.example\ns3 =\n  addressing_style = bogus\n");
        QVERIFY(!resolveS3(*SourceUrl::parse(QStringLiteral("s3://my-bucket")), {})->virtualHost);
        writeFile(m_dir.path() + QStringLiteral("/config"),
                  "[profile r2]\nendpoint_url = https://s3.eu-west-3.amazonaws.com\ns3 =\n  addressing_style = bogus\n");
        QVERIFY(resolveS3(*SourceUrl::parse(QStringLiteral("s3://my-bucket")), {})->virtualHost);
    }

    void addressingStyles()
    {
        QCOMPARE(*parseAddressingStyle(QString()), S3Options::Addressing::Unset);
        QCOMPARE(*parseAddressingStyle(QStringLiteral(" Virtual ")), S3Options::Addressing::VirtualHost);
        QCOMPARE(*parseAddressingStyle(QStringLiteral("PATH")), S3Options::Addressing::Path);
        QCOMPARE(*parseAddressingStyle(QStringLiteral("auto")), S3Options::Addressing::Auto);
        const auto bad = parseAddressingStyle(QStringLiteral("vhost"));
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, ErrorCode::Usage);
        QVERIFY(bad.error().message.contains(u"vhost"));
    }

    void failures()
    {
        const auto none = openStore(*SourceUrl::parse(QStringLiteral("s3://b")), {});
        QVERIFY(!none);
        QCOMPARE(none.error().code, ErrorCode::Auth);

        qputenv("AWS_ACCESS_KEY_ID", "K");
        qputenv("AWS_SECRET_ACCESS_KEY", "S");
        S3Options o;
        o.endpoint = QUrl(QStringLiteral("ftp://host"));
        QCOMPARE(openStore(*SourceUrl::parse(QStringLiteral("s3://b")), o).error().code, ErrorCode::Usage);
        qputenv("AWS_ENDPOINT_URL", "127.0.0.1:9000");
        QCOMPARE(openStore(*SourceUrl::parse(QStringLiteral("s3://b")), {}).error().code, ErrorCode::Usage);
        qunsetenv("AWS_ENDPOINT_URL");

        qputenv("AWS_CA_BUNDLE", QFile::encodeName(m_dir.path() + QStringLiteral("/no-such.pem")));
        QCOMPARE(openStore(*SourceUrl::parse(QStringLiteral("s3://b")), {}).error().code, ErrorCode::Usage);
        writeFile(m_dir.path() + QStringLiteral("/bad.pem"), "not a certificate\n");
        qputenv("AWS_CA_BUNDLE", QFile::encodeName(m_dir.path() + QStringLiteral("/bad.pem")));
        QCOMPARE(openStore(*SourceUrl::parse(QStringLiteral("s3://b")), {}).error().code, ErrorCode::Usage);
    }
};

QTEST_GUILESS_MAIN(TestStoreFactory)
#include "TestStoreFactory.moc"
