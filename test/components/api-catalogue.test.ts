/// <reference types="mocha" />
import { expect, fixture, html, oneEvent, waitUntil } from "@open-wc/testing";
import "../../components/index.js";
import type { ApiCatalogue } from "../../components/index.js";
import { clearSession, setSession } from "../../components/shared/session-store.js";
import { PorticoClient } from "../../sdk/client.js";
import { accessWorld, axeViolations, everythingIn, fakeClipboard, freshOrg, signUp, text, type AccessWorld } from "./access-setup.js";

// Assertions compare text, numbers and booleans, never elements (see developer-list.test.ts).

function catalogue(world: AccessWorld, token?: string, loginUrl?: string): Promise<ApiCatalogue> {
  return fixture<ApiCatalogue>(
    html`<api-catalogue api-base=${world.apiBase} org=${world.org} token=${token ?? ""} login-url=${loginUrl ?? ""}></api-catalogue>`,
  );
}

function root(element: ApiCatalogue): ShadowRoot {
  return element.shadowRoot!;
}

function part<T extends Element = HTMLElement>(element: ApiCatalogue, name: string): T | null {
  return root(element).querySelector<T>(`[part~="${name}"]`);
}

function cards(element: ApiCatalogue): HTMLElement[] {
  return [...root(element).querySelectorAll<HTMLElement>('[part~="card"]')];
}

function card(element: ApiCatalogue, id: string): HTMLElement {
  const found = root(element).querySelector<HTMLElement>(`[part~="card"][data-id="${id}"]`);
  if (!found) throw new Error(`No card for ${id}`);
  return found;
}

function names(element: ApiCatalogue): string[] {
  return cards(element).map((c) => text(c.querySelector('[part~="name"]')));
}

async function waitForCards(element: ApiCatalogue, count: number): Promise<void> {
  await waitUntil(() => cards(element).length === count, `${count} cards expected; shown: ${cards(element).length}`, { timeout: 5000 });
}

describe("<api-catalogue>", () => {
  it("shows the live catalogue as cards, with Subscribe for a developer", async () => {
    const world = await accessWorld();
    const premium = await world.admin.catalogue.create({
      name: "Premium",
      shortDescription: "Faster answers.",
      policyId: world.gold.id,
      live: true,
      requiresApproval: true,
    });
    const element = await catalogue(world, world.developerToken);
    await waitForCards(element, 2);

    expect(names(element), "live entries only, by name").to.deep.equal(["Premium", "Weather API"]);
    const weather = card(element, world.weather.id);
    expect(text(weather.querySelector('[part~="description"]'))).to.equal("Forecasts and observations.");
    expect(text(weather.querySelector('[part~="more"] summary'))).to.equal("More about this API");
    expect(weather.querySelector(".long")!.textContent).to.equal("Hourly forecasts for ten days.\nObservations from 9,000 stations.");
    expect(weather.querySelector('[part~="approval-tag"]')).to.equal(null);
    expect(text(card(element, premium.id).querySelector('[part~="approval-tag"]'))).to.equal("Needs approval");
    expect(cards(element).map((c) => text(c.querySelector('[part~="subscribe"]')))).to.deep.equal(["Subscribe", "Subscribe"]);
    expect(part(element, "login"), "no login prompt for a developer").to.equal(null);
  });

  it("offers a login link instead of Subscribe without a token, which a slot can replace", async () => {
    const world = await accessWorld();
    const element = await catalogue(world, undefined, "/login?next=/apis");
    await waitForCards(element, 1);
    expect(root(element).querySelector('[part~="subscribe"]'), "no Subscribe without a session").to.equal(null);
    const link = part<HTMLAnchorElement>(element, "login-link")!;
    expect([text(link), link.getAttribute("href")]).to.deep.equal(["Log in to subscribe", "/login?next=/apis"]);

    const slotted = await fixture<ApiCatalogue>(
      html`<api-catalogue api-base=${world.apiBase} org=${world.org}><button slot="login">Sign in with SSO</button></api-catalogue>`,
    );
    await waitForCards(slotted, 1);
    const slot = root(slotted).querySelector<HTMLSlotElement>('slot[name="login"]')!;
    expect(slot.assignedElements().map(text)).to.deep.equal(["Sign in with SSO"]);
  });

  it("uses the developer session a login form on the page kept, and follows a logout", async () => {
    const world = await accessWorld();
    const { session } = await signUp(world, "Kept Session");
    setSession(world.apiBase, world.org, session, { persist: false });
    try {
      const element = await catalogue(world);
      await waitForCards(element, 1);
      expect(part(element, "subscribe") !== null && part(element, "login") === null, "Subscribe with the kept session").to.equal(true);
      setTimeout(() => part<HTMLButtonElement>(element, "subscribe")!.click());
      const event = await oneEvent(element, "portico-subscribe");
      expect(event.detail.subscription.developerId).to.equal(session.developer!.id);

      clearSession(world.apiBase, world.org);
      await waitUntil(() => part(element, "login") !== null, "logging out brings back the login prompt");
      expect(part(element, "subscribe")).to.equal(null);
      expect(root(element).querySelector("portico-key-reveal"), "and drops the shown key").to.equal(null);
    } finally {
      clearSession(world.apiBase, world.org);
    }
  });

  it("subscribes from a card and shows the key once, in that card", async () => {
    const world = await accessWorld();
    const clipboard = fakeClipboard("works");
    try {
      const element = await catalogue(world, world.developerToken);
      await waitForCards(element, 1);
      const weather = card(element, world.weather.id);
      const subscribeButton = weather.querySelector<HTMLButtonElement>('[part~="subscribe"]')!;
      setTimeout(() => subscribeButton.click());
      const event = await oneEvent(element, "portico-subscribe");
      expect(event.bubbles && event.composed).to.equal(true);
      const subscription = event.detail.subscription;
      expect([subscription.status, subscription.catalogueEntry?.name]).to.deep.equal(["active", "Weather API"]);

      await waitUntil(
        () => weather.querySelector("portico-key-reveal")?.shadowRoot?.querySelector('[part~="key"]') != null,
        "the key panel",
      );
      const reveal = weather.querySelector("portico-key-reveal")!;
      const shadow = reveal.shadowRoot!;
      const key = text(shadow.querySelector('[part~="key"]'));
      expect(key.startsWith(subscription.keyPrefix!)).to.equal(true);
      expect(JSON.stringify(event.detail).includes(key), "the event does not carry the key").to.equal(false);
      expect(text(shadow.querySelector('[part~="warning"]'))).to.equal("Copy it now: you will not see it again.");
      await waitUntil(() => root(element).activeElement === reveal, "focus on the key panel's Copy button");

      expect(await axeViolations(element), "the card with the key panel").to.deep.equal([]);

      shadow.querySelector<HTMLButtonElement>('[part~="copy"]')!.click();
      await waitUntil(() => clipboard.written.length === 1, "copied");
      expect(clipboard.written).to.deep.equal([key]);

      shadow.querySelector<HTMLButtonElement>('[part~="done"]')!.click();
      await waitUntil(() => weather.querySelector("portico-key-reveal") === null, "Done removes the panel");
      expect(everythingIn(root(element)).includes(key), "the key is gone from the component").to.equal(false);
      await waitUntil(() => root(element).activeElement === subscribeButton, "focus back on Subscribe");

      const stored = await world.developer.me.subscriptions();
      expect(stored.map((s) => [s.id, s.keyPrefix])).to.deep.equal([[subscription.id, subscription.keyPrefix]]);
    } finally {
      clipboard.restore();
    }
  });

  it("says a request for an entry that needs approval is waiting for an admin", async () => {
    const world = await accessWorld();
    const premium = await world.admin.catalogue.create({ name: "Premium", policyId: world.gold.id, live: true, requiresApproval: true });
    const element = await catalogue(world, world.developerToken);
    await waitForCards(element, 2);
    const premiumCard = card(element, premium.id);
    setTimeout(() => premiumCard.querySelector<HTMLButtonElement>('[part~="subscribe"]')!.click());
    const event = await oneEvent(element, "portico-subscribe");
    expect(event.detail.subscription.status).to.equal("pending");
    await waitUntil(() => premiumCard.querySelector('[part~="notice"]') !== null, "the notice");
    expect(text(premiumCard.querySelector('[part~="notice"]'))).to.equal("Requested — an admin will review it.");
    expect(premiumCard.querySelector("portico-key-reveal")).to.equal(null);
    expect((await world.admin.subscriptions.pending()).map((s) => s.id)).to.deep.equal([event.detail.subscription.id]);
  });

  it("shows the server's refusal in the card (an admin's session cannot subscribe)", async () => {
    const world = await accessWorld();
    const element = await catalogue(world, world.token);
    await waitForCards(element, 1);
    expect(names(element), "an admin sees the live entries only, like developers").to.deep.equal(["Weather API"]);
    card(element, world.weather.id).querySelector<HTMLButtonElement>('[part~="subscribe"]')!.click();
    await waitUntil(() => part(element, "card-error") !== null, "an error in the card", { timeout: 5000 });
    expect(text(part(element, "card-error"))).to.contain("The subscription could not be made.");
    expect(part(element, "card-error")!.getAttribute("role")).to.equal("alert");
  });

  it("shows markup in an entry's name and description as text", async () => {
    const world = await accessWorld();
    const markup = "<img src=x onerror=alert(1)>";
    await world.admin.catalogue.update(world.weather.id, { name: markup, shortDescription: markup });
    const element = await catalogue(world, world.developerToken);
    await waitForCards(element, 1);
    expect(names(element)).to.deep.equal([markup]);
    expect(text(part(element, "description"))).to.equal(markup);
    expect(root(element).querySelectorAll('img[src="x"]').length).to.equal(0);
  });

  it("shows loading, empty, and an error with Retry that recovers", async () => {
    const org = await freshOrg();
    const empty = await fixture<ApiCatalogue>(html`<api-catalogue api-base=${org.apiBase} org=${org.org}></api-catalogue>`);
    expect(text(part(empty, "loading"))).to.equal("Loading APIs…");
    await waitUntil(() => part(empty, "empty") !== null, "nothing published");
    expect(text(part(empty, "empty"))).to.equal("No APIs are published yet.");

    const world = await accessWorld();
    let offline = true;
    const flakyFetch: typeof fetch = (input, init) => (offline ? Promise.reject(new TypeError("Failed to fetch")) : fetch(input, init));
    const client = new PorticoClient({ baseUrl: world.apiBase, org: world.org, fetch: flakyFetch });
    const element = await fixture<ApiCatalogue>(html`<api-catalogue .client=${client}></api-catalogue>`);
    await waitUntil(() => part(element, "error") !== null, "the error state", { timeout: 10_000 });
    expect(text(part(element, "error"))).to.contain("The APIs could not be loaded.");
    offline = false;
    part<HTMLButtonElement>(element, "retry")!.click();
    await waitForCards(element, 1);
  });
});
