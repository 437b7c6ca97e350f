#!/usr/bin/env node
// `npx portico …`: the operator CLI. The server runs from its TypeScript sources through tsx.
import { register } from "tsx/esm/api";

register();
await import("./cli.ts");
