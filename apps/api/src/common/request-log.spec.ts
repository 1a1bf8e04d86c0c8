import { loggedPath } from './request-log.middleware';

describe('the request log', () => {
  it("never writes a confidential report's reference, only the route", () => {
    expect(loggedPath('/confidential-reports/CR-0123456789YZ')).toBe('/confidential-reports/:reference');
    expect(loggedPath('/confidential-reports/CR-0123456789YZ/answers')).toBe('/confidential-reports/:reference/answers');
    expect(loggedPath('/confidential-reports')).toBe('/confidential-reports');
    expect(loggedPath('/matters/M-1')).toBe('/matters/M-1');
  });
});
