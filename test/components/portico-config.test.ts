/// <reference types="mocha" />
import { expect, fixture, html, waitUntil } from "@open-wc/testing";
import { executeServerCommand } from "@web/test-runner-commands";
import "../../components/index.js";
import { Portico, type DeveloperList } from "../../components/index.js";
import { PorticoClient } from "../../sdk/client.js";

interface TestOrg {
  apiBase: string;
  org: string;
  token: string;
}

async function freshOrg(): Promise<TestOrg> {
  return executeServerCommand<TestOrg, { origin: string }>("portico-create-org", { origin: location.origin });
}

function shownEmails(list: DeveloperList): string[] {
  return [...list.shadowRoot!.querySelectorAll<HTMLTableRowElement>('[part~="row"]')].map((row) => row.cells[1]!.textContent!.trim());
}

describe("page-level configuration", () => {
  it("gives the tags inside <portico-config> its server, organisation and token", async () => {
    const org = await freshOrg();
    await new PorticoClient({ baseUrl: org.apiBase, org: org.org, token: org.token }).developers.create({ email: "configured@example.com", name: "C" });
    const wrapper = await fixture(html`
      <portico-config api-base=${org.apiBase} org=${org.org} token=${org.token} theme="dark">
        <div><developer-list></developer-list></div>
      </portico-config>
    `);
    const list = wrapper.querySelector("developer-list")!;
    await waitUntil(() => shownEmails(list).length === 1, "the list loads through the wrapper's settings", { timeout: 5000 });
    expect(shownEmails(list)).to.deep.equal(["configured@example.com"]);
    expect(list.dataset.theme).to.equal("dark");
  });

  it("lets a tag's own attribute win over the wrapper", async () => {
    const [mine, other] = [await freshOrg(), await freshOrg()];
    await new PorticoClient({ baseUrl: mine.apiBase, org: mine.org, token: mine.token }).developers.create({ email: "mine@example.com", name: "M" });
    const wrapper = await fixture(html`
      <portico-config api-base=${other.apiBase} org=${other.org} token=${other.token}>
        <developer-list org=${mine.org} token=${mine.token}></developer-list>
      </portico-config>
    `);
    const list = wrapper.querySelector("developer-list")!;
    await waitUntil(() => shownEmails(list).length === 1, "the list loads its own org", { timeout: 5000 });
    expect(shownEmails(list)).to.deep.equal(["mine@example.com"]);
  });

  it("takes settings from Portico.configure() when there is no wrapper", async () => {
    const org = await freshOrg();
    await new PorticoClient({ baseUrl: org.apiBase, org: org.org, token: org.token }).developers.create({ email: "global@example.com", name: "G" });
    const list = await fixture<DeveloperList>(html`<developer-list></developer-list>`);
    Portico.configure({ apiBase: org.apiBase, org: org.org, token: org.token });
    try {
      await waitUntil(() => shownEmails(list).length === 1, "the list loads after configure()", { timeout: 5000 });
      expect(shownEmails(list)).to.deep.equal(["global@example.com"]);
    } finally {
      Portico.configure({ apiBase: undefined, org: undefined, token: undefined });
    }
  });

  it("explains an unreachable server in the tag and warns once in the console", async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(" "));
    try {
      // Nothing listens on port 9 (discard): the browser cannot read an answer, as with a CORS refusal.
      const list = await fixture<DeveloperList>(html`<developer-list api-base="http://127.0.0.1:9" org="nowhere"></developer-list>`);
      await waitUntil(() => list.shadowRoot!.querySelector('[part~="error"]'), "an error state", { timeout: 15000 });
      const text = list.shadowRoot!.querySelector('[part~="error"]')!.textContent!;
      expect(text).to.contain("could not be reached");
      expect(text).to.contain(location.origin);
      const list2 = await fixture<DeveloperList>(html`<developer-list api-base="http://127.0.0.1:9" org="nowhere"></developer-list>`);
      await waitUntil(() => list2.shadowRoot!.querySelector('[part~="error"]'), "a second error state", { timeout: 15000 });
      expect(warnings.filter((line) => line.includes("Portico [unreachable]")).length).to.equal(1);
    } finally {
      console.warn = warn;
    }
  });
});
