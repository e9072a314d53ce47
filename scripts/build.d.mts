// Types of scripts/build.mjs (plain JavaScript, so the bins can run it before anything is compiled).
/** This project's root. */
export declare const ROOT: string;
/** True when root/dist is missing or a file under root/src (or the build itself) is newer than the last build. */
export declare function isStale(root?: string): boolean;
/** Compiles root/src into a fresh root/dist; resolves with the number of modules written. */
export declare function build(root?: string): Promise<number>;
/** Builds when stale; a failed build ends the process with one line. */
export declare function ensureBuilt(root?: string): Promise<void>;
