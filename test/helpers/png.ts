/**
 * Reading the PNGs the app renders, for tests: decode with pngjs, count ink, count bars.
 *
 *   const img = decodePng(bytes)           // { width, height, data } (RGBA)
 *   ink(img)                               // pixels that are not (near) white
 *   barsOnRow(img, y, x0, x1)              // runs of coloured (not grey) pixels along row y
 */
import { PNG } from "pngjs";

export interface Image {
  width: number;
  height: number;
  data: Buffer;
}

export function decodePng(bytes: Buffer): Image {
  const p = PNG.sync.read(bytes);
  return { width: p.width, height: p.height, data: p.data };
}

const px = (img: Image, x: number, y: number) => {
  const i = (y * img.width + x) * 4;
  return [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!, img.data[i + 3]!] as const;
};

/** Pixels that are not (near) white and not transparent. */
export function ink(img: Image): number {
  let n = 0;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const [r, g, b, a] = px(img, x, y);
      if (a > 0 && Math.min(r, g, b) < 200) n++;
    }
  }
  return n;
}

/** How many separate runs of coloured pixels (saturated, not grey, black or white) row y has between x0 and x1. */
export function barsOnRow(img: Image, y: number, x0: number, x1: number): number {
  let runs = 0;
  let inside = false;
  for (let x = x0; x <= x1; x++) {
    const [r, g, b] = px(img, x, y);
    const colored = Math.max(r, g, b) - Math.min(r, g, b) > 40;
    if (colored && !inside) runs++;
    inside = colored;
  }
  return runs;
}
