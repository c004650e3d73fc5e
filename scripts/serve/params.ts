// Reading query parameters defensively: anything typed into the address bar is just text.
import { BadRequest } from './reply.ts';

/** A trimmed parameter, or undefined when absent or blank (capped so a huge value cannot slow a query). */
export function textParam(search: URLSearchParams, name: string, maxLength = 200): string | undefined {
  const value = search.get(name)?.trim();
  return value ? value.slice(0, maxLength) : undefined;
}

/** An integer parameter within bounds; a non-number is a 400, not a crash. */
export function intParam(search: URLSearchParams, name: string, min = 0, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const text = textParam(search, name, 20);
  if (text === undefined) return undefined;
  if (!/^-?\d+$/.test(text)) throw new BadRequest(`${name} must be a whole number, not "${text}"`);
  const value = Number(text);
  if (value < min || value > max) throw new BadRequest(`${name} must be between ${min} and ${max}`);
  return value;
}

/** A parameter restricted to known values. */
export function choiceParam<T extends string>(search: URLSearchParams, name: string, choices: readonly T[]): T | undefined {
  const text = textParam(search, name, 40);
  if (text === undefined) return undefined;
  if (!choices.includes(text as T)) throw new BadRequest(`${name} must be one of ${choices.join(', ')}`);
  return text as T;
}

/** A numeric id from a path segment. */
export function idParam(segment: string): number {
  if (!/^\d{1,15}$/.test(segment)) throw new BadRequest(`not an id: ${segment}`);
  return Number(segment);
}
