// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/core/FileTree.h"

#include <QCoreApplication>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

namespace tideline {

namespace {

struct FileTreeText {
    Q_DECLARE_TR_FUNCTIONS(FileTree)
};

constexpr int kOpenDir = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

// Empties the directory open at dirFd; on failure returns errno and the entry's name.
int emptyDirectory(int dirFd, QByteArray* failedName)
{
    const int listFd = ::dup(dirFd);
    if (listFd < 0)
        return errno;
    DIR* dir = ::fdopendir(listFd);
    if (!dir) {
        const int err = errno;
        ::close(listFd);
        return err;
    }
    int result = 0;
    while (const dirent* e = ::readdir(dir)) {
        const char* name = e->d_name;
        if (std::strcmp(name, ".") == 0 || std::strcmp(name, "..") == 0)
            continue;
        if (::unlinkat(dirFd, name, 0) == 0)
            continue;
        if (errno != EISDIR && errno != EPERM) {
            result = errno;
            *failedName = name;
            break;
        }
        // A directory (unlink refuses it): opened without following, emptied, removed.
        const int sub = ::openat(dirFd, name, kOpenDir);
        if (sub < 0) {
            result = errno;
            *failedName = name;
            break;
        }
        result = emptyDirectory(sub, failedName);
        ::close(sub);
        if (result == 0 && ::unlinkat(dirFd, name, AT_REMOVEDIR) != 0)
            result = errno;
        if (result != 0) {
            *failedName = QByteArray(name) + '/' + *failedName;
            break;
        }
    }
    ::closedir(dir);
    return result;
}

} // namespace

Result<void> removeTree(const QString& path)
{
    const QByteArray native = QFile::encodeName(path);
    const qsizetype slash = native.lastIndexOf('/');
    const QByteArray parentPath = slash > 0 ? native.left(slash) : QByteArray(slash == 0 ? "/" : ".");
    const QByteArray base = native.mid(slash + 1);
    auto refused = [&](int err, const QByteArray& where) {
        return fail(ErrorCode::Refused,
                    FileTreeText::tr("cannot remove %1: %2")
                        .arg(where.isEmpty() ? path : path + QLatin1Char('/') + QFile::decodeName(where),
                             QString::fromLocal8Bit(std::strerror(err))),
                    FileTreeText::tr("Remove what is left by hand once nothing uses it."));
    };
    const int parent = ::open(parentPath.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (parent < 0)
        return refused(errno, {});
    const int top = ::openat(parent, base.constData(), kOpenDir);
    if (top < 0) {
        const int err = errno;
        ::close(parent);
        return err == ENOENT ? Result<void>{} : refused(err, {});
    }
    QByteArray failed;
    int err = emptyDirectory(top, &failed);
    ::close(top);
    if (err == 0 && ::unlinkat(parent, base.constData(), AT_REMOVEDIR) != 0)
        err = errno;
    ::close(parent);
    if (err != 0)
        return refused(err, failed);
    return {};
}

} // namespace tideline
