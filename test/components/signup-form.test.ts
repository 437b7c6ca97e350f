/// <reference types="mocha" />
import { expect, fixture, html, oneEvent, waitUntil } from "@open-wc/testing";
import "../../components/index.js";
import type { SignupForm } from "../../components/index.js";
import { getSession } from "../../components/shared/session-store.js";
import { PorticoClient } from "../../sdk/client.js";
import {
  button,
  choose,
  describedBy,
  focused,
  freshOrg,
  labelled,
  part,
  parts,
  signUp,
  text,
  type,
  waitForPart,
  type TestOrg,
} from "./accounts-support.js";

function renderSignup(org: TestOrg): Promise<SignupForm> {
  return fixture<SignupForm>(html`<signup-form api-base=${org.apiBase} org=${org.org}></signup-form>`);
}

async function waitForForm(form: SignupForm): Promise<void> {
  await waitForPart(form, "form", "the sign-up form loads the organisation's settings");
}

describe("<signup-form>", () => {
  afterEach(() => sessionStorage.clear());

  it("signs up with the organisation's extra fields, fires portico-signup and keeps the session", async () => {
    const org = await freshOrg();
    await org.admin.orgs.updateSettings({
      passwordMinLength: 10,
      signupFields: [
        { name: "company", label: "Company", required: true },
        { name: "website", label: "Web site", required: false },
      ],
    });
    const form = await renderSignup(org);
    await waitForForm(form);

    const password = labelled(form, "Password");
    expect(describedBy(form, password), "the org's minimum is a hint on the password").to.equal("At least 10 characters.");
    expect(password.getAttribute("autocomplete")).to.equal("new-password");
    const company = labelled(form, "Company");
    expect(company.required, "a required extra field is marked").to.equal(true);
    expect(labelled(form, "Web site").required).to.equal(false);
    const country = labelled<HTMLSelectElement>(form, "Country");
    expect(text(country.querySelector('option[value="FR"]'))).to.equal("France");

    await type(labelled(form, "Email"), "new.dev@example.test");
    await type(password, "a-long-password");
    await type(labelled(form, "Name"), "New Dev");
    await type(labelled(form, "Telephone"), "+33 1 23 45 67 89");
    choose(country, "FR");
    await type(company, "Acme Widgets");
    setTimeout(() => button(form, "Sign up").click());

    const event = await oneEvent(form, "portico-signup");
    const { session } = event.detail;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(session.role).to.equal("developer");
    expect(getSession(org.apiBase, org.org)?.token, "the session is kept for the page").to.equal(session.token);
    const welcome = await waitForPart(form, "success", "a welcome message");
    expect(text(welcome)).to.equal("Welcome, New Dev. Your account is ready and you are logged in.");

    const [stored] = (await org.admin.developers.list({ email: "new.dev@" })).items;
    expect(stored).to.deep.include({ name: "New Dev", telephone: "+33 1 23 45 67 89", country: "FR", fields: { company: "Acme Widgets" } });
    const asDeveloper = new PorticoClient({ baseUrl: org.apiBase, org: org.org, token: session.token });
    expect((await asDeveloper.me.get()).email).to.equal("new.dev@example.test");
  });

  it("shows the server's messages beside the fields: a short password, a missing extra field, a taken email", async () => {
    const org = await freshOrg();
    await signUp(org, { email: "taken@example.test", password: "secret-1", name: "First" });
    await org.admin.orgs.updateSettings({ signupFields: [{ name: "company", label: "Company", required: true }] });
    const form = await renderSignup(org);
    await waitForForm(form);
    let signedUp = false;
    form.addEventListener("portico-signup", () => (signedUp = true));

    await type(labelled(form, "Email"), "TAKEN@example.test");
    await type(labelled(form, "Password"), "abc");
    await type(labelled(form, "Name"), "Second");
    button(form, "Sign up").click();
    await waitUntil(() => parts(form, "field-error").length > 0, "field errors show");
    expect(parts(form, "field-error").map(text)).to.deep.equal(["Password must be at least 6 characters"]);
    expect(focused(form)?.getAttribute("name"), "focus on the field in error").to.equal("password");

    await type(labelled(form, "Password"), "def-ghi");
    expect(describedBy(form, labelled(form, "Password")), "typing clears the field's message; the hint stays").to.equal(
      "At least 6 characters.",
    );
    button(form, "Sign up").click();
    await waitUntil(() => text(part(form, "field-error")) === "Company is required", "the missing extra field is named beside it");
    const company = labelled(form, "Company");
    expect(company.getAttribute("aria-invalid")).to.equal("true");
    expect(describedBy(form, company)).to.equal("Company is required");
    expect(focused(form)?.getAttribute("name")).to.equal("fields.company");

    await type(labelled(form, "Company"), "Acme");
    button(form, "Sign up").click();
    await waitUntil(() => text(part(form, "field-error")) === "Email is already registered", "the taken email is named beside the field");
    const email = labelled(form, "Email");
    expect(email.getAttribute("aria-invalid")).to.equal("true");
    expect(describedBy(form, email)).to.equal("Email is already registered");
    expect(focused(form)?.getAttribute("name")).to.equal("email");
    expect(part(form, "form-error"), "no form-level error for a field's problem").to.equal(null);
    expect(signedUp).to.equal(false);
    expect(getSession(org.apiBase, org.org)).to.equal(undefined);
  });

  it("shows an error with Retry when the organisation cannot be loaded", async () => {
    const org = await freshOrg();
    let offline = true;
    const flaky: typeof fetch = (input, init) => (offline ? Promise.reject(new TypeError("Failed to fetch")) : fetch(input, init));
    const client = new PorticoClient({ baseUrl: org.apiBase, org: org.org, fetch: flaky });
    const form = await fixture<SignupForm>(html`<signup-form .client=${client}></signup-form>`);
    expect(text(part(form, "loading"))).to.equal("Loading the sign-up form…");
    const error = await waitForPart(form, "error", "the error state", 10_000);
    expect(text(error)).to.contain("The sign-up form could not be loaded.");
    offline = false;
    part<HTMLButtonElement>(form, "retry")!.click();
    await waitForForm(form);
  });
});
