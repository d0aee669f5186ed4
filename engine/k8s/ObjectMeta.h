// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/Error.h"
#include "engine/core/Timestamp.h"

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace tideline::k8s {

/// The metadata every resource Tideline reads carries, checked: a name and namespace that are
/// not DNS-1123 labels (or subdomains, for names) are refused, since they end up in API paths,
/// file names and messages. Pure value; any thread.
struct ObjectMeta {
    QString nameSpace;
    QString name;
    QString uid;
    QString resourceVersion;
    std::optional<Timestamp> created;
    QMap<QString, QString> labels;

    /// Errors: Corrupt (no name, or a name or namespace Kubernetes itself would refuse).
    /// `namespaced`: false for cluster-scoped kinds (no namespace expected).
    static Result<ObjectMeta> fromJson(const QJsonObject& object, bool namespaced = true);
    QString qualifiedName() const { return nameSpace.isEmpty() ? name : nameSpace + u'/' + name; }
};

/// Kubernetes naming rules, for names from the API server and from the user alike.
bool isDnsLabel(QStringView s);     ///< RFC 1123 label: [a-z0-9]([-a-z0-9]*[a-z0-9])?, at most 63
bool isDnsSubdomain(QStringView s); ///< dot-separated labels, at most 253

/// Tolerant field access for resources: a missing or mistyped field reads as absent (CNPG adds,
/// renames and deprecates fields; Tideline shows what it can).
namespace json {
/// The value at a dotted path ("status.conditions"); keys containing dots are not addressable.
QJsonValue at(const QJsonObject& object, QStringView path);
QString string(const QJsonObject& object, QStringView path);
std::optional<qint64> integer(const QJsonObject& object, QStringView path);
std::optional<bool> boolean(const QJsonObject& object, QStringView path);
/// An RFC 3339 time; absent or unparsable: nullopt.
std::optional<Timestamp> time(const QJsonObject& object, QStringView path);
/// A container's `env` list at a dotted path: each name with its literal `value`, or nullopt
/// for one taken from elsewhere (`valueFrom`: a Secret, a ConfigMap, a field). Later entries
/// win, as in a pod.
QMap<QString, std::optional<QString>> env(const QJsonObject& object, QStringView path);
/// JSON null for an absent value, as the CLI contract wants (never omitted).
QJsonValue orNull(const QString& s);
QJsonValue orNull(const std::optional<Timestamp>& t);
QJsonValue orNull(const std::optional<qint64>& n);
} // namespace json

} // namespace tideline::k8s
