// How the browser's code reaches Reflex (assets/paso/README.md): the only module that does.
import { startTransition } from "react";
import { refs } from "$/utils/state";

/** Set the client state var `name` (its React setter once mounted, else the initial value).
 * Reflex's internal refs["_client_state_set<Name>"]: tests/unit/test_reflex_compat.py checks
 * its templates still have it. */
export function setClient(name, value) {
  const setter = refs[`_client_state_set${name[0].toUpperCase()}${name.slice(1)}`];
  if (setter) setter(value);
  else refs[`_client_state_${name}`] = value;
}

/** The same as a transition: React renders it in slices between the browser's other work, so a
 * list arriving on a cheap phone is not one long task that a tap would wait behind. For what
 * follows data, never for what a person types (the search box's own value stays urgent). */
export function setClientSoon(name, value) {
  startTransition(() => setClient(name, value));
}

/** Send a backend event: click the hidden button whose trigger is that event (its arguments
 * are Vars that call this module's functions when it fires). Reflex has no public way to send
 * an event from a module; a trigger is its public way. Nothing happens when the button is not
 * on the page. */
export function sendEvent(buttonId) {
  document.getElementById(buttonId)?.click();
}

/** Let the server's answers reach these functions (``client.script`` in Python, SERVER_CALLS). */
export function exposeToServer(functions) {
  window.__pasoServer = { ...window.__pasoServer, ...functions };
}

// How the server's answers arrive: Reflex's `_set_value` event assigns `{call, arg}` as JSON to
// `refs["ref_paso_server"].current.value`, i.e. to this setter. Not `rx.call_script`, which
// Reflex runs through eval: the Content-Security-Policy allows no eval (issue 16, item 7).
// Reflex's internal `refs` and its `_set_value`: tests/unit/test_reflex_compat.py checks them.
refs.ref_paso_server = {
  current: {
    set value(json) {
      const { call, arg } = JSON.parse(json);
      window.__pasoServer?.[call]?.(arg);
    },
  },
};
