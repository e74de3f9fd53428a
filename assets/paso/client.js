// Writing Reflex's client state (rx._x.client_state) from plain modules.
import { refs } from "$/utils/state";

/** Set the client state var `name` (its React setter once mounted, else the initial value). */
export function setClient(name, value) {
  const setter = refs[`_client_state_set${name[0].toUpperCase()}${name.slice(1)}`];
  if (setter) setter(value);
  else refs[`_client_state_${name}`] = value;
}
