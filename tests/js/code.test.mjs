// The registration code's QR code, drawn on the phone (assets/paso/code.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { imageName, qrDataUrl, qrSvg, QUIET } from "../../assets/paso/code.mjs";

test("a code's QR code is an SVG with its quiet zone, as a data: URL (issue 14: broken offline)", () => {
  const svg = qrSvg("MTZ-7K4Q");
  const size = 21 + 2 * QUIET; // version 1
  assert.match(svg, new RegExp(`viewBox="0 0 ${size} ${size}"`));
  assert.match(svg, /<path fill="#0f172a" d="M\d/);
  assert.ok(qrDataUrl("MTZ-7K4Q").startsWith("data:image/svg+xml;charset=utf-8,%3Csvg"));
  assert.equal(qrDataUrl(""), "");
});

test("the saved image is named by the code alone", () => {
  assert.equal(imageName("MTZ-7K4Q"), "paso-MTZ-7K4Q.png");
  assert.equal(imageName("MTZ-7K4Q/../x"), "paso-MTZ-7K4Qx.png");
});
