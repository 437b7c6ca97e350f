/// <reference types="mocha" />
// The accessibility gate: every tag, in every state it can show (loading, empty, error, ready, forms
// and dialogs open, messages, confirmations, conflicts), passes axe-core's checks, ready states in
// both theme presets (contrast changes with them). Against the run's real server, like the other
// component tests; "loading" is a client whose fetch never answers, "error" one whose fetch rejects.
import { expect, fixture, html, waitUntil } from "@open-wc/testing";
import { executeServerCommand } from "@web/test-runner-commands";
import type { AxeResults } from "axe-core";
import "../../components/index.js";
import { clearSession, type PorticoElement } from "../../components/index.js";
import { PorticoClient } from "../../sdk/client.js";
import type { CatalogueEntry, Subscription } from "../../sdk/schemas/access.js";
import type { UsageBatchResult, UsageRecord } from "../../sdk/schemas/usage.js";
import { accessWorld, axeViolations, fakeClipboard, freshOrg, signUp, type AccessWorld, type TestOrg } from "./access-setup.js";
import { button, labelled, part, text } from "./accounts-support.js";

// As elsewhere: assertions compare strings, never elements (a failing comparison of a Lit element
// hangs the runner while it serialises it).

/** axe's violations in `element`; on failure the message says what axe found wrong, not only where. */
async function expectAccessible(element: Element, state: string): Promise<void> {
  const violations = await axeViolations(element);
  if (violations.length) {
    const axe = (window as unknown as { axe: { run(context: Element, options: object): Promise<AxeResults> } }).axe;
    const results = await axe.run(element, { resultTypes: ["violations"] });
    const details = results.violations.flatMap((v) =>
      v.nodes.map((node) => `${v.id} ${JSON.stringify(node.target)}: ${node.failureSummary}`),
    );
    expect(details, `<${element.localName}>: ${state}`).to.deep.equal([]);
  }
}

function frame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/** The check in the light preset, then the dark one (the tag passes its theme to the tags inside it). */
async function expectAccessibleInBothThemes(element: PorticoElement, state: string): Promise<void> {
  await expectAccessible(element, `${state}, light theme`);
  element.setAttribute("theme", "dark");
  await element.updateComplete;
  await frame();
  await expectAccessible(element, `${state}, dark theme`);
  element.removeAttribute("theme");
  await element.updateComplete;
  await frame();
}

/** Every element in `root` and the shadow roots inside it. */
function* deepElements(root: ParentNode): Generator<Element> {
  for (const element of root.querySelectorAll("*")) {
    yield element;
    if (element.shadowRoot) yield* deepElements(element.shadowRoot);
  }
}

/** Waits until `host` and every tag inside it has finished loading. */
async function settled(host: Element, message: string): Promise<void> {
  await waitUntil(() => ![...deepElements(host.shadowRoot!)].some((el) => el.matches('[part~="loading"], .loading-inline')), message, {
    timeout: 10_000,
  });
  await frame();
}

async function waitFor(host: Element, name: string, message: string): Promise<HTMLElement> {
  await waitUntil(() => part(host, name) !== null, message, { timeout: 10_000 });
  return part<HTMLElement>(host, name)!;
}

function setValue(field: HTMLInputElement | HTMLSelectElement, value: string): void {
  field.value = value;
  field.dispatchEvent(new Event("input", { bubbles: true, composed: true }));
}

const never: typeof fetch = () => new Promise(() => {});
const refuse: typeof fetch = () => Promise.reject(new TypeError("Failed to fetch"));

/** A client whose requests never answer: the loading state stays. */
function stuck(org: TestOrg, token?: string): PorticoClient {
  return new PorticoClient({ baseUrl: org.apiBase, org: org.org, token, fetch: never });
}

/** A client on the real server whose requests stop answering after `hold()`: the refreshing states. */
function holdable(org: TestOrg, token?: string): { client: PorticoClient; hold(): void } {
  let held = false;
  const client = new PorticoClient({
    baseUrl: org.apiBase,
    org: org.org,
    token,
    fetch: (input, init) => (held ? never(input, init) : fetch(input, init)),
  });
  return { client, hold: () => void (held = true) };
}

/** A client whose requests all fail at the network: the error state. */
function unreachable(org: TestOrg, token?: string): PorticoClient {
  return new PorticoClient({ baseUrl: org.apiBase, org: org.org, token, fetch: refuse });
}

interface World extends AccessWorld {
  /** The developer's active key on Weather API, with traffic recorded. */
  key: Subscription;
  /** A live entry that needs approval; the developer has a pending request for it. */
  premium: CatalogueEntry;
  /** A signed-up developer with no keys and no traffic. */
  idle: { id: string; token: string };
  /** An organisation with nothing in it but its admin. */
  empty: TestOrg;
}

let world: World;

before(async function () {
  this.timeout(60_000);
  const access = await accessWorld();
  const { subscription: key } = await access.developer.me.subscribe(access.weather.id);
  const premium = await access.admin.catalogue.create({ name: "Premium", policyId: access.gold.id, live: true, requiresApproval: true });
  await access.developer.me.subscribe(premium.id);
  const now = Date.now();
  const records: UsageRecord[] = [200, 200, 200, 404, 503].flatMap((status, i) =>
    [0, 1, 3].map((daysAgo) => ({
      keyId: key.id,
      api: "weather",
      timestamp: new Date(now - daysAgo * 86_400_000 - (i + 1) * 60_000).toISOString(),
      status,
      latencyMs: 40 + i,
    })),
  );
  const result = await executeServerCommand<UsageBatchResult, { org: string; records: UsageRecord[] }>("portico-record-usage", {
    org: access.org,
    records,
  });
  expect(result.accepted).to.equal(records.length);
  for (const [name, email] of [
    ["Ada Lovelace", "ada@example.test"],
    ["Grace Hopper", "grace@example.test"],
    ["Katherine Johnson", "katherine@example.test"],
  ]) {
    await access.admin.developers.create({ name: name!, email: email!, country: "GB", fields: { company: "Analytical Engines" } });
  }
  const idle = await signUp(access, "Idle Developer");
  world = { ...access, key, premium, idle: { id: idle.id, token: idle.token }, empty: await freshOrg() };
});

afterEach(() => {
  if (!world) return;
  // A login or signup keeps its session for the page: the next test must not inherit it.
  clearSession(world.apiBase, world.org);
  clearSession(world.empty.apiBase, world.empty.org);
});

describe("accessibility (axe-core) of every tag in every state", () => {
  describe("<developer-list>", () => {
    const render = (org: TestOrg, pageSize = 2) =>
      fixture<PorticoElement>(
        html`<developer-list api-base=${org.apiBase} org=${org.org} token=${org.token} page-size=${pageSize}></developer-list>`,
      );

    it("loading, error, no org, empty", async () => {
      const loading = await fixture<PorticoElement>(html`<developer-list .client=${stuck(world)}></developer-list>`);
      await waitFor(loading, "loading", "the loading state");
      await expectAccessible(loading, "loading");

      const failed = await fixture<PorticoElement>(html`<developer-list .client=${unreachable(world)}></developer-list>`);
      await waitFor(failed, "error", "the error state");
      await expectAccessibleInBothThemes(failed, "error with Retry");

      const noOrg = await fixture<PorticoElement>(html`<developer-list></developer-list>`);
      await waitFor(noOrg, "error", "the missing org message");
      await expectAccessible(noOrg, "no org");

      const empty = await render(world.empty);
      await waitFor(empty, "empty", "the empty state");
      await expectAccessibleInBothThemes(empty, "empty");
    });

    it("ready with pages, a chosen row, a search without results", async () => {
      const list = await render(world);
      await waitFor(list, "pagination", "a page of developers");
      await expectAccessibleInBothThemes(list, "ready, first page");
      part(list, "next")!.click();
      await waitUntil(() => text(list.shadowRoot!.querySelector(".page")) === "Page 2", "page 2");
      await settled(list, "page 2 loaded");
      part(list, "row")!.click();
      await list.updateComplete;
      await expectAccessible(list, "page 2 with a chosen row");

      const search = part<HTMLInputElement>(list, "search")!;
      search.value = "nobody-has-this";
      search.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter" }));
      await waitFor(list, "empty", "no result");
      await expectAccessible(list, "a search without results");

      // The next page loading under the current one, which stays on screen marked busy.
      const { client, hold } = holdable(world, world.token);
      const refreshing = await fixture<PorticoElement>(html`<developer-list .client=${client} page-size="2"></developer-list>`);
      await waitFor(refreshing, "next", "a page of developers");
      hold();
      part(refreshing, "next")!.click();
      await waitUntil(() => refreshing.shadowRoot!.querySelector('[aria-busy="true"]') !== null, "the page marked busy");
      await expectAccessibleInBothThemes(refreshing, "the next page loading under the current one");
    });

    it("the add form, empty and with the server's field messages", async () => {
      const list = await render(world);
      await waitFor(list, "table", "the table");
      part(list, "add-button")!.click();
      await waitFor(list, "add-form", "the add form");
      await expectAccessibleInBothThemes(list, "add form open");
      button(list, "Add").click();
      await waitFor(list, "field-error", "field messages");
      await expectAccessibleInBothThemes(list, "add form with field messages");
    });
  });

  describe("<developer-profile>", () => {
    const admin = (id?: string) =>
      fixture<PorticoElement>(
        html`<developer-profile
          api-base=${world.apiBase}
          org=${world.org}
          token=${world.token}
          developer-id=${id ?? ""}
        ></developer-profile>`,
      );
    const self = (token: string) =>
      fixture<PorticoElement>(
        html`<developer-profile mode="self" api-base=${world.apiBase} org=${world.org} token=${token}></developer-profile>`,
      );

    it("loading, error, not found, no developer-id, logged out", async () => {
      const loading = await fixture<PorticoElement>(
        html`<developer-profile .client=${stuck(world, world.token)} developer-id=${world.developerId}></developer-profile>`,
      );
      await waitFor(loading, "loading", "the loading state");
      await expectAccessible(loading, "loading");

      const failed = await fixture<PorticoElement>(
        html`<developer-profile .client=${unreachable(world, world.token)} developer-id=${world.developerId}></developer-profile>`,
      );
      await waitFor(failed, "error", "the error state");
      await expectAccessibleInBothThemes(failed, "error with Retry");

      const missing = await admin("00000000-0000-4000-8000-000000000000");
      await waitFor(missing, "not-found", "not found");
      await expectAccessible(missing, "no such developer");

      const noId = await admin();
      await waitFor(noId, "error", "the missing developer-id message");
      await expectAccessible(noId, "no developer-id");

      const loggedOut = await fixture<PorticoElement>(
        html`<developer-profile mode="self" .client=${new PorticoClient({ baseUrl: world.apiBase, org: world.org })}></developer-profile>`,
      );
      await waitFor(loggedOut, "logged-out", "the logged-out message");
      await expectAccessibleInBothThemes(loggedOut, "logged out");
    });

    it("admin: ready with the usage and keys panels, edit form, field messages, conflict", async function () {
      this.timeout(40_000);
      const developer = await world.admin.developers.create({
        email: `conflict-${Date.now()}@example.test`,
        name: "Linus",
        telephone: "+44 20 7946 0000",
        country: "FI",
        fields: { company: "Kernel", team: "Core" },
      });
      const profile = await admin(world.developerId);
      await waitFor(profile, "name", "the profile");
      await settled(profile, "the usage chart and the keys inside it");
      await expectAccessibleInBothThemes(profile, "admin, ready, with panels");

      const edited = await admin(developer.id);
      await waitFor(edited, "name", "the profile");
      button(edited, "Edit").click();
      await waitFor(edited, "edit-form", "the edit form");
      await expectAccessibleInBothThemes(edited, "edit form with custom fields");

      setValue(labelled(edited, "Email"), "ada@example.test");
      button(edited, "Save").click();
      await waitFor(edited, "field-error", "the taken email's message");
      await expectAccessible(edited, "edit form with a field message");

      setValue(labelled(edited, "Email"), developer.email);
      setValue(labelled(edited, "Name"), "Linus T.");
      await world.admin.developers.update(developer.id, { name: "Linus Torvalds" });
      button(edited, "Save").click();
      await waitFor(edited, "conflict", "the conflict");
      await expectAccessibleInBothThemes(edited, "edit conflict");
    });

    it("admin: delete confirmation, deleted, reset email sent", async () => {
      const developer = await world.admin.developers.create({ email: `delete-${Date.now()}@example.test`, name: "Short Lived" });
      const profile = await admin(developer.id);
      await waitFor(profile, "name", "the profile");
      button(profile, "Send password reset email").click();
      await waitFor(profile, "notice", "the reset notice");
      await expectAccessible(profile, "reset email sent");

      button(profile, "Delete").click();
      await waitFor(profile, "delete-confirm", "the confirmation");
      await expectAccessibleInBothThemes(profile, "delete confirmation");
      part(profile, "confirm-delete")!.click();
      await waitFor(profile, "deleted", "deleted");
      await expectAccessible(profile, "deleted");
    });

    it("self: ready, edit form, password form with messages", async () => {
      const profile = await self(world.developerToken);
      await waitFor(profile, "name", "the profile");
      await expectAccessibleInBothThemes(profile, "self, ready");
      button(profile, "Edit profile").click();
      await waitFor(profile, "edit-form", "the edit form");
      await expectAccessible(profile, "self, edit form");

      button(profile, "Change password").click();
      await waitFor(profile, "password-form", "the password form");
      await expectAccessibleInBothThemes(profile, "password form");
      setValue(labelled(profile, "Current password"), "secret-password");
      setValue(labelled(profile, "New password"), "another-password");
      setValue(labelled(profile, "Confirm new password"), "a-different-one");
      // The toggle and the submit button share the words "Change password": the form's own is meant.
      profile.shadowRoot!.querySelector<HTMLButtonElement>('#password-panel button[type="submit"]')!.click();
      await waitFor(profile, "field-error", "the mismatch message");
      await expectAccessible(profile, "password form with a field message");
    });
  });

  describe("<subscription-table>", () => {
    const adminTable = (developerId?: string) =>
      fixture<PorticoElement>(
        html`<subscription-table
          api-base=${world.apiBase}
          org=${world.org}
          token=${world.token}
          developer-id=${developerId ?? ""}
        ></subscription-table>`,
      );
    const selfTable = (token: string) =>
      fixture<PorticoElement>(
        html`<subscription-table mode="self" api-base=${world.apiBase} org=${world.org} token=${token}></subscription-table>`,
      );
    const dialog = (table: Element, id: string) => table.shadowRoot!.querySelector<HTMLDialogElement>(`#${id}`)!;
    const rowButton = (table: Element, label: string) =>
      [...table.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="row"] button')].find((b) => text(b) === label)!;

    it("loading, error, no developer-id, empty", async () => {
      const loading = await fixture<PorticoElement>(
        html`<subscription-table developer-id="x" .client=${stuck(world, world.token)}></subscription-table>`,
      );
      await waitFor(loading, "loading", "the loading state");
      await expectAccessible(loading, "loading");

      const failed = await fixture<PorticoElement>(
        html`<subscription-table developer-id="x" .client=${unreachable(world, world.token)}></subscription-table>`,
      );
      await waitFor(failed, "error", "the error state");
      await expectAccessibleInBothThemes(failed, "error with Retry");

      const noId = await adminTable();
      await waitFor(noId, "error", "the missing developer-id message");
      await expectAccessible(noId, "no developer-id");

      const empty = await adminTable(world.idle.id);
      await waitFor(empty, "empty", "no keys");
      await expectAccessibleInBothThemes(empty, "admin, no keys");
      const selfEmpty = await selfTable(world.idle.token);
      await waitFor(selfEmpty, "empty", "no keys");
      await expectAccessible(selfEmpty, "self, no keys");
    });

    it("admin: ready with an active and a pending key, the Change policy and Revoke dialogs", async () => {
      const table = await adminTable(world.developerId);
      await waitFor(table, "table", "the keys");
      await expectAccessibleInBothThemes(table, "admin, ready");

      rowButton(table, "Change policy").click();
      await waitUntil(() => dialog(table, "policy-dialog").querySelector("input[type=radio]") !== null, "the policies", {
        timeout: 10_000,
      });
      await expectAccessibleInBothThemes(table, "Change policy dialog");
      dialog(table, "policy-dialog").close();

      rowButton(table, "Revoke").click();
      await waitUntil(() => dialog(table, "revoke-dialog").open, "the revoke dialog");
      await expectAccessibleInBothThemes(table, "Revoke confirmation");
      dialog(table, "revoke-dialog").close();
    });

    it("self: ready, the Subscribe dialog, a new key shown once, a request waiting for approval", async function () {
      this.timeout(30_000);
      const developer = await signUp(world, "Subscriber");
      await developer.client.me.subscribe(world.weather.id);
      const table = await selfTable(developer.token);
      await waitFor(table, "table", "the keys");
      await expectAccessibleInBothThemes(table, "self, ready");

      const subscribeTo = async (entry: CatalogueEntry) => {
        part(table, "subscribe-button")!.click();
        const choice = () => dialog(table, "subscribe-dialog").querySelector<HTMLInputElement>(`#entry-${entry.id}`);
        await waitUntil(() => choice() !== null, "the catalogue", { timeout: 10_000 });
        choice()!.click();
        await table.updateComplete;
      };
      await subscribeTo(world.weather);
      await expectAccessibleInBothThemes(table, "Subscribe dialog");
      dialog(table, "subscribe-dialog").querySelector<HTMLButtonElement>('[part~="confirm"]')!.click();
      await waitUntil(() => table.shadowRoot!.querySelector("portico-key-reveal") !== null, "the new key", { timeout: 10_000 });
      await frame();
      await expectAccessibleInBothThemes(table, "new key shown once");
      table.shadowRoot!.querySelector("portico-key-reveal")!.shadowRoot!.querySelector<HTMLButtonElement>('[part~="done"]')!.click();

      await subscribeTo(world.premium);
      dialog(table, "subscribe-dialog").querySelector<HTMLButtonElement>('[part~="confirm"]')!.click();
      await waitFor(table, "notice", "the request notice");
      await expectAccessible(table, "request waiting for approval");
    });
  });

  describe("<api-catalogue>", () => {
    const catalogue = (org: TestOrg, token?: string) =>
      fixture<PorticoElement>(
        html`<api-catalogue api-base=${org.apiBase} org=${org.org} .token=${token} login-url="/login"></api-catalogue>`,
      );
    const subscribeIn = (element: Element, entry: CatalogueEntry) =>
      element.shadowRoot!.querySelector<HTMLButtonElement>(`[data-id="${entry.id}"] [part~="subscribe"]`)!.click();

    it("loading, error, empty, read-only without a session", async () => {
      const loading = await fixture<PorticoElement>(html`<api-catalogue .client=${stuck(world)}></api-catalogue>`);
      await waitFor(loading, "loading", "the loading state");
      await expectAccessible(loading, "loading");

      const failed = await fixture<PorticoElement>(html`<api-catalogue .client=${unreachable(world)}></api-catalogue>`);
      await waitFor(failed, "error", "the error state");
      await expectAccessibleInBothThemes(failed, "error with Retry");

      const empty = await catalogue(world.empty);
      await waitFor(empty, "empty", "nothing published");
      await expectAccessible(empty, "empty");

      const readOnly = await catalogue(world);
      await waitFor(readOnly, "list", "the cards");
      await expectAccessibleInBothThemes(readOnly, "read-only, with the login link");
    });

    it("with a session: cards, a new key in its card, a request, a refusal", async function () {
      this.timeout(30_000);
      const developer = await signUp(world, "Catalogue Reader");
      const element = await catalogue(world, developer.token);
      await waitFor(element, "list", "the cards");
      const details = element.shadowRoot!.querySelector("details")!;
      details.open = true;
      await expectAccessibleInBothThemes(element, "cards with Subscribe, a long description open");

      subscribeIn(element, world.weather);
      await waitUntil(() => element.shadowRoot!.querySelector("portico-key-reveal") !== null, "the key panel", { timeout: 10_000 });
      await frame();
      await expectAccessibleInBothThemes(element, "a new key in its card");

      subscribeIn(element, world.premium);
      await waitFor(element, "notice", "the request notice");
      await expectAccessible(element, "request waiting for approval");

      const refused = await catalogue(world, world.token);
      await waitFor(refused, "list", "the cards");
      subscribeIn(refused, world.weather);
      await waitFor(refused, "card-error", "the refusal");
      await expectAccessibleInBothThemes(refused, "the server's refusal in a card");
    });
  });

  describe("<portico-key-reveal>", () => {
    it("the key, copied, and selected for a manual copy", async () => {
      const reveal = await fixture<HTMLElement & { updateComplete: Promise<boolean> }>(
        html`<portico-key-reveal .key=${"pdk_live_3f9a0c1b2d4e5f60718293a4b5c6d7e8"} .apiName=${"Weather API"}></portico-key-reveal>`,
      );
      await expectAccessible(reveal, "a new key");
      const copy = () => reveal.shadowRoot!.querySelector<HTMLButtonElement>('[part~="copy"]')!;

      const works = fakeClipboard("works");
      try {
        copy().click();
        await waitUntil(() => text(part(reveal, "copy-status")) !== "", "the copied message");
        await expectAccessible(reveal, "copied");
      } finally {
        works.restore();
      }
      const refuses = fakeClipboard("refuses");
      try {
        copy().click();
        await waitUntil(() => text(part(reveal, "copy-status")).includes("Ctrl+C"), "the manual copy message");
        await expectAccessible(reveal, "selected for a manual copy");
      } finally {
        refuses.restore();
      }
    });
  });

  describe("<usage-chart>", () => {
    const chart = (developerId: string, extra: { keyId?: string; days?: number } = {}) =>
      fixture<PorticoElement>(
        html`<usage-chart
          api-base=${world.apiBase}
          org=${world.org}
          token=${world.token}
          developer-id=${developerId}
          key-id=${extra.keyId ?? ""}
          days=${extra.days ?? 7}
        ></usage-chart>`,
      );

    it("loading, error, no developer-id, no traffic", async () => {
      const loading = await fixture<PorticoElement>(
        html`<usage-chart developer-id="x" .client=${stuck(world, world.token)}></usage-chart>`,
      );
      await waitFor(loading, "loading", "the loading state");
      await expectAccessible(loading, "loading");

      const failed = await fixture<PorticoElement>(
        html`<usage-chart developer-id="x" .client=${unreachable(world, world.token)}></usage-chart>`,
      );
      await waitFor(failed, "error", "the error state");
      await expectAccessibleInBothThemes(failed, "error with Retry");

      const noId = await fixture<PorticoElement>(
        html`<usage-chart api-base=${world.apiBase} org=${world.org} token=${world.token}></usage-chart>`,
      );
      await waitFor(noId, "error", "the missing developer-id message");
      await expectAccessible(noId, "no developer-id");

      const quiet = await chart(world.idle.id);
      await waitFor(quiet, "empty", "no traffic");
      await expectAccessibleInBothThemes(quiet, "no traffic");
    });

    it("ready: the chart with the keys table, the table view, one key, hourly", async () => {
      const all = await chart(world.developerId);
      await waitFor(all, "keys-table", "the report");
      await expectAccessibleInBothThemes(all, "chart and keys table");
      part(all, "view-toggle")!.click();
      await all.updateComplete;
      await expectAccessibleInBothThemes(all, "table view");

      const one = await chart(world.developerId, { keyId: world.key.id });
      await waitFor(one, "summary", "one key's report");
      await expectAccessible(one, "one key");

      const hourly = await chart(world.developerId, { days: 1 });
      await waitFor(hourly, "summary", "the hourly report");
      part(hourly, "view-toggle")!.click();
      await hourly.updateComplete;
      await expectAccessible(hourly, "hourly, table view");
    });
  });

  describe("<login-form>", () => {
    const login = () =>
      fixture<PorticoElement>(html`<login-form api-base=${world.apiBase} org=${world.org} session-storage="off"></login-form>`);

    it("the form, its messages, the reset form in its place, logged in", async () => {
      const form = await login();
      await expectAccessibleInBothThemes(form, "the form");

      button(form, "Log in").click();
      await waitUntil(() => part(form, "field-error") !== null || part(form, "form-error") !== null, "the messages", { timeout: 10_000 });
      await expectAccessible(form, "empty form sent: its messages");

      setValue(labelled(form, "Email"), "nobody@example.test");
      setValue(labelled(form, "Password"), "not-the-password");
      button(form, "Log in").click();
      await waitUntil(() => text(part(form, "form-error")).includes("incorrect"), "bad credentials", { timeout: 10_000 });
      await expectAccessibleInBothThemes(form, "bad credentials");

      button(form, "Forgot your password?").click();
      await waitFor(form, "reset", "the reset form");
      await expectAccessibleInBothThemes(form, "the reset form in place of the login form");
      button(form, "Back to login").click();
      await waitFor(form, "form", "the login form again");

      const developer = await signUp(world, "Logs In");
      setValue(labelled(form, "Email"), developer.session.developer!.email);
      setValue(labelled(form, "Password"), "secret-password");
      button(form, "Log in").click();
      await waitFor(form, "success", "logged in");
      await expectAccessibleInBothThemes(form, "logged in");
    });

    it("the message when the server cannot be reached", async () => {
      const form = await fixture<PorticoElement>(html`<login-form .client=${unreachable(world)}></login-form>`);
      setValue(labelled(form, "Email"), "someone@example.test");
      setValue(labelled(form, "Password"), "secret-password");
      button(form, "Log in").click();
      await waitFor(form, "form-error", "the network message");
      await expectAccessible(form, "server unreachable");
    });
  });

  describe("<signup-form>", () => {
    it("loading, error", async () => {
      const loading = await fixture<PorticoElement>(html`<signup-form .client=${stuck(world)}></signup-form>`);
      await waitFor(loading, "loading", "the loading state");
      await expectAccessible(loading, "loading");

      const failed = await fixture<PorticoElement>(html`<signup-form .client=${unreachable(world)}></signup-form>`);
      await waitFor(failed, "error", "the error state");
      await expectAccessibleInBothThemes(failed, "error with Retry");
    });

    it("the form with the organisation's extra fields, its messages, signed up", async () => {
      const org = await freshOrg();
      await org.admin.orgs.updateSettings({ signupFields: [{ name: "company", label: "Company", required: true }] });
      const form = await fixture<PorticoElement>(
        html`<signup-form api-base=${org.apiBase} org=${org.org} session-storage="off"></signup-form>`,
      );
      await waitFor(form, "form", "the form");
      await expectAccessibleInBothThemes(form, "the form with an extra field");

      button(form, "Sign up").click();
      await waitFor(form, "field-error", "the field messages");
      await expectAccessibleInBothThemes(form, "the field messages");

      setValue(labelled(form, "Email"), `signup-${Date.now()}@example.test`);
      setValue(labelled(form, "Password"), "secret-password");
      setValue(labelled(form, "Name"), "New Developer");
      setValue(labelled(form, "Company"), "Acme");
      button(form, "Sign up").click();
      await waitFor(form, "success", "signed up");
      await expectAccessible(form, "signed up");
      clearSession(org.apiBase, org.org);
    });
  });

  describe("<reset-password-form>", () => {
    const resetForm = (token?: string) =>
      fixture<PorticoElement>(
        html`<reset-password-form
          api-base=${world.apiBase}
          org=${world.org}
          token=${token ?? ""}
          login-url="/login"
        ></reset-password-form>`,
      );

    it("the request form, its message, the neutral confirmation", async () => {
      const form = await resetForm();
      await expectAccessibleInBothThemes(form, "the request form");
      button(form, "Send password reset email").click();
      await waitUntil(() => part(form, "field-error") !== null || part(form, "form-error") !== null, "the message", { timeout: 10_000 });
      await expectAccessible(form, "the request form's message");

      setValue(labelled(form, "Email"), "someone@example.test");
      button(form, "Send password reset email").click();
      await waitFor(form, "confirmation", "the confirmation");
      await expectAccessibleInBothThemes(form, "the neutral confirmation");

      const offline = await fixture<PorticoElement>(html`<reset-password-form .client=${unreachable(world)}></reset-password-form>`);
      setValue(labelled(offline, "Email"), "someone@example.test");
      button(offline, "Send password reset email").click();
      await waitFor(offline, "form-error", "the network message");
      await expectAccessible(offline, "server unreachable");
    });

    it("with a token: loading, error, the form with its strength hint, messages, a spent link, success", async function () {
      this.timeout(30_000);
      const loading = await fixture<PorticoElement>(
        html`<reset-password-form token="prt_made-up" .client=${stuck(world)}></reset-password-form>`,
      );
      await waitFor(loading, "loading", "the loading state");
      await expectAccessible(loading, "loading the password rules");

      const failed = await fixture<PorticoElement>(
        html`<reset-password-form token="prt_made-up" .client=${unreachable(world)}></reset-password-form>`,
      );
      await waitFor(failed, "error", "the error state");
      await expectAccessibleInBothThemes(failed, "error with Retry");

      const form = await resetForm("prt_made-up");
      await waitFor(form, "confirm-form", "the new-password form");
      await expectAccessible(form, "the new-password form");
      setValue(labelled(form, "New password"), "short");
      await waitFor(form, "strength", "the strength hint");
      await expectAccessibleInBothThemes(form, "the strength hint");
      button(form, "Update").click();
      await waitFor(form, "field-error", "too short");
      await expectAccessible(form, "too short");

      setValue(labelled(form, "New password"), "a-long-enough-password");
      setValue(labelled(form, "Confirm new password"), "something-else-entirely");
      button(form, "Update").click();
      await waitFor(form, "field-error", "mismatch");
      await expectAccessible(form, "the passwords do not match");

      setValue(labelled(form, "Confirm new password"), "a-long-enough-password");
      button(form, "Update").click();
      await waitFor(form, "token-error", "the made-up token's error");
      await expectAccessibleInBothThemes(form, "a link that does not work");

      const developer = await signUp(world, "Forgetful");
      const email = developer.session.developer!.email;
      await developer.client.passwordResets.request({ email, resetUrl: location.href });
      const { token } = await executeServerCommand<{ token: string | null }, { org: string; email: string }>("portico-last-reset-token", {
        org: world.org,
        email,
      });
      const real = await resetForm(token!);
      await waitFor(real, "confirm-form", "the new-password form");
      setValue(labelled(real, "New password"), "a-brand-new-password");
      setValue(labelled(real, "Confirm new password"), "a-brand-new-password");
      button(real, "Update").click();
      await waitFor(real, "success", "the new password saved");
      await expectAccessibleInBothThemes(real, "success, with the Log in link");
    });
  });

  describe("<developer-dashboard>", () => {
    it("logged out, loading, error", async () => {
      const loggedOut = await fixture<PorticoElement>(
        html`<developer-dashboard api-base=${world.apiBase} org=${world.org}></developer-dashboard>`,
      );
      await expectAccessibleInBothThemes(loggedOut, "logged out");

      const loading = await fixture<PorticoElement>(
        html`<developer-dashboard .client=${stuck(world, world.developerToken)}></developer-dashboard>`,
      );
      await waitFor(loading, "usage", "the sections");
      await expectAccessible(loading, "loading");

      const failed = await fixture<PorticoElement>(
        html`<developer-dashboard .client=${unreachable(world, world.developerToken)}></developer-dashboard>`,
      );
      await waitUntil(
        () => [...deepElements(failed.shadowRoot!)].filter((el) => el.matches('[part~="error"]')).length === 3,
        "every section's error",
        { timeout: 10_000 },
      );
      await expectAccessibleInBothThemes(failed, "error in every section");
    });

    it("ready, and narrowed to one key", async function () {
      this.timeout(30_000);
      const dashboard = await fixture<PorticoElement>(
        html`<developer-dashboard api-base=${world.apiBase} org=${world.org} token=${world.developerToken}></developer-dashboard>`,
      );
      await waitUntil(
        () => dashboard.shadowRoot!.querySelector("subscription-table")?.shadowRoot?.querySelector('[part~="table"]'),
        "the keys",
        {
          timeout: 10_000,
        },
      );
      await settled(dashboard, "every section loaded");
      await expectAccessibleInBothThemes(dashboard, "ready");

      const table = dashboard.shadowRoot!.querySelector("subscription-table")!;
      [...table.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="analytics"]')][0]!.click();
      await waitUntil(() => text(dashboard.shadowRoot!.querySelector("#usage-heading")).includes("one key"), "the chart narrowed");
      await settled(dashboard, "the key's usage loaded");
      await expectAccessible(dashboard, "narrowed to one key");
    });
  });

  describe("<portico-config>", () => {
    it("with the tags it configures", async () => {
      const config = await fixture<HTMLElement>(
        html`<portico-config api-base=${world.apiBase} org=${world.org} token=${world.token}>
          <developer-list page-size="2"></developer-list>
          <subscription-table developer-id=${world.developerId}></subscription-table>
        </portico-config>`,
      );
      const list = config.querySelector("developer-list")!;
      const table = config.querySelector("subscription-table")!;
      await waitFor(list, "table", "the developers");
      await waitFor(table, "table", "the keys");
      await expectAccessible(config, "two tags configured by one <portico-config>");
    });
  });
});
