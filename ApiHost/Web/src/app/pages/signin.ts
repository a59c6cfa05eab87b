// Signing in, and accepting an invitation: the two screens anyone may open.
import { h } from "../dom";
import { field, form } from "../forms";
import type { ConsoleApi, Problem } from "../api";
import type { InvitationView, SessionResponse } from "../model";

const PasswordHint = "At least 12 characters; a few words make a good one.";

export function signInScreen(api: ConsoleApi, signedIn: (session: SessionResponse) => void, notice?: string): HTMLElement {
  const element = form({
    label: "Sign in",
    fields: [
      field({ name: "email", label: "Email", type: "email", required: true, autocomplete: "username" }),
      field({ name: "password", label: "Password", type: "password", required: true, autocomplete: "current-password" }),
    ],
    submitLabel: "Sign in",
    onSubmit: async (values) => {
      const result = await api.request<SessionResponse>("POST", "/api/session", { email: values.text("email").trim(), password: values.text("password") });
      if (!result.ok) return result.problem;
      signedIn(result.value);
      return null;
    },
  });
  return h("section", { class: "narrow", "aria-labelledby": "sign-in-title" },
    h("h1", { id: "sign-in-title" }, "Sign in"),
    notice ? h("p", { class: "notice", role: "status" }, notice) : null,
    h("p", { class: "muted" }, "Sign in with the email address your invitation was sent to. New here? Open the invitation link you were given."),
    element);
}

export async function acceptScreen(api: ConsoleApi, token: string, signedIn: (session: SessionResponse) => void): Promise<HTMLElement> {
  const title = h("h1", { id: "accept-title" }, "Accept your invitation");
  const preview = await api.request<InvitationView>("POST", "/api/invitations/preview", { token });
  if (!preview.ok) {
    return h("section", { class: "narrow", "aria-labelledby": "accept-title" }, title,
      h("p", { class: "error", role: "alert" }, preview.problem.errors?.token?.join(" ") ?? preview.problem.detail ?? preview.problem.title),
      h("p", {}, h("a", { href: "#/" }, "Go to sign in")));
  }
  const invitation = preview.value;
  const element = form({
    label: "Accept the invitation",
    fields: [
      field({ name: "email", label: "Email", type: "email", value: invitation.email, readonly: true, autocomplete: "username" }),
      field({ name: "displayName", label: "Your name", required: true, autocomplete: "name" }),
      field({ name: "password", label: "Choose a password", type: "password", required: true, autocomplete: "new-password", hint: PasswordHint }),
    ],
    submitLabel: "Create my account",
    onSubmit: async (values): Promise<Problem | null> => {
      const result = await api.request<SessionResponse>("POST", "/api/invitations/accept", { token, displayName: values.text("displayName").trim(), password: values.text("password") });
      if (!result.ok) return result.problem;
      signedIn(result.value);
      return null;
    },
  });
  const who = invitation.tenantName ? `${invitation.tenantName} invites you as ${roleName(invitation.role)}.` : `You are invited as the platform's ${roleName(invitation.role)}.`;
  return h("section", { class: "narrow", "aria-labelledby": "accept-title" }, title, h("p", {}, who), element);
}

export function roleName(role: string): string {
  return role === "tenant-admin" ? "an admin" : role === "supervisor" ? "a supervisor" : "operator";
}
