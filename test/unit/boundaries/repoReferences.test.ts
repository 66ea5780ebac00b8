// The repository explains itself (docs/architecture.md §8): no tracked file may point at a path
// outside it, and every citation of a docs section must land on a heading that exists. A clone is
// all a maintainer has, so a reference to a file elsewhere on some machine is a dead end, and a
// renumbered document silently orphans the comments that cite it.
//
// Rules, each a pure scanner tested on strings below, then run over `git ls-files`:
// - no path up into the inputs folder beside the checkout (its name is OUTSIDE_INPUTS below), and
//   no absolute path under /work/;
// - every markdown link (inline, reference definition, href/src) with a relative target stays
//   inside the repository and names a file or folder that exists;
// - every mention of a `*.md` file names one that exists (from the root or the mentioning file);
// - no citation of the documents that used to live outside the repository ("DESIGN §4",
//   "reference §2.1", "STYLE §…");
// - every `docs/<name>.md §<n>` names an existing document with a heading numbered <n>, and every
//   quoted heading after it (`docs/rest-contract.md "API Endpoints"`, `docs/architecture.md §4
//   "Uploads"`) exists, under section <n> when one is given.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The folder of project inputs that sits beside a checkout but is never part of it.
const INPUTS_FOLDER = ['sha', 'red'].join('');
const OUTSIDE_INPUTS = new RegExp(`\\.\\./${INPUTS_FOLDER}\\b`, 'g');

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
// This file spells out the bad examples its scanners must catch, so it is the one file not scanned.
const SELF = relative(ROOT, import.meta.filename)
  .split('\\')
  .join('/');
const NOT_SCANNED = new Set(['package-lock.json', SELF]);

interface Finding {
  file: string;
  line: number;
  problem: string;
}

/** A docs file's headings: the section number each carries (if any) and its text. */
interface Heading {
  number: string | null;
  text: string;
}

/** Looks a path up in the repository (tests pass a fake one). */
type Exists = (repoPath: string) => boolean;

const URL_PATTERN = /[a-z][a-z0-9+.-]*:\/\/[^\s)"'`<>\]]+/gi;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

// Replaces URLs with spaces of the same length, so positions (and line numbers) stay right.
function withoutUrls(text: string): string {
  return text.replace(URL_PATTERN, (url) => ' '.repeat(url.length));
}

// A repository-relative path for `target` as written in `file`, or null when it leaves the repository.
function insideRepo(file: string, target: string): string | null {
  const absolute = target.startsWith('/') ? join(ROOT, target) : resolve(ROOT, dirname(file), target);
  const path = relative(ROOT, absolute).split('\\').join('/');
  return path === '..' || path.startsWith('../') || isAbsolute(path) ? null : path;
}

function outsidePaths(file: string, text: string): Finding[] {
  const findings: Finding[] = [];
  for (const match of text.matchAll(OUTSIDE_INPUTS)) {
    findings.push({ file, line: lineOf(text, match.index), problem: `refers to ${match[0]}, outside the repository` });
  }
  for (const match of withoutUrls(text).matchAll(/(?<![\w.:/-])\/work\//g)) {
    findings.push({ file, line: lineOf(text, match.index), problem: 'refers to an absolute path under /work/' });
  }
  return findings;
}

function markdownLinkTargets(text: string): { target: string; index: number }[] {
  const patterns = [
    /!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g,
    /^ {0,3}\[[^\]\n]+\]:\s*<?(\S+?)>?(?:\s|$)/gm,
    /\b(?:href|src)="([^"]+)"/g,
  ];
  const withoutCode = text.replace(/```[\s\S]*?```/g, (block) => block.replace(/[^\n]/g, ' '));
  return patterns.flatMap((pattern) =>
    [...withoutCode.matchAll(pattern)].map((match) => ({ target: match[1], index: match.index })),
  );
}

function markdownLinks(file: string, text: string, exists: Exists): Finding[] {
  if (!file.endsWith('.md')) return [];
  return markdownLinkTargets(text).flatMap(({ target, index }) => {
    if (SCHEME.test(target) || target.startsWith('#')) return [];
    const path = insideRepo(file, decodeURI(target.split('#')[0].split('?')[0]));
    const line = lineOf(text, index);
    if (path === null) return [{ file, line, problem: `links to ${target}, outside the repository` }];
    return exists(path) ? [] : [{ file, line, problem: `links to ${target}, which does not exist` }];
  });
}

function markdownMentions(file: string, text: string, exists: Exists): Finding[] {
  const findings: Finding[] = [];
  for (const match of withoutUrls(text).matchAll(/(?<![\w.<>-])[\w./-]*\w\.md\b/g)) {
    const mentioned = match[0];
    const fromFile = insideRepo(file, mentioned);
    const fromRoot = insideRepo('', mentioned);
    const found = [fromFile, fromRoot].some((path) => path !== null && exists(path));
    if (!found) {
      findings.push({
        file,
        line: lineOf(text, match.index),
        problem: `mentions ${mentioned}, which the repository lacks`,
      });
    }
  }
  return findings;
}

function legacyCitations(file: string, text: string): Finding[] {
  return [...text.matchAll(/\b(DESIGN|STYLE|[Rr]eference|fidelity)(?:\.md)?\s*(?:"[^"\n]*"\s*)?§/g)].map((match) => ({
    file,
    line: lineOf(text, match.index),
    problem: `cites "${match[1]} §…", a document outside the repository; cite docs/<name>.md §<n>`,
  }));
}

/** Every reference in `text` (the content of tracked file `file`) that leaves the repository or is dead. */
function outsideReferences(file: string, text: string, exists: Exists): Finding[] {
  return [
    ...outsidePaths(file, text),
    ...markdownLinks(file, text, exists),
    ...markdownMentions(file, text, exists),
    ...legacyCitations(file, text),
  ];
}

/** The headings of a markdown document, code blocks skipped. */
function headingsOf(markdown: string): Heading[] {
  const headings: Heading[] = [];
  let inCode = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) inCode = !inCode;
    const heading = inCode ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const text = heading[1].replace(/`/g, '');
    headings.push({ number: /^(\d+(?:\.\d+)*)\.?(?:\s|$)/.exec(text)?.[1] ?? null, text });
  }
  return headings;
}

// A section (§4.2) and a quoted heading ("Uploads"), as cited; the capturing forms pick them out of a list.
const SECTION = String.raw`§\s*\d+(?:\.\d+)*`;
const QUOTED = String.raw`"[^"\n]+"`;
const SECTION_NUMBER = /§\s*(\d+(?:\.\d+)*)/g;
const QUOTED_TEXT = /"([^"\n]+)"/g;
// docs/<name>.md, then optionally a list of sections, then optionally a list of quoted headings.
const CITATION = new RegExp(
  String.raw`docs/([\w-]+)\.md\`?` +
    String.raw`((?:\s*${SECTION})(?:\s*(?:,|/|;|and)\s*${SECTION})*)?` +
    String.raw`((?:,?\s*${QUOTED})(?:\s*(?:,|/|and)\s*${QUOTED})*)?`,
  'g',
);

/** Every `docs/<name>.md §<n> "<heading>"` citation in `text` that names a missing document, section or heading. */
function brokenCitations(file: string, text: string, docs: (name: string) => Heading[] | null): Finding[] {
  const findings: Finding[] = [];
  for (const match of text.matchAll(CITATION)) {
    const [, name, sectionList, quotedList] = match;
    const line = lineOf(text, match.index);
    const headings = docs(name);
    if (headings === null) {
      findings.push({ file, line, problem: `cites docs/${name}.md, which does not exist` });
      continue;
    }
    const sections = [...(sectionList ?? '').matchAll(SECTION_NUMBER)].map((m) => m[1]);
    for (const section of sections) {
      if (!headings.some((h) => h.number === section)) {
        findings.push({ file, line, problem: `cites docs/${name}.md §${section}, which no heading carries` });
      }
    }
    const within = sections.length === 1 ? sections[0] : null;
    for (const [, quoted] of (quotedList ?? '').matchAll(QUOTED_TEXT)) {
      const inSection = (h: Heading) =>
        within === null || h.number === within || (h.number?.startsWith(`${within}.`) ?? false);
      if (!headings.some((h) => inSection(h) && h.text.includes(quoted))) {
        const where = within === null ? '' : ` under §${within}`;
        findings.push({ file, line, problem: `cites docs/${name}.md "${quoted}", no such heading${where}` });
      }
    }
  }
  return findings;
}

// --- the scanners, on strings ----------------------------------------------------------------

const FAKE_REPO = new Set(['README.md', 'docs', 'docs/README.md', 'docs/guide.md', 'src/app.ts']);
const fakeExists: Exists = (path) => FAKE_REPO.has(path);
const FAKE_GUIDE = headingsOf(
  [
    '# Guide',
    '## 1. Start',
    '### 1.1 Install',
    '## 2. Use it',
    '### 2.1 Uploads',
    '```',
    '## 9. Not a heading',
    '```',
  ].join('\n'),
);
const fakeDocs = (name: string) => (name === 'guide' ? FAKE_GUIDE : null);
const problems = (findings: Finding[]) => findings.map((f) => `${f.file}:${f.line} ${f.problem}`);
const up = (levels: number) => '../'.repeat(levels);

describe('outsideReferences', () => {
  it('flags a path into the inputs folder and an absolute /work/ path, with their lines', () => {
    const text = `// see ${up(1)}${INPUTS_FOLDER}/notes.md\nconst x = 1;\nconst p = '/work/elsewhere/file.txt';\n`;
    const found = outsideReferences('src/app.ts', text, () => true);
    expect(problems(found)).toEqual([
      `src/app.ts:1 refers to ${up(1)}${INPUTS_FOLDER}, outside the repository`,
      'src/app.ts:3 refers to an absolute path under /work/',
    ]);
  });

  it('does not mistake a URL or a word for a /work/ path', () => {
    const text = 'https://example.com/work/x and network/work/ and worker/';
    expect(outsideReferences('src/app.ts', text, fakeExists)).toEqual([]);
  });

  it('flags a markdown link whose relative target leaves the repository, and one to a missing file', () => {
    const text = `[design](${up(2)}plans/design.txt)\n\n[gone](docs/missing.txt)\n`;
    expect(problems(outsideReferences('README.md', text, fakeExists))).toEqual([
      `README.md:1 links to ${up(2)}plans/design.txt, outside the repository`,
      'README.md:3 links to docs/missing.txt, which does not exist',
    ]);
  });

  it('resolves links from the linking file, and checks reference definitions and href too', () => {
    const inside = '[home](../README.md) [g](guide.md#top) [web](https://aws.amazon.com) [a](#anchor)';
    expect(outsideReferences('docs/README.md', inside, fakeExists)).toEqual([]);
    const outside = `[ref]: ${up(2)}outside.txt\n<img src="${up(3)}x.png">`;
    expect(problems(outsideReferences('docs/README.md', outside, fakeExists))).toEqual([
      `docs/README.md:1 links to ${up(2)}outside.txt, outside the repository`,
      `docs/README.md:2 links to ${up(3)}x.png, outside the repository`,
    ]);
  });

  it('ignores link syntax inside fenced code blocks and outside markdown files', () => {
    const fenced = ['```', `[x](${up(3)}y)`, '```'].join('\n');
    expect(outsideReferences('docs/README.md', fenced, fakeExists)).toEqual([]);
    expect(outsideReferences('src/app.ts', `// [x](${up(3)}y.txt)`, fakeExists)).toEqual([]);
  });

  it('flags a mention of a markdown file the repository lacks, but not one it has or one inside a URL', () => {
    const text = '// as DESIGN.md says; see docs/guide.md and README.md; https://example.com/CHANGELOG.md';
    expect(problems(outsideReferences('src/app.ts', text, fakeExists))).toEqual([
      'src/app.ts:1 mentions DESIGN.md, which the repository lacks',
    ]);
  });

  it('flags citations of the documents that used to live outside the repository', () => {
    const text = '// DESIGN §4, reference §2.1, fidelity §5, STYLE "Errors" §2\n// docs/guide.md §1 is fine';
    expect(outsideReferences('src/app.ts', text, fakeExists)).toHaveLength(4);
  });
});

describe('headingsOf', () => {
  it('reads section numbers with or without a trailing dot, and skips fenced code', () => {
    expect(FAKE_GUIDE).toEqual([
      { number: null, text: 'Guide' },
      { number: '1', text: '1. Start' },
      { number: '1.1', text: '1.1 Install' },
      { number: '2', text: '2. Use it' },
      { number: '2.1', text: '2.1 Uploads' },
    ]);
  });
});

describe('brokenCitations', () => {
  it('accepts sections and headings that exist, in every citation form', () => {
    const text = [
      '// docs/guide.md §1.1 and docs/guide.md §2, §1; docs/guide.md §1/§2.1.',
      '// docs/guide.md §2 "Uploads", docs/guide.md "Install", `docs/guide.md` §1',
    ].join('\n');
    expect(brokenCitations('src/app.ts', text, fakeDocs)).toEqual([]);
  });

  it('flags a missing section, also later in a list, and names it', () => {
    const text = '// docs/guide.md §3\n// docs/guide.md §1, §2.2';
    expect(problems(brokenCitations('src/app.ts', text, fakeDocs))).toEqual([
      'src/app.ts:1 cites docs/guide.md §3, which no heading carries',
      'src/app.ts:2 cites docs/guide.md §2.2, which no heading carries',
    ]);
  });

  it('does not count a heading inside a code block', () => {
    expect(problems(brokenCitations('src/app.ts', 'docs/guide.md §9', fakeDocs))).toEqual([
      'src/app.ts:1 cites docs/guide.md §9, which no heading carries',
    ]);
  });

  it('flags a quoted heading that does not exist, or not under the cited section', () => {
    const text = '// docs/guide.md "Deploy"\n// docs/guide.md §1 "Uploads"';
    expect(problems(brokenCitations('src/app.ts', text, fakeDocs))).toEqual([
      'src/app.ts:1 cites docs/guide.md "Deploy", no such heading',
      'src/app.ts:2 cites docs/guide.md "Uploads", no such heading under §1',
    ]);
  });

  it('flags a citation of a document that does not exist', () => {
    expect(problems(brokenCitations('src/app.ts', '// docs/missing.md §1', fakeDocs))).toEqual([
      'src/app.ts:1 cites docs/missing.md, which does not exist',
    ]);
  });
});

// --- the repository ----------------------------------------------------------------------------

// What .gitignore leaves out, for a copy of the repository without its .git folder.
const UNTRACKED_DIRS = new Set(['.git', 'node_modules', 'cdk.out', 'dist', '.prolynk', 'coverage', 'generated']);

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory()) return UNTRACKED_DIRS.has(entry.name) ? [] : filesUnder(path);
    return entry.isFile() && !entry.name.endsWith('.log') ? [path] : [];
  });
}

function repositoryFiles(): string[] {
  if (!existsSync(join(ROOT, '.git'))) return filesUnder('');
  return execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
}

function trackedTextFiles(): { file: string; text: string }[] {
  return repositoryFiles()
    .filter((file) => !NOT_SCANNED.has(file) && existsSync(join(ROOT, file)))
    .map((file) => ({ file, bytes: readFileSync(join(ROOT, file)) }))
    .filter(({ bytes }) => !bytes.includes(0))
    .map(({ file, bytes }) => ({ file, text: bytes.toString('utf8') }));
}

const repoExists: Exists = (path) => existsSync(join(ROOT, path));
const docsHeadings = new Map<string, Heading[] | null>();
const repoDocs = (name: string): Heading[] | null => {
  if (!docsHeadings.has(name)) {
    const path = join(ROOT, 'docs', `${name}.md`);
    docsHeadings.set(name, existsSync(path) ? headingsOf(readFileSync(path, 'utf8')) : null);
  }
  return docsHeadings.get(name) ?? null;
};

describe('the repository', () => {
  const tracked = trackedTextFiles();

  it('scans every tracked text file, the docs included', () => {
    expect(tracked.length).toBeGreaterThan(300);
    expect(tracked.map((t) => t.file)).toEqual(
      expect.arrayContaining(['README.md', 'docs/architecture.md', 'docs/rest-contract.md', 'docs/appsync-facts.md']),
    );
  });

  it('has no file that refers to a path outside it', () => {
    const findings = tracked.flatMap(({ file, text }) => outsideReferences(file, text, repoExists));
    expect(problems(findings)).toEqual([]);
  });

  it('cites only docs sections and headings that exist', () => {
    const findings = tracked.flatMap(({ file, text }) => brokenCitations(file, text, repoDocs));
    expect(problems(findings)).toEqual([]);
    const citations = tracked.reduce((count, { text }) => count + [...text.matchAll(CITATION)].length, 0);
    expect(citations).toBeGreaterThan(100);
  });
});
