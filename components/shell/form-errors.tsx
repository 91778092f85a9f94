"use client";

import { useCallback, useState } from "react";
import type { ZodType } from "zod";
import { ErrorState } from "@/components/shell/states";

/** What a tRPC error carries for forms: the errorFormatter puts zod's per-field messages in `data.fieldErrors`. */
type ServerError = { message: string; data?: { fieldErrors?: Record<string, string[] | undefined> | undefined } | null };

const sentence = (message: string) => message.charAt(0).toUpperCase() + message.slice(1).replace(/([^.!?])$/, "$1.");

/**
 * Field errors for one form, shown next to their fields. `serverFields` maps the API's field names to the
 * form's ("stakeCents" -> "stake"); a server error about a field the form does not show goes on top.
 */
export function useFormErrors<Field extends string>(serverFields: Partial<Record<string, Field>> = {}) {
  const [fields, setFields] = useState<Partial<Record<Field, string>>>({});
  const [form, setForm] = useState("");

  const clear = useCallback(() => {
    setFields({});
    setForm("");
  }, []);

  /** Marks one field (a client-side check, e.g. a price that does not parse). */
  const fail = useCallback((field: Field, message: string) => setFields((prev) => ({ ...prev, [field]: sentence(message) })), []);

  /** Spreads a failed request over the form: field messages by their fields, anything else on top. */
  const fromServer = useCallback(
    (error: ServerError) => {
      const next: Partial<Record<Field, string>> = {};
      const unplaced: string[] = [];
      for (const [name, messages] of Object.entries(error.data?.fieldErrors ?? {})) {
        const field = serverFields[name];
        if (!messages?.length) continue;
        if (field) next[field] = sentence(messages[0]!);
        else unplaced.push(`${name}: ${messages[0]}`);
      }
      setFields(next);
      const placed = Object.keys(next).length > 0;
      setForm(unplaced.length ? unplaced.join("; ") : placed ? "" : error.message);
    },
    [serverFields],
  );

  /** Props for the input of `field`: marks it invalid and points to its message. */
  const describe = (field: Field, id: string) => ({
    "aria-invalid": fields[field] ? true : undefined,
    "aria-describedby": fields[field] ? `${id}-error` : undefined,
  });

  return { fields, form, clear, fail, fromServer, describe, setForm };
}

/** Checks a value in the browser with the API's own schema, so a form refuses exactly what the server would. */
export function problemOf(schema: ZodType, value: unknown): string | undefined {
  const result = schema.safeParse(value);
  return result.success ? undefined : sentence(result.error.issues[0]!.message);
}

/** The message under one field. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={`${id}-error`} role="alert" className="text-xs text-destructive">
      {message}
    </p>
  );
}

/** The message above or below a form, for errors that belong to no single field. */
export function FormError({ message }: { message: string }) {
  return message ? <ErrorState message={message} /> : null;
}
