import { checkSignInAnswers } from './development-sign-in';

describe('the development sign-in', () => {
  it('signs in a case officer of a force', () => {
    expect(checkSignInAnswers({ name: 'Sam Case', role: 'case-officer', forceId: 'wmp' }).user).toEqual({ id: 'dev:sam-case', name: 'Sam Case', role: 'case-officer', forceId: 'wmp', forces: [] });
  });

  it('names every field that is missing or wrong', () => {
    expect(checkSignInAnswers({ name: ' ', role: 'chief-constable', forceId: 'no spaces' }).errors).toEqual({
      name: 'Enter your name',
      role: 'Select your role',
      forceId: 'Your force must be letters, digits, dots, dashes or underscores',
    });
  });

  it('grants other forces to oversight only, never to a case officer', () => {
    expect(checkSignInAnswers({ name: 'Ola', role: 'oversight', forceId: 'iopc', forces: 'wmp, met' }).user?.forces).toEqual(['wmp', 'met']);
    expect(checkSignInAnswers({ name: 'Sam', role: 'case-officer', forceId: 'wmp', forces: '*' }).errors).toEqual({ forces: 'Only oversight and administrators may be granted other forces' });
  });
});
