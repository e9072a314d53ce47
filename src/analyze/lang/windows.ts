/**
 * Date rules of both languages run only in windows around a trigger word they must contain
 * (running every rule over a whole article costs more than the rest of the analyzer).
 */

/** Merged [start, end) windows reaching `before`/`after` characters around each hit of `trigger`. */
export function windowsOf(trigger: RegExp, text: string, before: number, after: number): [number, number][] {
  const out: [number, number][] = [];
  trigger.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = trigger.exec(text))) {
    const a = Math.max(0, m.index - before);
    const b = Math.min(text.length, m.index + m[0].length + after);
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = b;
    else out.push([a, b]);
  }
  return out;
}
