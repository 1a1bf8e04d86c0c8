import { navigationFor } from './pages';

describe('the service navigation', () => {
  const texts = (role: Parameters<typeof navigationFor>[0]['role']) => navigationFor({ role }, 'my-work').map((i) => i.text);

  it('offers each section only to the roles that may use it', () => {
    expect(texts('case-officer')).toEqual(['My work', 'Unallocated work', 'Refer a matter', 'Messages sent', 'Confidential reports']);
    expect(texts('investigator')).toEqual(['My work', 'Refer a matter']);
    expect(texts('oversight')).toEqual(['My work', 'Reports', 'Messages sent']);
    expect(texts('appropriate-authority')).toEqual(['My work', 'Unallocated work', 'Refer a matter', 'Reports', 'Messages sent', 'Confidential reports']);
  });

  it('marks where the person is', () => {
    expect(navigationFor({ role: 'administrator' }, 'oversight').filter((i) => i.active).map((i) => i.href)).toEqual(['/oversight']);
  });
});
