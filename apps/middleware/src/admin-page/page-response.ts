import type { Response } from 'express';
import type { Html } from './html';

/**
 * What every page response carries. No script is allowed (the page has none), styles only
 * from this origin, forms may post only here, no framing (clickjacking a redrive button),
 * and nothing is cached: the page shows live state to a signed-in user.
 */
const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
};

export function sendPage(res: Response, status: number, page: Html): void {
  res.status(status).set(PAGE_HEADERS).send(page.text);
}

/** 303 See Other: after a form's POST, the browser GETs the page (a reload does not post again). */
export function seeOther(res: Response, location: string): void {
  res.set('Cache-Control', 'no-store').redirect(303, location);
}
