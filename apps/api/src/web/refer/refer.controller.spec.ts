import { BadRequestException, ConflictException, ForbiddenException, ServiceUnavailableException } from '@nestjs/common';
import { mayChooseForce, refusalOf } from './refer.controller';

describe('a refused referral, shown on check your answers', () => {
  it('names a reference already referred, and links to change it', () => {
    expect(refusalOf(new ConflictException({ message: 'matter R-1 already exists', rule: 'reference-unique' }), 'R-1')).toEqual({
      status: 409,
      error: { text: 'A matter with the reference R-1 already exists: change the reference', href: '/refer?change=check#reference' },
    });
  });

  it('names the rule and regulation of a refusal, and the field of a force not one’s own or a subject given twice', () => {
    expect(refusalOf(new ConflictException({ message: 'not allowed', rule: 'some-rule', regulation: 'CR reg 9' }), 'R-1')!.error.text).toBe('not allowed (rule some-rule, CR reg 9)');
    expect(refusalOf(new ForbiddenException({ message: 'forceId: you may refer matters only for f', field: 'forceId' }), 'R-1')).toEqual({
      status: 403,
      error: { text: 'forceId: you may refer matters only for f', href: '/refer?change=check#forceId' },
    });
    expect(refusalOf(new BadRequestException({ message: "subjects: subjectId 'a' appears twice", field: 'subjects' }), 'R-1')!.error.href).toBe('/refer/subjects?change=check');
  });

  it("takes a refusal naming one subject's field (an ambiguous person, a warning without its source) to that field's box", () => {
    const refused = refusalOf(new ConflictException({ message: "subjects[1].warrantNumber: '7' is the staff-number of a person", field: 'subjects[1].warrantNumber', rule: 'one-number-one-person' }), 'R-1')!;
    expect(refused).toEqual({ status: 409, error: { text: expect.stringContaining('(rule one-number-one-person)'), href: '/refer/subjects?change=check#subjects-1-warrantNumber' } });
    expect(refusalOf(new BadRequestException({ message: 'source needed', field: 'subjects[0].finalWrittenWarningLiveSource', rule: 'final-written-warning-source', regulation: 'CR reg 42(5)' }), 'R-1')!.error.href)
      .toBe('/refer/subjects?change=check#subjects-0-finalWrittenWarningLiveSource');
  });

  it("takes a refusal naming an allegation's field to that field on the allegations' page", () => {
    const refused = refusalOf(new BadRequestException({ message: 'allegations[1].subjectIds names no subject of this matter: pc-9', field: 'allegations[1].subjectIds', rule: 'allegation-against-subjects' }), 'R-1')!;
    expect(refused).toEqual({ status: 400, error: { text: expect.stringContaining('(rule allegation-against-subjects)'), href: '/refer/allegations?change=check#allegations-1-subjectIds' } });
  });

  it('leaves anything else (the engine unavailable, a fault) to the error pages', () => {
    expect(refusalOf(new ServiceUnavailableException(), 'R-1')).toBeUndefined();
    expect(refusalOf(new Error('boom'), 'R-1')).toBeUndefined();
  });

  it('lets an administrator, or someone granted other forces, choose the force', () => {
    const user = { id: 'u', name: 'U', forceId: 'f', via: 'development' as const };
    expect(mayChooseForce({ ...user, role: 'case-officer', forces: [] })).toBe(false);
    expect(mayChooseForce({ ...user, role: 'administrator', forces: [] })).toBe(true);
    expect(mayChooseForce({ ...user, role: 'appropriate-authority', forces: ['g'] })).toBe(true);
  });
});
