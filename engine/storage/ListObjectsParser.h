// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/Error.h"
#include "engine/storage/ObjectStore.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace tideline::storage {

/// One page of a ListObjectsV2 answer.
struct ListPage {
    QList<ObjectInfo> objects;
    QStringList prefixes; ///< CommonPrefixes, in the order sent
    bool truncated = false;
    QString nextToken; ///< NextContinuationToken; may be empty on a truncated page (old servers)
};

/// Parses a ListBucketResult document as AWS S3, Cloudflare R2 and s3rver send it: local element
/// names only (their xmlns differ), entities decoded, ETags without quotes, LastModified as µs UTC
/// (0 when unparsable), keys and prefixes URL-decoded when EncodingType is url. A fast byte
/// scanner reads the plain subset these servers send; anything else (comments, CDATA, non-ASCII,
/// DTDs) goes to QXmlStreamReader, so both give the same answer. Pure; any thread.
/// Errors: Corrupt with the reason (not XML, another root element such as <Error>, a bad <Size>).
Result<ListPage> parseListObjectsPage(const QByteArray& xml);

/// The two halves of parseListObjectsPage(), for the tests and the fuzzer that hold them to one
/// answer. The fast scanner alone: nullopt for whatever it leaves to the reader (never an error
/// of its own). Pure; any thread.
std::optional<ListPage> parseListObjectsPageFast(const QByteArray& xml);
/// QXmlStreamReader alone: the reference. Pure; any thread; errors as parseListObjectsPage().
Result<ListPage> parseListObjectsPageWithXmlReader(const QByteArray& xml);

/// A DeleteObjects answer: which keys the store says it deleted, and which it could not (with
/// S3's code and message). Keys neither list names are the caller's to check.
struct DeleteResult {
    QStringList deleted;
    struct Failure {
        QString key;
        QString code;
        QString message;
    };
    QList<Failure> errors;
};

/// Parses a DeleteResult document (local element names, any namespace). Pure; any thread.
/// Errors: Corrupt when it is not XML or its root is not <DeleteResult>.
Result<DeleteResult> parseDeleteResult(const QByteArray& xml);

/// An ETag as S3 sends it (quoted, sometimes with spaces around) without its quotes. Pure.
QString unquotedEtag(QString etag);

} // namespace tideline::storage
