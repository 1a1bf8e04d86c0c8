import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { copyAssets, root, rewriteAliases, workspaceAliases } from './build';

describe('npm run build', () => {
  const aliases = workspaceAliases();
  const built = (rel: string) => path.join(root, 'dist', rel);

  it("rewrites the workspace's imports by name to relative requires of the built files, in either quote", () => {
    const js = 'const a = require("@conduct/domain");\nconst b = require(\'@conduct/domain/calendar\');\nconst c = require("@nestjs/core");';
    const out = rewriteAliases(js, built('apps/worker/src/outbox/x.js'), aliases, () => true);
    expect(out).toBe('const a = require("../../../../libs/domain/src/index");\nconst b = require(\'../../../../libs/domain/src/calendar/index\');\nconst c = require("@nestjs/core");');
  });

  it('fails the build on an import by name that tsconfig.base.json does not declare, or whose file is not built', () => {
    expect(() => rewriteAliases('require("@conduct/nowhere")', built('apps/api/src/main.js'), aliases, () => true)).toThrow(/@conduct\/nowhere, which tsconfig.base.json does not declare/);
    expect(() => rewriteAliases('require("@conduct/stack")', built('apps/api/src/main.js'), aliases, () => false)).toThrow(/@conduct\/stack \(tools\/stack\/index.ts\), which the build does not compile/);
  });

  it("ships the web interface's templates and static files beside its compiled code, and no TypeScript", () => {
    const from = fs.mkdtempSync(path.join(os.tmpdir(), 'conduct-build-'));
    const to = path.join(from, 'dist');
    const write = (rel: string) => {
      fs.mkdirSync(path.dirname(path.join(from, rel)), { recursive: true });
      fs.writeFileSync(path.join(from, rel), rel);
    };
    ['apps/api/src/web/views/matter.njk', 'apps/api/src/web/public/app.css', 'apps/api/src/web/assets/logo.svg', 'apps/api/src/web/web.controller.ts'].forEach(write);
    try {
      expect(copyAssets(from, to, ['apps/api/src/web', 'apps/api/src/not-there']).sort()).toEqual(['apps/api/src/web/assets/logo.svg', 'apps/api/src/web/public/app.css', 'apps/api/src/web/views/matter.njk']);
      expect(fs.readFileSync(path.join(to, 'apps/api/src/web/views/matter.njk'), 'utf8')).toBe('apps/api/src/web/views/matter.njk');
    } finally {
      fs.rmSync(from, { recursive: true, force: true });
    }
  });
});
