// Helpers shared by the account components' tests (login, signup, profile): a fresh organisation on
// the run's real server, and ways to act on a component's shadow DOM as a user does.
import { waitUntil } from "@open-wc/testing";
import { executeServerCommand, sendKeys } from "@web/test-runner-commands";
import { PorticoClient } from "../../sdk/client.js";
import type { Session } from "../../sdk/schemas/accounts.js";

export interface TestOrg {
  apiBase: string;
  org: string;
  /** An admin's session token, as a portal page would hold. */
  token: string;
  adminLogin: { email: string; password: string };
  /** A client with that admin session. */
  admin: PorticoClient;
  /** A client without credentials (signup, login). */
  anonymous: PorticoClient;
}

/** A new organisation on the run's real server, with this page's origin allowed. */
export async function freshOrg(): Promise<TestOrg> {
  const org = await executeServerCommand<Omit<TestOrg, "admin" | "anonymous">, { origin: string }>("portico-create-org", {
    origin: location.origin,
  });
  return {
    ...org,
    admin: new PorticoClient({ baseUrl: org.apiBase, org: org.org, token: org.token }),
    anonymous: new PorticoClient({ baseUrl: org.apiBase, org: org.org }),
  };
}

/** Signs a developer up through the API; the session is theirs. */
export function signUp(
  org: TestOrg,
  input: { email: string; password: string; name: string; country?: string; telephone?: string; fields?: Record<string, string> },
): Promise<Session> {
  return org.anonymous.sessions.signup(input);
}

// Assertions compare text, numbers and booleans, never elements: a failing comparison of a Lit
// element makes the runner hang while it serialises the element for the report.
export function part<T extends Element = HTMLElement>(host: Element, name: string): T | null {
  return host.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
}

export function parts(host: Element, name: string): HTMLElement[] {
  return [...host.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
}

/** Text as a user reads it: whitespace collapsed. */
export function text(element: Element | null | undefined): string {
  return (element?.textContent ?? "").replace(/\s+/g, " ").trim();
}

export function button(host: Element, label: string): HTMLButtonElement {
  const found = [...host.shadowRoot!.querySelectorAll("button")].find((b) => text(b) === label);
  if (!found)
    throw new Error(`No "${label}" button; there are: ${[...host.shadowRoot!.querySelectorAll("button")].map((b) => text(b)).join(", ")}`);
  return found;
}

/** The control a visible label names, found the way a screen reader finds it. */
export function labelled<T extends HTMLElement = HTMLInputElement>(host: Element, label: string): T {
  const found = [...host.shadowRoot!.querySelectorAll("label")].find((l) => text(l).replace(/ \*$/, "") === label);
  if (!found?.control) throw new Error(`No control labelled "${label}"`);
  return found.control as T;
}

/** Focuses a field and types into it with real key presses. */
export async function type(field: HTMLInputElement, value: string): Promise<void> {
  field.focus();
  await sendKeys({ type: value });
}

/** Replaces a field's value with real key presses. */
export async function retype(field: HTMLInputElement, value: string): Promise<void> {
  field.focus();
  field.select();
  await sendKeys({ press: "Backspace" });
  if (value) await sendKeys({ type: value });
}

export function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event("change", { bubbles: true }));
}

export function focused(host: Element): Element | null {
  return host.shadowRoot!.activeElement;
}

export async function waitForPart(host: Element, name: string, message: string, timeout = 5000): Promise<HTMLElement> {
  await waitUntil(() => part(host, name) !== null, message, { timeout });
  return part<HTMLElement>(host, name)!;
}

/** The message a field points to with `aria-describedby`, as assistive technology reads it. */
export function describedBy(host: Element, field: HTMLElement): string {
  const ids = (field.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean);
  return ids.map((id) => text(host.shadowRoot!.getElementById(id))).join(" ");
}
