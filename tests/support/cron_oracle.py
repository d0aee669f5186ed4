#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""croniter as the outside oracle for engine/k8s/CronSchedule (TestCronSchedule).

CNPG reads ScheduledBackup schedules with robfig/cron v1.2.0: seconds first, the day of week
optional. croniter reads crontab (minute first) with an optional sixth field for seconds, last.
This script translates robfig's text into croniter's and prints croniter's answers:

  cron_oracle.py SPEC START_ISO N            the N runs after START_ISO, one a line
  cron_oracle.py --crontab SPEC START_ISO N  SPEC read as crontab's five fields, croniter's default
  cron_oracle.py --batch [--crontab]         lines "SPEC<TAB>START_ISO<TAB>N" on stdin; one line out
                                             per query, its runs separated by spaces

Times are ISO 8601 in UTC ("2024-02-29T00:00:00Z"); "none" ends a list when croniter finds no run
within its 50 years. Exit status 3: croniter cannot be imported (the test skips). Exit status 2, or
"error ..." in batch mode: a text this translation does not cover.

The translation, and why:
- Field order: robfig "s m h dom mon [dow]" is croniter "m h dom mon dow s"; a missing day of week
  is "*", as robfig fills it in.
- "?" is robfig's synonym for "*"; croniter 1.3 does not know it.
- Descriptors expand to robfig's own definitions, seconds included (@weekly is Sunday 00:00:00).
  @every has no croniter form and is refused.
- Day of month and day of week: robfig requires both to match when either field has an element
  starting with "*" or "?", and either one otherwise. croniter decides by whether the expanded
  field is "*" (so it reads "1-31" as "*"), and 1.3.5 gives up on the whole OR when one half can
  never match ("31" in November, or Fridays). So the AND goes to croniter as it is (day_or=False)
  and the OR is asked as two schedules, day of month alone and day of week alone, whose runs are
  merged here.
- Not translated, as robfig and croniter read them differently: robfig's oddities ("*-3", "+5",
  empty list elements), croniter's extensions (L, W, #, 7 for Sunday, hashes). The test does not
  generate them.
"""
import datetime
import sys

try:
    from croniter import croniter, CroniterBadDateError
except ImportError:  # the caller skips: no oracle here
    print("croniter is not importable", file=sys.stderr)
    sys.exit(3)

DESCRIPTORS = {
    "@yearly": "0 0 0 1 1 *",
    "@annually": "0 0 0 1 1 *",
    "@monthly": "0 0 0 1 * *",
    "@weekly": "0 0 0 * * 0",
    "@daily": "0 0 0 * * *",
    "@midnight": "0 0 0 * * *",
    "@hourly": "0 0 * * * *",
}


class Untranslatable(Exception):
    pass


def has_star(field):
    # robfig's starBit: any comma element whose range part starts with "*" or "?".
    return any(e.split("/")[0].split("-")[0] in ("*", "?") for e in field.split(",") if e)


class Merged:
    """The runs of several croniter iterators in order, as one iterator."""

    def __init__(self, iterators):
        self.pending = [[it, self._next(it)] for it in iterators]

    @staticmethod
    def _next(it):
        try:
            return it.get_next(datetime.datetime)
        except CroniterBadDateError:
            return None

    def get_next(self, _ret_type):
        found = [p[1] for p in self.pending if p[1] is not None]
        if not found:
            raise CroniterBadDateError("no run in either half")
        first = min(found)
        for p in self.pending:
            if p[1] == first:
                p[1] = self._next(p[0])
        return first


def croniter_for(spec, start, crontab):
    if crontab:
        return croniter(spec, start)
    spec = DESCRIPTORS.get(spec, spec)
    if spec.startswith("@"):
        raise Untranslatable("no croniter form for " + spec)
    fields = spec.split()
    if len(fields) == 5:
        fields.append("*")
    if len(fields) != 6:
        raise Untranslatable("robfig reads five or six fields")
    sec, minute, hour, dom, month, dow = (f.replace("?", "*") for f in fields)
    if has_star(fields[3]) or has_star(fields[5]):
        return croniter(" ".join([minute, hour, dom, month, dow, sec]), start, day_or=False)
    return Merged([croniter(" ".join([minute, hour, dom, month, "*", sec]), start),
                   croniter(" ".join([minute, hour, "*", month, dow, sec]), start)])


def parse_start(text):
    value = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        raise ValueError("START_ISO needs a zone: " + text)
    return value.astimezone(datetime.timezone.utc)


def runs(spec, start_text, count, crontab):
    it = croniter_for(spec, parse_start(start_text), crontab)
    out = []
    for _ in range(count):
        try:
            when = it.get_next(datetime.datetime)
        except CroniterBadDateError:
            out.append("none")
            break
        out.append(when.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
    return out


def main(argv):
    crontab = "--crontab" in argv
    args = [a for a in argv if a not in ("--crontab", "--batch")]
    if "--batch" in argv:
        for line in sys.stdin:
            line = line.rstrip("\n")
            if not line:
                continue
            spec, start, count = line.split("\t")
            try:
                print(" ".join(runs(spec, start, int(count), crontab)))
            except Exception as e:  # one bad query must not hide the others' answers
                print("error " + " ".join(str(e).split()))
        return 0
    if len(args) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        for when in runs(args[0], args[1], int(args[2]), crontab):
            print(when)
    except Untranslatable as e:
        print(e, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
