// SPDX-License-Identifier: GPL-3.0-or-later
#include "src/cli/SourceAccess.h"

#include <QUrl>

namespace tideline::cli {

Result<OpenedSource> openSource(const Invocation& invocation, const QString& url)
{
    auto parsed = storage::SourceUrl::parse(url);
    if (!parsed)
        return fail(parsed.error());
    storage::S3Options options;
    if (!invocation.endpointUrl.isEmpty()) {
        const QUrl endpoint(invocation.endpointUrl, QUrl::StrictMode);
        if (!endpoint.isValid() || (endpoint.scheme() != QLatin1String("http") && endpoint.scheme() != QLatin1String("https"))
            || endpoint.host().isEmpty())
            return fail(ErrorCode::Usage, QStringLiteral("'%1' is not an endpoint URL").arg(invocation.endpointUrl),
                        QStringLiteral("Give --endpoint-url as http(s)://host[:port], e.g. "
                                       "https://<account>.r2.cloudflarestorage.com"));
        options.endpoint = endpoint;
    }
    options.profile = invocation.profile;
    options.region = invocation.region;
    options.caBundlePath = invocation.caBundle;
    options.verifyTls = !invocation.noVerifyTls;
    auto store = storage::openStore(*parsed, options);
    if (!store)
        return fail(store.error());
    return OpenedSource{*parsed, std::move(*store)};
}

Result<catalog::ServerCatalog> loadCatalog(const Invocation& invocation, const QString& url, const QString& server)
{
    auto source = openSource(invocation, url);
    if (!source)
        return fail(source.error());
    JobContext context;
    return catalog::loadServerCatalog(*source->store, source->url, server, context);
}

} // namespace tideline::cli
