// Writing Reflex's client state (rx._x.client_state) from plain modules.
import { startTransition } from "react";
import { refs } from "$/utils/state";

/** Set the client state var `name` (its React setter once mounted, else the initial value). */
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
