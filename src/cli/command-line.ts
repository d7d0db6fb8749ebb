import { parseArgs } from 'node:util';
import type { Config } from '../config.ts';

/** An option a command takes: `--name VALUE` (string) or `--name` (boolean). */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** The value's placeholder in the help (string options). */
  arg?: string;
  help: string;
}
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** What the options on a command line said: a string, or true for a boolean that was given. */
export type OptionValues = Readonly<Record<string, string | true | undefined>>;

/**
 * The command line is wrong (exit code 2): an unknown command or option, a missing argument.
 * The message ends by pointing to the help of `command` (or to khabar --help).
 */
export class UsageError extends Error {
  constructor(
    what: string,
    readonly command?: string,
  ) {
    super(`${what} (see khabar ${command ? `${command} ` : ''}--help)`);
  }
}

/** A command could not do its work for a reason the user can fix, told in one line (exit 1). */
export class CommandError extends Error {}

/** Every command takes these; each is also an environment variable. */
export const GLOBAL_OPTIONS = {
  port: { type: 'string', arg: 'N', help: 'PORT: the port to listen on (3000)' },
  host: { type: 'string', arg: 'H', help: 'HOST: the address to listen on (0.0.0.0)' },
  'database-url': { type: 'string', arg: 'U', help: 'DATABASE_URL: sqlite:<path> (sqlite:./data/khabar.sqlite) or postgres://…' },
  'site-url': { type: 'string', arg: 'U', help: 'SITE_URL: the public origin, e.g. https://example.org' },
  help: { type: 'boolean', short: 'h', help: 'this help' },
} as const satisfies OptionSpecs;

export interface CommandLine {
  positionals: string[];
  /** Options in the order given, with what followed them. */
  options: { name: string; rawName: string; value: string | undefined; inline: boolean }[];
}

/**
 * Splits argv into positionals and options, knowing every option any command takes (so that a
 * string option keeps its value). Nothing is refused here: which options are allowed depends on
 * the command, found among the positionals (`checkOptions`). Node's own strict mode would throw
 * its own wording ("Unknown option '--x'. To specify a positional argument starting with a '-',
 * place it at the end of the command after '--'"), which is not for people running a newsroom.
 */
export function splitCommandLine(argv: string[], known: OptionSpecs): CommandLine {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const [name, spec] of Object.entries(known)) options[name] = { type: spec.type, ...(spec.short && { short: spec.short }) };
  const { tokens } = parseArgs({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
  const out: CommandLine = { positionals: [], options: [] };
  for (const t of tokens) {
    if (t.kind === 'positional') out.positionals.push(t.value);
    else if (t.kind === 'option') out.options.push({ name: t.name, rawName: t.rawName, value: t.value, inline: t.inlineValue === true });
  }
  return out;
}

export const wantsHelp = (line: CommandLine) => line.options.some((o) => o.name === 'help');

/** The options' values, after refusing any the command does not take, in plain words. */
export function checkOptions(line: CommandLine, allowed: OptionSpecs, command: string | undefined): OptionValues {
  const values: Record<string, string | true> = {};
  for (const o of line.options) {
    const spec = Object.hasOwn(allowed, o.name) ? allowed[o.name] : undefined;
    const fail = (what: string) => new UsageError(what, command);
    if (!spec) throw fail(`unknown option ${o.rawName}`);
    if (spec.type === 'boolean' && o.value !== undefined) throw fail(`${o.rawName} takes no value`);
    // `--email --name X`: parseArgs takes "--name" as the address; a value that looks like an
    // option is far more often a forgotten one (write --email=-x for one that starts with -).
    if (spec.type === 'string' && (o.value === undefined || (!o.inline && o.value.startsWith('-')))) throw fail(`${o.rawName} needs a value`);
    values[o.name] = o.value ?? true;
  }
  return values;
}

/** The help lines for some options, aligned. */
export function optionsHelp(specs: OptionSpecs): string {
  const rows = Object.entries(specs).map(([name, s]) => [`${s.short ? `-${s.short}, ` : ''}--${name}${s.arg ? ` ${s.arg}` : ''}`, s.help] as const);
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`).join('\n');
}

/** A string option's value (the caller's spec makes booleans impossible here). */
export const str = (v: string | true | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

/** One `khabar <command>`: its help and what it runs. */
export interface Command {
  name: string;
  /** One line in `khabar --help`. */
  summary: string;
  /** `khabar <command> --help`, before the options every command takes. */
  help: string;
  /** The options it takes besides GLOBAL_OPTIONS. */
  options: OptionSpecs;
  /**
   * Does the work; returns what to print on standard output, if anything, or that with an exit
   * code other than 0 for work that finished but not entirely (the WordPress import's skipped items).
   */
  run(config: Config, args: string[], values: OptionValues): Promise<string | undefined | CommandOutcome>;
}

/** What a command printed and the exit code it ends with. */
export interface CommandOutcome {
  output: string;
  exitCode: number;
}
