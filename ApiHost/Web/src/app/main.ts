// The tenant console: sign in (or accept an invitation), then one screen per resource, each read afresh from the
// public API whenever it is opened.
import { ConsoleApi } from "./api";
import { h, replace } from "./dom";
import { currentRoute, type Route } from "./router";
import type { Context, Screen } from "./context";
import type { SessionResponse, UserView } from "./model";
import { acceptScreen, signInScreen } from "./pages/signin";
import { brandsScreen } from "./pages/brands";
import { personasScreen } from "./pages/personas";
import { agentsScreen } from "./pages/agents";
import { accountScreen } from "./pages/account";
import { campaignsScreen } from "./pages/campaigns";
import { callsScreen } from "./pages/calls";
import { walletScreen } from "./pages/wallet";
import { telephonyScreen } from "./pages/telephony";
import { settingsScreen } from "./pages/settings";
import { tenantsScreen } from "./pages/operator";
import { closeLive } from "./live";

interface ScreenDefinition {
  path: string;
  label: string;
  /** Who sees it: tenant admins only, any tenant user, or the operator. */
  audience: "admin" | "tenant" | "operator";
  render: (context: Context, route: Route) => Promise<Screen>;
}

const screens: ScreenDefinition[] = [
  { path: "brands", label: "Brands", audience: "admin", render: brandsScreen },
  { path: "personas", label: "Personas", audience: "admin", render: personasScreen },
  { path: "agents", label: "Agents", audience: "tenant", render: agentsScreen },
  { path: "telephony", label: "Telephony", audience: "admin", render: telephonyScreen },
  { path: "campaigns", label: "Campaigns", audience: "tenant", render: campaignsScreen },
  { path: "calls", label: "Calls", audience: "tenant", render: callsScreen },
  { path: "wallet", label: "Wallet", audience: "tenant", render: walletScreen },
  { path: "settings", label: "Settings", audience: "admin", render: settingsScreen },
  { path: "tenants", label: "Tenants", audience: "operator", render: tenantsScreen },
];

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const api = new ConsoleApi();
let user: UserView | null = null;
let leaving: (() => void)[] = [];
// Each navigation's number: a screen still loading when the person moves on is dropped, never shown over the newer one.
let navigation = 0;

api.onSignedOut = () => {
  if (!user) return;
  user = null;
  api.csrf = null;
  void showSignIn("Your session has ended; sign in again.");
};

function announce(message: string): void {
  const announcer = $("announcer");
  announcer.textContent = "";
  // A changed text is what a live region reads; clearing first makes the same message read twice.
  requestAnimationFrame(() => (announcer.textContent = message));
}

function visibleScreens(current: UserView): ScreenDefinition[] {
  if (current.role === "operator") return screens.filter((s) => s.audience === "operator");
  return screens.filter((s) => s.audience === "tenant" || (s.audience === "admin" && current.role === "tenant-admin"));
}

function signedIn(session: SessionResponse): void {
  user = session.user;
  api.csrf = session.csrfToken;
  if (location.hash.startsWith("#accept=")) history.replaceState(null, "", location.pathname + "#/");
  buildChrome(session.user);
  void route();
}

function buildChrome(current: UserView): void {
  const nav = $("nav");
  const list = h("ul", {}, visibleScreens(current).map((s) => h("li", {}, h("a", { href: `#/${s.path}`, "data-screen": s.path }, s.label))));
  if (current.role !== "operator") list.appendChild(h("li", {}, h("a", { href: "/live" }, "Live floor")));
  replace(nav, list);
  nav.hidden = false;
  $("menu-toggle").hidden = false;
  $("account").hidden = false;
  replace($("account-name"), h("a", { href: "#/account" }, current.displayName), h("span", { class: "role" }, ` · ${current.role}`));
}

async function showSignIn(notice?: string): Promise<void> {
  $("nav").hidden = true;
  $("menu-toggle").hidden = true;
  $("account").hidden = true;
  runLeaveHandlers();
  document.title = "Sign in · VoicePlatform";
  replace($("main"), signInScreen(api, signedIn, notice));
  $("main").querySelector<HTMLInputElement>("input[name=email]")?.focus();
}

function runLeaveHandlers(): void {
  for (const cleanup of leaving) cleanup();
  leaving = [];
}

async function route(): Promise<void> {
  if (!user) return;
  const mine = ++navigation;
  runLeaveHandlers();
  const current = currentRoute();
  const visible = visibleScreens(user);
  const name = current.segments[0] ?? visible[0]?.path ?? "account";
  const definition = name === "account" ? { path: "account", label: "Account", audience: "tenant" as const, render: accountScreen } : screens.find((s) => s.path === name);
  const main = $("main");
  for (const a of $("nav").querySelectorAll<HTMLAnchorElement>("a[data-screen]")) {
    if (a.dataset.screen === name) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  closeMenu();
  let screen: Screen;
  if (!definition) screen = { title: "Not found", body: h("section", {}, h("h1", {}, "Not found"), h("p", {}, "There is no such screen.")) };
  else if (definition.path !== "account" && !visible.includes(definition))
    screen = { title: "Not for your role", body: h("section", {}, h("h1", {}, "Not for your role"), h("p", { role: "alert" }, `${definition.label} is for ${definition.audience === "operator" ? "the operator" : "tenant admins"}; ask one of them.`)) };
  else {
    main.setAttribute("aria-busy", "true");
    const context: Context = { api, user, isAdmin: user.role === "tenant-admin", isOperator: user.role === "operator", announce, onLeave: (f) => leaving.push(f) };
    try {
      screen = await definition.render(context, current);
    } catch (e) {
      screen = { title: "Something went wrong", body: h("section", {}, h("h1", {}, "Something went wrong"), h("p", { role: "alert" }, String(e))) };
    }
    if (mine !== navigation) return;
    main.removeAttribute("aria-busy");
  }
  document.title = `${screen.title} · VoicePlatform`;
  replace(main, screen.body);
  // Moves focus to the new screen's heading, so keyboard and screen-reader users start at the top of what changed.
  const heading = main.querySelector<HTMLElement>("h1");
  if (heading) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: false });
  }
}

function closeMenu(): void {
  $("menu-toggle").setAttribute("aria-expanded", "false");
  $("nav").classList.remove("open");
}

$("menu-toggle").addEventListener("click", () => {
  const open = $("menu-toggle").getAttribute("aria-expanded") !== "true";
  $("menu-toggle").setAttribute("aria-expanded", String(open));
  $("nav").classList.toggle("open", open);
});

$("sign-out").addEventListener("click", async () => {
  await closeLive();
  await api.request("DELETE", "/api/session");
  user = null;
  api.csrf = null;
  history.replaceState(null, "", location.pathname);
  await showSignIn("You are signed out.");
});

window.addEventListener("hashchange", () => {
  if (location.hash.startsWith("#accept=")) void start();
  else void route();
});

async function start(): Promise<void> {
  const token = location.hash.startsWith("#accept=") ? decodeURIComponent(location.hash.slice("#accept=".length)) : null;
  if (token) {
    user = null;
    document.title = "Accept your invitation · VoicePlatform";
    replace($("main"), await acceptScreen(api, token, signedIn));
    return;
  }
  // The readable marker cookie says a session may exist (the session cookie itself is invisible to this script):
  // without it the sign-in form comes at once, with no request that could only answer 401.
  const session = document.cookie.split("; ").includes("vp_signed_in=1") ? await api.get<SessionResponse>("/api/session") : null;
  if (session?.ok) signedIn(session.value);
  else {
    // A marker left by a session that has since ended (expired, or signed out everywhere): dropped, so the next
    // visit does not ask again.
    if (session) document.cookie = "vp_signed_in=; Max-Age=0; Path=/; SameSite=Strict";
    await showSignIn();
  }
}

void start();
