// Option declarations: each option says its placeholder, help line, default and how its text
// becomes a value, so a wrong value fails at the boundary with the option's own name
// (`--delay must be 0 or more`), never with an internal setting's name.
import { UsageError } from './command.ts';

/** One option of a command. `T` is the value `run` receives. */
export interface OptionSpec<T> {
  kind: 'flag' | 'value';
  /** Placeholder in help and usage, e.g. `DIR` (value options only). */
  placeholder?: string;
  help: string;
  /** Repeatable: every value is kept, in order. */
  multiple?: boolean;
  /** Shown in help as the default; also what `run` gets when the option is absent. */
  defaultValue?: T;
  /** Turns the text into a value or throws UsageError. */
  parse?: (text: string, flag: string) => unknown;
  /** A phantom, so the value type travels with the declaration. */
  readonly __type?: T;
}

/** The values of a command's options, typed from its declaration. */
export type OptionValues<O> = { [K in keyof O]: O[K] extends OptionSpec<infer T> ? T : never };

/** A flag without a value. */
export function flag(help: string): OptionSpec<boolean> {
  return { kind: 'flag', help, defaultValue: false };
}

/** A text value. */
export function text(placeholder: string, help: string): OptionSpec<string | undefined>;
export function text(placeholder: string, help: string, defaultValue: string): OptionSpec<string>;
export function text(placeholder: string, help: string, defaultValue?: string): OptionSpec<string | undefined> {
  return { kind: 'value', placeholder, help, defaultValue };
}

/** A text value that may be given several times. */
export function repeated(placeholder: string, help: string): OptionSpec<string[]> {
  return { kind: 'value', placeholder, help, multiple: true, defaultValue: [] };
}

interface NumberRule {
  min?: number;
  /** The smallest value is excluded (`--timeout must be more than 0`). */
  above?: number;
  max?: number;
  integer?: boolean;
}

/** Checks a number against its rule; the message names the option as the user typed it. */
export function checkedNumber(textValue: string, flagName: string, rule: NumberRule): number {
  const value = Number(textValue);
  const kind = rule.integer ? 'a whole number' : 'a number';
  if (textValue.trim() === '' || !Number.isFinite(value)) throw new UsageError(`${flagName} needs ${kind}, got '${textValue}'`);
  if (rule.integer && !Number.isInteger(value)) throw new UsageError(`${flagName} needs ${kind}, got '${textValue}'`);
  if (rule.above !== undefined && value <= rule.above) throw new UsageError(`${flagName} must be more than ${rule.above}, got ${textValue}`);
  if (rule.min !== undefined && value < rule.min) throw new UsageError(`${flagName} must be ${rule.min} or more, got ${textValue}`);
  if (rule.max !== undefined && value > rule.max) throw new UsageError(`${flagName} must be ${rule.max} or less, got ${textValue}`);
  return value;
}

/** A number value with its bounds. */
export function number(placeholder: string, help: string, rule: NumberRule): OptionSpec<number | undefined>;
export function number(placeholder: string, help: string, rule: NumberRule, defaultValue: number): OptionSpec<number>;
export function number(placeholder: string, help: string, rule: NumberRule, defaultValue?: number): OptionSpec<number | undefined> {
  return { kind: 'value', placeholder, help, defaultValue, parse: (t, f) => checkedNumber(t, f, rule) };
}

/** A comma-separated list of known words (`--format csv,parquet`). */
export function list<W extends string>(placeholder: string, choices: readonly W[], help: string, defaultValue: W[]): OptionSpec<W[]> {
  return {
    kind: 'value', placeholder, help, defaultValue,
    parse: (t, f) => {
      const words = t.split(',').map((w) => w.trim()).filter(Boolean);
      const unknown = words.filter((w) => !choices.includes(w as W));
      if (unknown.length || words.length === 0) throw new UsageError(`${f} takes ${choices.join(', ')} (comma-separated); got '${unknown.join(',') || t}'`);
      return [...new Set(words)];
    },
  };
}

/** One word out of a fixed set. */
export function choice<W extends string>(placeholder: string, choices: readonly W[], help: string, defaultValue: W): OptionSpec<W> {
  return {
    kind: 'value', placeholder, help, defaultValue,
    parse: (t, f) => {
      if (!choices.includes(t as W)) throw new UsageError(`${f} takes one of ${choices.join(', ')}; got '${t}'`);
      return t;
    },
  };
}

/** A text value checked by a function (returns the value or throws UsageError). */
export function checked<T>(placeholder: string, help: string, parse: (text: string, flag: string) => T): OptionSpec<T | undefined> {
  return { kind: 'value', placeholder, help, parse };
}
