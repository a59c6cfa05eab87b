// What every screen is given: the API, who is signed in, and ways to speak to the user.
import type { ConsoleApi } from "./api";
import type { UserView } from "./model";

export interface Screen {
  title: string;
  body: HTMLElement;
}

export interface Context {
  api: ConsoleApi;
  user: UserView;
  isAdmin: boolean;
  isOperator: boolean;
  /** Says something to everyone, screen readers included (a polite live region). */
  announce(message: string): void;
  /** Runs when the user leaves the screen (closing live subscriptions, timers). */
  onLeave(cleanup: () => void): void;
}
