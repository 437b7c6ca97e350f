import type { Org } from "../context.js";
import type { MailMessage } from "./transport.js";

const DEFAULT_SUBJECT = "Reset your {{orgName}} password";
const DEFAULT_TEXT = `Hello {{name}},

Someone asked to reset the password of your {{orgName}} developer account.
To choose a new password, open this link within {{expiresInMinutes}} minutes:

{{link}}

If it was not you, ignore this mail: your password stays as it is.
`;
const DEFAULT_HTML = `<p>Hello {{name}},</p>
<p>Someone asked to reset the password of your {{orgName}} developer account.
To choose a new password, open this link within {{expiresInMinutes}} minutes:</p>
<p><a href="{{link}}">Reset my password</a></p>
<p>If it was not you, ignore this mail: your password stays as it is.</p>
`;

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);

/** Fills `{{name}}`-style placeholders; unknown ones stay visible so a broken template is noticed. */
function fill(template: string, values: Record<string, string>, escape: (text: string) => string = (text) => text): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => (key in values ? escape(values[key]!) : whole));
}

/** The reset mail in plain text and HTML, from the org's own templates where it set them. */
export function passwordResetMail(org: Org, to: { email: string; name: string }, link: string): MailMessage {
  const values = {
    orgName: org.name,
    name: to.name,
    link,
    expiresInMinutes: String(Math.round(org.reset_token_ttl_seconds / 60)),
  };
  return {
    to: to.email,
    // Header values must stay on one line whatever a name contains.
    subject: fill(org.reset_mail_subject ?? DEFAULT_SUBJECT, values).replace(/[\r\n]+/g, " "),
    text: fill(org.reset_mail_text ?? DEFAULT_TEXT, values),
    html: fill(org.reset_mail_html ?? DEFAULT_HTML, values, escapeHtml),
  };
}
