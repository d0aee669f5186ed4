// SPDX-License-Identifier: GPL-3.0-or-later
// The client's CPU per listing page of a WAL archive: a ListObjectsV2 page of 1,000 barman keys
// parsed (parseListObjectsPage) and filed as WAL objects (WalArchiveBuilder::parse), the work
// every range lane of a catalog load does per round trip. On a 2-core machine this, not the
// network, sets how many lanes finish within one round trip (issue 18's listing depth).
// Prints the median over --runs (default 15) of --pages (default 100) pages, in µs per page, for
// ETags quoted as R2 and s3rver send them and as S3 sends them (&quot;).
// Run: build/tests/bench/listing_bench [--pages N] [--runs N]
#include "engine/catalog/WalArchiveBuilder.h"
#include "engine/storage/ListObjectsParser.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QStringList>

#include <algorithm>
#include <cstdio>

using namespace tideline;

namespace {

QByteArray page(int first, bool entityQuotes)
{
    QByteArray xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>bench</Name>"
                     "<Prefix>cnpg/pg-bench/wals/</Prefix><KeyCount>1000</KeyCount><MaxKeys>1000</MaxKeys>"
                     "<IsTruncated>true</IsTruncated><NextContinuationToken>dG9rZW4=</NextContinuationToken>";
    const QByteArray quote = entityQuotes ? "&quot;" : "\"";
    for (int i = first; i < first + 1000; ++i) {
        char name[25];
        std::snprintf(name, sizeof name, "%08X%08X%08X", 1u, unsigned(i / 256), unsigned(i % 256));
        xml += "<Contents><Key>cnpg/pg-bench/wals/" + QByteArray(name, 16) + '/' + QByteArray(name, 24)
            + ".gz</Key><LastModified>2026-01-01T03:24:48.000Z</LastModified><ETag>" + quote
            + "b346ac1177da0937fa45eaaff26da96f" + quote
            + "</ETag><Size>4194304</Size><StorageClass>STANDARD</StorageClass></Contents>";
    }
    return xml + "</ListBucketResult>";
}

double run(const QList<QByteArray>& pages, int runs)
{
    const QString prefix = QStringLiteral("cnpg/pg-bench/wals/");
    QList<double> perPage;
    for (int r = 0; r < runs; ++r) {
        QElapsedTimer timer;
        timer.start();
        qsizetype filed = 0;
        for (const QByteArray& xml : pages) {
            auto parsed = storage::parseListObjectsPage(xml);
            if (!parsed || parsed->objects.size() != 1000) {
                std::fprintf(stderr, "listing_bench: a page did not parse\n");
                std::exit(1);
            }
            catalog::WalArchiveBuilder::Piece piece;
            catalog::WalArchiveBuilder::parse(prefix, parsed->objects, piece);
            filed += piece.objects.size();
        }
        if (filed != pages.size() * 1000) {
            std::fprintf(stderr, "listing_bench: %lld of %lld keys filed\n", qlonglong(filed), qlonglong(pages.size() * 1000));
            std::exit(1);
        }
        perPage << double(timer.nsecsElapsed()) / 1000.0 / double(pages.size());
    }
    std::sort(perPage.begin(), perPage.end());
    return perPage[perPage.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    int pages = 100;
    int runs = 15;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--pages"))
            pages = std::max(1, args[i + 1].toInt());
        else if (args[i] == QLatin1String("--runs"))
            runs = std::max(1, args[i + 1].toInt());
    }
    for (const bool entities : {false, true}) {
        QList<QByteArray> xml;
        for (int p = 0; p < pages; ++p)
            xml << page(p * 1000, entities);
        std::printf("ETags quoted %-8s %8.1f µs a page of 1,000 keys (median of %d runs of %d pages)\n",
                    entities ? "&quot;:" : "\":", run(xml, runs), runs, pages);
    }
    return 0;
}
