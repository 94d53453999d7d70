import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);

// src/core/catalog.ts
function entryKey(e) {
  return e.parent ? `${e.parent}: ${e.kind} ${e.name}` : `${e.kind} ${e.name}`;
}
function located(e) {
  return e.parent ? { object: e.parent, member: `${e.kind} ${e.name}`, kind: e.kind } : { object: `${e.kind} ${e.name}`, kind: e.kind };
}
function compareCatalogs(before, after) {
  const index = (s) => new Map(s.entries.map((e) => [entryKey(e), e]));
  const a = index(before);
  const b = index(after);
  const changes = [];
  const wholeObject = /* @__PURE__ */ new Set();
  for (const [key, e] of a) if (!e.parent && !b.has(key)) wholeObject.add(key);
  for (const [key, e] of b) if (!e.parent && !a.has(key)) wholeObject.add(key);
  const keys = [.../* @__PURE__ */ new Set([...a.keys(), ...b.keys()])];
  for (const key of keys) {
    const x = a.get(key);
    const y = b.get(key);
    const e = y ?? x;
    if (e.parent && wholeObject.has(e.parent)) continue;
    if (!y) changes.push({ change: "dropped", ...located(x) });
    else if (!x) changes.push({ change: "added", ...located(y) });
    else
      for (const property of [.../* @__PURE__ */ new Set([...Object.keys(x.props), ...Object.keys(y.props)])].sort()) {
        const p = x.props[property] ?? "";
        const q = y.props[property] ?? "";
        if (p !== q) changes.push({ change: "altered", ...located(y), property, before: p, after: q });
      }
  }
  return changes.sort((p, q) => compareText(p.object, q.object) || compareText(p.member ?? "", q.member ?? ""));
}
function compareText(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function changeSubject(c) {
  return c.member ? `${c.object}: ${c.member}` : c.object;
}
function oneLine(text, max = 160) {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}\u2026` : flat;
}

export {
  compareCatalogs,
  changeSubject,
  oneLine
};
