import { z } from "zod";

// zod compiles object parsers with `new Function` where it may, and probes for that with a `new Function("")`
// in a try block. Under our CSP (no 'unsafe-eval') the probe is reported as a violation in the console, so the
// browser parses without compiling; the server keeps the compiled parsers.
if (typeof window !== "undefined") z.config({ jitless: true });
