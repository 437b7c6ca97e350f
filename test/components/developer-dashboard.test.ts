/// <reference types="mocha" />
import { expect, fixture, html, waitUntil } from "@open-wc/testing";
import { executeServerCommand } from "@web/test-runner-commands";
import "../../components/index.js";
import type { DeveloperDashboard } from "../../components/index.js";
import { clearSession, setSession } from "../../components/shared/session-store.js";
import { freshOrg, part, signUp, text } from "./accounts-support.js";

/** A developer with one key under a metered policy and some traffic today. */
async function developerWithTraffic() {
  const org = await freshOrg();
  const policy = await org.admin.policies.create({ name: "Starter", rate: 10, per: 1, quotaMax: 500, quotaRenewalSeconds: 86400 });
  const entry = await org.admin.catalogue.create({ name: "Weather API", policyId: policy.id, live: true });
  const session = await signUp(org, { email: "dash@example.test", password: "my-password", name: "Dana Dashboard" });
  const { subscription } = await org.anonymous.withToken(session.token).me.subscribe(entry.id);
  const now = new Date().toISOString();
  const records = [200, 200, 201, 404, 503].map((status) => ({ keyId: subscription.id, api: "weather", timestamp: now, status }));
  await executeServerCommand("portico-record-usage", { org: org.org, records });
  return { org, session, subscription };
}

function inner(dashboard: DeveloperDashboard, selector: string): HTMLElement {
  return dashboard.shadowRoot!.querySelector<HTMLElement>(selector)!;
}

describe("<developer-dashboard>", () => {
  it("shows the last 7 days of usage, the keys with their limits, and the profile", async () => {
    const { org, session } = await developerWithTraffic();
    const dashboard = await fixture<DeveloperDashboard>(
      html`<developer-dashboard api-base=${org.apiBase} org=${org.org} token=${session.token}></developer-dashboard>`,
    );
    const chart = inner(dashboard, "usage-chart");
    await waitUntil(() => text(part(chart, "summary")).includes("5 requests"), "the chart's totals", { timeout: 10000 });
    expect(chart.getAttribute("days")).to.equal("7");
    const keys = inner(dashboard, "subscription-table");
    await waitUntil(() => keys.shadowRoot?.textContent?.includes("Weather API"), "the key's row", { timeout: 10000 });
    const row = keys.shadowRoot!.textContent!.replace(/\s+/g, " ");
    expect(row).to.contain("Starter");
    expect(row).to.contain("500");
    const profile = inner(dashboard, "developer-profile");
    await waitUntil(() => profile.shadowRoot?.textContent?.includes("Dana Dashboard"), "the profile", { timeout: 10000 });
  });

  it("narrows the chart to a key with Analytics, and back to all keys", async () => {
    const { org, session, subscription } = await developerWithTraffic();
    const dashboard = await fixture<DeveloperDashboard>(
      html`<developer-dashboard api-base=${org.apiBase} org=${org.org} token=${session.token}></developer-dashboard>`,
    );
    const keys = inner(dashboard, "subscription-table");
    await waitUntil(() => keys.shadowRoot?.textContent?.includes("Weather API"), "the key's row", { timeout: 10000 });
    [...keys.shadowRoot!.querySelectorAll("button")].find((b) => b.textContent!.trim() === "Analytics")!.click();
    const chart = inner(dashboard, "usage-chart");
    await waitUntil(() => chart.getAttribute("key-id") === subscription.id, "the chart shows that key", { timeout: 5000 });
    [...dashboard.shadowRoot!.querySelectorAll("button")].find((b) => b.textContent!.trim() === "All keys")!.click();
    await waitUntil(() => !chart.hasAttribute("key-id"), "the chart shows every key again", { timeout: 5000 });
  });

  it("uses the session a login form kept, and asks to log in without one", async () => {
    const { org, session } = await developerWithTraffic();
    const loggedOut = await fixture<DeveloperDashboard>(html`<developer-dashboard api-base=${org.apiBase} org=${org.org}></developer-dashboard>`);
    expect(loggedOut.shadowRoot!.textContent).to.contain("Log in to see your dashboard.");
    setSession(org.apiBase, org.org, session, { persist: false });
    try {
      await waitUntil(() => loggedOut.shadowRoot!.querySelector("usage-chart"), "the dashboard appears after the login", { timeout: 5000 });
      const profile = inner(loggedOut, "developer-profile");
      await waitUntil(() => profile.shadowRoot?.textContent?.includes("Dana Dashboard"), "the profile", { timeout: 10000 });
    } finally {
      clearSession(org.apiBase, org.org);
    }
  });
});
