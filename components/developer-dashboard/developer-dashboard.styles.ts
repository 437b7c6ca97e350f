import { css } from "lit";

export const styles = css`
  .dashboard {
    display: grid;
    gap: calc(var(--_spacing) * 3);
  }

  section {
    display: grid;
    gap: var(--_spacing);
  }

  h2 {
    margin: 0;
    font-size: 1.05em;
  }

  .usage-heading {
    display: flex;
    align-items: baseline;
    justify-content: space-between;
    gap: var(--_spacing);
  }

  .notice {
    margin: 0;
    color: var(--_color-muted);
  }
`;
