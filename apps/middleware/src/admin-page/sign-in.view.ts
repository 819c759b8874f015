import { type Html, html } from './html';
import { type Flash, pageLayout } from './page.layout';

/**
 * The sign-in form: the token goes in a password field (not shown, not kept by the
 * browser's form history) and is posted in the body, never in a URL; what comes back is
 * an HttpOnly session cookie.
 */
export function signInView(flash?: Flash): Html {
  return pageLayout(
    'Sign in',
    html`<form class="sign-in" method="post" action="/admin/session">
<h2>Sign in</h2>
<label for="token">Admin token
<input id="token" name="token" type="password" autocomplete="off" required autofocus spellcheck="false">
</label>
<button type="submit">Sign in</button>
<p class="muted">Paste your admin token (made with <code>npm run admin-token</code>).</p>
</form>`,
    { flash },
  );
}
