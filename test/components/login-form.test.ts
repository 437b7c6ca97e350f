/// <reference types="mocha" />
import { expect, fixture, html, oneEvent, waitUntil } from "@open-wc/testing";
import "../../components/index.js";
import type { DeveloperProfile, LoginForm } from "../../components/index.js";
import { clearSession, getSession, sessionKey } from "../../components/shared/session-store.js";
import { PorticoClient } from "../../sdk/client.js";
import { PorticoError } from "../../sdk/errors.js";
import { button, focused, freshOrg, labelled, part, signUp, text, type, waitForPart, type TestOrg } from "./accounts-support.js";

function renderLogin(org: TestOrg, attributes: { role?: string; sessionStorage?: string } = {}): Promise<LoginForm> {
  return fixture<LoginForm>(html`
    <login-form
      api-base=${org.apiBase}
      org=${org.org}
      account-role=${attributes.role ?? "developer"}
      session-storage=${attributes.sessionStorage ?? "on"}
    ></login-form>
  `);
}

async function fillAndSubmit(form: LoginForm, email: string, password: string): Promise<void> {
  await type(labelled(form, "Email"), email);
  await type(labelled(form, "Password"), password);
  button(form, "Log in").click();
}

/** Logs in wrongly through the API until the server throttles this account. */
async function failUntilThrottled(org: TestOrg, email: string): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      await org.anonymous.sessions.login({ email, password: "wrong-password" });
    } catch (error) {
      if (error instanceof PorticoError && error.status === 429) return;
    }
  }
  throw new Error("the server never throttled the logins");
}

describe("<login-form>", () => {
  afterEach(() => sessionStorage.clear());

  it("logs a developer in, fires portico-login with the session and keeps the token for the page", async () => {
    const org = await freshOrg();
    await signUp(org, { email: "ada@example.test", password: "correct-horse", name: "Ada Lovelace" });
    const form = await renderLogin(org);
    expect(labelled(form, "Email").type).to.equal("email");
    expect(labelled(form, "Password").type).to.equal("password");

    setTimeout(() => void fillAndSubmit(form, "Ada@Example.test", "correct-horse"));
    const event = await oneEvent(form, "portico-login");
    const { session } = event.detail;
    expect(event.bubbles && event.composed, "the event leaves the shadow root").to.equal(true);
    expect(session.role).to.equal("developer");
    expect(session.developer?.email).to.equal("ada@example.test");

    const success = await waitForPart(form, "success", "the form says who is logged in");
    expect(text(success)).to.equal("You are logged in as ada@example.test.");
    expect(part(form, "form"), "the form is gone").to.equal(null);

    expect(getSession(org.apiBase, org.org)?.token, "kept in memory").to.equal(session.token);
    const stored = JSON.parse(sessionStorage.getItem(sessionKey(org.apiBase, org.org))!);
    expect(stored, "kept in sessionStorage, without the profile").to.deep.equal({
      token: session.token,
      role: "developer",
      expiresAt: session.expiresAt,
    });

    // The kept token is a working credential for the developer.
    const asDeveloper = new PorticoClient({ baseUrl: org.apiBase, org: org.org, token: stored.token });
    expect((await asDeveloper.me.get()).name).to.equal("Ada Lovelace");
  });

  it("says the email or password is incorrect, at form level, and moves focus to it", async () => {
    const org = await freshOrg();
    await signUp(org, { email: "ada@example.test", password: "correct-horse", name: "Ada" });
    const form = await renderLogin(org);
    let loggedIn = false;
    form.addEventListener("portico-login", () => (loggedIn = true));

    await fillAndSubmit(form, "ada@example.test", "wrong-horse");
    const error = await waitForPart(form, "form-error", "a form-level error");
    expect(text(error)).to.equal("The email or password is incorrect.");
    expect(error.getAttribute("role")).to.equal("alert");
    await waitUntil(() => focused(form) === error, "focus moves to the error");
    expect(labelled(form, "Email").getAttribute("aria-invalid"), "no field is blamed").to.equal(null);

    // An unknown email gets the very same answer.
    labelled(form, "Email").value = "nobody@example.test";
    button(form, "Log in").click();
    await form.updateComplete;
    expect(part(form, "form-error"), "the old message goes while the form is sent").to.equal(null);
    await waitForPart(form, "form-error", "the second attempt ends");
    expect(text(part(form, "form-error"))).to.equal("The email or password is incorrect.");

    expect(loggedIn).to.equal(false);
    expect(getSession(org.apiBase, org.org), "nothing kept").to.equal(undefined);
    expect(sessionStorage.length).to.equal(0);
  });

  it('logs an admin in with account-role="admin"', async () => {
    const org = await freshOrg();
    const form = await renderLogin(org, { role: "admin" });
    setTimeout(() => void fillAndSubmit(form, org.adminLogin.email, org.adminLogin.password));
    const { session } = (await oneEvent(form, "portico-login")).detail;
    expect(session.role).to.equal("admin");
    expect(session.admin?.email).to.equal(org.adminLogin.email);
    expect(getSession(org.apiBase, org.org, { role: "admin" })?.token).to.equal(session.token);
  });

  it('keeps the session in memory only with session-storage="off"', async () => {
    const org = await freshOrg();
    await signUp(org, { email: "ada@example.test", password: "correct-horse", name: "Ada" });
    const form = await renderLogin(org, { sessionStorage: "off" });
    setTimeout(() => void fillAndSubmit(form, "ada@example.test", "correct-horse"));
    const { session } = (await oneEvent(form, "portico-login")).detail;
    expect(getSession(org.apiBase, org.org)?.token).to.equal(session.token);
    expect(sessionStorage.getItem(sessionKey(org.apiBase, org.org)), "nothing in sessionStorage").to.equal(null);
    clearSession(org.apiBase, org.org);
  });

  it("tells an inactive developer so, once the password is right", async () => {
    const org = await freshOrg();
    await org.admin.developers.create({ email: "held@example.test", name: "Held", password: "correct-horse", inactive: true });
    const form = await renderLogin(org);
    await fillAndSubmit(form, "held@example.test", "correct-horse");
    const error = await waitForPart(form, "form-error", "a form-level error");
    expect(text(error)).to.equal("This account is inactive. Contact the portal's administrators.");
    await waitUntil(() => focused(form) === error, "focus moves to the error");
  });

  it("shows the server's wait message when logins are throttled", async () => {
    const org = await freshOrg();
    await signUp(org, { email: "ada@example.test", password: "correct-horse", name: "Ada" });
    await failUntilThrottled(org, "ada@example.test");
    const form = await renderLogin(org);
    // Even the right password waits: the account is locked for now.
    await fillAndSubmit(form, "ada@example.test", "correct-horse");
    const error = await waitForPart(form, "form-error", "a form-level error");
    expect(text(error)).to.equal("Too many failed logins. Try again later.");
    await waitUntil(() => focused(form) === error, "focus moves to the error");
  });

  it("shows the reset form in place of the login form, and comes back", async () => {
    const org = await freshOrg();
    const form = await renderLogin(org);
    await type(labelled(form, "Email"), "forgetful@example.test");

    setTimeout(() => part<HTMLButtonElement>(form, "reset-link")!.click());
    const opened = await oneEvent(form, "portico-password-reset-open");
    expect(opened.detail.email).to.equal("forgetful@example.test");
    await form.updateComplete;
    const reset = form.shadowRoot!.querySelector("reset-password-form")!;
    expect(reset.getAttribute("org")).to.equal(org.org);
    expect(reset.getAttribute("api-base")).to.equal(org.apiBase);
    expect(part(form, "form"), "the login form is gone").to.equal(null);
    expect(focused(form)?.getAttribute("part"), "focus moves to the reset area").to.equal("reset");

    button(form, "Back to login").click();
    await waitUntil(() => part(form, "form") !== null, "the login form is back");
    expect(focused(form)?.getAttribute("part"), "focus returns to the link").to.equal("reset-link");
  });

  it("lets a host replace the reset link with its own link", async () => {
    const org = await freshOrg();
    const form = await fixture<LoginForm>(html`
      <login-form api-base=${org.apiBase} org=${org.org}><a slot="reset-link" href="#forgot">Lost it?</a></login-form>
    `);
    let opened = false;
    form.addEventListener("portico-password-reset-open", () => (opened = true));
    const slot = form.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="reset-link"]')!;
    expect(slot.assignedElements().map((element) => text(element))).to.deep.equal(["Lost it?"]);
    expect(form.querySelector("a")!.checkVisibility(), "the host's link shows").to.equal(true);
    expect(part(form, "reset-link")!.checkVisibility(), "the built-in link does not").to.equal(false);
    const link = form.querySelector("a")!;
    // The test page stays where it is; the component must not care either way.
    link.addEventListener("click", (event) => event.preventDefault());
    link.click();
    await form.updateComplete;
    expect(opened, "a link navigates, it does not open the built-in form").to.equal(false);
    expect(part(form, "form") !== null).to.equal(true);
  });

  it("hands the session to a developer-profile on the same page", async () => {
    const org = await freshOrg();
    await signUp(org, { email: "grace@example.test", password: "correct-horse", name: "Grace Hopper" });
    const page = await fixture<HTMLDivElement>(html`
      <div>
        <login-form api-base=${org.apiBase} org=${org.org}></login-form>
        <developer-profile api-base=${org.apiBase} org=${org.org} mode="self"></developer-profile>
      </div>
    `);
    const form = page.querySelector("login-form")!;
    const profile = page.querySelector<DeveloperProfile>("developer-profile")!;
    // Nobody is logged in yet (no token, no cookie for this fresh org).
    await waitForPart(profile, "logged-out", "the profile says nobody is logged in", 10_000);

    await fillAndSubmit(form, "grace@example.test", "correct-horse");
    await waitUntil(() => text(part(profile, "name")) === "Grace Hopper", "the profile loads with the kept session", { timeout: 10_000 });
  });
});
