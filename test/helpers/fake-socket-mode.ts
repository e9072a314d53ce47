/**
 * A fake Slack Socket Mode endpoint on 127.0.0.1: a minimal WebSocket server (RFC 6455 handshake,
 * text frames, ping → pong, close) that the real SocketModeClient connects to. Point the fake Web
 * API's apps.connections.open at `wsUrl`:
 *
 *   const sm = await startFakeSocketMode({ holdHello: true });
 *   api.on("apps.connections.open", () => ({ json: { ok: true, url: sm.wsUrl } }));
 *   …                      // the client is connected at the WebSocket level but Slack has not said hello
 *   sm.hello();            // Slack's "hello": only now is the app connected
 *   sm.send({ … })         // an envelope (events_api, slash_commands, interactive)
 *   sm.acks                // what the app sent back (acks with envelope_id)
 *   sm.drop()              // the connection is lost (sm.holdHello() first: the reconnection waits for hello)
 *   await sm.close()
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** A running fake. */
export interface FakeSocketMode {
  wsUrl: string;
  /** sockets currently open */
  connections(): number;
  acks: Record<string, unknown>[];
  hello(): void;
  /** new connections wait for hello() again */
  holdHello(): void;
  send(payload: unknown): void;
  drop(): void;
  close(): Promise<void>;
}

const GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

function frame(opcode: number, payload: Buffer): Buffer {
  const len = payload.length;
  const head = len < 126 ? Buffer.from([0x80 | opcode, len]) : len < 65536 ? Buffer.from([0x80 | opcode, 126, len >> 8, len & 255]) : Buffer.concat([Buffer.from([0x80 | opcode, 127]), (() => { const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(len)); return b; })()]);
  return Buffer.concat([head, payload]);
}

/** Starts the fake; with `holdHello` it waits for `hello()` before saying hello to a new connection. */
export async function startFakeSocketMode(opts: { holdHello?: boolean } = {}): Promise<FakeSocketMode> {
  const sockets = new Set<Socket>();
  const acks: Record<string, unknown>[] = [];
  let helloSent = !opts.holdHello;
  const helloMsg = () => frame(1, Buffer.from(JSON.stringify({ type: "hello", num_connections: 1, debug_info: { host: "fake", approximate_connection_time: 3600 }, connection_info: { app_id: "A0001" } })));
  const server = createServer((_req, res) => res.writeHead(404).end());
  server.on("upgrade", (req: IncomingMessage, socket: Socket) => {
    const key = String(req.headers["sec-websocket-key"] ?? "");
    const accept = createHash("sha1").update(key + GUID).digest("base64");
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => sockets.delete(socket));
    let buf = Buffer.alloc(0);
    socket.on("data", (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        if (buf.length < 2) return;
        const opcode = buf[0]! & 0x0f;
        let len = buf[1]! & 0x7f;
        let off = 2;
        if (len === 126) {
          if (buf.length < 4) return;
          len = buf.readUInt16BE(2);
          off = 4;
        } else if (len === 127) {
          if (buf.length < 10) return;
          len = Number(buf.readBigUInt64BE(2));
          off = 10;
        }
        const masked = (buf[1]! & 0x80) !== 0;
        const maskOff = off;
        if (masked) off += 4;
        if (buf.length < off + len) return;
        const payload = Buffer.from(buf.subarray(off, off + len));
        if (masked) for (let i = 0; i < payload.length; i++) payload[i]! ^= buf[maskOff + (i % 4)]!;
        buf = buf.subarray(off + len);
        if (opcode === 1) {
          try {
            acks.push(JSON.parse(payload.toString("utf8")) as Record<string, unknown>);
          } catch {
            /* not JSON: ignore, as Slack would */
          }
        } else if (opcode === 9) socket.write(frame(10, payload));
        else if (opcode === 8) {
          socket.end(frame(8, payload));
          sockets.delete(socket);
        }
      }
    });
    if (helloSent) socket.write(helloMsg());
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const { port } = server.address() as AddressInfo;
  const broadcast = (b: Buffer) => {
    for (const s of sockets) s.write(b);
  };
  return {
    wsUrl: `ws://127.0.0.1:${port}/link`,
    connections: () => sockets.size,
    acks,
    hello: () => {
      helloSent = true;
      broadcast(helloMsg());
    },
    holdHello: () => {
      helloSent = false;
    },
    send: (payload) => broadcast(frame(1, Buffer.from(JSON.stringify(payload)))),
    drop: () => {
      for (const s of sockets) s.destroy();
      sockets.clear();
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
