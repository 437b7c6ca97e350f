import { css } from "lit";

export const styles = css`
  :host {
    max-width: 28rem;
  }

  .actions {
    justify-content: space-between;
  }

  .reset {
    display: grid;
    gap: calc(var(--_spacing) * 1.5);
  }

  .reset:focus {
    outline: none;
  }

  .reset button.link {
    justify-self: start;
  }
`;
