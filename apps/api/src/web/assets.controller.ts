import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from './http';
import { Public } from '../auth/auth.guard';
import { GOVUK_FRONTEND, MOJ_FRONTEND } from './rendering/packages';
import { stylesheet } from './rendering/stylesheet';


/** The scripts a page may load, each read once from the pinned packages (or this folder) when first asked for. */
const SCRIPTS: Readonly<Record<string, string>> = {
  'govuk-frontend.min.js': path.join(GOVUK_FRONTEND, 'dist/govuk/govuk-frontend.min.js'),
  'moj-frontend.min.js': path.join(MOJ_FRONTEND, 'moj/moj-frontend.min.js'),
  'init.js': path.join(__dirname, 'assets/init.js'),
};
const loaded = new Map<string, string>();

/** The stylesheet and scripts, from memory. The stylesheet's address carries its hash, so it is kept a year. */
@ApiExcludeController()
@Public()
@Controller('assets')
export class AssetsController {
  @Get(':file')
  stylesheet(@Param('file') file: string, @Res() res: Response) {
    const css = stylesheet();
    if (file !== `application-${css.version}.css`) throw new NotFoundException(`no asset ${file}`);
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.type('text/css').send(css.css);
  }

  @Get('js/:file')
  script(@Param('file') file: string, @Res() res: Response) {
    const source = SCRIPTS[file];
    if (!source) throw new NotFoundException(`no script ${file}`);
    const script = loaded.get(file) ?? readFileSync(source, 'utf8');
    loaded.set(file, script);
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type('text/javascript').send(script);
  }
}
