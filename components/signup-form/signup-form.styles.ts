import { css } from "lit";

export const styles = css`
  :host {
    max-width: 32rem;
  }

  form > .hint {
    margin: 0;
  }
`;
