import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import type { AppEnv, Deps } from "./context.js";
import { authenticate } from "./middleware/authenticate.js";
import { loadOrg } from "./middleware/load-org.js";
import { orgCors } from "./middleware/org-cors.js";
import { requestLog } from "./middleware/request-log.js";
import { rejectNulCharacters } from "./middleware/reject-nul.js";
import { requireJsonBody } from "./middleware/require-json.js";
import { ProblemError, problemResponse, toProblem } from "./problem.js";
import { developerRoutes } from "./routes/developers.js";
import { componentRoutes } from "./routes/components.js";
import { demoPageRoutes } from "./routes/demo-pages.js";
import { docsRoutes } from "./routes/docs.js";
import { healthRoutes } from "./routes/health.js";
import { orgRoutes } from "./routes/orgs.js";
import { adminRoutes } from "./routes/admins.js";
import { meRoutes } from "./routes/me.js";
import { orgSettingsRoutes } from "./routes/org-settings.js";
import { sessionRoutes } from "./routes/sessions.js";
import { passwordResetRoutes } from "./routes/password-resets.js";
import { auditRoutes } from "./routes/audit.js";
import { catalogueRoutes } from "./routes/catalogue.js";
import { policyRoutes } from "./routes/policies.js";
import { subscriptionRoutes } from "./routes/subscriptions.js";
import { usageRoutes } from "./routes/usage.js";

/** Request bodies above this are refused with 413 before they are read whole. */
export const MAX_BODY_BYTES = 1024 * 1024;

export function createApp(deps: Deps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();

  app.use("*", requestLog(deps.logger));
  app.use("*", async function provideDeps(c, next) {
    c.set("deps", deps);
    await next();
  });
  app.use("*", secureHeaders({ crossOriginResourcePolicy: "cross-origin" }));
  // Also matches /v1/orgs/:org itself.
  app.use("/v1/orgs/:org/*", loadOrg(), orgCors());
  app.use(
    "/v1/*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        // Closing the connection lets a client that is still uploading read the 413 instead of a reset.
        throw new ProblemError(413, `The request body is larger than ${MAX_BODY_BYTES} bytes.`, {
          type: "too-large",
          headers: { Connection: "close" },
        });
      },
    }),
  );
  app.use("/v1/*", requireJsonBody());
  app.use("/v1/*", rejectNulCharacters());
  app.use("/v1/*", authenticate());

  app.route("/", healthRoutes);
  app.route("/", orgRoutes);
  app.route("/", orgSettingsRoutes);
  app.route("/", developerRoutes);
  app.route("/", adminRoutes);
  app.route("/", sessionRoutes);
  app.route("/", meRoutes);
  app.route("/", passwordResetRoutes);
  app.route("/", policyRoutes);
  app.route("/", catalogueRoutes);
  app.route("/", subscriptionRoutes);
  app.route("/", auditRoutes);
  app.route("/", usageRoutes);
  app.route("/", docsRoutes);
  app.route("/", componentRoutes);
  app.route("/", demoPageRoutes);

  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "An org API key (`pak_…`), a session token (`pst_…`), or the root secret for creating organisations.",
  });
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: { title: "Portico API", version: "1", description: "Developer portal API. Errors are RFC 9457 problem details." },
  });

  app.notFound((c) => problemResponse(c, new ProblemError(404, "No such route.", { type: "not-found" })));
  app.onError((error, c) => {
    const problem = toProblem(error);
    if (problem) return problemResponse(c, problem);
    deps.logger.error({ err: error, method: c.req.method, path: c.req.path }, "unhandled error");
    return problemResponse(c, new ProblemError(500, "Something went wrong on our side."));
  });

  return app;
}
