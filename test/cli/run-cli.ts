/** Spawns the real `relations` bin (async, so a fixture server in this process keeps serving). */
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");

/** Runs `node <args>` in the project root (or `cwd`); resolves with the exit code and both streams. */
export function runNode(args: string[], env: Record<string, string> = {}, cwd = ROOT): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs `node bin/relations.mjs <args>` with loopback allowed and no per-host delay. */
export function runCli(args: string[], env: Record<string, string> = {}) {
  return runNode(["bin/relations.mjs", ...args], { ALLOW_PRIVATE_HOSTS: "true", FETCH_PER_HOST_DELAY_MS: "0", FETCH_RETRIES: "0", ...env });
}
