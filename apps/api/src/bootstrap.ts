import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { setting } from '@conduct/config';
import { JsonLogger } from '@conduct/logging';
import { tracingStarted } from '@conduct/temporal';
import { AppModule } from './app.module';
import { IMPORT_BODY_LIMIT } from './imports/imports.controller';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { idempotencyKeyCheck } from './common/idempotency-key.middleware';
import { RateLimits } from './common/rate-limit';
import { RejectPrototypeKeysPipe } from './common/pipes';
import { ApiMetrics } from './metrics/api-metrics';
import { requestLog } from './common/request-log.middleware';
import { requestSpan } from './common/request-span.middleware';

// Express's own text parser (express ships no types; @nestjs/platform-express brings express itself).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { text } = require('express') as { text(options: { type: string[]; limit: string }): (req: unknown, res: unknown, next: () => void) => void };

/**
 * Builds the HTTP application: security headers (helmet's defaults: a strict Content-Security-Policy, HSTS,
 * nosniff, framing by the same origin only, no X-Powered-By), rate limits on what answers without a token, Prometheus metrics at /metrics, bodies of
 * 256 kB at most (an import file: IMPORT_BODY_LIMIT), strict validation, OpenAPI at /docs and /docs-json.
 */
export async function createApi(): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { logger: new JsonLogger('api', setting('LOG_LEVEL') ?? 'warn'), bodyParser: true });
  app.disable('x-powered-by');
  const proxies = setting('API_TRUST_PROXY');
  // Behind a proxy, the client's address (for the rate limits and the logs) is the one it forwards.
  if (proxies !== undefined) app.set('trust proxy', proxies);
  // First, so everything that answers a request (a 429, a guard's 401 too) runs in its span.
  if (tracingStarted()) app.use(requestSpan);
  app.use(helmet());
  app.use(requestLog);
  // Before the rate limits, so a 429 is counted too.
  app.use(app.get(ApiMetrics).middleware);
  app.use(app.get(RateLimits).middleware);
  app.use(idempotencyKeyCheck);
  app.useGlobalFilters(new ApiExceptionFilter());
  // An import file is read whole as text (the import reads JSON itself, to name each refused row's line), and may be large.
  app.use('/imports', text({ type: ['application/json', 'text/csv', 'application/*+json'], limit: IMPORT_BODY_LIMIT }));
  app.useBodyParser('json', { limit: '256kb' });
  // The web interface's forms.
  app.useBodyParser('urlencoded', { extended: false, limit: '64kb' });
  app.useGlobalPipes(
    new RejectPrototypeKeysPipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
    }),
  );
  // The Temporal Web UI calls the codec endpoint from the browser.
  app.enableCors({
    origin: [...setting('TEMPORAL_UI_ORIGINS')],
    allowedHeaders: ['authorization', 'content-type', 'x-namespace'],
    methods: ['GET', 'POST'],
  });
  const config = new DocumentBuilder()
    .setTitle('Misconduct proceedings engine')
    .setDescription('Matters, subjects, decisions, events and deadlines under the Police (Conduct) Regulations 2020 and Schedule 3 of the Police Reform Act 2002')
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, config), { jsonDocumentUrl: 'docs-json' });
  return app;
}
