import { setting } from '@conduct/config';
import { Channel } from './message';
import { LogChannel } from './channels/log.channel';
import { SmtpChannel } from './channels/smtp.channel';
import { WebhookChannel } from './channels/webhook.channel';

export type Route = { email: string } | { webhook: string; secret?: string } | { log: true };

/**
 * `NOTIFICATION_ROUTES`: force → role → route, with `default` for any force and `*` for any role.
 *   {"default": {"college-of-policing": {"webhook": "https://...", "secret": "..."}, "*": {"email": "psd@force.example"}},
 *    "forces": {"my-force": {"case-officer": {"email": "co@my-force.example"}}}}
 * A message with no route is not sent: it stays pending, with `no-route` as its last error, and is
 * looked at again later (`GET /outbox?status=pending` lists it).
 */
export interface RoutesConfig {
  default?: Record<string, Route>;
  forces?: Record<string, Record<string, Route>>;
}

export interface ChannelSettings {
  smtpUrl?: string;
  from: string;
  webhookSecret?: string;
  timeoutMs: number;
}

export function parseRoutes(json: string | undefined): RoutesConfig {
  if (!json || !json.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error('NOTIFICATION_ROUTES is not valid JSON');
  }
  const cfg = parsed as RoutesConfig;
  const tables = [['default', cfg.default ?? {}], ...Object.entries(cfg.forces ?? {}).map(([f, t]) => [`forces.${f}`, t] as const)] as [string, Record<string, Route>][];
  for (const [where, table] of tables) {
    for (const [role, route] of Object.entries(table)) {
      const ok = route && typeof route === 'object' && ('email' in route || 'webhook' in route || 'log' in route);
      if (!ok) throw new Error(`NOTIFICATION_ROUTES ${where}.${role}: a route is {"email"}, {"webhook","secret"} or {"log": true}`);
    }
  }
  return cfg;
}

export function routeFor(cfg: RoutesConfig, forceId: string | null, role: string): Route | null {
  const force = (forceId && cfg.forces?.[forceId]) || undefined;
  return force?.[role] ?? force?.['*'] ?? cfg.default?.[role] ?? cfg.default?.['*'] ?? null;
}

/** Builds (and caches) the channel for each route. */
export class ChannelDirectory {
  private readonly cache = new Map<string, Channel>();

  constructor(
    private readonly routes: RoutesConfig,
    private readonly settings: ChannelSettings,
  ) {}

  channelFor(forceId: string | null, role: string): Channel | null {
    const route = routeFor(this.routes, forceId, role);
    if (!route) return null;
    const id = JSON.stringify(route);
    let channel = this.cache.get(id);
    if (!channel) {
      channel = this.build(route);
      this.cache.set(id, channel);
    }
    return channel;
  }

  private build(route: Route): Channel {
    if ('log' in route) return new LogChannel();
    if ('webhook' in route) {
      const secret = route.secret ?? this.settings.webhookSecret;
      if (!secret) throw new Error('a webhook route needs a secret (in the route or NOTIFICATION_WEBHOOK_SECRET)');
      return new WebhookChannel(route.webhook, secret, this.settings.timeoutMs);
    }
    if (!this.settings.smtpUrl) throw new Error('an e-mail route needs SMTP_URL');
    return new SmtpChannel(route.email, { url: this.settings.smtpUrl, from: this.settings.from, timeoutMs: this.settings.timeoutMs });
  }

  close(): void {
    for (const c of this.cache.values()) if (c instanceof SmtpChannel) c.close();
  }
}

export function channelDirectoryFromEnv(env: NodeJS.ProcessEnv = process.env): ChannelDirectory {
  return new ChannelDirectory(parseRoutes(setting('NOTIFICATION_ROUTES', env)), {
    smtpUrl: setting('SMTP_URL', env),
    from: setting('NOTIFICATION_FROM', env),
    webhookSecret: setting('NOTIFICATION_WEBHOOK_SECRET', env),
    timeoutMs: setting('NOTIFICATION_TIMEOUT_MS', env),
  });
}
