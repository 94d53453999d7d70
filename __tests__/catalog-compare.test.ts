import test from 'ava';
import { compareCatalogs, changeSubject, type CatalogEntry } from '../src/core/catalog.js';
import { describeDrift } from '../src/core/upgrade-drift.js';

const users = 'table public.users';
const base: CatalogEntry[] = [
  { kind: 'schema', name: 'public', props: {} },
  { kind: 'table', name: 'public.users', props: {} },
  { kind: 'column', name: 'id', parent: users, props: { type: 'integer', 'not null': 'yes' } },
  { kind: 'column', name: 'email', parent: users, props: { type: 'text' } },
  { kind: 'table', name: 'public.old', props: {} },
  { kind: 'column', name: 'x', parent: 'table public.old', props: { type: 'integer' } },
];

test('changes are objects: added, dropped, altered property by property; a dropped table is one change', (t) => {
  const after: CatalogEntry[] = [
    ...base.filter((e) => e.name !== 'public.old' && e.parent !== 'table public.old' && e.name !== 'email'),
    { kind: 'column', name: 'email', parent: users, props: { type: 'character varying(200)', 'not null': 'yes' } },
    {
      kind: 'index',
      name: 'users_email_idx',
      parent: users,
      props: { definition: 'CREATE INDEX users_email_idx ON public.users USING btree (email)' },
    },
  ];
  const changes = compareCatalogs({ entries: base }, { entries: after });
  t.deepEqual(
    changes.map((c) => [c.change, changeSubject(c), c.change === 'altered' ? `${c.property}: ${c.before} → ${c.after}` : '']),
    [
      ['dropped', 'table public.old', ''],
      ['altered', 'table public.users: column email', 'not null:  → yes'],
      ['altered', 'table public.users: column email', 'type: text → character varying(200)'],
      ['added', 'table public.users: index users_email_idx', ''],
    ],
  );
  t.deepEqual(compareCatalogs({ entries: base }, { entries: [...base].reverse() }), [], 'order does not matter');
});

test('drift reads from the database side', (t) => {
  const live: CatalogEntry[] = [...base, { kind: 'column', name: 'nickname', parent: users, props: { type: 'text' } }];
  t.deepEqual(compareCatalogs({ entries: base }, { entries: live }).map(describeDrift), [
    'table public.users: column nickname only in the database',
  ]);
  t.deepEqual(compareCatalogs({ entries: live }, { entries: base }).map(describeDrift), [
    'table public.users: column nickname missing from the database',
  ]);
});
