import { LitElement, html, type PropertyValues, type TemplateResult } from "lit";
import { property, query, state } from "lit/decorators.js";
import { StringsController } from "../shared/locale.js";
import { strings } from "../shared/strings.js";
import { tokens } from "../shared/styles.js";
import { styles } from "./key-reveal.styles.js";

const t = strings.subscriptions.keyReveal;

export type KeyRevealCloseEvent = CustomEvent<Record<string, never>>;

/**
 * @tag portico-key-reveal
 * @summary Shows a newly issued API key once, with a Copy button; used by `<subscription-table>` and
 * `<api-catalogue>`. The host removes it (and forgets the key) on `portico-key-reveal-close`.
 *
 * @prop {string} key - The raw key. A property only: a credential never goes into an attribute.
 * @prop {string} apiName - The API the key is for, named in the heading.
 *
 * @event {KeyRevealCloseEvent} portico-key-reveal-close - The developer pressed Done.
 *
 * @csspart panel - The box around everything.
 * @csspart title - The heading.
 * @csspart warning - "Copy it now: you will not see it again."
 * @csspart key - The key's text.
 * @csspart copy - The Copy button.
 * @csspart copy-status - What the Copy button did (copied, or selected for a manual copy).
 * @csspart done - The Done button.
 */
export class KeyReveal extends LitElement {
  static override styles = [tokens, styles];

  @property({ attribute: false }) key = "";
  @property({ attribute: false }) apiName = "";

  @state() private copyStatus: "" | "copied" | "selected" = "";

  /** Not a PorticoElement: follows `Portico.setStrings()` on its own. */
  readonly #strings = new StringsController(this);

  @query('[part~="key"]') private keyText?: HTMLElement;
  @query('[part~="copy"]') private copyButton?: HTMLButtonElement;

  /** Focuses the Copy button, the first thing to do with a new key. */
  override focus(options?: FocusOptions): void {
    this.copyButton?.focus(options);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("key")) this.copyStatus = "";
  }

  override render(): TemplateResult {
    return html`
      <section part="panel" class="panel" aria-labelledby="title">
        <h3 id="title" part="title">${t.title(this.apiName)}</h3>
        <p part="warning" class="warning"><strong>${t.warning}</strong></p>
        <div class="key-row">
          <span class="visually-hidden" id="key-label">${t.keyLabel}</span>
          <code part="key" class="key" aria-labelledby="key-label" translate="no" dir="ltr">${this.key}</code>
          <button part="copy" class="primary" type="button" @click=${this.#copy}>${t.copy}</button>
        </div>
        <p part="copy-status" class="copy-status" role="status">
          ${this.copyStatus === "copied" ? t.copied : this.copyStatus === "selected" ? t.selected : ""}
        </p>
        <button part="done" type="button" @click=${this.#done}>${t.done}</button>
      </section>
    `;
  }

  #copy = async (): Promise<void> => {
    try {
      // Missing outside secure contexts, and refused without permission or focus.
      if (!navigator.clipboard?.writeText) throw new Error("No clipboard");
      await navigator.clipboard.writeText(this.key);
      this.copyStatus = "copied";
    } catch {
      this.#selectKey();
      this.copyStatus = "selected";
    }
  };

  /** The fallback: select the key so the keyboard's copy shortcut takes it. */
  #selectKey(): void {
    const selection = document.getSelection();
    if (this.keyText && selection) selection.selectAllChildren(this.keyText);
  }

  #done = (): void => {
    this.dispatchEvent(new CustomEvent("portico-key-reveal-close", { detail: {}, bubbles: true, composed: true }));
  };
}
