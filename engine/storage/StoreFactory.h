// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/Error.h"
#include "engine/storage/ObjectStore.h"

#include <QString>
#include <QUrl>

#include <memory>

namespace tideline::storage {

/// A parsed SOURCE_URL: "s3://bucket[/path]" or "file:///dir".
struct SourceUrl {
    enum class Scheme { S3, File };
    Scheme scheme = Scheme::S3;
    QString bucket;    ///< S3 only
    QString prefix;    ///< S3: the path inside the bucket, no leading or trailing '/', may be empty
    QString localPath; ///< File only: the absolute directory

    /// Usage on anything else (with a hint showing both forms).
    static Result<SourceUrl> parse(const QString& text);
    QString toString() const;
    /// prefix joined with more parts the way barman joins keys (os.path.join): "" + "x" = "x".
    QString key(const QString& relative) const;
};

/// Where and how to reach an S3-compatible endpoint. Secrets live only here and are registered
/// with the Redactor as soon as they are loaded.
struct S3Options {
    QUrl endpoint;       ///< empty: AWS_ENDPOINT_URL, else https://s3.<region>.amazonaws.com
    QString region;      ///< empty: AWS_REGION / AWS_DEFAULT_REGION / profile, else "us-east-1"; R2: "auto"
    QString profile;     ///< empty: AWS_PROFILE, else "default"
    QString accessKeyId; ///< empty: environment, then ~/.aws/credentials
    QString secretAccessKey;
    QString sessionToken;
    enum class Addressing { Unset, Auto, Path, VirtualHost };
    /// Unset: the profile's s3.addressing_style, else Auto. Auto: virtual-host on amazonaws.com,
    /// path style elsewhere.
    Addressing addressing = Addressing::Unset;
    QString caBundlePath;   ///< PEM file of extra trusted CAs (AWS_CA_BUNDLE when empty)
    QByteArray caBundlePem; ///< PEM in memory (a cnpg:// source's endpointCA); wins over the path
    bool verifyTls = true;
    int maxAttempts = 5;           ///< per request, with exponential backoff and full jitter
    int requestTimeoutMs = 30'000; ///< a stall longer than this (no bytes) fails the attempt
};
// Knobs for tests and benchmarks, read by openStore() from the environment (positive integers;
// anything else is ignored). They win over S3Options because the CLI has no flags for them:
//   TIDELINE_S3_TIMEOUT_MS     requestTimeoutMs (a fault test makes a stall fail in 500 ms, not 30 s)
//   TIDELINE_S3_MAX_ATTEMPTS   maxAttempts (the retry budget a test exhausts)
//   TIDELINE_S3_BACKOFF_MS     S3Store::Config::backoffBaseMs, the first retry's jitter ceiling

/// An S3 endpoint as a user types it (--endpoint-url, the connection editor, AWS_ENDPOINT_URL):
/// http or https (lower-cased), a host, an optional port and path, no query and no user info.
/// The one rule for every way in. Errors: Usage naming the URL (without any user info) with a
/// hint showing R2's and a local endpoint's form. Pure; any thread.
Result<QUrl> parseEndpointUrl(const QString& text);

/// --addressing-style as typed: "path", "virtual" or "auto" (any case), the values of the AWS
/// CLI's s3.addressing_style; empty is Unset. Errors: Usage naming the value. Pure; any thread.
Result<S3Options::Addressing> parseAddressingStyle(const QString& text);

/// What an S3 store is opened with once the options, the environment and the profile files have
/// been consulted (the rules of openStore()). Holds secrets: hand them to a child process by its
/// environment only, never by a file or its command line.
struct ResolvedS3 {
    QString accessKeyId;
    QString secretAccessKey;
    QString sessionToken;
    QString region;
    QUrl endpoint;
    /// Virtual-host addressing (bucket.host) rather than path style: the options' choice, else
    /// the profile's s3.addressing_style, else S3Store::autoVirtualHost().
    bool virtualHost = false;
    QString caBundlePath; ///< options, AWS_CA_BUNDLE, then the profile's ca_bundle (may be empty)
};
/// Resolves what openStore() would use for an s3:// source, without opening anything: for a child
/// process that cannot read this user's profile files (a drill's PostgreSQL runs as postgres).
/// Errors: Auth (no credentials, or --profile not found), Usage (bad endpoint URL). Any thread.
Result<ResolvedS3> resolveS3(const SourceUrl& url, const S3Options& options);

/// Opens the store a SourceUrl names. For S3, resolves credentials and settings from the options,
/// then the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_PROFILE,
/// AWS_ENDPOINT_URL, AWS_REGION, AWS_CA_BUNDLE), then ~/.aws/credentials and ~/.aws/config
/// (AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE). Does no network I/O.
/// Errors: Usage (bad endpoint URL, unreadable CA bundle), Auth (no credentials found anywhere),
/// MissingSource (file:// directory does not exist).
/// Thread: any.
Result<std::unique_ptr<ObjectStore>> openStore(const SourceUrl& url, const S3Options& options);

} // namespace tideline::storage
