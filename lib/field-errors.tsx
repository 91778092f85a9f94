import type { ZodType } from "zod";

/** Messages by input field, in plain words, for showing next to each field. */
export type FieldErrors = Partial<Record<string, string>>;

const plain = (message: string) => message.charAt(0).toUpperCase() + message.slice(1) + (/[.!?]$/.test(message) ? "" : ".");

/** The field messages of a tRPC error: zod issues, or an application error that names its field. */
export function fieldErrorsOf(error: { data?: { fieldErrors?: Record<string, string[] | undefined> | undefined } | null }): FieldErrors {
  return Object.fromEntries(Object.entries(error.data?.fieldErrors ?? {}).flatMap(([field, messages]) => (messages?.[0] ? [[field, plain(messages[0])]] : [])));
}

/** Checks a value in the browser with the API's own schema, so the form refuses exactly what the server would. */
export function problemOf(schema: ZodType, value: unknown): string | undefined {
  const result = schema.safeParse(value);
  return result.success ? undefined : plain(result.error.issues[0]!.message);
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return <p id={id} role="alert" className="text-xs text-destructive">{message}</p>;
}
