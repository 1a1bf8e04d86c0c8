import { userFromClaims } from './user';

describe('the user a verified set of claims names', () => {
  it('is the subject, in their role, for their force', () => {
    expect(userFromClaims({ sub: 'pc-1', role: 'case-officer', force: 'north' })).toEqual({ user: { id: 'pc-1', role: 'case-officer', forceId: 'north', forces: [] } });
  });

  it('keeps the other forces granted to oversight and administrators, and ignores a grant to anyone else', () => {
    expect(userFromClaims({ sub: 'o-1', role: 'oversight', force: 'iopc', forces: ['north', 7, 'south'] })).toEqual({ user: { id: 'o-1', role: 'oversight', forceId: 'iopc', forces: ['north', 'south'] } });
    expect(userFromClaims({ sub: 'co-1', role: 'case-officer', force: 'north', forces: ['*'] })).toEqual({ user: { id: 'co-1', role: 'case-officer', forceId: 'north', forces: [] } });
  });

  it('is refused, naming the missing or wrong claim', () => {
    expect(userFromClaims({ role: 'case-officer', force: 'north' })).toEqual({ refused: 'the token must name its subject (sub)' });
    expect(userFromClaims({ sub: 'x', role: 'chief-inspector', force: 'north' })).toEqual({ refused: expect.stringMatching(/^the token's role must be one of .*appropriate-authority/) });
    expect(userFromClaims({ sub: 'x', role: 'case-officer' }, 'sign-in')).toEqual({ refused: 'the sign-in must name the force (force)' });
  });
});
