// The registration code's card on the page (rxapp/components/registration/code_card.py): its QR code
// drawn on the phone (code.mjs says why), "Save as image" (a PNG made on the phone, no
// network) and printing the card alone.
//
// The encoder (code.mjs and vendor/qr.js, ~7 KB gzip) is imported only once a code is shown:
// every home has this card, most phones have no saved code (issue 17: the home's weight). The
// registration page preloads its chunk (rxapp/registration/preload.py), so the worker, which
// saves what a saved page's HTML names, keeps it for a code shown offline.
import { setClient } from "./client.js";

let encoder = null; // the import, once started
let qr = null; // the module, once arrived
const urls = new Map();

/** The encoder's module, imported once; when it arrives, the card draws again (pasoqr). */
function loadEncoder() {
  encoder ??= import("./code.mjs").then(
    (module) => {
      qr = module;
      setClient("pasoqr", true);
      return module;
    },
    (error) => {
      encoder = null; // offline without the chunk: the next call tries again
      throw error;
    },
  );
  return encoder;
}

/** The QR code's data: URL for the card's <img>: undefined (no image yet) without a code or
 * until the encoder has arrived. `arrived` is the pasoqr client state, unused here: passed so
 * that the card, subscribed to it, draws again when the encoder arrives. */
export function pasoQrSrc(code, arrived) {
  if (!code) return undefined;
  if (!qr) {
    loadEncoder().catch(() => {});
    return undefined;
  }
  if (!urls.has(code)) urls.set(code, qr.qrDataUrl(code));
  return urls.get(code);
}

// The saved image: the QR code, the code in large type under it, one line saying what it is
// for, in the page's language and direction. Drawn on a canvas: a PNG opens in any gallery.
const WIDTH = 720;
const QR = 560;

function fit(context, text, weight, size, width) {
  let px = size;
  do context.font = `${weight} ${px--}px system-ui, sans-serif`;
  while (px > 12 && context.measureText(text).width > width);
}

function drawCard({ qrModules }, code, label) {
  const canvas = document.createElement("canvas");
  canvas.width = WIDTH;
  canvas.height = QR + 300;
  const context = canvas.getContext("2d");
  context.fillStyle = "#fff";
  context.fillRect(0, 0, canvas.width, canvas.height);
  const { size, dark } = qrModules(code);
  const module = Math.floor(QR / size);
  const left = Math.floor((WIDTH - module * size) / 2);
  context.fillStyle = "#0f172a";
  for (const [x, y] of dark) context.fillRect(left + x * module, 40 + y * module, module, module);
  const bottom = 40 + module * size;
  context.textAlign = "center";
  context.fillStyle = "#134e4a";
  context.direction = "ltr"; // the code reads left to right in every language
  fit(context, code, "bold", 96, WIDTH - 60);
  context.fillText(code, WIDTH / 2, bottom + 110);
  context.direction = document.documentElement.dir === "rtl" ? "rtl" : "ltr";
  context.fillStyle = "#0f172a";
  fit(context, label, "600", 36, WIDTH - 60);
  context.fillText(label, WIDTH / 2, bottom + 190);
  return canvas;
}

function download(url, name) {
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
}

/** "Save as image": the card as a PNG file, made here (works without a connection). */
export async function pasoSaveCode(code, label) {
  if (!code) return;
  const qr = await loadEncoder();
  drawCard(qr, code, label).toBlob((blob) => {
    if (!blob) return;
    const url = URL.createObjectURL(blob);
    download(url, qr.imageName(code));
    window.setTimeout(() => URL.revokeObjectURL(url), 60000);
  }, "image/png");
}

// Printing: whatever starts it (the card's button or the browser's menu), the page prints the
// code card alone: a copy of it is put at the end of <body> and print CSS hides the rest.
const PRINT_ID = "paso-print";
const PRINT_CSS =
  `#${PRINT_ID}{display:none}` +
  `@media print{body>:not(#${PRINT_ID}){display:none!important}#${PRINT_ID}{display:block;text-align:center;padding-top:2rem}` +
  `#${PRINT_ID} img{width:9cm;height:9cm;margin:0 auto}}`;

function beforePrint() {
  afterPrint();
  const card = document.querySelector("[data-print-card]");
  if (!card) return;
  const sheet = document.createElement("div");
  sheet.id = PRINT_ID;
  sheet.dir = document.documentElement.dir;
  const style = document.createElement("style");
  style.textContent = PRINT_CSS;
  const copy = card.cloneNode(true);
  for (const hidden of copy.querySelectorAll("[data-print-hide]")) hidden.remove();
  sheet.append(style, copy);
  document.body.append(sheet);
}

function afterPrint() {
  document.getElementById(PRINT_ID)?.remove();
}

if (typeof window !== "undefined") {
  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);
}

/** "Print": the browser's print dialog, for the card alone. */
export function pasoPrintCode() {
  window.print();
}
