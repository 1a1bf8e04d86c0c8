import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Injectable } from '@nestjs/common';
import type { Response } from './http';
import { JsonLogger } from '@conduct/logging';
import { RETRY_AFTER_SECONDS, unavailableServer } from '../health/unavailable';
import { Pages } from './rendering/pages';
import { RedirectTo } from './session/signed-in.guard';

const logger = new JsonLogger('api');

/** The page for an error: its title and what the person can do next, in the GOV.UK error pages' words. */
export function errorPage(status: number, message: string | undefined): { status: number; title: string; message: string } {
  switch (status) {
    case 404:
      return { status, title: 'Page not found', message: message ?? 'If you typed the web address, check it is correct.' };
    case 403:
      return { status, title: 'You cannot do this', message: message ?? 'Your role does not allow this.' };
    case 429:
      return { status, title: 'Too many requests', message: 'Wait a minute, then try again.' };
    case 503:
      return { status, title: 'Sorry, the service is unavailable', message: message ?? 'Try again in a few seconds. Nothing you sent has been lost.' };
    default:
      return status < 500 ? { status, title: 'There is a problem', message: message ?? 'Go back and try again.' } : { status: 500, title: 'Sorry, there is a problem with the service', message: 'Try again later.' };
  }
}

function messageOf(e: HttpException): string | undefined {
  const body = e.getResponse();
  if (typeof body === 'string') return body;
  const m = (body as Record<string, unknown>).message;
  return typeof m === 'string' ? m : Array.isArray(m) ? m.join('; ') : undefined;
}

/** The web interface's errors as pages (the API's stay JSON): a redirect, 404/403 pages, 503 naming nothing technical. */
@Catch()
@Injectable()
export class WebErrorFilter implements ExceptionFilter {
  constructor(private readonly pages: Pages) {}

  catch(err: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (err instanceof RedirectTo) {
      res.redirect(303, err.location);
      return;
    }
    let page: { status: number; title: string; message: string };
    if (err instanceof HttpException && err.getStatus() < 500) {
      page = errorPage(err.getStatus(), messageOf(err));
    } else if (unavailableServer(err) || (err instanceof HttpException && err.getStatus() === 503)) {
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      page = errorPage(503, undefined);
    } else if (err instanceof HttpException && err.getStatus() === 504) {
      page = { status: 503, title: 'Sorry, the service is busy', message: 'The engine did not answer in time. Try again: a form sent twice is recorded once.' };
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    } else {
      logger.error(`web page failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      page = errorPage(500, undefined);
    }
    const rendered = this.pages.render('error.njk', { ...page, user: undefined });
    res.status(page.status).setHeader('Content-Security-Policy', rendered.contentSecurityPolicy);
    res.type('html').send(rendered.html);
  }
}
