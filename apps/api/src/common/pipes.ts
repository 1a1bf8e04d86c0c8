import { ArgumentMetadata, BadRequestException, Injectable, NotFoundException, PipeTransform } from '@nestjs/common';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Refuses bodies that try to reach an object's prototype (`__proto__`, `constructor`, `prototype`),
 * before anything else reads them.
 */
@Injectable()
export class RejectPrototypeKeysPipe implements PipeTransform {
  transform(value: unknown, meta: ArgumentMetadata): unknown {
    if (meta.type === 'body' || meta.type === 'query') check(value, meta.type, 0);
    return value;
  }
}

function check(value: unknown, path: string, depth: number): void {
  if (depth > 20) throw new BadRequestException({ message: `${path}: nested too deeply`, field: path });
  if (!value || typeof value !== 'object') return;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) throw new BadRequestException({ message: `${path}.${key}: this field name is not allowed`, field: `${path}.${key}` });
    check((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1);
  }
}

const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;

/** A path parameter that cannot be a reference names nothing that exists. */
export class IdentifierPipe implements PipeTransform<string, string> {
  constructor(private readonly what: string) {}

  transform(value: string): string {
    if (typeof value !== 'string' || !IDENTIFIER.test(value)) throw new NotFoundException(`${this.what} not found`);
    return value;
  }
}
