/** `--name value` and `--flag` arguments; unknown names are refused so typos do not pass silently. */
export function parseArgs(argv: string[], known: string[], flags: string[] = []): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) throw new Error(`unexpected argument "${arg}"`);
    const name = arg.slice(2);
    if (flags.includes(name)) out.set(name, "true");
    else if (known.includes(name)) {
      const value = argv[++i];
      if (value === undefined) throw new Error(`--${name} needs a value`);
      out.set(name, value);
    } else throw new Error(`unknown option --${name} (known: ${[...known, ...flags].map((k) => `--${k}`).join(" ")})`);
  }
  return out;
}

export function numberArg(args: Map<string, string>, name: string): number | undefined {
  const raw = args.get(name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`--${name} must be a number, got "${raw}"`);
  return value;
}
