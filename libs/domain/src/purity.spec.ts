// @conduct/domain is bundled into Temporal workflows, which must be deterministic. This guards
// the rule by reading the source: the main entry may import only its own files and must not
// read the clock, draw random numbers or ask Intl for a time zone.
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'calendar' ? [] : sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

const files = sources(__dirname);

describe('the workflow-safe entry point', () => {
  it('has source files to check', () => {
    expect(files.map((f) => relative(__dirname, f))).toEqual(expect.arrayContaining(['index.ts', 'time.ts', 'rules/deadlines.ts']));
  });

  it.each(files.map((f) => [relative(__dirname, f), f]))('%s imports only its own files', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(/\bfrom\s+'([^']+)'|\brequire\(\s*'([^']+)'\s*\)|\bimport\(\s*'([^']+)'\s*\)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
    for (const s of specifiers) {
      expect(s).toMatch(/^\.\.?\//);
      expect(s).not.toMatch(/calendar/);
    }
  });

  it.each(files.map((f) => [relative(__dirname, f), f]))('%s does not read the clock, randomness or the host time zone', (_name, file) => {
    const code = readFileSync(file, 'utf8').replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
    expect(code).not.toMatch(/Date\.now\s*\(/);
    expect(code).not.toMatch(/new Date\(\s*\)/);
    expect(code).not.toMatch(/Math\.random/);
    expect(code).not.toMatch(/\bIntl\b/);
    expect(code).not.toMatch(/\.(getFullYear|getMonth|getDate|getDay|getHours|getTimezoneOffset|toLocale\w*)\(/);
    expect(code).not.toMatch(/Date\.parse\(/);
  });
});
