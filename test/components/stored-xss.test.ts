/// <reference types="mocha" />
import { expect, fixture, html, waitUntil } from "@open-wc/testing";
import { executeServerCommand } from "@web/test-runner-commands";
import "../../components/index.js";
import { freshOrg, signUp } from "./accounts-support.js";

/** Markup and script in every text a user can set; none of it may run or become an element. */
const PAYLOADS = [
  `<img src=x onerror="window.__xss=(window.__xss||0)+1">`,
  `<script>window.__xss=(window.__xss||0)+1</script>`,
  `"><svg onload="window.__xss=(window.__xss||0)+1">`,
  `javascript:window.__xss=1`,
];
const payload = (n: number) => PAYLOADS[n % PAYLOADS.length]!;

/** Every element in the page, through every open shadow root. */
function allElements(root: Document | ShadowRoot = document): Element[] {
  const found: Element[] = [];
  for (const element of root.querySelectorAll("*")) {
    found.push(element);
    if (element.shadowRoot) found.push(...allElements(element.shadowRoot));
  }
  return found;
}

function allText(root: Document | ShadowRoot = document): string {
  return allElements(root)
    .map((element) => element.shadowRoot?.textContent ?? "")
    .join(" ");
}

describe("stored XSS: user-set text rendered by every tag", () => {
  it("shows payloads as text in every component, runs none and injects no element", async () => {
    const dialogs: string[] = [];
    const alert = window.alert;
    window.alert = (message?: unknown) => void dialogs.push(String(message));
    try {
      const org = await freshOrg();
      await org.admin.orgs.updateSettings({ name: payload(0), signupFields: [{ name: "company", label: payload(1), required: false }] });
      const policy = await org.admin.policies.create({ name: payload(2), rate: 1, per: 1, quotaMax: 10, quotaRenewalSeconds: 3600, apis: [payload(3)] });
      const entry = await org.admin.catalogue.create({
        name: payload(0),
        shortDescription: payload(1),
        longDescription: payload(2),
        policyId: policy.id,
        live: true,
      });
      const session = await signUp(org, {
        email: "xss@example.test",
        password: "xss-password",
        name: payload(3),
        telephone: "+1 555",
        fields: { company: payload(0) },
      });
      const { subscription } = await org.anonymous.withToken(session.token).me.subscribe(entry.id);
      await executeServerCommand("portico-record-usage", {
        org: org.org,
        records: [{ keyId: subscription.id, api: payload(1), timestamp: new Date().toISOString(), status: 200 }],
      });
      const developerId = session.developer!.id;

      await fixture(html`
        <div>
          <developer-list api-base=${org.apiBase} org=${org.org} token=${org.token}></developer-list>
          <developer-profile api-base=${org.apiBase} org=${org.org} token=${org.token} developer-id=${developerId}></developer-profile>
          <subscription-table api-base=${org.apiBase} org=${org.org} token=${org.token} developer-id=${developerId}></subscription-table>
          <usage-chart api-base=${org.apiBase} org=${org.org} token=${org.token} developer-id=${developerId}></usage-chart>
          <api-catalogue api-base=${org.apiBase} org=${org.org} token=${session.token}></api-catalogue>
          <developer-dashboard api-base=${org.apiBase} org=${org.org} token=${session.token}></developer-dashboard>
          <signup-form api-base=${org.apiBase} org=${org.org}></signup-form>
        </div>
      `);
      // Wait until the payloads are on screen as text in each kind of place.
      await waitUntil(() => allText().split("<img src=x").length > 6, "the payloads show as text", { timeout: 20000 });
      await new Promise((resolve) => setTimeout(resolve, 500));

      expect((window as { __xss?: number }).__xss, "no payload ran").to.equal(undefined);
      expect(dialogs.length, "no dialog opened").to.equal(0);
      const injected = allElements().filter(
        (element) =>
          (element.tagName === "IMG" && element.getAttribute("src") === "x") ||
          element.hasAttribute("onerror") ||
          element.hasAttribute("onload") ||
          (element.tagName === "SCRIPT" && element.textContent!.includes("__xss")) ||
          (element.tagName === "A" && element.getAttribute("href")?.startsWith("javascript:")),
      );
      expect(injected.map((element) => element.tagName).join(","), "no element came from the data").to.equal("");
    } finally {
      window.alert = alert;
    }
  });
});
