import { z } from "zod";

/**
 * The parts of the two providers' real responses the client reads. Unknown fields are ignored (both APIs add
 * fields over time); what is read is bounded.
 */

/** OpenAI-compatible `POST /v1/chat/completions` (OpenAI, and servers that copy it: vLLM, Ollama, LM Studio ...). */
export const openAiChatResponseSchema = z.object({
  id: z.string().max(500).optional(),
  object: z.string().max(100).optional(),
  model: z.string().max(500).optional(),
  choices: z
    .array(
      z.object({
        index: z.number().int().optional(),
        message: z.object({
          role: z.string().max(50),
          // null when the model answered with a tool call or refused.
          content: z.string().max(1_000_000).nullable(),
          refusal: z.string().max(10_000).nullable().optional(),
        }),
        finish_reason: z.string().max(50).nullable().optional(),
      }),
    )
    .min(1),
  usage: z
    .object({
      prompt_tokens: z.number().int().min(0),
      completion_tokens: z.number().int().min(0),
      total_tokens: z.number().int().min(0).optional(),
    })
    .optional(),
});
export type OpenAiChatResponse = z.infer<typeof openAiChatResponseSchema>;

/** Anthropic `POST /v1/messages`. */
export const anthropicMessageResponseSchema = z.object({
  id: z.string().max(500).optional(),
  type: z.literal("message"),
  role: z.literal("assistant"),
  model: z.string().max(500).optional(),
  content: z.array(
    z.union([
      z.object({ type: z.literal("text"), text: z.string().max(1_000_000) }),
      // Other blocks (thinking, tool_use ...) are not text: kept only to be skipped.
      z.object({ type: z.string().max(100) }).loose(),
    ]),
  ),
  stop_reason: z.string().max(50).nullable().optional(),
  usage: z.object({
    input_tokens: z.number().int().min(0),
    output_tokens: z.number().int().min(0),
  }),
});
export type AnthropicMessageResponse = z.infer<typeof anthropicMessageResponseSchema>;

/** Error bodies: OpenAI `{error: {message, type, code}}`, Anthropic `{type: "error", error: {type, message}}`. */
export const llmErrorBodySchema = z.object({
  error: z.object({ message: z.string().max(2_000).optional(), type: z.string().max(200).nullable().optional() }).loose(),
});
