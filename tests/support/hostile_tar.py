#!/usr/bin/env python3
"""Writes a hostile variant of a real barman data tar, for the restore's safety tests.

    hostile_tar.py CASE SOURCE_TAR[.gz] OUT_TAR

Every case keeps the real backup's members (so the restore gets as far as it can) and adds or
changes what a hostile bucket would. Python's tarfile writes them, as barman-cloud does; pax
records and GNU long names carry bytes that C strings would cut (NUL), which is the point.
"""
import io
import sys
import tarfile

VICTIM = "victim.txt"  # a file beside the destination: dest/a1 -> ".." reaches it


def info(name, type=tarfile.REGTYPE, link="", data=b"", pax=None):
    i = tarfile.TarInfo(name)
    i.type = type
    i.linkname = link
    i.mode = 0o600
    i.mtime = 1700000000
    i.size = len(data) if type == tarfile.REGTYPE else 0
    if pax:
        i.pax_headers = dict(pax)
    return i, (io.BytesIO(data) if type == tarfile.REGTYPE else None)


def hostile(case):
    """Entries appended after the real members, and the tar format to write them in."""
    if case == "pax-nul-hardlink":
        # The reviewer's exploit: a1 -> "..\0" passes a ".." check done on the C string's view,
        # h is a hard link through a1 to the victim, then a regular file h truncates it.
        return tarfile.PAX_FORMAT, [
            info("a1", tarfile.SYMTYPE, "x", pax={"linkpath": "..\x00"}),
            info("h", tarfile.LNKTYPE, "a1/" + VICTIM),
            info("h", data=b"pwned\n"),
        ]
    if case == "pax-nul-path":
        return tarfile.PAX_FORMAT, [info("x", data=b"pwned\n", pax={"path": "..\x00/" + VICTIM})]
    if case == "gnu-nul-longlink":
        return tarfile.GNU_FORMAT, [
            info("a1", tarfile.SYMTYPE, "..\x00" + "/" * 120),
            info("h", tarfile.LNKTYPE, "a1/" + VICTIM),
            info("h", data=b"pwned\n"),
        ]
    if case == "gnu-nul-longname":
        return tarfile.GNU_FORMAT, [info("..\x00/" + "d" * 120, data=b"pwned\n")]
    if case == "link-chain":
        return tarfile.PAX_FORMAT, [
            info("a2", tarfile.SYMTYPE, "a1"),
            info("a1", tarfile.SYMTYPE, "x", pax={"linkpath": "..\x00"}),
            info("a2/" + VICTIM, data=b"pwned\n"),
        ]
    if case == "hardlink-through-symlink":
        # An in-tree symlink to a directory, and a hard link whose target goes through it.
        return tarfile.PAX_FORMAT, [
            info("dir", tarfile.DIRTYPE),
            info("dir/inside.txt", data=b"inside\n"),
            info("l", tarfile.SYMTYPE, "dir"),
            info("h", tarfile.LNKTYPE, "l/inside.txt"),
        ]
    if case == "standby-signal-dir":
        # A directory QFile::remove leaves, which would keep PostgreSQL in standby mode forever.
        return tarfile.PAX_FORMAT, [
            info("standby.signal", tarfile.DIRTYPE),
            info("standby.signal/inside.txt", data=b"inside\n"),
        ]
    for conf in ("postgresql.auto.conf", "pg_ident.conf", "recovery.signal", "postgresql.conf"):
        if case == "symlink-" + conf:
            # A link where the configure step writes, pointing at a file of the backup.
            return tarfile.PAX_FORMAT, [
                info("inside.txt", data=b"inside\n"),
                info(conf, tarfile.SYMTYPE, "inside.txt"),
            ]
    raise SystemExit(f"unknown case {case}")


def main():
    case, source, out = sys.argv[1:4]
    src = tarfile.open(source, "r:*")
    members = [(m, src.extractfile(m).read() if m.isreg() else None) for m in src.getmembers()]
    if case == "cut-at-entry-boundary":
        # Write the real tar without its end-of-archive blocks, cut right after a member.
        buf = io.BytesIO()
        t = tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT)
        for m, data in members:
            t.addfile(m, io.BytesIO(data) if data is not None else None)
        end = buf.tell()  # after the last member's padding, before close() writes the zeros
        t.close()
        open(out, "wb").write(buf.getvalue()[:end])
        return
    if case == "auto-conf-settings":
        # What a CNPG primary's postgresql.auto.conf can hold: a conninfo with its password and
        # the synchronous standbys, none of which exist where the copy runs.
        t = tarfile.open(out, "w", format=tarfile.PAX_FORMAT)
        for m, data in members:
            if m.name.lstrip("./") == "postgresql.auto.conf":
                data += (b"primary_conninfo = 'host=pg-rw user=streaming_replica password=Sw0rdf1sh-%'\n"
                         b"synchronous_standby_names = 'ANY 1 (\"pg-2\")'\n")
                m.size = len(data)
            if m.name.lstrip("./") == "postgresql.conf":
                # What a hostile backup would set to run its own code or reach another cluster:
                # a library loaded at every connection, another data directory.
                data += (b"session_preload_libraries = './tideline_no_such_library'\n"
                         b"local_preload_libraries = 'tideline_no_such_library'\n"
                         b"data_directory = '/nonexistent/tideline-other-cluster'\n")
                m.size = len(data)
            t.addfile(m, io.BytesIO(data) if data is not None else None)
        t.close()
        return
    if case in ("no-pg-control", "backup-label-disagrees"):
        t = tarfile.open(out, "w", format=tarfile.PAX_FORMAT)
        for m, data in members:
            if case == "no-pg-control" and m.name.lstrip("./") == "global/pg_control":
                continue
            if case == "backup-label-disagrees" and m.name.lstrip("./") == "backup_label":
                # Another backup's label: one segment later.
                lines = data.decode().splitlines(keepends=True)
                for k, line in enumerate(lines):
                    if line.startswith("START WAL LOCATION: "):
                        hi, lo = line.split()[3].split("/")
                        lines[k] = "START WAL LOCATION: %s/%X (file %s)\n" % (
                            hi, int(lo, 16) + 0x1000000, line.split("(file ")[1].rstrip(")\n"))
                data = "".join(lines).encode()
                m.size = len(data)
            t.addfile(m, io.BytesIO(data) if data is not None else None)
        t.close()
        return
    fmt, extra = hostile(case)
    t = tarfile.open(out, "w", format=fmt)
    for m, data in members:
        t.addfile(m, io.BytesIO(data) if data is not None else None)
    for m, data in extra:
        t.addfile(m, data)
    t.close()


if __name__ == "__main__":
    main()
