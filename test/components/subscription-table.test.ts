/// <reference types="mocha" />
import { expect, fixture, html, oneEvent, waitUntil } from "@open-wc/testing";
import { sendKeys } from "@web/test-runner-commands";
import "../../components/index.js";
import type { KeyReveal, SubscriptionTable } from "../../components/index.js";
import { PorticoClient } from "../../sdk/client.js";
import type { Subscription } from "../../sdk/schemas/access.js";
import { accessWorld, axeViolations, everythingIn, fakeClipboard, freshOrg, signUp, text, type AccessWorld } from "./access-setup.js";

// As in developer-list.test.ts: assertions compare text, numbers and booleans, never elements (a
// failing deep comparison of a Lit element hangs the runner while it serialises the element).

function adminTable(world: AccessWorld, developerId = world.developerId): Promise<SubscriptionTable> {
  return fixture<SubscriptionTable>(
    html`<subscription-table
      mode="admin"
      api-base=${world.apiBase}
      org=${world.org}
      token=${world.token}
      developer-id=${developerId}
    ></subscription-table>`,
  );
}

function selfTable(world: AccessWorld, token = world.developerToken): Promise<SubscriptionTable> {
  return fixture<SubscriptionTable>(
    html`<subscription-table mode="self" api-base=${world.apiBase} org=${world.org} token=${token}></subscription-table>`,
  );
}

function root(table: SubscriptionTable): ShadowRoot {
  return table.shadowRoot!;
}

function part<T extends Element = HTMLElement>(table: SubscriptionTable, name: string): T | null {
  return root(table).querySelector<T>(`[part~="${name}"]`);
}

function rows(table: SubscriptionTable): HTMLTableRowElement[] {
  return [...root(table).querySelectorAll<HTMLTableRowElement>('[part~="row"]')];
}

function row(table: SubscriptionTable, id: string): HTMLTableRowElement {
  const found = root(table).querySelector<HTMLTableRowElement>(`tr[data-id="${id}"]`);
  if (!found) throw new Error(`No row for ${id}`);
  return found;
}

/** Column name → what the row shows there. */
function cells(tr: HTMLTableRowElement): Record<"api" | "policy" | "rate" | "quota" | "key" | "status" | "created", string> {
  const [api, policy, rate, quota, key, status, created] = [...tr.cells].map(text);
  return { api: api!, policy: policy!, rate: rate!, quota: quota!, key: key!, status: status!, created: created! };
}

function buttonIn(container: ParentNode, label: string): HTMLButtonElement {
  const found = [...container.querySelectorAll("button")].find((b) => text(b) === label);
  if (!found) throw new Error(`No "${label}" button`);
  return found;
}

function hasButton(container: ParentNode, label: string): boolean {
  return [...container.querySelectorAll("button")].some((b) => text(b) === label);
}

function dialog(table: SubscriptionTable, id: "policy-dialog" | "revoke-dialog" | "subscribe-dialog"): HTMLDialogElement {
  return root(table).querySelector<HTMLDialogElement>(`#${id}`)!;
}

function focused(table: SubscriptionTable): Element | null {
  return root(table).activeElement;
}

async function waitForRows(table: SubscriptionTable, count: number): Promise<void> {
  await waitUntil(() => rows(table).length === count, `${count} rows expected; shown: ${rows(table).length}`, { timeout: 5000 });
}

/** The policy choices in the open dialog: name, whether checked, and whether marked current. */
function choices(table: SubscriptionTable): { name: string; checked: boolean; current: boolean; id: string }[] {
  return [...dialog(table, "policy-dialog").querySelectorAll('[part~="policy-choice"]')].map((choice) => {
    const radio = choice.querySelector<HTMLInputElement>("input[type=radio]")!;
    return {
      name: text(choice.querySelector(".choice-name")),
      checked: radio.checked,
      current: choice.querySelector(".current") !== null,
      id: radio.value,
    };
  });
}

async function waitForChoices(table: SubscriptionTable): Promise<void> {
  await waitUntil(() => choices(table).length > 0, "the dialog should list the policies", { timeout: 5000 });
}

async function subscribe(world: AccessWorld): Promise<{ subscription: Subscription; key: string }> {
  const { subscription, key } = await world.developer.me.subscribe(world.weather.id);
  return { subscription, key: key! };
}

describe("<subscription-table>", () => {
  it("shows a developer's keys: API, policy, rate limit, quota with a bar, key prefix, status and date", async () => {
    const world = await accessWorld();
    const first = await subscribe(world);
    const second = await subscribe(world);
    await world.admin.subscriptions.changePolicy(second.subscription.id, world.gold.id);

    const table = await adminTable(world);
    await waitForRows(table, 2);

    const bronzeRow = cells(row(table, first.subscription.id));
    expect(bronzeRow.api).to.equal("Weather API");
    expect(bronzeRow.policy).to.equal("Bronze");
    expect(bronzeRow.rate).to.equal("10 / s");
    expect(bronzeRow.quota).to.match(/^0 of 1,000 Renews /);
    expect(bronzeRow.key).to.equal(`${first.subscription.keyPrefix}…`);
    expect(first.key.startsWith(first.subscription.keyPrefix!), "the prefix is the key's start").to.equal(true);
    expect(bronzeRow.key).to.match(/^pdk_.{6}…$/);
    expect(bronzeRow.status).to.equal("Active");
    expect(bronzeRow.created).to.contain(String(new Date().getFullYear()));

    const meter = row(table, first.subscription.id).querySelector("meter")!;
    expect([meter.min, meter.max, meter.value]).to.deep.equal([0, 1000, 0]);
    expect(meter.getAttribute("aria-label"), "the bar has a text alternative").to.equal("0 of 1,000");
    const renews = row(table, first.subscription.id).querySelector<HTMLTimeElement>("time.renews")!;
    expect(renews.dateTime).to.equal(first.subscription.quota.renewsAt);

    const goldRow = cells(row(table, second.subscription.id));
    expect([goldRow.policy, goldRow.rate]).to.deep.equal(["Gold", "100 / min"]);
    expect(goldRow.api, "Gold is published by an unpublished entry; still an entry").to.equal("Secret beta");
    expect(goldRow.quota).to.match(/^0 used · unlimited Renews /);
    expect(row(table, second.subscription.id).querySelector("meter"), "no bar for an unlimited quota").to.equal(null);

    expect(text(part(table, "table")!.querySelector("caption"))).to.equal("API keys");
    expect([...part(table, "table")!.querySelectorAll("thead th")].map(text)).to.deep.equal([
      "API",
      "Policy",
      "Rate limit",
      "Quota",
      "Key",
      "Status",
      "Created",
      "Actions",
    ]);
    expect(everythingIn(root(table)).includes(first.key), "never the raw key").to.equal(false);
  });

  it("changes a key's policy in a dialog: current one marked, same key prefix, confirmed by the server", async () => {
    const world = await accessWorld();
    const { subscription } = await subscribe(world);
    const retired = await world.admin.policies.create({ name: "Retired", rate: 1, per: 1, quotaMax: 1, quotaRenewalSeconds: 3600 });
    await world.admin.policies.update(retired.id, { state: "archived" });
    const table = await adminTable(world);
    await waitForRows(table, 1);

    const change = buttonIn(row(table, subscription.id), "Change policy");
    change.click();
    await waitForChoices(table);
    const policyDialog = dialog(table, "policy-dialog");
    expect(policyDialog.open && policyDialog.matches(":modal"), "a modal dialog").to.equal(true);
    expect(text(policyDialog.querySelector("h2"))).to.equal("Change key policy");
    expect(
      choices(table).map((c) => c.name),
      "active policies only, archived left out",
    ).to.deep.equal(["Bronze", "Gold", "Partner"]);
    expect(
      choices(table)
        .filter((c) => c.current)
        .map((c) => c.name),
    ).to.deep.equal(["Bronze"]);
    expect(text(policyDialog.querySelector('[part~="policy-choice"] label'))).to.equal("Bronze (current)");
    expect(
      choices(table)
        .filter((c) => c.checked)
        .map((c) => c.name),
      "the current one is chosen to start with",
    ).to.deep.equal(["Bronze"]);
    expect(text(policyDialog.querySelector(`#policy-${world.gold.id}-detail`))).to.equal("100 / min · Unlimited quota APIs: weather, maps");
    const submit = buttonIn(policyDialog, "Change key policy");
    expect(submit.disabled, "nothing to change yet").to.equal(true);

    policyDialog.querySelector<HTMLInputElement>(`#policy-${world.gold.id}`)!.click();
    await table.updateComplete;
    expect(submit.disabled).to.equal(false);
    setTimeout(() => submit.click());
    const event = await oneEvent(table, "portico-policy-change");
    expect(event.detail.subscription.policy.name).to.equal("Gold");
    expect(event.bubbles && event.composed).to.equal(true);

    await waitUntil(() => !policyDialog.open, "the dialog closes");
    const shown = cells(row(table, subscription.id));
    expect([shown.policy, shown.rate, shown.key]).to.deep.equal(["Gold", "100 / min", `${subscription.keyPrefix}…`]);
    await waitUntil(() => focused(table) === change, "focus returns to the Change policy button");

    const stored = await world.admin.subscriptions.get(subscription.id);
    expect([stored.policy.id, stored.keyPrefix, stored.status]).to.deep.equal([world.gold.id, subscription.keyPrefix, "active"]);
  });

  it("works the Change policy dialog with the keyboard alone; Escape closes it and focus returns", async () => {
    const world = await accessWorld();
    const { subscription } = await subscribe(world);
    const table = await adminTable(world);
    await waitForRows(table, 1);
    const policyDialog = dialog(table, "policy-dialog");
    const change = buttonIn(row(table, subscription.id), "Change policy");

    change.focus();
    await sendKeys({ press: "Enter" });
    await waitUntil(() => policyDialog.open, "Enter opens the dialog");
    const focusedRadio = () => focused(table) as HTMLInputElement | null;
    await waitUntil(() => focusedRadio()?.type === "radio" && focusedRadio()!.checked, "focus on the current policy's radio", {
      timeout: 5000,
    });
    expect(focusedRadio()!.value).to.equal(world.bronze.id);

    await sendKeys({ press: "ArrowDown" });
    await waitUntil(() => focusedRadio()?.value === world.gold.id && focusedRadio()!.checked, "ArrowDown chooses the next policy");
    await sendKeys({ press: "Tab" });
    await waitUntil(() => text(focused(table)) === "Change key policy", "Tab reaches the Change key policy button");
    await sendKeys({ press: "Space" });

    await waitUntil(() => !policyDialog.open, "Space presses it and the dialog closes", { timeout: 5000 });
    expect(cells(row(table, subscription.id)).policy).to.equal("Gold");
    await waitUntil(() => focused(table) === change, "focus back on Change policy");

    await sendKeys({ press: "Enter" });
    await waitUntil(() => policyDialog.open, "opens again");
    await waitForChoices(table);
    expect(
      choices(table)
        .filter((c) => c.current)
        .map((c) => c.name),
    ).to.deep.equal(["Gold"]);
    await sendKeys({ press: "ArrowDown" });
    await sendKeys({ press: "Escape" });
    await waitUntil(() => !policyDialog.open, "Escape closes the dialog");
    await waitUntil(() => focused(table) === change, "and focus returns to the button");
    expect(cells(row(table, subscription.id)).policy, "nothing changed").to.equal("Gold");
    expect((await world.admin.subscriptions.get(subscription.id)).policy.id).to.equal(world.gold.id);
  });

  it("shows the server's refusal inside the dialog when the key was revoked meanwhile", async () => {
    const world = await accessWorld();
    const { subscription } = await subscribe(world);
    const table = await adminTable(world);
    await waitForRows(table, 1);

    buttonIn(row(table, subscription.id), "Change policy").click();
    await waitForChoices(table);
    await world.admin.subscriptions.revoke(subscription.id);
    const policyDialog = dialog(table, "policy-dialog");
    policyDialog.querySelector<HTMLInputElement>(`#policy-${world.gold.id}`)!.click();
    await table.updateComplete;
    buttonIn(policyDialog, "Change key policy").click();

    await waitUntil(() => policyDialog.querySelector('[part~="dialog-error"]') !== null, "an error in the dialog", { timeout: 5000 });
    const error = policyDialog.querySelector<HTMLElement>('[part~="dialog-error"]')!;
    expect(text(error)).to.contain("The policy could not be changed.");
    expect(text(error)).to.contain("revoked");
    expect(error.getAttribute("role")).to.equal("alert");
    expect(focused(table) === error, "focus moves to the error").to.equal(true);
    expect(policyDialog.open, "the dialog stays open").to.equal(true);
    await waitUntil(() => cells(row(table, subscription.id)).status === "Revoked", "the row catches up with the server");
  });

  it("revokes a key after a confirmation step", async () => {
    const world = await accessWorld();
    const { subscription } = await subscribe(world);
    const table = await adminTable(world);
    await waitForRows(table, 1);
    const revokeDialog = dialog(table, "revoke-dialog");

    buttonIn(row(table, subscription.id), "Revoke").click();
    await waitUntil(() => revokeDialog.open, "a confirmation dialog");
    expect(text(revokeDialog)).to.contain(`Apps using ${subscription.keyPrefix}… (Weather API) stop working at once.`);
    expect(text(focused(table)), "Cancel has focus, so Enter does not revoke by accident").to.equal("Cancel");
    buttonIn(revokeDialog, "Cancel").click();
    await waitUntil(() => !revokeDialog.open, "Cancel closes it");
    expect((await world.admin.subscriptions.get(subscription.id)).status, "still active").to.equal("active");
    expect(cells(row(table, subscription.id)).status).to.equal("Active");

    buttonIn(row(table, subscription.id), "Revoke").click();
    await waitUntil(() => revokeDialog.open, "the dialog again");
    setTimeout(() => buttonIn(revokeDialog, "Revoke key").click());
    const event = await oneEvent(table, "portico-subscription-revoke");
    expect([event.detail.subscription.id, event.detail.subscription.status]).to.deep.equal([subscription.id, "revoked"]);

    await waitUntil(() => !revokeDialog.open, "the dialog closes");
    expect(cells(row(table, subscription.id)).status).to.equal("Revoked");
    expect(
      hasButton(row(table, subscription.id), "Revoke") || hasButton(row(table, subscription.id), "Change policy"),
      "no actions on a revoked key",
    ).to.equal(false);
    await waitUntil(() => focused(table)?.id === `api-${subscription.id}`, "focus stays on the row");
    // The page has no org API key for keys.verify; the subscription's status says the same.
    expect((await world.admin.subscriptions.get(subscription.id)).status).to.equal("revoked");
  });

  it('shows "(No Catalogue Entry)" for a key moved to a policy no entry publishes', async () => {
    const world = await accessWorld();
    const moved = await subscribe(world);
    await world.admin.subscriptions.changePolicy(moved.subscription.id, world.partner.id);
    const kept = await subscribe(world);
    const table = await adminTable(world);
    await waitForRows(table, 2);

    expect(cells(row(table, moved.subscription.id)).api).to.equal("(No Catalogue Entry)");
    expect(cells(row(table, moved.subscription.id)).rate).to.equal("5 / h");

    // And through the dialog.
    expect(cells(row(table, kept.subscription.id)).api).to.equal("Weather API");
    buttonIn(row(table, kept.subscription.id), "Change policy").click();
    await waitForChoices(table);
    dialog(table, "policy-dialog").querySelector<HTMLInputElement>(`#policy-${world.partner.id}`)!.click();
    await table.updateComplete;
    buttonIn(dialog(table, "policy-dialog"), "Change key policy").click();
    await waitUntil(() => cells(row(table, kept.subscription.id)).api === "(No Catalogue Entry)", "the row has no entry now", {
      timeout: 5000,
    });
    expect(cells(row(table, kept.subscription.id)).key).to.equal(`${kept.subscription.keyPrefix}…`);
    expect((await world.admin.subscriptions.get(kept.subscription.id)).catalogueEntry).to.equal(null);
  });

  it("approves and declines pending requests", async () => {
    const world = await accessWorld();
    const premium = await world.admin.catalogue.create({ name: "Premium", policyId: world.gold.id, live: true, requiresApproval: true });
    const first = (await world.developer.me.subscribe(premium.id)).subscription;
    const second = (await world.developer.me.subscribe(premium.id)).subscription;
    const table = await adminTable(world);
    await waitForRows(table, 2);

    const pending = cells(row(table, first.id));
    expect([pending.api, pending.status, pending.key]).to.deep.equal(["Premium", "Pending approval", "Not issued"]);
    expect(hasButton(row(table, first.id), "Analytics"), "no key, no analytics").to.equal(false);

    setTimeout(() => buttonIn(row(table, first.id), "Approve").click());
    const approved = await oneEvent(table, "portico-subscription-approve");
    expect(approved.detail.subscription.status).to.equal("approved");
    await waitUntil(() => cells(row(table, first.id)).status === "Approved", "the row shows Approved");
    expect(hasButton(row(table, first.id), "Approve")).to.equal(false);

    setTimeout(() => buttonIn(row(table, second.id), "Decline").click());
    await oneEvent(table, "portico-subscription-decline");
    await waitUntil(() => cells(row(table, second.id)).status === "Declined", "the row shows Declined");
    expect(hasButton(row(table, second.id), "Change policy")).to.equal(false);

    expect((await world.admin.subscriptions.get(first.id)).status).to.equal("approved");
    expect((await world.admin.subscriptions.get(second.id)).status).to.equal("declined");
  });

  it("passes axe's accessibility checks, in the table and with each dialog open", async () => {
    const world = await accessWorld();
    const { subscription } = await subscribe(world);
    const premium = await world.admin.catalogue.create({ name: "Premium", policyId: world.gold.id, live: true, requiresApproval: true });
    await world.developer.me.subscribe(premium.id);
    const table = await adminTable(world);
    await waitForRows(table, 2);
    expect(await axeViolations(table), "the table").to.deep.equal([]);

    buttonIn(row(table, subscription.id), "Change policy").click();
    await waitForChoices(table);
    expect(await axeViolations(table), "the Change policy dialog").to.deep.equal([]);
    dialog(table, "policy-dialog").close();

    buttonIn(row(table, subscription.id), "Revoke").click();
    await waitUntil(() => dialog(table, "revoke-dialog").open, "the revoke dialog");
    expect(await axeViolations(table), "the revoke dialog").to.deep.equal([]);
    dialog(table, "revoke-dialog").close();

    const self = await selfTable(world);
    await waitForRows(self, 2);
    buttonIn(root(self), "Subscribe to an API").click();
    await waitUntil(() => dialog(self, "subscribe-dialog").querySelector("input[type=radio]") !== null, "the catalogue", { timeout: 5000 });
    expect(await axeViolations(self), "self mode with the Subscribe dialog").to.deep.equal([]);
    dialog(self, "subscribe-dialog").close();
  });

  it("asks for a key's analytics with portico-key-analytics", async () => {
    const world = await accessWorld();
    const { subscription } = await subscribe(world);
    const table = await adminTable(world);
    await waitForRows(table, 1);
    setTimeout(() => buttonIn(row(table, subscription.id), "Analytics").click());
    const event = await oneEvent(table, "portico-key-analytics");
    expect(event.detail).to.deep.equal({ keyId: subscription.id });
  });

  it("lets a developer subscribe and shows the new key once, with Copy", async () => {
    const world = await accessWorld();
    const clipboard = fakeClipboard("works");
    try {
      const table = await selfTable(world);
      await waitUntil(() => part(table, "empty") !== null, "no keys yet");
      expect(text(part(table, "empty"))).to.equal("No keys yet.");

      const subscribeButton = buttonIn(root(table), "Subscribe to an API");
      subscribeButton.click();
      const subscribeDialog = dialog(table, "subscribe-dialog");
      await waitUntil(() => subscribeDialog.querySelectorAll('[part~="catalogue-choice"]').length > 0, "the live catalogue is listed", {
        timeout: 5000,
      });
      expect([...subscribeDialog.querySelectorAll('[part~="catalogue-choice"] .choice-name')].map(text), "live entries only").to.deep.equal(
        ["Weather API"],
      );
      subscribeDialog.querySelector<HTMLInputElement>("input[type=radio]")!.click();
      await table.updateComplete;
      setTimeout(() => buttonIn(subscribeDialog, "Subscribe").click());
      const event = await oneEvent(table, "portico-subscribe");
      await waitUntil(() => !subscribeDialog.open && root(table).querySelector("portico-key-reveal") !== null, "the key panel");

      const reveal = root(table).querySelector<KeyReveal>("portico-key-reveal")!;
      await reveal.updateComplete;
      const shadow = reveal.shadowRoot!;
      const key = text(shadow.querySelector('[part~="key"]'));
      expect(key).to.match(/^pdk_[A-Za-z0-9_-]{40,}$/);
      expect(text(shadow.querySelector('[part~="warning"]'))).to.equal("Copy it now: you will not see it again.");
      expect(text(shadow.querySelector("h3"))).to.equal("Your new key for Weather API");
      await waitUntil(() => focused(table) === reveal && shadow.activeElement === shadow.querySelector('[part~="copy"]'), "focus on Copy");
      expect(JSON.stringify(event.detail).includes(key), "the event does not carry the key").to.equal(false);

      const subscription = event.detail.subscription;
      await waitForRows(table, 1);
      expect(cells(row(table, subscription.id)).key).to.equal(`${subscription.keyPrefix}…`);
      expect(key.startsWith(subscription.keyPrefix!)).to.equal(true);

      shadow.querySelector<HTMLButtonElement>('[part~="copy"]')!.click();
      await waitUntil(() => text(shadow.querySelector('[part~="copy-status"]')) === "Copied to the clipboard.", "Copy says it copied");
      expect(clipboard.written).to.deep.equal([key]);

      buttonIn(shadow, "Done, I have copied it").click();
      await waitUntil(() => root(table).querySelector("portico-key-reveal") === null, "Done closes the panel");
      expect(everythingIn(root(table)).includes(key), "the raw key is nowhere in the component any more").to.equal(false);
      expect(everythingIn(root(table)).includes(subscription.keyPrefix!), "only its prefix").to.equal(true);
      await waitUntil(() => focused(table) === subscribeButton, "focus back on Subscribe to an API");

      const stored = await world.developer.me.subscriptions();
      expect(stored.map((s) => s.id)).to.deep.equal([subscription.id]);
      expect(JSON.stringify(stored).includes(key), "the server never shows it again either").to.equal(false);
    } finally {
      clipboard.restore();
    }
  });

  it("selects the key for a manual copy when the clipboard refuses", async () => {
    const world = await accessWorld();
    const clipboard = fakeClipboard("refuses");
    try {
      const table = await selfTable(world);
      await waitUntil(() => part(table, "empty") !== null, "no keys yet");
      buttonIn(root(table), "Subscribe to an API").click();
      const subscribeDialog = dialog(table, "subscribe-dialog");
      await waitUntil(() => subscribeDialog.querySelector("input[type=radio]") !== null, "the catalogue", { timeout: 5000 });
      subscribeDialog.querySelector<HTMLInputElement>("input[type=radio]")!.click();
      await table.updateComplete;
      buttonIn(subscribeDialog, "Subscribe").click();
      await waitUntil(
        () => root(table).querySelector("portico-key-reveal")?.shadowRoot?.querySelector('[part~="key"]') != null,
        "the key panel",
        {
          timeout: 5000,
        },
      );
      const shadow = root(table).querySelector("portico-key-reveal")!.shadowRoot!;
      const key = text(shadow.querySelector('[part~="key"]'));

      shadow.querySelector<HTMLButtonElement>('[part~="copy"]')!.click();
      await waitUntil(() => text(shadow.querySelector('[part~="copy-status"]')).startsWith("The key is selected"), "the fallback message");
      expect(document.getSelection()!.toString()).to.equal(key);
    } finally {
      clipboard.restore();
    }
  });

  it("says an entry that needs approval was requested, then hands out the key once approved", async () => {
    const world = await accessWorld();
    const premium = await world.admin.catalogue.create({
      name: "Premium",
      shortDescription: "Faster.",
      policyId: world.gold.id,
      live: true,
      requiresApproval: true,
    });
    const table = await selfTable(world);
    await waitUntil(() => part(table, "empty") !== null, "no keys yet");

    buttonIn(root(table), "Subscribe to an API").click();
    const subscribeDialog = dialog(table, "subscribe-dialog");
    await waitUntil(() => subscribeDialog.querySelectorAll('[part~="catalogue-choice"]').length === 2, "two live entries", {
      timeout: 5000,
    });
    const premiumChoice = subscribeDialog.querySelector<HTMLInputElement>(`#entry-${premium.id}`)!;
    expect(text(premiumChoice.closest('[part~="catalogue-choice"]'))).to.equal("Premium Needs approval Faster.");
    premiumChoice.click();
    await table.updateComplete;
    buttonIn(subscribeDialog, "Subscribe").click();

    await waitUntil(() => part(table, "notice") !== null, "a notice", { timeout: 5000 });
    expect(text(part(table, "notice"))).to.equal("Requested — an admin will review it.");
    expect(root(table).querySelector("portico-key-reveal"), "no key yet").to.equal(null);
    await waitForRows(table, 1);
    const [request] = await world.developer.me.subscriptions();
    expect(cells(row(table, request!.id)).status).to.equal("Pending approval");

    await world.admin.subscriptions.approve(request!.id);
    table.reload();
    await waitUntil(() => cells(row(table, request!.id)).status === "Approved", "approved after a reload", { timeout: 5000 });
    buttonIn(row(table, request!.id), "Get key").click();
    await waitUntil(
      () => root(table).querySelector("portico-key-reveal")?.shadowRoot?.querySelector('[part~="key"]') != null,
      "the key panel",
      {
        timeout: 5000,
      },
    );
    const key = text(root(table).querySelector("portico-key-reveal")!.shadowRoot!.querySelector('[part~="key"]'));
    expect(key).to.match(/^pdk_/);
    expect(cells(row(table, request!.id)).status).to.equal("Active");
    expect(key.startsWith(cells(row(table, request!.id)).key.replace("…", ""))).to.equal(true);
    expect(hasButton(row(table, request!.id), "Get key"), "only once").to.equal(false);
  });

  it("lets a developer revoke their own key after confirming", async () => {
    const world = await accessWorld();
    const { subscription } = await subscribe(world);
    const table = await selfTable(world);
    await waitForRows(table, 1);
    expect(hasButton(row(table, subscription.id), "Change policy"), "developers cannot change policies").to.equal(false);

    buttonIn(row(table, subscription.id), "Revoke").click();
    const revokeDialog = dialog(table, "revoke-dialog");
    await waitUntil(() => revokeDialog.open, "a confirmation dialog");
    setTimeout(() => buttonIn(revokeDialog, "Revoke key").click());
    const event = await oneEvent(table, "portico-subscription-revoke");
    expect(event.detail.subscription.status).to.equal("revoked");
    await waitUntil(() => cells(row(table, subscription.id)).status === "Revoked", "the row shows Revoked");
    expect((await world.admin.subscriptions.get(subscription.id)).status).to.equal("revoked");
  });

  it("shows markup in a policy name as text, in the table and in the dialog", async () => {
    const world = await accessWorld();
    const name = "<img src=x onerror=alert(1)>";
    const evil = await world.admin.policies.create({ name, rate: 1, per: 1, quotaMax: 5, quotaRenewalSeconds: 3600 });
    const { subscription } = await subscribe(world);
    await world.admin.subscriptions.changePolicy(subscription.id, evil.id);
    const alerts: unknown[] = [];
    const realAlert = window.alert;
    window.alert = (message) => void alerts.push(message);
    try {
      const table = await adminTable(world);
      await waitForRows(table, 1);
      expect(cells(row(table, subscription.id)).policy).to.equal(name);
      buttonIn(row(table, subscription.id), "Change policy").click();
      await waitForChoices(table);
      expect(choices(table).find((c) => c.current)?.name).to.equal(name);
      expect(root(table).querySelectorAll('img[src="x"]').length, "no image from the name").to.equal(0);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(alerts, "no script ran").to.deep.equal([]);
      dialog(table, "policy-dialog").close();
    } finally {
      window.alert = realAlert;
    }
  });

  it("shows loading, then an error with Retry when the server cannot be reached, and recovers", async () => {
    const world = await accessWorld();
    await subscribe(world);
    let offline = true;
    const flakyFetch: typeof fetch = (input, init) => (offline ? Promise.reject(new TypeError("Failed to fetch")) : fetch(input, init));
    const client = new PorticoClient({ baseUrl: world.apiBase, org: world.org, token: world.developerToken, fetch: flakyFetch });
    const table = await fixture<SubscriptionTable>(html`<subscription-table mode="self" .client=${client}></subscription-table>`);
    expect(text(part(table, "loading"))).to.equal("Loading keys…");

    await waitUntil(() => part(table, "error") !== null, "the error state", { timeout: 10_000 });
    expect(part(table, "error")!.getAttribute("role")).to.equal("alert");
    expect(text(part(table, "error"))).to.contain("The keys could not be loaded.");
    offline = false;
    part<HTMLButtonElement>(table, "retry")!.click();
    await waitForRows(table, 1);
    expect(part(table, "error")).to.equal(null);
  });

  it("says what is missing without developer-id in admin mode, and shows an empty developer's table", async () => {
    const org = await freshOrg();
    const missing = await fixture<SubscriptionTable>(
      html`<subscription-table mode="admin" api-base=${org.apiBase} org=${org.org} token=${org.token}></subscription-table>`,
    );
    await waitUntil(() => part(missing, "error") !== null, "an error");
    expect(text(part(missing, "error"))).to.contain("needs a developer-id attribute");

    const nobody = await signUp(org);
    missing.developerId = nobody.id;
    await waitUntil(() => part(missing, "empty") !== null, "the developer has no keys");
    expect(text(part(missing, "empty"))).to.equal("No keys yet.");
  });
});
