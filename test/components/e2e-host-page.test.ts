/// <reference types="mocha" />
// A host page as a site builder writes it: one <script type="module"> from the Portico server (another
// origin than this page) and the tags. Nothing here imports the components' sources: the built
// bundle (`npm run build`) defines the tags.
import { expect, waitUntil } from "@open-wc/testing";
import { executeServerCommand, sendKeys } from "@web/test-runner-commands";
import { PorticoClient } from "../../sdk/client.js";

interface TestOrg {
  apiBase: string;
  org: string;
  token: string;
}

async function loadBundle(apiBase: string): Promise<void> {
  if (customElements.get("developer-dashboard")) return;
  const script = document.createElement("script");
  script.type = "module";
  script.src = `${apiBase}/components/portico.js`;
  document.head.append(script);
  await customElements.whenDefined("developer-dashboard");
}

function mount(markup: string): HTMLElement {
  const host = document.createElement("div");
  host.innerHTML = markup; // the test's own fixed markup, as a host page's HTML
  document.body.append(host);
  return host;
}

/** Types into a labelled field inside a tag's shadow root with real key presses. */
async function typeInto(tag: Element, label: string, text: string): Promise<void> {
  const field = [...tag.shadowRoot!.querySelectorAll("label")].find((l) => l.textContent!.trim().startsWith(label))?.control as HTMLInputElement;
  if (!field) throw new Error(`no field labelled ${label}`);
  field.focus();
  await sendKeys({ type: text });
}

describe("a host page on another origin, with only the script tag and the tags", () => {
  afterEach(() => {
    document.body.replaceChildren();
    sessionStorage.clear();
  });

  it("logs a developer in and shows the dashboard with their data", async () => {
    const org = await executeServerCommand<TestOrg, { origin: string }>("portico-create-org", { origin: location.origin });
    expect(new URL(org.apiBase).origin).to.not.equal(location.origin);
    const admin = new PorticoClient({ baseUrl: org.apiBase, org: org.org, token: org.token });
    const policy = await admin.policies.create({ name: "Hobby", rate: 5, per: 1, quotaMax: 1000, quotaRenewalSeconds: 86400 });
    const entry = await admin.catalogue.create({ name: "Geo API", policyId: policy.id, live: true });
    const anonymous = new PorticoClient({ baseUrl: org.apiBase, org: org.org });
    const signup = await anonymous.sessions.signup({ email: "host@example.test", password: "host-password", name: "Hosted" });
    const { subscription } = await anonymous.withToken(signup.token).me.subscribe(entry.id);
    const now = new Date().toISOString();
    await executeServerCommand("portico-record-usage", {
      org: org.org,
      records: [200, 200, 500].map((status) => ({ keyId: subscription.id, api: "geo", timestamp: now, status })),
    });

    await loadBundle(org.apiBase);
    const page = mount(`
      <portico-config api-base="${org.apiBase}" org="${org.org}">
        <login-form></login-form>
        <developer-dashboard></developer-dashboard>
      </portico-config>
    `);
    const login = page.querySelector("login-form")!;
    await waitUntil(() => login.shadowRoot?.querySelector("form"), "the login form renders");
    await typeInto(login, "Email", "host@example.test");
    await typeInto(login, "Password", "host-password");
    await sendKeys({ press: "Enter" });

    const dashboard = page.querySelector("developer-dashboard")!;
    await waitUntil(() => dashboard.shadowRoot?.querySelector("usage-chart"), "the dashboard appears after login", { timeout: 10000 });
    const chart = dashboard.shadowRoot!.querySelector("usage-chart")!;
    await waitUntil(() => chart.shadowRoot?.textContent?.includes("3 requests"), "the chart shows the developer's traffic", { timeout: 15000 });
    const keys = dashboard.shadowRoot!.querySelector("subscription-table")!;
    await waitUntil(() => keys.shadowRoot?.textContent?.includes("Geo API"), "the keys show", { timeout: 10000 });
    expect(keys.shadowRoot!.textContent).to.contain("Hobby");
  });

  it("shows a clear message when the organisation does not allow the page's origin", async () => {
    const org = await executeServerCommand<TestOrg, { origin: string }>("portico-create-org", { origin: location.origin });
    // The admin moves the org to another site; this page's origin is no longer allowed (the answer
    // to this very request is already unreadable here, so its failure is expected).
    await new PorticoClient({ baseUrl: org.apiBase, org: org.org, token: org.token }).orgs
      .updateSettings({ allowedOrigins: ["https://portal.elsewhere.example"] })
      .catch(() => undefined);
    await loadBundle(org.apiBase);
    const page = mount(`<developer-list api-base="${org.apiBase}" org="${org.org}" token="${org.token}"></developer-list>`);
    const list = page.querySelector("developer-list")!;
    await waitUntil(() => list.shadowRoot?.querySelector('[part~="error"]'), "an error state", { timeout: 20000 });
    const message = list.shadowRoot!.querySelector('[part~="error"]')!.textContent!;
    expect(message).to.contain("could not be reached");
    expect(message).to.contain(location.origin);
  });
});
