// The signed-in person's own account: who they are, their password, and signing out of every browser.
import { h } from "../dom";
import { field, form } from "../forms";
import type { Context, Screen } from "../context";
import type { UserView } from "../model";

export async function accountScreen(context: Context): Promise<Screen> {
  const me = await context.api.get<{ user: UserView }>("/api/session");
  const user = me.ok ? me.value.user : context.user;
  const password = form({
    label: "Change password",
    fields: [
      field({ name: "currentPassword", label: "Current password", type: "password", required: true, autocomplete: "current-password" }),
      field({ name: "newPassword", label: "New password", type: "password", required: true, autocomplete: "new-password", hint: "At least 12 characters. Your other browsers will be signed out." }),
    ],
    submitLabel: "Change password",
    onSubmit: async (values, element) => {
      const result = await context.api.request("PUT", "/api/session/password", { currentPassword: values.text("currentPassword"), newPassword: values.text("newPassword") });
      if (!result.ok) return result.problem;
      element.reset();
      context.announce("Password changed; your other sessions have ended.");
      return null;
    },
  });
  const everywhere = h("button", { type: "button", class: "danger" }, "Sign out everywhere");
  everywhere.addEventListener("click", async () => {
    await context.api.request("POST", "/api/session/sign-out-everywhere");
    location.hash = "#/";
    location.reload();
  });
  return {
    title: "Your account",
    body: h("section", { class: "narrow" },
      h("h1", {}, "Your account"),
      h("dl", { class: "facts" },
        h("dt", {}, "Name"), h("dd", {}, user.displayName),
        h("dt", {}, "Email"), h("dd", {}, user.email),
        h("dt", {}, "Role"), h("dd", {}, user.role),
        h("dt", {}, "Signed in on"), h("dd", { "data-testid": "active-sessions" }, `${user.activeSessions} browser(s)`)),
      h("h2", {}, "Password"), password,
      h("h2", {}, "Sessions"), h("p", {}, "Signs out this browser and every other one where you are signed in."), everywhere),
  };
}
