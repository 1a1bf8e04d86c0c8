import { Variable } from './types';
import { VARIABLES } from './variables';

function shown(v: Variable<unknown>): string {
  if (v.shownDefault !== undefined) return v.shownDefault;
  if (v.default === undefined) return 'none';
  const d = v.default;
  return `\`${Array.isArray(d) ? d.join(',') : typeof d === 'object' ? JSON.stringify(d) : String(d)}\``;
}

function required(v: Variable<unknown>): string {
  if (v.required === 'always') return '**required**; ';
  if (v.required === 'production') return '**required in production**; ';
  return '';
}

/** The README's configuration table, printed from the declarations (one row per variable, in their order). */
export function configurationTable(): string {
  const rows = Object.entries(VARIABLES).map(([name, v]: [string, Variable<unknown>]) => `| \`${name}\` | ${required(v)}${shown(v)} | ${v.readBy.join(', ')} | ${v.meaning} |`);
  return ['| Variable | Default | Read by | Meaning |', '|---|---|---|---|', ...rows].join('\n');
}
