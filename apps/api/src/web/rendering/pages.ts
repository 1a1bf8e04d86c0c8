import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { Injectable } from '@nestjs/common';
import * as nunjucks from 'nunjucks';
import { COMMAND_GRANTS, mayUseConfidentialReports, type Role } from '@conduct/domain';
import { englandAndWalesCalendar } from '@conduct/domain/calendar';
import { dateAndTime, dateInFull, deadlineInWords, sentenceCase } from './words';
import { stylesheet } from './stylesheet';
import { GOVUK_FRONTEND, MOJ_FRONTEND } from './packages';
import { oidcSettings } from '../sign-in/oidc';
import { OUTBOX_READERS } from '../../outbox/outbox-readers';
import { REPORT_READERS } from '../../reports/report-data';


/** What every page's layout reads, besides the page's own context. */
export interface PageFrame {
  /** The signed-in person, or undefined on the sign-in pages. */
  user?: { name: string; role: Role; forceId: string; via?: string };
  csrfToken?: string;
  /** Where the person is, for the navigation's current item. */
  section?: 'my-work' | 'unallocated' | 'refer' | 'oversight' | 'messages' | 'confidential';
}

/** The service navigation: each section only for the roles that may use it (the grants table, the readers of reports and of the outbox). */
export function navigationFor(user: { role: Role }, section: PageFrame['section']): { href: string; text: string; active: boolean }[] {
  const items: { href: string; text: string; section: NonNullable<PageFrame['section']> }[] = [
    { href: '/', text: 'My work', section: 'my-work' },
    ...(!(COMMAND_GRANTS.allocation.roles as readonly Role[]).includes(user.role) ? [] : [{ href: '/unallocated', text: 'Unallocated work', section: 'unallocated' as const }]),
    ...(!COMMAND_GRANTS.referral.roles.includes(user.role) ? [] : [{ href: '/refer', text: 'Refer a matter', section: 'refer' as const }]),
    ...(!REPORT_READERS.includes(user.role) ? [] : [{ href: '/oversight', text: 'Reports', section: 'oversight' as const }]),
    ...(!OUTBOX_READERS.includes(user.role) ? [] : [{ href: '/messages', text: 'Messages sent', section: 'messages' as const }]),
    ...(!mayUseConfidentialReports(user.role, 'confidential-report') ? [] : [{ href: '/psd/confidential-reports', text: 'Confidential reports', section: 'confidential' as const }]),
  ];
  return items.map((i) => ({ href: i.href, text: i.text, active: i.section === section }));
}

/** A rendered page: its HTML and the Content-Security-Policy that lets exactly its own inline script run. */
export interface RenderedPage {
  html: string;
  contentSecurityPolicy: string;
}

/**
 * The Nunjucks environment: this interface's templates (views/), GOV.UK Frontend's and the MOJ components' macros,
 * every value escaped unless a template says otherwise, and the filters that write dates and deadlines in words.
 */
@Injectable()
export class Pages {
  private readonly env: nunjucks.Environment;
  /** Sign-out is a form whose answer redirects to the provider's end-session page: the CSP must let it go there. */
  private readonly formAction: string;

  constructor() {
    this.env = new nunjucks.Environment(
      new nunjucks.FileSystemLoader([path.join(__dirname, '../views'), path.join(GOVUK_FRONTEND, 'dist'), MOJ_FRONTEND], {
        noCache: false,
      }),
      { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true },
    );
    const calendar = englandAndWalesCalendar();
    this.env.addFilter('dateInFull', dateInFull);
    this.env.addFilter('dateAndTime', dateAndTime);
    this.env.addFilter('sentenceCase', sentenceCase);
    // The MOJ timeline's date filter: dates in full, 24-hour London times.
    this.env.addFilter('mojDate', (v: string, type?: string) => (type === 'date' ? dateInFull(v) : dateAndTime(v)));
    this.env.addFilter('deadlineWords', (d: { dueDate: string; dueAt: string; status: string }) => deadlineInWords(d, new Date(), calendar).words);
    this.env.addGlobal('stylesheetVersion', stylesheet().version);
    const oidc = oidcSettings();
    this.formAction = oidc ? `'self' ${oidc.issuer.origin}` : "'self'";
  }

  render(template: string, context: Record<string, unknown> & PageFrame): RenderedPage {
    // The GOV.UK template's one inline script (it marks the body as JavaScript-enabled) runs by this nonce, and nothing else inline.
    const cspNonce = randomBytes(16).toString('base64');
    const html = this.env.render(template, { ...context, cspNonce, navigation: context.user ? navigationFor(context.user, context.section) : [] });
    return {
      html,
      contentSecurityPolicy: [
        "default-src 'self'",
        `script-src 'self' 'nonce-${cspNonce}'`,
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        `form-action ${this.formAction}`,
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
      ].join('; '),
    };
  }
}
