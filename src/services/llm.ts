/**
 * A small client for OpenAI-compatible chat-completions endpoints (`POST {base}/chat/completions`).
 * Optional everywhere: callers keep an offline answer and use this only to make it read better,
 * falling back on any LlmError. No retries here: a slow or failing model is not worth delaying a
 * digest or an answer for.
 */
import type { Config } from "../config.ts";

/** Where and how to reach the model. */
export interface LlmSettings {
  /** e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1 */
  baseUrl: string;
  apiKey?: string;
  model: string;
  timeoutMs: number;
}

/** One chat message in OpenAI's format. */
export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

/** Options for one completion. */
export interface CompleteChatOptions {
  settings: LlmSettings;
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  /** aborts the call early (the timeout from settings applies as well) */
  signal?: AbortSignal;
  /** injected in tests or to route through a proxy; defaults to global fetch */
  fetch?: typeof fetch;
}

/** What the model answered. */
export interface ChatCompletion {
  text: string;
  model: string | null;
  finishReason: string | null;
}

/** Why a completion could not be used; `kind` lets callers log without parsing messages. */
export class LlmError extends Error {
  constructor(
    readonly kind: "timeout" | "http" | "network" | "refused" | "empty" | "bad_response",
    message: string,
  ) {
    super(`llm: ${message}`);
    this.name = "LlmError";
  }
}

/** The LLM settings from the configuration, or null when no endpoint is configured (the offline default). */
export function llmSettingsFromConfig(config: Pick<Config, "LLM_BASE_URL" | "LLM_API_KEY" | "LLM_MODEL" | "LLM_TIMEOUT_MS">): LlmSettings | null {
  if (!config.LLM_BASE_URL) return null;
  return {
    baseUrl: config.LLM_BASE_URL,
    apiKey: config.LLM_API_KEY,
    model: config.LLM_MODEL ?? "gpt-4o-mini",
    timeoutMs: config.LLM_TIMEOUT_MS,
  };
}

/** The chat-completions URL under a base URL, whether or not the base ends with a slash. */
export function chatCompletionsUrl(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, "") + "/chat/completions";
}

/**
 * Sends one chat completion and returns the assistant's text. Throws LlmError on a timeout, a
 * non-2xx answer, a refusal (the `refusal` field or finish_reason `content_filter`), an empty answer
 * or a body that is not a chat completion.
 */
export async function completeChat(opts: CompleteChatOptions): Promise<ChatCompletion> {
  const { settings } = opts;
  const doFetch = opts.fetch ?? fetch;
  const timeout = AbortSignal.timeout(settings.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  if (settings.apiKey) headers.authorization = `Bearer ${settings.apiKey}`;
  const body: Record<string, unknown> = { model: settings.model, messages: opts.messages };
  if (opts.temperature !== undefined) body.temperature = opts.temperature;
  if (opts.maxTokens !== undefined) body.max_tokens = opts.maxTokens;

  let res: Response;
  let raw: string;
  try {
    res = await doFetch(chatCompletionsUrl(settings.baseUrl), { method: "POST", headers, body: JSON.stringify(body), signal });
    raw = await res.text();
  } catch (err) {
    if (timeout.aborted) throw new LlmError("timeout", `no answer within ${settings.timeoutMs} ms from ${settings.baseUrl}`);
    throw new LlmError("network", `request to ${settings.baseUrl} failed: ${(err as Error).message}`);
  }
  if (!res.ok) throw new LlmError("http", `HTTP ${res.status} from ${settings.baseUrl}: ${raw.slice(0, 200)}`);

  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new LlmError("bad_response", `answer is not JSON: ${raw.slice(0, 120)}`);
  }
  const choice = (json as { choices?: unknown[] }).choices?.[0] as
    | { message?: { content?: unknown; refusal?: unknown }; finish_reason?: unknown }
    | undefined;
  if (!choice || typeof choice !== "object" || !choice.message) throw new LlmError("bad_response", "answer has no choices[0].message");
  const finishReason = typeof choice.finish_reason === "string" ? choice.finish_reason : null;
  if (typeof choice.message.refusal === "string" && choice.message.refusal.trim()) {
    throw new LlmError("refused", `model refused: ${choice.message.refusal.slice(0, 200)}`);
  }
  if (finishReason === "content_filter") throw new LlmError("refused", "answer withheld by the content filter");
  const text = typeof choice.message.content === "string" ? choice.message.content.trim() : "";
  if (!text) throw new LlmError("empty", "model returned no text");
  const model = typeof (json as { model?: unknown }).model === "string" ? (json as { model: string }).model : null;
  return { text, model, finishReason };
}
