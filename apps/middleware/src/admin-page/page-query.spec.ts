import { pageQueryFromBack, pageQueryOf, pageUrl } from './page-query';

describe("the page's state in its URL", () => {
  it('reads both lists filters and cursors by their own names; empty fields are no filter', () => {
    expect(pageQueryOf({ queue: 'assignments', flow: '', reason: ' planning-refused ', older: '60', after: 'abc', qflow: 'schedules', qnewer: '5', qafter: 'def' })).toEqual({
      failed: { queue: 'assignments', reason: 'planning-refused', olderThanMinutes: 60, cursor: 'abc' },
      quarantine: { flow: 'schedules', newerThanMinutes: 5, cursor: 'def' },
    });
  });

  it('passes a number that is not one on as NaN, for the service to refuse by name', () => {
    expect(pageQueryOf({ older: 'soon' }).failed.olderThanMinutes).toBeNaN();
  });

  it("writes the state back with a flash code, and an action's `back` field only as the page's own parameters", () => {
    const state = pageQueryFromBack('?queue=assignments&qreason=mapping.unknown-unit&done=redriven&token=viewer-demo-token&evil=%3Cscript%3E');
    expect(state).toEqual({ failed: { queue: 'assignments' }, quarantine: { reason: 'mapping.unknown-unit' } });
    expect(pageUrl(state, { done: 'redriven' })).toBe('/admin?queue=assignments&qreason=mapping.unknown-unit&done=redriven');
    expect(pageUrl(pageQueryFromBack(undefined))).toBe('/admin');
    expect(pageUrl(pageQueryFromBack(['queue=x']))).toBe('/admin');
  });
});
