// Building DOM nodes. Strings always become text nodes and attribute values are set, never parsed as HTML,
// so a name or message containing markup shows literally.

/**
 * h("li", {class: "msg", dataset: {seq: 3}, onclick: f}, "text", child): an element with those properties,
 * attributes and children. Null, undefined and false children and properties are left out.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "dataset") {
      for (const [name, data] of Object.entries(value))
        if (data !== null && data !== undefined) el.dataset[name] = data;
    } else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces every child of el. */
export function replaceChildren(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

export function byId(id) {
  return document.getElementById(id);
}
