import { englandAndWalesCalendar } from '@conduct/domain/calendar';
import type { RecommendationView } from '@conduct/workflows';
import { daysFromToday } from '../../../../../test/support/dates';
import { blankResponse, checkResponse, recommendationPage, responseDtoOf, responseToCheck } from './response';

const parts = (iso: string) => ({ year: iso.slice(0, 4), month: String(Number(iso.slice(5, 7))), day: String(Number(iso.slice(8, 10))) });

describe('a recommendation’s response as a question page', () => {
  it('turns the answers into the API’s response, the time read on London’s clock', () => {
    expect(responseDtoOf({ accepted: 'yes', summary: 'We will train every sergeant.', respondedOn: { day: '15', month: '7', year: '2025' }, time: '9:05' })).toEqual({
      accepted: true,
      summary: 'We will train every sergeant.',
      occurredAt: '2025-07-15T08:05:00.000Z',
    });
    expect(responseDtoOf({ accepted: 'no', summary: 'x', respondedOn: { day: '15', month: '1', year: '2025' }, time: '09:05' }).occurredAt).toBe('2025-01-15T09:05:00.000Z');
  });

  it('names each problem against its field, by the API’s own rules', () => {
    expect(checkResponse(blankResponse())).toEqual({
      accepted: 'Select whether the recommendation was accepted',
      summary: 'Enter the response',
      'respondedOn-day': 'The date the response was made must be a real date, not in the future',
    });
    const answers = { accepted: 'yes', summary: 'Done', respondedOn: parts(daysFromToday(-1)), time: '25:00' };
    expect(checkResponse(answers)).toEqual({ time: 'Enter the time as hours and minutes, 24-hour, for example 14:05' });
    expect(checkResponse({ ...answers, time: '10:00' })).toEqual({});
    expect(checkResponse({ ...answers, time: '10:00', respondedOn: parts(daysFromToday(2)) })).toEqual({ 'respondedOn-day': 'The date the response was made must be a real date, not in the future' });
  });

  it('shows the answers to check with links to change them', () => {
    const rows = responseToCheck({ accepted: 'no', summary: 'Not practicable', respondedOn: { day: '1', month: '12', year: '2025' }, time: '14:30' }, '/recommendation/R-1/response');
    expect(rows).toEqual([
      { key: 'Accepted', value: 'No', href: '/recommendation/R-1/response#accepted' },
      { key: 'Response', value: 'Not practicable', href: '/recommendation/R-1/response#summary' },
      { key: 'Made', value: '1 December 2025 at 14:30', href: '/recommendation/R-1/response#respondedOn-day' },
    ]);
  });

  it('shows a recommendation with its response and its deadlines in words', () => {
    const view = {
      reference: 'R-1', matterReference: 'M/1', forceId: 'f', stage: 'awaiting-publication', response: { accepted: true, respondedOn: '2025-12-01' }, publishedOn: null,
      deadlines: [{ key: 'publication', name: 'Publication of the response', regulation: 'PRA 2002 Sch 3 para 28B', dueDate: '2025-12-22', dueAt: '2025-12-22T23:59:59.999Z', status: 'met', extensions: [] }],
    } as unknown as RecommendationView;
    const page = recommendationPage(view, new Date(), englandAndWalesCalendar());
    expect(page.facts.find((f) => f.key === 'Matter')).toEqual({ key: 'Matter', value: 'M/1', href: '/matter/M%2F1' });
    expect(page.facts.find((f) => f.key === 'Response')!.value).toBe('Accepted, 1 December 2025');
    expect(page.deadlines).toEqual([{ name: 'Publication of the response', regulation: 'PRA 2002 Sch 3 para 28B', due: '22 December 2025', words: 'Met', extensions: 0 }]);
    expect(page.awaitingResponse).toBe(false);
  });
});
