/**
 * SVG → PNG on the server, without a browser: resvg (Rust, through @resvg/resvg-js's prebuilt
 * binary) with the bundled Be Vietnam Pro font (OFL-1.1, full Vietnamese coverage) and no system
 * fonts, so the chart renders the same on any machine, diacritics included.
 */
import { createRequire } from "node:module";
import { Resvg } from "@resvg/resvg-js";
import { CHART_FONT } from "./chart-svg.ts";

const require = createRequire(import.meta.url);

/** The font files the renderer loads: regular and bold. */
export const CHART_FONT_FILES = [
  require.resolve("@expo-google-fonts/be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf"),
  require.resolve("@expo-google-fonts/be-vietnam-pro/700Bold/BeVietnamPro_700Bold.ttf"),
];

/** Renders an SVG to PNG bytes at its own size. */
export function svgToPng(svg: string): Buffer {
  const r = new Resvg(svg, {
    background: "#ffffff",
    font: { fontFiles: CHART_FONT_FILES, loadSystemFonts: false, defaultFontFamily: CHART_FONT },
  });
  return r.render().asPng();
}
