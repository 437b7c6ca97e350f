/**
 * Every piece of UI text, in one place and under stable ids, so a host can translate the
 * components later (a locale switch replaces this table). `locale` drives the `Intl` formatters.
 */
export const strings = {
  locale: "en",
  config: {
    missingOrg: "This component needs an org attribute (the organisation's slug).",
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
} as const;

export type Strings = typeof strings;
