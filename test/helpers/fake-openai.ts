/**
 * A local OpenAI-compatible chat-completions server on 127.0.0.1 for tests. Each request is
 * answered according to `behave` (which may change between calls): return text (fixed or computed
 * from the request), refuse, fail with an HTTP status, hang (the client's timeout fires), or send
 * a body that is not JSON. Every request body is recorded.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** The request body the fake received. */
export interface FakeOpenAiRequest {
  model?: string;
  messages: { role: string; content: string }[];
  temperature?: number;
  max_tokens?: number;
  authorization: string | undefined;
}

/** What the fake does with the next request. */
export type FakeOpenAiBehaviour =
  | { kind: "answer"; text: string | ((req: FakeOpenAiRequest) => string) }
  | { kind: "refuse"; refusal?: string }
  | { kind: "fail"; status?: number; body?: string }
  | { kind: "hang" }
  | { kind: "garbage" }
  | { kind: "content_filter" };

/** A running fake; `baseUrl` ends in /v1 like OpenAI's. */
export interface FakeOpenAi {
  baseUrl: string;
  requests: FakeOpenAiRequest[];
  behave(b: FakeOpenAiBehaviour): void;
  close(): Promise<void>;
}

/** Starts the fake on an ephemeral loopback port. */
export async function startFakeOpenAi(initial: FakeOpenAiBehaviour = { kind: "answer", text: "ok" }): Promise<FakeOpenAi> {
  let behaviour = initial;
  const requests: FakeOpenAiRequest[] = [];
  const hanging = new Set<ServerResponse>();

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.method !== "POST" || !req.url?.endsWith("/v1/chat/completions")) {
        res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "not found" } }));
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Omit<FakeOpenAiRequest, "authorization">;
      const request: FakeOpenAiRequest = { ...body, authorization: req.headers.authorization };
      requests.push(request);
      const b = behaviour;
      const send = (message: Record<string, unknown>, finish = "stop") =>
        res.writeHead(200, { "content-type": "application/json" }).end(
          JSON.stringify({
            id: `chatcmpl-${requests.length}`,
            object: "chat.completion",
            model: body.model ?? "fake",
            choices: [{ index: 0, message: { role: "assistant", ...message }, finish_reason: finish }],
          }),
        );
      switch (b.kind) {
        case "answer":
          send({ content: typeof b.text === "function" ? b.text(request) : b.text });
          return;
        case "refuse":
          send({ content: null, refusal: b.refusal ?? "I can't help with that." });
          return;
        case "content_filter":
          send({ content: "" }, "content_filter");
          return;
        case "fail":
          res.writeHead(b.status ?? 500, { "content-type": "application/json" }).end(b.body ?? JSON.stringify({ error: { message: "boom" } }));
          return;
        case "garbage":
          res.writeHead(200, { "content-type": "text/html" }).end("<html>gateway</html>");
          return;
        case "hang":
          hanging.add(res);
          return;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    behave: (b) => {
      behaviour = b;
    },
    close: async () => {
      for (const r of hanging) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
