import { toEntityName } from './ldapEntityNames';

describe('toEntityName', () => {
  it('keeps a valid entity name as it is', () => {
    for (const name of ['alice', 'JSmith', 'team_payments', 'a.b-c', 'x']) {
      expect(toEntityName(name)).toBe(name);
    }
  });

  it('makes other LDAP names valid entity names', () => {
    expect(toEntityName('Team Payments')).toBe('team-payments');
    expect(toEntityName('Domain Users')).toBe('domain-users');
    expect(toEntityName('Équipe R&D')).toBe('equipe-r-d');
    expect(toEntityName(' (ops) ')).toBe('ops');
    expect(toEntityName('a'.repeat(70))).toBe('a'.repeat(70).slice(0, 63));
    expect(toEntityName(`${'b'.repeat(62)} c`)).toBe('b'.repeat(62));
  });

  it('is empty when no letter or digit can be kept', () => {
    expect(toEntityName('营销部')).toBe('');
    expect(toEntityName('---')).toBe('');
  });
});
