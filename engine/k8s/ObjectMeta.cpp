// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/k8s/ObjectMeta.h"

#include <QJsonArray>

#include <QCoreApplication>

namespace tideline::k8s {

namespace {
struct MetaText {
    Q_DECLARE_TR_FUNCTIONS(ObjectMeta)
};
} // namespace

bool isDnsLabel(QStringView s)
{
    if (s.isEmpty() || s.size() > 63 || s.front() == u'-' || s.back() == u'-')
        return false;
    for (const QChar c : s)
        if (!((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-'))
            return false;
    return true;
}

bool isDnsSubdomain(QStringView s)
{
    if (s.isEmpty() || s.size() > 253)
        return false;
    for (const QStringView label : s.tokenize(u'.'))
        if (!isDnsLabel(label))
            return false;
    return true;
}

Result<ObjectMeta> ObjectMeta::fromJson(const QJsonObject& object, bool namespaced)
{
    const QJsonObject m = object.value(QStringLiteral("metadata")).toObject();
    ObjectMeta meta;
    meta.name = m.value(QStringLiteral("name")).toString();
    meta.nameSpace = m.value(QStringLiteral("namespace")).toString();
    meta.uid = m.value(QStringLiteral("uid")).toString();
    meta.resourceVersion = m.value(QStringLiteral("resourceVersion")).toString();
    meta.created = json::time(m, u"creationTimestamp");
    const QJsonObject labels = m.value(QStringLiteral("labels")).toObject();
    for (auto it = labels.begin(); it != labels.end(); ++it)
        meta.labels.insert(it.key(), it.value().toString());
    if (!isDnsSubdomain(meta.name))
        return fail(ErrorCode::Corrupt,
                    MetaText::tr("the API server sent a resource named \"%1\", which is not a Kubernetes name")
                        .arg(meta.name.left(80)));
    if (namespaced && !isDnsLabel(meta.nameSpace))
        return fail(ErrorCode::Corrupt,
                    MetaText::tr("the API server sent %1 in namespace \"%2\", which is not a namespace name")
                        .arg(meta.name, meta.nameSpace.left(80)));
    return meta;
}

namespace json {

QJsonValue at(const QJsonObject& object, QStringView path)
{
    QJsonValue v = object;
    for (const QStringView key : path.tokenize(u'.')) {
        if (!v.isObject())
            return QJsonValue::Undefined;
        v = v.toObject().value(key);
    }
    return v;
}

QString string(const QJsonObject& object, QStringView path)
{
    return at(object, path).toString();
}

QMap<QString, std::optional<QString>> env(const QJsonObject& object, QStringView path)
{
    QMap<QString, std::optional<QString>> out;
    for (const QJsonValue& v : at(object, path).toArray()) {
        const QJsonObject e = v.toObject();
        const QString name = e.value(QStringLiteral("name")).toString();
        if (name.isEmpty())
            continue;
        if (e.contains(QStringLiteral("valueFrom")))
            out.insert(name, std::nullopt);
        else
            out.insert(name, e.value(QStringLiteral("value")).toString());
    }
    return out;
}

std::optional<qint64> integer(const QJsonObject& object, QStringView path)
{
    const QJsonValue v = at(object, path);
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (!(d > -9.0e18 && d < 9.0e18) || d != double(qint64(d)))
        return std::nullopt;
    return qint64(d);
}

std::optional<bool> boolean(const QJsonObject& object, QStringView path)
{
    const QJsonValue v = at(object, path);
    return v.isBool() ? std::optional<bool>(v.toBool()) : std::nullopt;
}

std::optional<Timestamp> time(const QJsonObject& object, QStringView path)
{
    const QString text = string(object, path);
    return text.isEmpty() ? std::nullopt : Timestamp::parse(text);
}

QJsonValue orNull(const QString& s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

QJsonValue orNull(const std::optional<Timestamp>& t)
{
    return t ? QJsonValue(t->toIso()) : QJsonValue(QJsonValue::Null);
}

QJsonValue orNull(const std::optional<qint64>& n)
{
    return n ? QJsonValue(*n) : QJsonValue(QJsonValue::Null);
}

} // namespace json

} // namespace tideline::k8s
