// Shared setup for the subscription-table and api-catalogue tests: a fresh organisation on the run's
// real server, with policies, catalogue entries and a signed-up developer, all made through the HTTP API.
import { executeServerCommand } from "@web/test-runner-commands";
import { PorticoClient } from "../../sdk/client.js";
import type { CatalogueEntry, Policy } from "../../sdk/schemas/access.js";
import type { Session } from "../../sdk/schemas/accounts.js";
import type { AxeResults, ElementContext, RunOptions } from "axe-core";

export interface TestOrg {
  apiBase: string;
  org: string;
  /** An admin's session token, as a portal page would hold. */
  token: string;
  /** A client with that session. */
  admin: PorticoClient;
}

export interface AccessWorld extends TestOrg {
  /** 10 / s, 1,000 a day, published by the live "Weather API" entry. */
  bronze: Policy;
  /** 100 / min, unlimited, published only by the unpublished "Secret beta" entry. */
  gold: Policy;
  /** Published by no entry at all. */
  partner: Policy;
  weather: CatalogueEntry;
  secret: CatalogueEntry;
  /** A developer's session, as the developer's own portal page would hold. */
  developer: PorticoClient;
  developerToken: string;
  developerId: string;
}

export async function freshOrg(): Promise<TestOrg> {
  const org = await executeServerCommand<Omit<TestOrg, "admin">, { origin: string }>("portico-create-org", { origin: location.origin });
  return { ...org, admin: new PorticoClient({ baseUrl: org.apiBase, org: org.org, token: org.token }) };
}

let signups = 0;

/** Signs up a new developer through the public signup endpoint. */
export async function signUp(
  org: TestOrg,
  name = "Dev Eloper",
): Promise<{ client: PorticoClient; token: string; id: string; session: Session }> {
  const anonymous = new PorticoClient({ baseUrl: org.apiBase, org: org.org });
  const session = await anonymous.sessions.signup({
    email: `dev${++signups}-${Date.now()}@example.test`,
    password: "secret-password",
    name,
  });
  return { client: anonymous.withToken(session.token), token: session.token, id: session.developer!.id, session };
}

export async function accessWorld(): Promise<AccessWorld> {
  const org = await freshOrg();
  const bronze = await org.admin.policies.create({
    name: "Bronze",
    rate: 10,
    per: 1,
    quotaMax: 1000,
    quotaRenewalSeconds: 86400,
    apis: ["weather"],
  });
  const gold = await org.admin.policies.create({
    name: "Gold",
    rate: 100,
    per: 60,
    quotaMax: -1,
    quotaRenewalSeconds: 86400,
    apis: ["weather", "maps"],
  });
  const partner = await org.admin.policies.create({ name: "Partner", rate: 5, per: 3600, quotaMax: 50, quotaRenewalSeconds: 3600 });
  const weather = await org.admin.catalogue.create({
    name: "Weather API",
    shortDescription: "Forecasts and observations.",
    longDescription: "Hourly forecasts for ten days.\nObservations from 9,000 stations.",
    policyId: bronze.id,
    live: true,
  });
  const secret = await org.admin.catalogue.create({ name: "Secret beta", policyId: gold.id, live: false });
  const developer = await signUp(org);
  return {
    ...org,
    bronze,
    gold,
    partner,
    weather,
    secret,
    developer: developer.client,
    developerToken: developer.token,
    developerId: developer.id,
  };
}

/** Everything a shadow tree holds, nested shadow roots and form values included, as one string. */
export function everythingIn(root: ShadowRoot): string {
  let text = root.innerHTML;
  for (const element of root.querySelectorAll("*")) {
    if (element.shadowRoot) text += everythingIn(element.shadowRoot);
    if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) text += element.value;
  }
  return text;
}

/** Replaces `navigator.clipboard.writeText` for a test; returns what was written and an undo. */
export function fakeClipboard(behaviour: "works" | "refuses"): { written: string[]; restore: () => void } {
  const written: string[] = [];
  const clipboard = navigator.clipboard as Clipboard & { writeText: Clipboard["writeText"] };
  clipboard.writeText = async (text: string) => {
    if (behaviour === "refuses") throw new DOMException("Write permission denied.", "NotAllowedError");
    written.push(text);
  };
  return { written, restore: () => void delete (clipboard as Partial<Clipboard>).writeText };
}

/** Text as a person reads it, spaces collapsed. */
export function text(element: Element | null | undefined): string {
  return (element?.textContent ?? "").replace(/\s+/g, " ").trim();
}

let axeLoaded: Promise<void> | undefined;

/**
 * axe-core's accessibility violations inside `context` (it walks shadow roots), as "rule: target"
 * lines. axe ships as a UMD script, so it is loaded with a script tag rather than imported.
 */
export async function axeViolations(context: ElementContext, options: RunOptions = {}): Promise<string[]> {
  axeLoaded ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = "/node_modules/axe-core/axe.min.js";
    script.onload = () => resolve();
    script.onerror = () => reject(new Error("axe-core could not be loaded"));
    document.head.append(script);
  });
  await axeLoaded;
  const axe = (window as unknown as { axe: { run(context: ElementContext, options: RunOptions): Promise<AxeResults> } }).axe;
  const results = await axe.run(context, { resultTypes: ["violations"], ...options });
  return results.violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${JSON.stringify(node.target)}`));
}
