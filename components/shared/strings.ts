/**
 * Every piece of UI text, in one place and under stable ids, so a host can translate the
 * components later (a locale switch replaces this table). `locale` drives the `Intl` formatters.
 */
export const strings = {
  locale: "en",
  config: {
    missingOrg: "This component needs an org attribute (the organisation's slug).",
    unreachable: (apiBase: string, origin: string) =>
      `The Portico server at ${apiBase} could not be reached from ${origin}. Check api-base, and that this page's origin is allowed for the organisation.`,
    unreachableWarning: (apiBase: string, origin: string) =>
      `no answer from ${apiBase}: either api-base is wrong or the organisation does not list ${origin} in allowedOrigins (CORS).`,
  },
  developerList: {
    caption: "Developers",
    searchLabel: "Search by email",
    searchPlaceholder: "name@example.com",
    loading: "Loading developers…",
    refreshing: "Updating…",
    empty: "No developers yet.",
    emptySearch: (query: string) => `No developers have an email starting with “${query}”.`,
    loadFailed: "The developers could not be loaded.",
    retry: "Retry",
    columnName: "Name",
    columnEmail: "Email",
    columnCountry: "Country",
    columnCreated: "Created",
    columnStatus: "Status",
    active: "Active",
    inactive: "Inactive",
    noCountry: "—",
    pagination: "Pages",
    previous: "Previous",
    next: "Next",
    page: (n: number) => `Page ${n}`,
    addDeveloper: "Add developer",
    addFormTitle: "New developer",
    fieldEmail: "Email",
    fieldName: "Name",
    fieldTelephone: "Telephone",
    fieldCountry: "Country",
    fieldCountryNone: "Not given",
    fieldInactive: "Inactive (cannot sign in)",
    save: "Add",
    saving: "Adding…",
    cancel: "Cancel",
    /** A server field message such as "is already registered", prefixed with the field's label. */
    fieldError: (label: string, message: string) => `${label} ${message}`,
    formFailed: "The developer could not be added.",
    added: (email: string) => `Added ${email}.`,
  },
  resetPasswordForm: {
    requestTitle: "Request password reset",
    requestIntro: "Enter the email address of your account and we will send you a link to choose a new password.",
    fieldEmail: "Email",
    send: "Send password reset email",
    sending: "Sending…",
    /** The same words whether or not the address belongs to an account: the form must not tell. */
    requested: (email: string) =>
      `If an account exists for ${email}, we sent a link to choose a new password. The link works once and expires; check your spam folder if it does not arrive.`,
    useAnotherEmail: "Use another email",
    requestFailed: "The password reset email could not be requested.",
    confirmTitle: "Choose a new password",
    loading: "Loading…",
    loadFailed: "The password rules could not be loaded.",
    retry: "Retry",
    fieldNewPassword: "New password",
    fieldConfirmPassword: "Confirm new password",
    minLength: (n: number) => `At least ${n} characters.`,
    strengthLabel: "Strength:",
    strength: {
      "too-short": "too short",
      weak: "weak — make it longer, or mix upper and lower case, digits and symbols",
      fair: "fair — a few more characters or another kind of character would help",
      strong: "strong",
    },
    update: "Update",
    updating: "Updating…",
    /** Completes "New password …", like the server's field messages. */
    tooShort: (n: number) => `must be at least ${n} characters`,
    mismatch: "The two passwords do not match.",
    /** A server field message such as "must be at least 8 characters", prefixed with the field's label. */
    fieldError: (label: string, message: string) => `${label} ${message}`,
    /** The server's token message: "is not valid (…)", "has already been used", "has expired; request a new reset link". */
    tokenError: (message: string) => `This password reset link ${message}.`,
    requestNewLink: "Request a new link",
    confirmFailed: "The password could not be updated.",
    success: "Your password has been updated.",
    successDetail: "You were signed out everywhere else. Log in with your new password.",
    logIn: "Log in",
  },
  usageChart: {
    loading: "Loading usage…",
    empty: "No traffic in this period",
    loadFailed: "The usage could not be loaded.",
    retry: "Retry",
    missingDeveloper: 'This component needs a developer-id attribute, or mode="self" for the logged-in developer.',
    showTable: "Show as table",
    showChart: "Show as chart",
    /** The totals line, e.g. "1,234 requests, 2.1% errors over 7 days"; numbers arrive formatted. */
    summary: (requests: { count: number; text: string }, errorShare: string, days: number) =>
      `${requests.text} ${requests.count === 1 ? "request" : "requests"}, ${errorShare} errors over ${days === 1 ? "1 day" : `${days} days`}`,
    /** The chart's accessible name: what it draws, then the totals line. */
    chartLabel: (resolution: "day" | "hour", summary: string) =>
      `Bar chart of requests per ${resolution}, split into successes, client errors (4xx) and server errors (5xx): ${summary}.`,
    seriesSuccess: "Success",
    series4xx: "Client errors (4xx)",
    series5xx: "Server errors (5xx)",
    seriesTotal: "All requests",
    tableCaption: (resolution: "day" | "hour", summary: string) => `Requests per ${resolution}: ${summary}`,
    columnDay: "Day",
    columnHour: "Hour",
    columnRequests: "Requests",
    columnSuccess: "Success",
    column4xx: "4xx",
    column5xx: "5xx",
    columnLatency: "Avg latency",
    latency: (ms: string) => `${ms} ms`,
    /** An empty cell: no latency reported, no requests to take a share of. */
    none: "—",
    total: "Total",
    keysCaption: "Requests per key",
    columnKey: "Key",
    columnPolicy: "Policy",
    columnStatus: "Status",
    columnErrors: "Errors",
    keyNotIssued: "Not issued yet",
    /** A key's status by the server's name for it. */
    keyStatus: {
      pending: "Pending",
      approved: "Approved",
      active: "Active",
      declined: "Declined",
      revoked: "Revoked",
    } as Record<string, string>,
  },
} as const;

export type Strings = typeof strings;
