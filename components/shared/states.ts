import { html, type TemplateResult } from "lit";

/** The load-failure box every tag shows: what failed, why, and a Retry button. */
export function loadFailedView(title: string, detail: string, retryLabel: string, retry: () => void): TemplateResult {
  return html`
    <div part="error" class="error" role="alert">
      <p><strong>${title}</strong></p>
      <p>${detail}</p>
      <button part="retry" type="button" @click=${retry}>${retryLabel}</button>
    </div>
  `;
}

/** The first-load placeholder every tag shows. */
export function loadingView(text: string): TemplateResult {
  return html`<p part="loading" class="loading" role="status">${text}</p>`;
}
