// Stories only: small steps for `play` functions, so a story can open on a state that takes a few
// clicks (an error after submit, an open panel) without a test library in Storybook.

/** The element `selector` finds in `host`'s shadow root, once it is there. */
export async function inShadow<T extends Element = HTMLElement>(host: Element | null, selector: string, timeout = 5000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const found = host?.shadowRoot?.querySelector<T>(selector);
    if (found) return found;
    if (Date.now() - started > timeout) throw new Error(`Nothing matches ${selector} after ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The first element with this tag inside the story's canvas. */
export function tag(canvas: HTMLElement, name: string): Element {
  const found = canvas.querySelector(name);
  if (!found) throw new Error(`No <${name}> in the story`);
  return found;
}

/** Types a value into a named field as a user would (an `input` event follows). */
export async function fill(host: Element, name: string, value: string): Promise<void> {
  const field = await inShadow<HTMLInputElement | HTMLSelectElement>(host, `[name="${name}"]`);
  field.value = value;
  field.dispatchEvent(new Event("input", { bubbles: true, composed: true }));
}

export async function click(host: Element, selector: string): Promise<void> {
  (await inShadow<HTMLElement>(host, selector)).click();
}
