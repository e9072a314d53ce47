// `node --import ./test/helpers/trace-loads.mjs …`: prints "load <url>" on stderr for every module
// the process resolves, so a test can see what a command loads (Node 20's async loader hooks).
import { register } from "node:module";
register(new URL("./trace-loads-hooks.mjs", import.meta.url));
