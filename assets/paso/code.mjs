// The registration code's QR code, drawn on the phone (pure functions; code.js puts them on
// the page). Why on the phone: the code card is what a person shows at the desk, often
// without data. An image from the server (/api/qr/<code>.svg) is a broken image offline, and
// caching it in the service worker would not be enough: each deploy's worker starts a new
// cache, and a code saved before the phone ever had a worker was never fetched through one.
// An SVG saved beside the code would miss the codes saved before this change. The encoder
// (vendor/qr.js, MIT, ~4 KB gzip with this file, imported by code.js only when a code is
// shown: issue 17) turns the code itself into the same QR code anywhere, online or not.
import { encode } from "./vendor/qr.js";

export const QUIET = 4; // modules of white around the code, as the standard asks

/** The dark modules of a code's QR code: {size (modules, with the quiet zone), dark: [[x, y]]}.
 * Error correction "M", raised to the highest level that fits the same size (as segno's
 * default on the server), so a creased or cracked screen still scans. */
export function qrModules(code) {
  const qr = encode(String(code), { ecc: "M", boostEcc: true, border: QUIET });
  const dark = [];
  qr.data.forEach((row, y) => row.forEach((on, x) => on && dark.push([x, y])));
  return { size: qr.size, dark, mask: qr.maskPattern, version: qr.version, rows: qr.data };
}

/** The QR code as one SVG path (a few hundred bytes for a code). */
export function qrSvg(code) {
  const { size, dark } = qrModules(code);
  const d = dark.map(([x, y]) => `M${x} ${y}h1v1h-1z`).join("");
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="${size * 8}" height="${size * 8}" ` +
    `shape-rendering="crispEdges"><rect width="${size}" height="${size}" fill="#fff"/>` +
    `<path fill="#0f172a" d="${d}"/></svg>`
  );
}

/** A data: URL of the QR code, for an <img> (no request, so it shows offline). */
export function qrDataUrl(code) {
  return code ? "data:image/svg+xml;charset=utf-8," + encodeURIComponent(qrSvg(code)) : "";
}

/** A file name for the saved image: the code and nothing else about the person. */
export function imageName(code) {
  return `paso-${String(code).replace(/[^A-Z0-9-]/gi, "")}.png`;
}
