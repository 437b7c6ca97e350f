export { PorticoClient, DevelopersApi, OrgsApi, type PorticoClientOptions } from "./client.js";
export { PorticoError } from "./errors.js";
export type { RequestOptions } from "./http.js";
export * from "./schemas/common.js";
export * from "./schemas/developers.js";
export * from "./schemas/orgs.js";
export * from "./schemas/problem.js";
export { COUNTRY_CODES, isCountryCode, type CountryCode } from "./countries.js";
