import type { AdminPrincipal } from '@brygga/admin-access';
import { type Html, html } from './html';

export interface Flash {
  kind: 'done' | 'error';
  text: string;
}

/** The page around a view: the style sheet, the header with who is signed in, a flash message. */
export function pageLayout(title: string, body: Html, options: { principal?: AdminPrincipal; flash?: Flash } = {}): Html {
  const { principal, flash } = options;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Brygga</title>
<link rel="stylesheet" href="/admin/assets/page.css">
</head>
<body>
<header>
<h1>Brygga operations</h1>
${principal &&
html`<nav>
<a href="/admin/reconcile">Reconciliation</a>
<a href="/admin/queues/">Queue dashboard</a>
<span class="muted" data-test="signed-in-as">${principal.name} (${principal.role})</span>
<form class="inline" method="post" action="/admin/session/end"><button type="submit">Sign out</button></form>
</nav>`}
</header>
${flash && html`<p class="flash${flash.kind === 'error' ? ' error' : ''}" role="status">${flash.text}</p>`}
${body}
</body>
</html>
`;
}
