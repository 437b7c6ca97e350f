/// <reference types="mocha" />
import { expect, fixture, html, oneEvent, waitUntil } from "@open-wc/testing";
import "../../components/index.js";
import type { DeveloperProfile } from "../../components/index.js";
import { clearSession, getSession, setSession } from "../../components/shared/session-store.js";
import { PorticoClient } from "../../sdk/client.js";
import { PorticoError } from "../../sdk/errors.js";
import type { Developer, DeveloperCreate } from "../../sdk/schemas/developers.js";
import {
  button,
  choose,
  describedBy,
  focused,
  freshOrg,
  labelled,
  part,
  parts,
  retype,
  signUp,
  text,
  type,
  waitForPart,
  type TestOrg,
} from "./accounts-support.js";

function renderAdmin(org: TestOrg, developerId: string): Promise<DeveloperProfile> {
  return fixture<DeveloperProfile>(
    html`<developer-profile
      mode="admin"
      api-base=${org.apiBase}
      org=${org.org}
      token=${org.token}
      developer-id=${developerId}
    ></developer-profile>`,
  );
}

function renderSelf(org: TestOrg, token?: string): Promise<DeveloperProfile> {
  return fixture<DeveloperProfile>(
    html`<developer-profile mode="self" api-base=${org.apiBase} org=${org.org} token=${token ?? ""}></developer-profile>`,
  );
}

async function waitForProfile(profile: DeveloperProfile, name: string): Promise<void> {
  await waitUntil(
    () => text(part(profile, "name")) === name,
    `the profile of ${name} should show; shown: "${text(part(profile, "name"))}"`,
    {
      timeout: 10_000,
    },
  );
}

/** The overview's details as a user reads them: label → value. */
function details(profile: DeveloperProfile, list = "details"): Record<string, string> {
  const entries = [...part(profile, list)!.querySelectorAll(":scope > div")].map((row) => [
    text(row.querySelector("dt")),
    text(row.querySelector("dd")),
  ]);
  return Object.fromEntries(entries);
}

async function addDeveloper(org: TestOrg, input: DeveloperCreate): Promise<Developer> {
  return org.admin.developers.create(input);
}

async function openPanel(profile: DeveloperProfile, label: string): Promise<void> {
  button(profile, label).click();
  await profile.updateComplete;
}

function futureExpiry(): string {
  return new Date(Date.now() + 3_600_000).toISOString();
}

async function statusOf(call: Promise<unknown>): Promise<number> {
  try {
    await call;
    return 200;
  } catch (error) {
    if (error instanceof PorticoError) return error.status;
    throw error;
  }
}

describe("<developer-profile>", () => {
  afterEach(() => sessionStorage.clear());

  describe('mode="admin"', () => {
    it("shows the developer's overview, with initials when the avatar does not load", async () => {
      const org = await freshOrg();
      const developer = await addDeveloper(org, {
        email: "grace@example.test",
        name: "Grace Brewster Hopper",
        telephone: "+1 202 555 0100",
        country: "JP",
        inactive: true,
        fields: { company: "US Navy", team: "Compilers" },
      });
      const profile = await renderAdmin(org, developer.id);
      expect(text(part(profile, "loading"))).to.equal("Loading the profile…");
      await waitForProfile(profile, "Grace Brewster Hopper");

      expect(details(profile)).to.deep.equal({
        Email: "grace@example.test",
        Telephone: "+1 202 555 0100",
        Country: "Japan",
        Created: new Intl.DateTimeFormat("en", { dateStyle: "medium" }).format(new Date(developer.createdAt)),
        Status: "Inactive",
      });
      expect(text(part(profile, "status-badge"))).to.equal("Inactive");
      expect(details(profile, "custom-fields")).to.deep.equal({ company: "US Navy", team: "Compilers" });

      const avatar = part(profile, "avatar")!;
      expect(text(avatar.querySelector(".initials"))).to.equal("GH");
      // Gravatar answers 404 for an address without a picture (and fails offline): the image goes.
      await waitUntil(() => avatar.querySelector("img") === null, "the broken avatar image should be removed", { timeout: 15_000 });
      expect(avatar.checkVisibility()).to.equal(true);

      for (const slot of ["usage", "subscriptions"]) {
        expect(profile.shadowRoot!.querySelector(`slot[name="${slot}"]`) !== null, `a ${slot} slot`).to.equal(true);
      }
    });

    it("shows what the page puts in the usage and subscriptions slots, under the overview", async () => {
      const org = await freshOrg();
      const developer = await addDeveloper(org, { email: "slots@example.test", name: "Slot Filler" });
      const profile = await fixture<DeveloperProfile>(html`
        <developer-profile api-base=${org.apiBase} org=${org.org} token=${org.token} developer-id=${developer.id} no-panels>
          <p slot="usage">Usage goes here</p>
        </developer-profile>
      `);
      await waitForProfile(profile, "Slot Filler");
      await waitUntil(() => part(profile, "usage")!.checkVisibility(), "the usage box shows");
      expect(profile.querySelector("p")!.checkVisibility(), "the slotted content shows").to.equal(true);
      expect(part(profile, "subscriptions")!.checkVisibility(), "an empty slot takes no room").to.equal(false);
      const order = part(profile, "overview")!.compareDocumentPosition(part(profile, "usage")!);
      expect(order & Node.DOCUMENT_POSITION_FOLLOWING, "under the overview").to.not.equal(0);
    });

    it("shows the developer's usage and keys under the overview; Analytics switches the chart to that key", async () => {
      const org = await freshOrg();
      const policy = await org.admin.policies.create({ name: "Metered", rate: 5, per: 1, quotaMax: 100, quotaRenewalSeconds: 86400 });
      const entry = await org.admin.catalogue.create({ name: "Metered API", policyId: policy.id, live: true });
      const session = await signUp(org, { email: "panels@example.test", password: "my-password", name: "Panel Person" });
      const { subscription } = await org.anonymous.withToken(session.token).me.subscribe(entry.id);
      const profile = await renderAdmin(org, session.developer!.id);
      await waitForProfile(profile, "Panel Person");
      const chart = profile.shadowRoot!.querySelector("usage-chart")!;
      const table = profile.shadowRoot!.querySelector("subscription-table")!;
      expect(chart.getAttribute("developer-id")).to.equal(session.developer!.id);
      await waitUntil(() => table.shadowRoot?.textContent?.includes("Metered API"), "the key's row shows", { timeout: 5000 });
      const analytics = [...table.shadowRoot!.querySelectorAll("button")].find((b) => b.textContent!.trim() === "Analytics")!;
      analytics.click();
      await waitUntil(() => chart.getAttribute("key-id") === subscription.id, "the chart shows that key", { timeout: 5000 });
    });

    it("edits every field, and the server keeps the edit", async () => {
      const org = await freshOrg();
      const developer = await addDeveloper(org, {
        email: "ada@example.test",
        name: "Ada",
        telephone: "+44 20 7946 0000",
        fields: { company: "Analytical Engines", team: "Poetry" },
      });
      const profile = await renderAdmin(org, developer.id);
      await waitForProfile(profile, "Ada");

      await openPanel(profile, "Edit");
      expect(focused(profile)?.getAttribute("name"), "focus moves into the form").to.equal("email");
      expect(labelled(profile, "Name").value, "the form starts with the developer's values").to.equal("Ada");
      await retype(labelled(profile, "Name"), "Ada Lovelace");
      await retype(labelled(profile, "Telephone"), "");
      choose(labelled<HTMLSelectElement>(profile, "Country"), "GB");
      labelled(profile, "Inactive (cannot log in)").click();
      // Custom fields: change one value, remove the other, add a new one.
      expect(labelled(profile, "Name of custom field 1").value).to.equal("company");
      await retype(labelled(profile, "Value of custom field 1"), "Babbage & Co");
      profile.shadowRoot!.querySelectorAll<HTMLButtonElement>('button[aria-label="Remove custom field 2"]')[0]!.click();
      await profile.updateComplete;
      button(profile, "Add field").click();
      await profile.updateComplete;
      expect(focused(profile)?.getAttribute("name")?.startsWith("field-key-"), "focus goes to the new row").to.equal(true);
      await type(labelled(profile, "Name of custom field 2"), "role");
      await type(labelled(profile, "Value of custom field 2"), "Programmer");

      setTimeout(() => button(profile, "Save").click());
      const updated = (await oneEvent(profile, "portico-developer-updated")).detail.developer;
      expect(updated.version).to.equal(developer.version + 1);

      await waitUntil(() => part(profile, "edit-form") === null, "the form closes");
      expect(text(part(profile, "notice"))).to.equal("The changes were saved.");
      expect(text(part(profile, "name"))).to.equal("Ada Lovelace");
      expect(details(profile)).to.include({ Telephone: "—", Country: "United Kingdom", Status: "Inactive" });
      expect(details(profile, "custom-fields")).to.deep.equal({ company: "Babbage & Co", role: "Programmer" });

      const stored = await org.admin.developers.get(developer.id);
      expect(stored).to.deep.include({
        name: "Ada Lovelace",
        telephone: null,
        country: "GB",
        inactive: true,
        fields: { company: "Babbage & Co", role: "Programmer" },
      });
    });

    it("shows the server's field messages beside the fields, custom ones on their row", async () => {
      const org = await freshOrg();
      await addDeveloper(org, { email: "taken@example.test", name: "First" });
      const developer = await addDeveloper(org, { email: "second@example.test", name: "Second" });
      const profile = await renderAdmin(org, developer.id);
      await waitForProfile(profile, "Second");
      await openPanel(profile, "Edit");

      await retype(labelled(profile, "Email"), "TAKEN@example.test");
      button(profile, "Add field").click();
      await profile.updateComplete;
      await type(labelled(profile, "Name of custom field 1"), "9lives");
      await type(labelled(profile, "Value of custom field 1"), "cat");
      button(profile, "Save").click();

      await waitUntil(() => parts(profile, "field-error").length > 0, "a field error");
      const row = labelled(profile, "Value of custom field 1");
      // The server's own words, after the field's name.
      expect(describedBy(profile, row)).to.match(/^9lives \S/);
      expect(row.getAttribute("aria-invalid")).to.equal("true");
      expect(focused(profile)?.getAttribute("name")?.startsWith("field-key-"), "focus on the row in error").to.equal(true);

      await retype(labelled(profile, "Name of custom field 1"), "lives");
      expect(parts(profile, "field-error").length, "typing clears the row's message").to.equal(0);
      button(profile, "Save").click();
      await waitUntil(() => text(part(profile, "field-error")) === "Email is already registered", "the taken email is named beside it");
      expect(labelled(profile, "Email").getAttribute("aria-invalid")).to.equal("true");
      expect(focused(profile)?.getAttribute("name")).to.equal("email");
      expect((await org.admin.developers.get(developer.id)).email, "nothing saved").to.equal("second@example.test");
    });

    it("refuses a stale edit, says someone else changed the developer, and reloads their change", async () => {
      const org = await freshOrg();
      const developer = await addDeveloper(org, { email: "linus@example.test", name: "Linus" });
      const profile = await renderAdmin(org, developer.id);
      await waitForProfile(profile, "Linus");
      await openPanel(profile, "Edit");
      await retype(labelled(profile, "Name"), "Linus T.");

      // Another admin saves in between.
      await org.admin.developers.update(developer.id, { name: "Linus Torvalds", country: "FI" });
      let updated = false;
      profile.addEventListener("portico-developer-updated", () => (updated = true));
      button(profile, "Save").click();

      const conflict = await waitForPart(profile, "conflict", "the conflict is shown");
      expect(text(conflict)).to.contain("Someone else changed this developer since you opened it");
      expect(conflict.getAttribute("role")).to.equal("alert");
      await waitUntil(() => focused(profile) === conflict, "focus moves to the message");
      expect(button(profile, "Save").disabled, "saving again would only fail again").to.equal(true);
      expect(updated).to.equal(false);
      expect((await org.admin.developers.get(developer.id)).name, "the other admin's change stands").to.equal("Linus Torvalds");

      part<HTMLButtonElement>(profile, "reload")!.click();
      await waitUntil(() => part(profile, "conflict") === null, "the conflict goes after reload");
      expect(text(part(profile, "name"))).to.equal("Linus Torvalds");
      expect(details(profile).Country).to.equal("Finland");
      expect(labelled(profile, "Name").value, "the form shows the fresh values").to.equal("Linus Torvalds");
      expect(labelled<HTMLSelectElement>(profile, "Country").value).to.equal("FI");

      // And the edit made on the fresh copy is saved.
      await retype(labelled(profile, "Name"), "Linus T.");
      setTimeout(() => button(profile, "Save").click());
      await oneEvent(profile, "portico-developer-updated");
      expect((await org.admin.developers.get(developer.id)).name).to.equal("Linus T.");
    });

    it("deletes the developer only after confirmation", async () => {
      const org = await freshOrg();
      const developer = await addDeveloper(org, { email: "gone@example.test", name: "Soon Gone" });
      const profile = await renderAdmin(org, developer.id);
      await waitForProfile(profile, "Soon Gone");

      await openPanel(profile, "Delete");
      const confirm = part(profile, "delete-confirm")!;
      expect(text(confirm)).to.contain("Delete Soon Gone (gone@example.test)?");
      expect(text(focused(profile)), "focus on the safe choice").to.equal("Cancel");
      button(profile, "Cancel").click();
      await profile.updateComplete;
      expect(part(profile, "delete-confirm")).to.equal(null);
      expect((await org.admin.developers.get(developer.id)).id, "nothing deleted yet").to.equal(developer.id);

      await openPanel(profile, "Delete");
      setTimeout(() => button(profile, "Delete developer").click());
      const deleted = await oneEvent(profile, "portico-developer-deleted");
      expect(deleted.detail.id).to.equal(developer.id);
      const message = await waitForPart(profile, "deleted", "the deleted message");
      expect(text(message)).to.equal("gone@example.test was deleted.");
      expect(part(profile, "overview")).to.equal(null);
      expect(await statusOf(org.admin.developers.get(developer.id))).to.equal(404);
    });

    it("sends a password reset email and says so", async () => {
      const org = await freshOrg();
      const developer = await addDeveloper(org, { email: "reset@example.test", name: "Needs Reset", password: "old-password" });
      const profile = await renderAdmin(org, developer.id);
      await waitForProfile(profile, "Needs Reset");
      button(profile, "Send password reset email").click();
      await waitUntil(() => part(profile, "notice") !== null, "a confirmation");
      expect(text(part(profile, "notice"))).to.equal(
        "A password reset email is on its way to reset@example.test. Its link works once and expires.",
      );
      expect(text(profile.shadowRoot!.querySelector('[role="status"]')), "announced").to.contain("A password reset email is on its way");
    });

    it("says when there is no such developer", async () => {
      const org = await freshOrg();
      const profile = await renderAdmin(org, crypto.randomUUID());
      const notFound = await waitForPart(profile, "not-found", "the not-found state", 10_000);
      expect(text(notFound)).to.contain("There is no developer with this id in this organisation.");

      profile.developerId = "not-a-uuid";
      await waitUntil(
        () => part(profile, "not-found") !== null && part(profile, "loading") === null,
        "an id that is not a UUID is not found either",
      );
    });

    it("shows an error with Retry when the server cannot be reached, and recovers", async () => {
      const org = await freshOrg();
      const developer = await addDeveloper(org, { email: "back@example.test", name: "Back Again" });
      let offline = true;
      const flaky: typeof fetch = (input, init) => (offline ? Promise.reject(new TypeError("Failed to fetch")) : fetch(input, init));
      const client = new PorticoClient({ baseUrl: org.apiBase, org: org.org, token: org.token, fetch: flaky });
      const profile = await fixture<DeveloperProfile>(
        html`<developer-profile .client=${client} developer-id=${developer.id}></developer-profile>`,
      );
      const error = await waitForPart(profile, "error", "the error state", 10_000);
      expect(error.getAttribute("role")).to.equal("alert");
      expect(text(error)).to.contain("The profile could not be loaded.");
      offline = false;
      part<HTMLButtonElement>(profile, "retry")!.click();
      await waitForProfile(profile, "Back Again");
    });

    it("says what is missing without a developer-id", async () => {
      const org = await freshOrg();
      const profile = await fixture<DeveloperProfile>(
        html`<developer-profile api-base=${org.apiBase} org=${org.org} token=${org.token}></developer-profile>`,
      );
      const error = await waitForPart(profile, "error", "the error state");
      expect(text(error)).to.contain("needs a developer-id attribute");
    });

    it("uses the admin session a login form kept when it has no token", async () => {
      const org = await freshOrg();
      const developer = await addDeveloper(org, { email: "kept@example.test", name: "Kept Session" });
      setSession(org.apiBase, org.org, { token: org.token, role: "admin", expiresAt: futureExpiry() });
      const profile = await fixture<DeveloperProfile>(
        html`<developer-profile api-base=${org.apiBase} org=${org.org} developer-id=${developer.id}></developer-profile>`,
      );
      await waitForProfile(profile, "Kept Session");
      clearSession(org.apiBase, org.org);
    });

    it("shows markup in a developer's name as text", async () => {
      const org = await freshOrg();
      const name = `<img src=x onerror=alert(1)>`;
      const developer = await addDeveloper(org, { email: "xss@example.test", name, fields: { note: "<b>bold?</b>" } });
      const alerts: unknown[] = [];
      const realAlert = window.alert;
      // Markup that ran would call alert(); a real dialog would block the page instead of failing.
      window.alert = (message) => void alerts.push(message);
      try {
        const profile = await renderAdmin(org, developer.id);
        await waitForProfile(profile, name);
        expect(part(profile, "name")!.children.length, "the name is a text node").to.equal(0);
        expect(details(profile, "custom-fields")).to.deep.equal({ note: "<b>bold?</b>" });
        await openPanel(profile, "Edit");
        expect(labelled(profile, "Name").value).to.equal(name);
        await openPanel(profile, "Delete");
        expect(text(part(profile, "delete-confirm"))).to.contain(`Delete ${name} (xss@example.test)?`);
        expect(profile.shadowRoot!.querySelectorAll('img[src="x"], b').length, "no element made from the text").to.equal(0);
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(alerts, "no script ran").to.deep.equal([]);
      } finally {
        window.alert = realAlert;
      }
    });
  });

  describe('mode="self"', () => {
    it("edits the developer's own profile", async () => {
      const org = await freshOrg();
      const session = await signUp(org, { email: "me@example.test", password: "my-password", name: "Me Myself" });
      const profile = await renderSelf(org, session.token);
      await waitForProfile(profile, "Me Myself");
      expect(details(profile).Email).to.equal("me@example.test");

      await openPanel(profile, "Edit profile");
      expect(part(profile, "custom-fields-editor"), "custom fields are the admin's").to.equal(null);
      expect(profile.shadowRoot!.querySelector('[name="inactive"]'), "so is the status").to.equal(null);
      await retype(labelled(profile, "Name"), "Me, Renamed");
      await type(labelled(profile, "Telephone"), "+49 30 1234567");
      choose(labelled<HTMLSelectElement>(profile, "Country"), "DE");
      setTimeout(() => button(profile, "Save").click());
      const { developer } = (await oneEvent(profile, "portico-developer-updated")).detail;
      expect(developer.name).to.equal("Me, Renamed");

      await waitUntil(() => text(part(profile, "name")) === "Me, Renamed", "the overview shows the edit");
      expect(details(profile)).to.include({ Telephone: "+49 30 1234567", Country: "Germany" });
      const me = await org.anonymous.withToken(session.token).me.get();
      expect(me).to.deep.include({ name: "Me, Renamed", telephone: "+49 30 1234567", country: "DE" });
    });

    it("checks the confirmation here and shows a wrong current password beside that field", async () => {
      const org = await freshOrg();
      const session = await signUp(org, { email: "me@example.test", password: "my-password", name: "Me" });
      const requests: string[] = [];
      const counting: typeof fetch = (input, init) => {
        const request = input instanceof Request ? input : new Request(input, init);
        requests.push(`${request.method} ${new URL(request.url).pathname}`);
        return fetch(input, init);
      };
      const client = new PorticoClient({ baseUrl: org.apiBase, org: org.org, token: session.token, fetch: counting });
      const profile = await fixture<DeveloperProfile>(html`<developer-profile mode="self" .client=${client}></developer-profile>`);
      await waitForProfile(profile, "Me");
      await openPanel(profile, "Change password");
      expect(focused(profile)?.getAttribute("name")).to.equal("currentPassword");

      await type(labelled(profile, "Current password"), "not-my-password");
      await type(labelled(profile, "New password"), "brand-new-password");
      await type(labelled(profile, "Confirm new password"), "brand-new-pasword");
      const submit = () => profile.shadowRoot!.querySelector<HTMLButtonElement>('[part~="password-form"] button[type="submit"]')!.click();
      submit();
      await waitUntil(() => parts(profile, "field-error").length === 1, "the mismatch is shown");
      const confirm = labelled(profile, "Confirm new password");
      expect(describedBy(profile, confirm)).to.equal("Confirm new password does not match the new password");
      expect(focused(profile)?.getAttribute("name")).to.equal("confirmPassword");
      expect(
        requests.filter((r) => r.endsWith("/me/password")),
        "nothing sent",
      ).to.deep.equal([]);

      await retype(confirm, "brand-new-password");
      submit();
      await waitUntil(
        () => text(part(profile, "field-error")) === "Current password is incorrect",
        "the wrong password is named beside its field",
      );
      const current = labelled(profile, "Current password");
      expect(current.getAttribute("aria-invalid")).to.equal("true");
      expect(describedBy(profile, current)).to.equal("Current password is incorrect");
      expect(focused(profile)?.getAttribute("name")).to.equal("currentPassword");
      expect(part(profile, "form-error"), "no form-level error for a field's problem").to.equal(null);

      await retype(current, "my-password");
      submit();
      await waitUntil(() => text(part(profile, "notice")) === "Your password was changed. Your other sessions were logged out.", "success");
      expect(part(profile, "password-form"), "the form closes").to.equal(null);
      const login = await org.anonymous.sessions.login({ email: "me@example.test", password: "brand-new-password" });
      expect(login.developer?.email, "the new password works").to.equal("me@example.test");
    });

    it("logs out: the session ends, the kept copy goes and portico-logout fires", async () => {
      const org = await freshOrg();
      const session = await signUp(org, { email: "bye@example.test", password: "my-password", name: "Leaving Soon" });
      setSession(org.apiBase, org.org, session);
      const profile = await renderSelf(org);
      await waitForProfile(profile, "Leaving Soon");

      setTimeout(() => button(profile, "Log out").click());
      const event = await oneEvent(profile, "portico-logout");
      expect(event.composed).to.equal(true);
      const loggedOut = await waitForPart(profile, "logged-out", "the logged-out state");
      expect(text(loggedOut)).to.contain("You are not logged in.");
      expect(getSession(org.apiBase, org.org), "the kept session is gone").to.equal(undefined);
      expect(sessionStorage.length).to.equal(0);
      expect(await statusOf(org.anonymous.withToken(session.token).me.get()), "the token no longer works").to.equal(401);
    });

    it("says nobody is logged in when there is no session", async () => {
      const org = await freshOrg();
      const profile = await fixture<DeveloperProfile>(html`
        <developer-profile mode="self" api-base=${org.apiBase} org=${org.org}><p slot="logged-out">Log in here</p></developer-profile>
      `);
      const loggedOut = await waitForPart(profile, "logged-out", "the logged-out state", 10_000);
      expect(text(loggedOut)).to.contain("You are not logged in.");
      expect(profile.querySelector("p")!.checkVisibility(), "the page's logged-out content shows").to.equal(true);
    });

    it("forgets a kept session the server no longer accepts", async () => {
      const org = await freshOrg();
      const session = await signUp(org, { email: "stale@example.test", password: "my-password", name: "Stale" });
      await org.anonymous.withToken(session.token).sessions.logout();
      setSession(org.apiBase, org.org, session);
      const profile = await renderSelf(org);
      await waitForPart(profile, "logged-out", "the logged-out state", 10_000);
      expect(getSession(org.apiBase, org.org)).to.equal(undefined);
    });
  });
});
