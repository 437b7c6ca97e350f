/// <reference types="mocha" />
// A host replaces the text table: `Portico.setStrings(fr)` turns the tags on the page (and those
// made later) French, dates and numbers included; `Portico.resetStrings()` brings English back.
import { expect, fixture, html, waitUntil } from "@open-wc/testing";
import { executeServerCommand } from "@web/test-runner-commands";
import "../../components/index.js";
import { Portico, type PorticoElement } from "../../components/index.js";
import fr from "../../components/locales/fr.js";
import type { Developer } from "../../sdk/schemas/developers.js";
import type { UsageBatchResult, UsageRecord } from "../../sdk/schemas/usage.js";
import { accessWorld, type AccessWorld } from "./access-setup.js";
import { part, text } from "./accounts-support.js";

// As elsewhere: assertions compare strings, never elements.

const DAY = 86_400_000;

function headers(host: Element, table = "table"): string[] {
  return [...host.shadowRoot!.querySelectorAll(`[part~="${table}"] thead th`)].map((th) => text(th));
}

function cellsOf(row: Element | null): string[] {
  return [...(row?.querySelectorAll("th, td") ?? [])].map((cell) => text(cell));
}

function frame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/** After a switch: every tag renders again in its next update. */
async function rendered(...hosts: PorticoElement[]): Promise<void> {
  await Promise.all(hosts.map((host) => host.updateComplete));
  await frame();
}

describe("a second locale (French) through Portico.setStrings", () => {
  let world: AccessWorld;
  let developer: Developer;

  before(async function () {
    this.timeout(30_000);
    world = await accessWorld();
    developer = await world.admin.developers.create({ email: "camille@example.test", name: "Camille Martin", country: "BE" });
    const { subscription } = await world.developer.me.subscribe(world.weather.id);
    // Five calls, one answered 503: a 20 % error share to format.
    const records: UsageRecord[] = [200, 200, 200, 200, 503].map((status, i) => ({
      keyId: subscription.id,
      api: "weather",
      timestamp: new Date(Date.now() - DAY - i * 60_000).toISOString(),
      status,
      latencyMs: 1500,
    }));
    const result = await executeServerCommand<UsageBatchResult, { org: string; records: UsageRecord[] }>("portico-record-usage", {
      org: world.org,
      records,
    });
    expect(result.accepted).to.equal(records.length);
  });

  afterEach(() => Portico.resetStrings());

  it("is on the page's Portico object, next to configure", () => {
    const global = (globalThis as unknown as { Portico: typeof Portico }).Portico;
    expect([typeof global.setStrings, typeof global.resetStrings, typeof global.configure]).to.deep.equal([
      "function",
      "function",
      "function",
    ]);
  });

  it("switches the tags on the page to French, dates and numbers too, and back to English", async function () {
    this.timeout(30_000);
    const list = await fixture<PorticoElement>(
      html`<developer-list api-base=${world.apiBase} org=${world.org} token=${world.token}></developer-list>`,
    );
    const keys = await fixture<PorticoElement>(
      html`<subscription-table
        api-base=${world.apiBase}
        org=${world.org}
        token=${world.token}
        developer-id=${world.developerId}
      ></subscription-table>`,
    );
    const usage = await fixture<PorticoElement>(
      html`<usage-chart api-base=${world.apiBase} org=${world.org} token=${world.token} developer-id=${world.developerId}></usage-chart>`,
    );
    await waitUntil(() => part(list, "table") && part(keys, "table") && part(usage, "summary"), "every tag loaded", { timeout: 10_000 });
    const row = () => list.shadowRoot!.querySelector(`tr[data-id="${developer.id}"]`);
    const created = new Date(developer.createdAt);
    expect(headers(list)).to.deep.equal(["Name", "Email", "Country", "Created", "Status"]);
    expect(cellsOf(row()).slice(2)).to.deep.equal([
      "Belgium",
      new Intl.DateTimeFormat("en", { dateStyle: "medium" }).format(created),
      "Active",
    ]);

    Portico.setStrings(fr);
    await rendered(list, keys, usage);

    expect(headers(list)).to.deep.equal(["Nom", "E-mail", "Pays", "Créé le", "Statut"]);
    const frenchDate = new Intl.DateTimeFormat("fr", { dateStyle: "medium" }).format(created);
    expect(cellsOf(row()).slice(1)).to.deep.equal(["camille@example.test", "Belgique", frenchDate, "Actif"]);
    expect(frenchDate, "a French month name").to.match(/janv\.|févr\.|mars|avr\.|mai|juin|juil\.|août|sept\.|oct\.|nov\.|déc\./);
    expect(text(list.shadowRoot!.querySelector(".search .label"))).to.equal("Rechercher par e-mail");
    expect(text(part(list, "add-button"))).to.equal("Ajouter un développeur");

    // Bronze: 10 a second, 1,000 a day; 1,000 is "1 000" in French (a narrow no-break space).
    expect(headers(keys)).to.deep.equal(["API", "Politique", "Limite de débit", "Quota", "Clé", "Statut", "Créée le", "Actions"]);
    const [api, policy, rate, quota, , status] = cellsOf(keys.shadowRoot!.querySelector('[part~="row"]'));
    expect([api, policy, rate, status]).to.deep.equal(["Weather API", "Bronze", "10 / s", "Active"]);
    expect(quota).to.contain("0 sur 1 000");
    const quotaText = keys.shadowRoot!.querySelector('[part~="row"] .quota-text')!.textContent!;
    expect(quotaText, "the French thousands separator").to.equal("0 sur 1\u202f000");
    expect(quota).to.contain("Renouvelé le");
    const buttons = [...keys.shadowRoot!.querySelectorAll('[part~="row"] button')].map((b) => text(b));
    expect(buttons).to.include.members(["Changer de politique", "Révoquer", "Statistiques"]);

    const share = new Intl.NumberFormat("fr", { style: "percent", maximumFractionDigits: 1 }).format(0.2);
    expect(share, "French puts a (no-break) space before %").to.match(/^20[\u00a0\u202f]%$/);
    expect(part(usage, "summary")!.textContent).to.equal(`5 requêtes, ${share} d’erreurs sur 7 jours`);
    const latency = [...usage.shadowRoot!.querySelectorAll('[part~="table"] tfoot td')].map((td) => td.textContent).at(-1);
    expect(latency).to.equal("1\u202f500 ms");
    expect(text(part(usage, "view-toggle"))).to.equal("Afficher en tableau");

    // A tag made after the switch starts in French.
    const login = await fixture<PorticoElement>(html`<login-form api-base=${world.apiBase} org=${world.org}></login-form>`);
    expect(text(part(login, "submit"))).to.equal("Se connecter");
    expect(text(part(login, "reset-link"))).to.equal("Mot de passe oublié ?");
    expect(text(login.shadowRoot!.querySelector("label[for=field-password]"))).to.equal("Mot de passe *");

    Portico.resetStrings();
    await rendered(list, keys, usage, login);

    expect(headers(list)).to.deep.equal(["Name", "Email", "Country", "Created", "Status"]);
    expect(cellsOf(row()).slice(2)).to.deep.equal([
      "Belgium",
      new Intl.DateTimeFormat("en", { dateStyle: "medium" }).format(created),
      "Active",
    ]);
    expect(cellsOf(keys.shadowRoot!.querySelector('[part~="row"]'))[3]).to.contain("0 of 1,000");
    expect(text(part(usage, "summary"))).to.equal("5 requests, 20% errors over 7 days");
    expect(text(part(login, "submit"))).to.equal("Log in");
  });

  it("replaces only the ids a host gives, and passes the change to tags inside others", async () => {
    const dashboard = await fixture<PorticoElement>(
      html`<developer-dashboard api-base=${world.apiBase} org=${world.org} token=${world.developerToken}></developer-dashboard>`,
    );
    const table = () => dashboard.shadowRoot!.querySelector("subscription-table")!;
    await waitUntil(() => table().shadowRoot?.querySelector('[part~="table"]'), "the keys", { timeout: 10_000 });

    Portico.setStrings({ developerDashboard: { keys: "Your credentials" }, subscriptions: { status: { active: "Live" } } });
    await rendered(dashboard, table() as PorticoElement);

    expect(text(dashboard.shadowRoot!.querySelector("#keys-heading"))).to.equal("Your credentials");
    expect(text(dashboard.shadowRoot!.querySelector("#profile-heading")), "the rest stays").to.equal("Your profile");
    expect(text(table().shadowRoot!.querySelector('[part~="status-badge"]'))).to.equal("Live");
    expect(text(table().shadowRoot!.querySelector('[part~="subscribe-button"]'))).to.equal("Subscribe to an API");
  });
});
