import test from 'ava';
import { parsePatchesToml, renderPatchesToml } from '../src/core/patches-toml.js';
import { HopError } from '../src/core/errors.js';
import { scanKeyOrder } from '../src/core/toml-key-order.js';

const FILE = '.hop/releases/1.0.0-patches.toml';

test('hop 0.17.4+ tables: order, status and merge commits as written', (t) => {
  const doc = parsePatchesToml(
    `[patches.1-auth]\nstatus = "staged"\nmerge_commit = "abc12345"\n\n[patches.2-api]\nstatus = "candidate"\n\n[metadata]\nsource_version = "0.17.1"\n`,
    FILE,
  );
  t.deepEqual(
    doc.patches.map((p) => [p.id, p.status, p.mergeCommit, p.line]),
    [
      ['1-auth', 'staged', 'abc12345', 1],
      ['2-api', 'candidate', undefined, 5],
    ],
  );
  t.is(doc.shape, 'tables');
  t.deepEqual(doc.metadata, { source_version: '0.17.1' });
});

test('hop 0.17.1-0.17.3 inline shape', (t) => {
  const doc = parsePatchesToml(`[patches]\n"1-auth" = "staged"\n"2-api" = "candidate"\n`, FILE);
  t.deepEqual(
    doc.patches.map((p) => `${p.id}:${p.status}`),
    ['1-auth:staged', '2-api:candidate'],
  );
  t.is(doc.shape, 'inline');
});

test('integer-like ids keep document order (a JS object would move them first)', (t) => {
  const inline = parsePatchesToml(`[patches]\n"7-z" = "staged"\n"456" = "staged"\n"12" = "candidate"\n"3-a" = "staged"\n`, FILE);
  t.deepEqual(
    inline.patches.map((p) => p.id),
    ['7-z', '456', '12', '3-a'],
  );
  const tables = parsePatchesToml(
    `[patches.9-x]\nstatus = "staged"\n\n[patches.456]\nstatus = "staged"\n\n[patches."10"]\nstatus = "staged"\n`,
    FILE,
  );
  t.deepEqual(
    tables.patches.map((p) => p.id),
    ['9-x', '456', '10'],
  );
});

test('an empty release is the single line [patches]; an empty file too', (t) => {
  t.deepEqual(parsePatchesToml('[patches]\n', FILE).patches, []);
  t.deepEqual(parsePatchesToml('', FILE).patches, []);
  t.is(renderPatchesToml({ patches: [], shape: 'tables' }), '[patches]\n');
});

test('render keeps the shape and round-trips', (t) => {
  const text = `[patches.1-users]\nstatus = "staged"\nmerge_commit = "611f0c08"\n\n[patches.2-posts]\nstatus = "candidate"\n`;
  t.is(renderPatchesToml(parsePatchesToml(text, FILE)), text);
  const inline = `[patches]\n"1-auth" = "staged"\n"456" = "candidate"\n`;
  t.is(renderPatchesToml(parsePatchesToml(inline, FILE)), inline);
});

test('malformed TOML names file, line and column', (t) => {
  const e = t.throws(() => parsePatchesToml(`[patches.1-a]\nstatus = "staged\n`, FILE), { instanceOf: HopError });
  t.regex(e!.message, /^\.hop\/releases\/1\.0\.0-patches\.toml:2:\d+: malformed TOML/);
  t.is(e!.line, 2);
  t.is(e!.exitCode, 2);
});

test('unknown status names file, line and key', (t) => {
  const e = t.throws(() => parsePatchesToml(`[patches.1-a]\nstatus = "staged"\n\n[patches.2-b]\nstatus = "merged"\n`, FILE), {
    instanceOf: HopError,
  });
  t.is(e!.message, `${FILE}:4: patch '2-b' has unknown status "merged"`);
  t.regex(e!.hint!, /candidate.*staged/);
  const missing = t.throws(() => parsePatchesToml(`[patches.1-a]\nmerge_commit = "x"\n`, FILE), { instanceOf: HopError });
  t.regex(missing!.message, /unknown status null/);
});

for (const bad of ['../x', 'A-B', '1/2', 'abc', '1-', '1--a', '1 a']) {
  test(`invalid patch id ${JSON.stringify(bad)} is refused before any path is built`, (t) => {
    const e = t.throws(() => parsePatchesToml(`[patches]\n${JSON.stringify(bad)} = "staged"\n`, FILE), { instanceOf: HopError });
    t.regex(e!.message, new RegExp(`invalid patch id in \\[patches\\] '${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}'`));
    t.is(e!.line, 2);
  });
}

test('a document without [patches] is refused', (t) => {
  const e = t.throws(() => parsePatchesToml(`[patch.1-a]\nstatus = "staged"\n`, FILE), { instanceOf: HopError });
  t.regex(e!.message, /no \[patches\] table/);
});

test('key scanner: multi-line strings and arrays do not confuse it', (t) => {
  const occ = scanKeyOrder(`a = """\n[patches.fake]\n"""\nb = [\n  "[patches.also-fake]",\n]\n[patches.1-x]\nstatus = 'staged'\n`);
  t.deepEqual(
    occ.map((o) => o.path.join('.')),
    ['a', 'b', 'patches.1-x', 'patches.1-x.status'],
  );
});
