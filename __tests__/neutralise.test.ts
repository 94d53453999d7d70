/** The one neutraliser for GitHub log lines, the markdown escapes, and the refusal of control characters in patch file names. */
import test from 'ava';
import { linesForLog, neutraliseLine } from '../src/adapters/ci/github-neutralise.js';
import { escapeMarkdown, fenced, inlineCode } from '../src/core/markdown.js';
import { selectPatchFiles } from '../src/core/patch-files.js';
import { HopError } from '../src/core/errors.js';

test('a single line: \\r and \\n made visible, a leading :: (after any white space) broken, other text untouched', (t) => {
  t.is(neutraliseLine('boom\r::warning title=X::y'), 'boom␍::warning title=X::y');
  t.is(neutraliseLine('::error::x'), ': :error::x');
  t.is(neutraliseLine('  \u0085::error::x'), '  \u0085: :error::x');
  t.is(neutraliseLine('a :: b'), 'a :: b');
  t.is(neutraliseLine('plain'), 'plain');
});

test('multi-line text: raw inside a stop-commands pause only when a line would be a command', (t) => {
  t.deepEqual(linesForLog('one\ntwo'), ['one', 'two']);
  t.deepEqual(
    linesForLog('out\r::warning::x\n  ::error::y', () => 'TOKEN'),
    ['::stop-commands::TOKEN', 'out', '::warning::x', '  ::error::y', '::TOKEN::'],
  );
  const [open, , , close] = linesForLog('a\n::x::y');
  t.regex(open!, /^::stop-commands::hop-ci-[0-9a-f-]{36}$/);
  t.is(close, `::${open!.slice('::stop-commands::'.length)}::`);
});

test('markdown: fences outlast the text, inline text cannot inject links, HTML or cells', (t) => {
  t.is(fenced('a ``` b ```` c'), '`````\na ``` b ```` c\n`````');
  t.is(fenced('plain'), '```\nplain\n```');
  t.is(escapeMarkdown('[x](http://e) <img> a|b *c*\nnext'), '\\[x\\]\\(http://e\\) \\<img\\> a\\|b \\*c\\*<br>next');
  t.is(inlineCode('a`b'), '``a`b``');
  t.is(inlineCode('`x'), '`` `x ``');
});

test('a patch file name with a control character is refused (exit 2), naming the folder', (t) => {
  for (const name of ['01\n.sql', '01\r.sql', '01\u0085.sql', '01\u2028.sql', '01\t.sql']) {
    const e = t.throws(() => selectPatchFiles(['00.sql', name], 'Patches/2-posts'), { instanceOf: HopError });
    t.is(e!.exitCode, 2);
    t.is(e!.file, 'Patches/2-posts');
    t.true(e!.message.includes(JSON.stringify(name)));
  }
  t.deepEqual(
    selectPatchFiles(['b.sql', 'A.py', 'README.md', 'x.txt'], 'P').run.map((f) => f.name),
    ['A.py', 'b.sql'],
  );
});
