/**
 * @module scripts/lib/script-args
 * Option checking shared by the npm scripts that read `process.argv` directly (eval:geo,
 * eval:kb, eval:events, build:data): `--help`/`-h` prints the script's usage and exits before it
 * does any work (a data build must not start because someone asked how to run it), and an
 * option the script does not know is a usage error that names it, not something silently ignored.
 * Scripts that parse their own values (train, cv:sentences, eval:nlp) check them first with
 * `usageOrThrow`; every script's --help has one layout (`scriptUsage`).
 */
import { DossierError } from '../../src/errors.ts';

export interface ScriptOption {
  /** The flag, e.g. `--data`. */
  flag: string;
  /** Name of its value (`DIR`), absent for a switch. */
  value?: string;
  help: string;
}

/** The usage text: synopsis, description and one line per option. */
export function scriptUsage(synopsis: string, description: string, options: readonly ScriptOption[]): string {
  const left = options.map((o) => (o.value ? `${o.flag} ${o.value}` : o.flag));
  const width = Math.max(12, ...left.map((l) => l.length)) + 2;
  const lines = options.map((o, i) => `  ${left[i]!.padEnd(width)}${o.help}`);
  return [`usage: ${synopsis}`, '', description, '', ...lines, `  ${'--help'.padEnd(width)}print this help and exit`].join('\n');
}

/**
 * The problem with `argv` for these options, or null when it is fine: an unknown option, or a
 * value option without its value.
 */
export function argsProblem(name: string, options: readonly ScriptOption[], argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') continue;
    const o = options.find((x) => x.flag === a);
    if (!o) {
      const known = [...options.map((x) => x.flag), '--help'].join(', ');
      return `${name}: unknown ${a.startsWith('-') ? 'option' : 'argument'} "${a}" (expected ${known})`;
    }
    if (o.value) {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) return `${name}: ${a} needs ${o.value}`;
      i++;
    }
  }
  return null;
}

/**
 * For scripts that parse their own values (train, cv:sentences, eval:nlp): print the usage and exit 0 on
 * `--help`; otherwise throw DossierError('USAGE') naming an unknown option or a missing value
 * (runIfMain prints it and exits 64). After this, every value option has its value.
 */
export function usageOrThrow(name: string, synopsis: string, description: string, options: readonly ScriptOption[], argv: readonly string[]): void {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(scriptUsage(synopsis, description, options));
    process.exit(0);
  }
  const problem = argsProblem(name, options, argv);
  if (problem) throw new DossierError('USAGE', problem);
}

/**
 * Check the process's arguments: print the usage and exit 0 on `--help`; print
 * `error[USAGE]: …` and exit 64 on a bad option (no stack trace).
 */
export function checkScriptArgs(name: string, synopsis: string, description: string, options: readonly ScriptOption[], argv: readonly string[] = process.argv.slice(2)): void {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(scriptUsage(synopsis, description, options));
    process.exit(0);
  }
  const problem = argsProblem(name, options, argv);
  if (problem) {
    console.error(`error[USAGE]: ${problem}`);
    process.exit(64);
  }
}
