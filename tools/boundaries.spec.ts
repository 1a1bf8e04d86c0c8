import * as fs from 'fs';
import * as path from 'path';

/**
 * The layer rules, checked by a test rather than by review: workflow code imports only the Temporal
 * workflow API and the pure domain; the domain (outside its calendar) imports nothing but itself.
 */
const root = path.resolve(__dirname, '..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

function imports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

describe('layer boundaries', () => {
  it('workflow code imports only @temporalio/workflow, @conduct/domain and its own files', () => {
    const all = sources(path.join(root, 'workflows/src')).flatMap(imports);
    expect(all).toEqual(expect.arrayContaining(['@temporalio/workflow', '@conduct/domain', './types']));
    const offences = sources(path.join(root, 'workflows/src')).flatMap((f) =>
      imports(f)
        .filter((i) => !i.startsWith('.') && i !== '@temporalio/workflow' && i !== '@conduct/domain')
        .map((i) => `${path.relative(root, f)} imports ${i}`),
    );
    expect(offences).toEqual([]);
  });

  it('the domain imports only itself (the calendar may use date-holidays)', () => {
    const offences = sources(path.join(root, 'libs/domain/src')).flatMap((f) =>
      imports(f)
        .filter((i) => !i.startsWith('.') && !(f.includes(`${path.sep}calendar${path.sep}`) && i === 'date-holidays'))
        .map((i) => `${path.relative(root, f)} imports ${i}`),
    );
    expect(offences).toEqual([]);
  });
});
