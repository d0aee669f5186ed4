#!/usr/bin/python3
"""The catalogues are complete and well-formed.

Runs lupdate over every source and form into scratch copies of translations/tideline_*.ts
(exactly as `cmake --build build --target update_translations` would) and fails when:
  - lupdate warns (a tr() it cannot place, e.g. "Cannot invoke tr() like this"),
  - the sources hold a string the committed .ts lacks, or the .ts keeps one the sources dropped
    (update_translations was not run),
  - a Russian message is unfinished or empty (every numerus form included),
  - a translation loses or invents a placeholder (%1..%99, %n, %L1) or an HTML tag, or has a
    different number of '&' accelerators (one menu letter each, "&&" aside), or loses a
    trailing newline/colon-space that the code concatenates on.
Usage: check_translations.py LUPDATE SOURCE_DIR
"""
import pathlib, re, shutil, subprocess, sys, tempfile
import xml.etree.ElementTree as ET

lupdate, root = sys.argv[1], pathlib.Path(sys.argv[2])
sources = sorted(str(p) for pattern in ('engine/**/*.cpp', 'engine/**/*.h', 'src/**/*.cpp', 'src/**/*.h', 'ui/*.ui')
                 for p in root.glob(pattern))
problems = []


def lupdate_into(ts: pathlib.Path, extra):
    out = subprocess.run([lupdate, *extra, '-I', str(root), '-no-obsolete', '-locations', 'relative', *sources, '-ts', str(ts)],
                         capture_output=True, text=True)
    for line in (out.stdout + out.stderr).splitlines():
        if 'warning' in line.lower() or 'error' in line.lower():
            problems.append(f'lupdate: {line.strip()}')
    if out.returncode != 0:
        problems.append(f'lupdate exited {out.returncode}')


def messages(ts: pathlib.Path):
    result = {}
    for ctx in ET.parse(ts).getroot().iter('context'):
        name = ctx.findtext('name')
        for m in ctx.iter('message'):
            t = m.find('translation')
            forms = [f.text or '' for f in t.iter('numerusform')] if m.get('numerus') == 'yes' else [t.text or '']
            result[(name, m.findtext('source'), m.findtext('comment') or '')] = (t.get('type'), forms)
    return result


PLACEHOLDER = re.compile(r'%L?(?:\d{1,2}|n)')
TAG = re.compile(r'</?([a-zA-Z]+)')


def accelerators(text):
    return len(re.findall(r'&(?!&|[a-z]+;|#)', text.replace('&&', '')))


with tempfile.TemporaryDirectory() as tmp:
    for lang, extra in (('ru', []), ('en', ['-pluralonly'])):
        committed = root / 'translations' / f'tideline_{lang}.ts'
        scratch = pathlib.Path(tmp) / committed.name
        shutil.copy(committed, scratch)
        lupdate_into(scratch, extra)
        before, after = messages(committed), messages(scratch)
        for key in sorted(after.keys() - before.keys()):
            problems.append(f'{lang}: not in {committed.name} (run update_translations): [{key[0]}] {key[1]!r}')
        for key in sorted(before.keys() - after.keys()):
            problems.append(f'{lang}: no longer in the sources (run update_translations): [{key[0]}] {key[1]!r}')
        for (context, source, _), (kind, forms) in sorted(after.items()):
            where = f'{lang}: [{context}] {source!r}'
            if kind in ('unfinished', 'vanished', 'obsolete') or not all(f.strip() for f in forms):
                problems.append(f'{where}: unfinished')
                continue
            want = sorted(set(PLACEHOLDER.findall(source)))
            for form in forms:
                # Russian's "one" form also serves 21, 31...: it needs %n like the others.
                if sorted(set(PLACEHOLDER.findall(form))) != want:
                    problems.append(f'{where}: placeholders {want} vs {sorted(set(PLACEHOLDER.findall(form)))} in {form!r}')
                if sorted(TAG.findall(form)) != sorted(TAG.findall(source)):
                    problems.append(f'{where}: HTML tags differ in {form!r}')
                if accelerators(form) != accelerators(source):
                    problems.append(f'{where}: {accelerators(source)} accelerator(s) in the source, '
                                    f'{accelerators(form)} in {form!r}')
                for ending in ('\n', ': ', ' '):
                    if source.endswith(ending) and not form.endswith(ending):
                        problems.append(f'{where}: the source ends with {ending!r}, the translation does not')
                        break

for p in problems:
    print(p)
print(f'{len(problems)} problem(s)' if problems else 'translations complete')
sys.exit(1 if problems else 0)
