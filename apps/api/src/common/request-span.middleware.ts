import { IncomingHttpHeaders } from 'http';
import { Span, SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import { TRACER_NAME } from '@conduct/temporal';
import { RoutedRequest, routeLabel } from '../metrics/route-label';

interface Req extends RoutedRequest {
  method: string;
  headers: IncomingHttpHeaders;
}
interface Res {
  statusCode: number;
  on(event: 'finish' | 'close', fn: () => void): unknown;
}

/**
 * The span of one HTTP request, the root of its trace (or a child of the caller's, given a `traceparent`): named
 * by method and route template (`POST /matters/:reference/subjects/:subjectId/decisions`), never the raw path, for
 * the reason the metrics' labels are (route-label.ts); its status is the answer's. The request and its answer run in
 * the span's context (their streams' events too, so the body parser's callbacks keep it), so the Temporal client's
 * interceptor puts it into the update's or the start's headers. Installed only when the API traces.
 */
export function requestSpan(req: Req, res: Res, next: () => void): void {
  const parent = propagation.extract(context.active(), req.headers);
  const span = trace.getTracer(TRACER_NAME).startSpan(req.method, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method } }, parent);
  const ctx = trace.setSpan(parent, span);
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    endRequestSpan(span, req, res.statusCode);
  };
  res.on('finish', end);
  res.on('close', end);
  context.bind(ctx, req as never);
  context.bind(ctx, res as never);
  context.with(ctx, next);
}

/** Names the span by the route that answered (known only once routing is done) and gives it the answer's status. */
export function endRequestSpan(span: Span, req: Req, status: number): void {
  const route = routeLabel(req);
  span.updateName(`${req.method} ${route}`);
  span.setAttributes({ 'http.route': route, 'http.response.status_code': status });
  // A client's mistake (4xx) is the client's, not an error of the server's (OpenTelemetry's HTTP conventions).
  if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}
