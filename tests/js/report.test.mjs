// Sending a report of wrong information: what goes out, and the phase each answer leads to.
import { test } from "node:test";
import assert from "node:assert/strict";
import { phaseOf, reportBody, sendReport } from "../../assets/paso/report.mjs";

const FIELDS = { service: "comedor", locale: "es", problem: "hours", comment: "  Cierra a las 3 \n" };

function fakeFetch(status, calls = []) {
  return async (url, init) => {
    calls.push({ url, init });
    if (status === null) throw new TypeError("Failed to fetch");
    return { status };
  };
}

test("the body holds the four fields, the comment trimmed, nothing else", () => {
  assert.deepEqual(reportBody({ ...FIELDS, extra: "x" }), {
    service: "comedor", problem: "hours", comment: "Cierra a las 3", locale: "es",
  });
  assert.deepEqual(reportBody(undefined), { service: "", problem: "", comment: "", locale: "" });
});

test("a POST of JSON to the given address", async () => {
  const calls = [];
  assert.equal(await sendReport("/api/report", FIELDS, fakeFetch(201, calls)), "sent");
  assert.equal(calls.length, 1);
  assert.equal(calls[0].url, "/api/report");
  assert.equal(calls[0].init.method, "POST");
  assert.equal(calls[0].init.headers["Content-Type"], "application/json");
  assert.equal(JSON.parse(calls[0].init.body).problem, "hours");
});

test("nothing is sent until a problem is chosen", async () => {
  const calls = [];
  assert.equal(await sendReport("/api/report", { ...FIELDS, problem: "" }, fakeFetch(201, calls)), "choose");
  assert.equal(calls.length, 0);
});

test("each answer leads to its phase; no connection is an error", async () => {
  assert.equal(phaseOf(201), "sent");
  assert.equal(phaseOf(429), "limited");
  for (const status of [400, 403, 404, 413, 500, 503]) assert.equal(phaseOf(status), "error");
  assert.equal(await sendReport("/api/report", FIELDS, fakeFetch(null)), "error");
});
