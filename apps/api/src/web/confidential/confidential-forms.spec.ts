import { errorList, readAnswerForm, readReportForm, readReturnForm } from './confidential-forms';

describe("the reporter's forms", () => {
  it('a report needs the force and what happened; who it is about and who the reporter is are optional', () => {
    expect(readReportForm({ forceId: ' met ', account: ' it happened ' })).toEqual({ values: { forceId: 'met', account: 'it happened', about: '', identity: '' }, errors: {} });
    const { errors } = readReportForm({ forceId: 'not a force!', account: '  ' });
    expect(errors).toEqual({ forceId: expect.stringMatching(/identifier/), account: 'Enter what happened' });
    expect(errorList(errors)).toEqual([{ text: expect.any(String), href: '#forceId' }, { text: 'Enter what happened', href: '#account' }]);
  });

  it('an over-long identity is refused, naming the field, rather than cut', () => {
    expect(readReportForm({ forceId: 'met', account: 'x', identity: 'y'.repeat(401) }).errors).toEqual({ identity: expect.stringMatching(/400 characters/) });
  });

  it('coming back needs both the reference and the secret', () => {
    expect(readReturnForm({ reference: 'CR-1' }).errors).toEqual({ secret: 'Enter your secret' });
    expect(readReturnForm({}).errors).toEqual({ reference: 'Enter your reference', secret: 'Enter your secret' });
  });

  it('an answer must say something', () => {
    expect(readAnswerForm({ questionId: '3', answer: ' ' })).toMatchObject({ error: 'Enter your answer' });
    expect(readAnswerForm({ questionId: '3', answer: 'yes' })).toEqual({ questionId: '3', answer: 'yes' });
  });
});
