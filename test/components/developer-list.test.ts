/// <reference types="mocha" />
import { expect, fixture, html, oneEvent, waitUntil } from "@open-wc/testing";
import { executeServerCommand, sendKeys } from "@web/test-runner-commands";
import "../../components/index.js";
import type { DeveloperList } from "../../components/index.js";
import { PorticoClient } from "../../sdk/client.js";
import type { Developer, DeveloperCreate } from "../../sdk/schemas/developers.js";

interface TestOrg {
  apiBase: string;
  org: string;
  /** An admin's session token, as a portal page would hold. */
  token: string;
  /** That admin's email and password, to log in from the page. */
  adminLogin: { email: string; password: string };
  /** A client with that session, to create what a test expects to see. */
  admin: PorticoClient;
}

/** A new organisation on the run's real server, with this page's origin allowed. */
async function freshOrg(): Promise<TestOrg> {
  const org = await executeServerCommand<Omit<TestOrg, "admin">, { origin: string }>("portico-create-org", { origin: location.origin });
  return { ...org, admin: client(org) };
}

function client(org: Omit<TestOrg, "admin">, fetch?: typeof globalThis.fetch): PorticoClient {
  return new PorticoClient({ baseUrl: org.apiBase, org: org.org, token: org.token, fetch });
}

async function addDevelopers(org: TestOrg, inputs: DeveloperCreate[]): Promise<Developer[]> {
  const created: Developer[] = [];
  for (const input of inputs) created.push(await org.admin.developers.create(input));
  return created;
}

function renderList(org: TestOrg, pageSize = 25): Promise<DeveloperList> {
  return fixture<DeveloperList>(
    html`<developer-list api-base=${org.apiBase} org=${org.org} token=${org.token} page-size=${pageSize}></developer-list>`,
  );
}

// Assertions compare text, numbers and booleans, never elements: a failing comparison of a Lit
// element makes the runner hang while it serialises the element for the report.
function part<T extends Element = HTMLElement>(list: DeveloperList, name: string): T | null {
  return list.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
}

function rows(list: DeveloperList): HTMLTableRowElement[] {
  return [...list.shadowRoot!.querySelectorAll<HTMLTableRowElement>('[part~="row"]')];
}

/** What a row shows, cell by cell, as a user reads it. */
function cells(row: HTMLTableRowElement): string[] {
  return [...row.cells].map((cell) => cell.textContent!.replace(/\s+/g, " ").trim());
}

function shownEmails(list: DeveloperList): string[] {
  return rows(list).map((row) => cells(row)[1]!);
}

async function waitForEmails(list: DeveloperList, expected: string[], message: string): Promise<void> {
  await waitUntil(
    () => JSON.stringify(shownEmails(list)) === JSON.stringify(expected),
    `${message}; shown: ${JSON.stringify(shownEmails(list))}`,
    {
      timeout: 5000,
    },
  );
}

function button(list: DeveloperList, label: string): HTMLButtonElement {
  const found = [...list.shadowRoot!.querySelectorAll("button")].find((b) => b.textContent!.trim() === label);
  if (!found) throw new Error(`No "${label}" button`);
  return found;
}

/** Focuses a field inside the component and types into it with real key presses. */
async function type(field: HTMLInputElement, text: string): Promise<void> {
  field.focus();
  await sendKeys({ type: text });
}

/** Types like a fast typist, a key every 50 ms: Chromium runs key events ahead of timers. */
async function typeSlowly(field: HTMLInputElement, text: string): Promise<void> {
  field.focus();
  for (const key of text) {
    await sendKeys({ type: key });
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function focusedName(list: DeveloperList): string | null | undefined {
  return list.shadowRoot!.activeElement?.getAttribute("name");
}

async function clear(field: HTMLInputElement): Promise<void> {
  field.focus();
  field.select();
  await sendKeys({ press: "Backspace" });
}

function control<T extends HTMLElement = HTMLInputElement>(list: DeveloperList, name: string): T {
  const found = list.shadowRoot!.querySelector<T>(`form [name="${name}"]`);
  if (!found) throw new Error(`No form field "${name}"`);
  return found;
}

const byEmail = (a: { email: string }, b: { email: string }) => a.email.toLowerCase().localeCompare(b.email.toLowerCase());

describe("<developer-list>", () => {
  it("shows the organisation's developers as rows, in email order", async () => {
    const org = await freshOrg();
    const created = await addDevelopers(org, [
      { email: "zoe@example.test", name: "Zoë Quinn", country: "DE" },
      { email: "adam@example.test", name: "Adam Smith", country: "jp", inactive: true },
      { email: "mia@example.test", name: "Mia Wong" },
    ]);

    const list = await renderList(org);
    await waitForEmails(list, ["adam@example.test", "mia@example.test", "zoe@example.test"], "rows should come from the server");

    const [adam, mia, zoe] = rows(list).map(cells);
    expect(adam![0]).to.contain("Adam Smith");
    expect([adam![2], adam![4]]).to.deep.equal(["Japan", "Inactive"]);
    expect(zoe![0]).to.contain("Zoë Quinn");
    expect([zoe![2], zoe![4]]).to.deep.equal(["Germany", "Active"]);
    expect(mia![2], "no country given").to.equal("—");
    expect(adam![3]).to.contain(String(new Date(created[1]!.createdAt).getFullYear()));

    const times = rows(list).map((row) => row.querySelector("time")!.getAttribute("datetime"));
    expect(times).to.deep.equal([...created].sort(byEmail).map((d) => d.createdAt));
    expect(part(list, "table")!.querySelector("caption")!.textContent!.trim()).to.equal("Developers");
  });

  it("falls back to initials when the avatar does not load", async () => {
    const org = await freshOrg();
    await addDevelopers(org, [{ email: "no-gravatar@example.test", name: "Grace Hopper" }]);
    const list = await renderList(org);
    await waitForEmails(list, ["no-gravatar@example.test"], "the developer should be listed");

    const avatar = part(list, "avatar")!;
    expect(avatar.querySelector(".initials")!.textContent).to.equal("GH");
    // Gravatar answers 404 for an address without a picture (and fails offline): the image goes.
    await waitUntil(() => avatar.querySelector("img") === null, "the broken avatar image should be removed", { timeout: 15_000 });
    expect(avatar.checkVisibility()).to.equal(true);
  });

  it("narrows the list to emails starting with the typed prefix, whatever its case", async () => {
    const org = await freshOrg();
    await addDevelopers(org, [
      { email: "Alice.Smith@example.test", name: "Alice Smith" },
      { email: "alicia@example.test", name: "Alicia Keys" },
      { email: "bob@example.test", name: "Bob Alic" },
      { email: "malice@example.test", name: "Mal Ice" },
    ]);
    const list = await renderList(org);
    await waitForEmails(list, ["Alice.Smith@example.test", "alicia@example.test", "bob@example.test", "malice@example.test"], "all first");

    const search = part<HTMLInputElement>(list, "search")!;
    expect(search.labels![0]!.textContent).to.contain("Search by email");
    await type(search, "ALIC");
    await waitForEmails(list, ["Alice.Smith@example.test", "alicia@example.test"], "only emails starting with alic");

    await type(search, "E.");
    await waitForEmails(list, ["Alice.Smith@example.test"], "only alice.");

    await type(search, "x");
    await waitUntil(() => part(list, "empty") !== null, "an empty state when nothing matches");
    expect(part(list, "empty")!.textContent).to.contain("ALICE.x");
    expect(shownEmails(list)).to.deep.equal([]);

    await clear(search);
    await waitForEmails(list, ["Alice.Smith@example.test", "alicia@example.test", "bob@example.test", "malice@example.test"], "all again");
  });

  it("waits for a pause in typing and drops a slower, older search", async () => {
    const org = await freshOrg();
    await addDevelopers(org, [
      { email: "alice@example.test", name: "Alice" },
      { email: "bob@example.test", name: "Bob" },
    ]);
    // A slow network for the "b" search only; every request is recorded.
    const requests: Request[] = [];
    const slowFetch: typeof fetch = async (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init);
      requests.push(request);
      if (new URL(request.url).searchParams.get("email") === "b") await new Promise((resolve) => setTimeout(resolve, 1500));
      return fetch(input, init);
    };
    const list = await fixture<DeveloperList>(html`<developer-list .client=${client(org, slowFetch)}></developer-list>`);
    await waitForEmails(list, ["alice@example.test", "bob@example.test"], "all first");

    const search = part<HTMLInputElement>(list, "search")!;
    await type(search, "b");
    await waitUntil(() => requests.some((r) => new URL(r.url).searchParams.get("email") === "b"), "the b search should start");
    await clear(search);
    await typeSlowly(search, "ali");
    await waitForEmails(list, ["alice@example.test"], "the newer search wins");

    const searched = requests.map((r) => new URL(r.url).searchParams.get("email")).filter((email) => email !== null);
    expect(searched, "one request per pause in typing, none per key").to.deep.equal(["b", "ali"]);
    const stale = requests.find((r) => new URL(r.url).searchParams.get("email") === "b")!;
    expect(stale.signal.aborted, "the stale request is aborted").to.equal(true);

    await new Promise((resolve) => setTimeout(resolve, 1700));
    expect(shownEmails(list), "the slow answer must not come back").to.deep.equal(["alice@example.test"]);
  });

  it("walks every developer with Next and comes back with Previous", async () => {
    const org = await freshOrg();
    const created = await addDevelopers(
      org,
      Array.from({ length: 7 }, (_, i) => ({ email: `dev${String.fromCharCode(103 - i)}@example.test`, name: `Developer ${i}` })),
    );
    const list = await renderList(org, 3);
    const expected = created.map((d) => d.email).sort();

    await waitForEmails(list, expected.slice(0, 3), "the first page");
    const pages: string[][] = [shownEmails(list)];
    // Looked up each time: a component may re-create its buttons between pages.
    const next = () => part<HTMLButtonElement>(list, "next")!;
    const previous = () => part<HTMLButtonElement>(list, "previous")!;
    expect(previous().disabled, "no page before the first").to.equal(true);
    while (!next().disabled) {
      const before = shownEmails(list).join();
      next().click();
      await waitUntil(() => shownEmails(list).join() !== before && part(list, "next") !== null, "Next should show another page");
      pages.push(shownEmails(list));
    }
    expect(pages.map((page) => page.length)).to.deep.equal([3, 3, 1]);
    expect(pages.flat()).to.deep.equal(expected);
    expect(list.shadowRoot!.querySelector("nav")!.textContent).to.contain("Page 3");

    previous().click();
    await waitForEmails(list, pages[1]!, "Previous returns to page 2");
    await waitUntil(() => part(list, "previous") !== null, "the pages bar is back");
    previous().click();
    await waitForEmails(list, pages[0]!, "and to page 1");
    await waitUntil(() => part(list, "previous") !== null, "the pages bar is back");
    expect(previous().disabled).to.equal(true);
  });

  it("adds a developer with the form, who then shows in the list", async () => {
    const org = await freshOrg();
    const list = await renderList(org);
    await waitUntil(() => part(list, "empty") !== null, "a new org has no developers");
    expect(part(list, "empty")!.textContent).to.contain("No developers yet");

    button(list, "Add developer").click();
    await waitUntil(() => focusedName(list) === "email", "focus goes to the form's first field");
    await type(control(list, "email"), "new.dev@example.test");
    await type(control(list, "name"), "New Dev");
    await type(control(list, "telephone"), "+44 20 7946 0000");
    const country = control<HTMLSelectElement>(list, "country");
    country.value = "FR";
    country.dispatchEvent(new Event("change", { bubbles: true }));
    control(list, "inactive").click();
    button(list, "Add").click();

    await waitForEmails(list, ["new.dev@example.test"], "the new developer is listed");
    expect(cells(rows(list)[0]!).slice(2)).to.deep.include.members(["France", "Inactive"]);
    expect(part(list, "add-form") === null, "the form closes").to.equal(true);

    const [stored] = (await org.admin.developers.list()).items;
    expect(stored).to.include({
      email: "new.dev@example.test",
      name: "New Dev",
      telephone: "+44 20 7946 0000",
      country: "FR",
      inactive: true,
    });
  });

  it("shows the server's message beside the email when it is already registered", async () => {
    const org = await freshOrg();
    await addDevelopers(org, [{ email: "taken@example.test", name: "First" }]);
    const list = await renderList(org);
    await waitForEmails(list, ["taken@example.test"], "the existing developer");

    button(list, "Add developer").click();
    await list.updateComplete;
    await type(control(list, "email"), "TAKEN@example.test");
    await type(control(list, "name"), "Second");
    button(list, "Add").click();

    await waitUntil(() => part(list, "field-error") !== null, "a field error should show");
    const email = control(list, "email");
    expect(part(list, "field-error")!.textContent).to.equal("Email is already registered");
    expect(email.getAttribute("aria-invalid")).to.equal("true");
    expect(list.shadowRoot!.getElementById(email.getAttribute("aria-describedby")!)?.textContent, "the field names its message").to.equal(
      "Email is already registered",
    );
    expect(focusedName(list), "focus moves to the field in error").to.equal("email");
    expect(shownEmails(list)).to.deep.equal(["taken@example.test"]);
  });

  it("shows each field's message from the server and focuses the first", async () => {
    const org = await freshOrg();
    const list = await renderList(org);
    await waitUntil(() => part(list, "empty") !== null, "the empty list");

    button(list, "Add developer").click();
    await list.updateComplete;
    await type(control(list, "email"), "someone@example.test");
    // The select offers only the SDK's countries; a code the server does not know stands for a
    // stale list, so the message must come from the server.
    const country = control<HTMLSelectElement>(list, "country");
    country.append(new Option("Nowhere", "ZZ"));
    country.value = "ZZ";
    button(list, "Add").click();

    await waitUntil(() => list.shadowRoot!.querySelectorAll('[part~="field-error"]').length === 2, "two field errors");
    const messages = [...list.shadowRoot!.querySelectorAll('[part~="field-error"]')].map((p) => p.textContent);
    expect(messages).to.deep.equal(["Name is required", "Country must be an ISO 3166-1 alpha-2 country code"]);
    expect(country.getAttribute("aria-invalid")).to.equal("true");
    expect(focusedName(list), "focus on the first field in error").to.equal("name");

    expect((await org.admin.developers.list()).items, "nothing was created").to.have.length(0);
  });

  it("shows an error with Retry when the server cannot be reached, and recovers", async () => {
    const org = await freshOrg();
    await addDevelopers(org, [{ email: "back@example.test", name: "Back Again" }]);
    let offline = true;
    const flakyFetch: typeof fetch = (input, init) => (offline ? Promise.reject(new TypeError("Failed to fetch")) : fetch(input, init));
    const list = await fixture<DeveloperList>(html`<developer-list .client=${client(org, flakyFetch)}></developer-list>`);
    expect(part(list, "loading")!.textContent).to.contain("Loading developers");

    await waitUntil(() => part(list, "error") !== null, "the error state should show", { timeout: 10_000 });
    expect(part(list, "error")!.getAttribute("role")).to.equal("alert");
    expect(part(list, "error")!.textContent).to.contain("could not be loaded");
    expect(shownEmails(list)).to.deep.equal([]);

    offline = false;
    part<HTMLButtonElement>(list, "retry")!.click();
    await waitForEmails(list, ["back@example.test"], "Retry loads the developers");
    expect(part(list, "error") === null, "the error is gone").to.equal(true);
  });

  it("works with the admin's HttpOnly session cookie when the page holds no token", async () => {
    const org = await freshOrg();
    await addDevelopers(org, [{ email: "cookie@example.test", name: "Cookie Monster" }]);
    // A login form on the portal page: the server answers with an HttpOnly cookie.
    const page = new PorticoClient({ baseUrl: org.apiBase, org: org.org, credentials: "include" });
    await page.sessions.login({ ...org.adminLogin, role: "admin" });
    expect(document.cookie, "script cannot read the session").not.to.contain("portico_session");

    const list = await fixture<DeveloperList>(html`<developer-list api-base=${org.apiBase} org=${org.org}></developer-list>`);
    await waitForEmails(list, ["cookie@example.test"], "the cookie authenticates the list");

    // A write too: the server accepts it because this page's origin is allowed (its CSRF check).
    button(list, "Add developer").click();
    await waitUntil(() => focusedName(list) === "email", "the form opens");
    await type(control(list, "email"), "baked@example.test");
    await type(control(list, "name"), "Freshly Baked");
    button(list, "Add").click();
    await waitForEmails(list, ["baked@example.test", "cookie@example.test"], "the new developer is listed");
  });

  it("loads no zod into the page (the components use the SDK's client, not its schemas)", () => {
    const loaded = performance.getEntriesByType("resource").map((entry) => entry.name);
    expect(
      loaded.some((url) => url.includes("/components/")),
      "the components were loaded",
    ).to.equal(true);
    expect(loaded.filter((url) => url.includes("/node_modules/zod/"))).to.deep.equal([]);
  });

  it("says what is missing when no org is given", async () => {
    const list = await fixture<DeveloperList>(html`<developer-list></developer-list>`);
    await waitUntil(() => part(list, "error") !== null, "the error state should show");
    expect(part(list, "error")!.textContent).to.contain("needs an org attribute");
  });

  it("fires portico-developer-select with the developer on click, Enter and Space", async () => {
    const org = await freshOrg();
    const [ada, ben] = await addDevelopers(org, [
      { email: "ada@example.test", name: "Ada" },
      { email: "ben@example.test", name: "Ben" },
    ]);
    // Inside another component's shadow root, as in a host app built from web components.
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    const list = document.createElement("developer-list");
    Object.assign(list, { apiBase: org.apiBase, org: org.org, token: org.token });
    wrapper.attachShadow({ mode: "open" }).append(list);
    await waitForEmails(list, ["ada@example.test", "ben@example.test"], "both developers");
    const [adaRow, benRow] = rows(list);

    // Heard outside the enclosing shadow root: the event bubbles and is composed.
    setTimeout(() => benRow!.click());
    const clicked = await oneEvent(wrapper, "portico-developer-select");
    expect(clicked.detail.developer).to.deep.equal(ben);
    expect(benRow!.getAttribute("aria-current")).to.equal("true");

    adaRow!.focus();
    setTimeout(() => void sendKeys({ press: "Enter" }));
    expect((await oneEvent(list, "portico-developer-select")).detail.developer).to.deep.equal(ada);

    setTimeout(() => void sendKeys({ press: "ArrowDown" }));
    await waitUntil(() => list.shadowRoot!.activeElement === benRow, "ArrowDown moves to the next row");
    setTimeout(() => void sendKeys({ press: "Space" }));
    expect((await oneEvent(list, "portico-developer-select")).detail.developer.id).to.equal(ben!.id);
  });

  it("shows markup in a developer's name as text", async () => {
    const org = await freshOrg();
    const name = `<img src=x onerror=alert(1)>`;
    await addDevelopers(org, [{ email: "xss@example.test", name }]);
    const alerts: unknown[] = [];
    const realAlert = window.alert;
    // Markup that ran would call alert(); a real dialog would block the page instead of failing.
    window.alert = (message) => void alerts.push(message);
    try {
      const list = await renderList(org);
      await waitForEmails(list, ["xss@example.test"], "the developer");

      const nameCell = rows(list)[0]!.cells[0]!;
      expect(nameCell.querySelector(".name")!.textContent).to.equal(name);
      expect(list.shadowRoot!.querySelectorAll('img[src="x"]').length, "no image from the name").to.equal(0);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(alerts, "no script ran").to.deep.equal([]);
    } finally {
      window.alert = realAlert;
    }
  });
});
