// The few parts of Express's request and response the pages use (express ships no types of its own, and these are all we need).

export interface Request {
  method: string;
  originalUrl: string;
  ip?: string;
  headers: Record<string, string | string[] | undefined>;
  body?: Record<string, unknown>;
}

export interface Response {
  status(code: number): Response;
  setHeader(name: string, value: string | string[]): Response;
  type(type: string): Response;
  send(body: string): Response;
  redirect(status: number, location: string): void;
}

export function cookieOf(req: Request): string | undefined {
  const c = req.headers.cookie;
  return typeof c === 'string' ? c : undefined;
}
