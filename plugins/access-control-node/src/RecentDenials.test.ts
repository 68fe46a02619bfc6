import { Denial, RecentDenials } from './RecentDenials';

const denial = (permission: string, result: Denial['result']): Denial => ({
  permission,
  result,
  message: `${permission} is denied`,
  grantedBy: ['the admin role'],
});

describe('RecentDenials', () => {
  it('answers with a denial recorded during the request, preferring an outright one', () => {
    const denials = new RecentDenials();
    denials.record(
      'user:default/mo',
      denial('catalog.location.create', 'DENY'),
      1_000,
    );
    denials.record(
      'user:default/mo',
      denial('catalog.entity.delete', 'CONDITIONAL'),
      2_000,
    );
    expect(
      denials.latest('user:default/mo', { since: 1_500 }, 2_100)?.permission,
    ).toBe('catalog.entity.delete');
    denials.record(
      'user:default/mo',
      denial('scorecards.refresh', 'DENY'),
      2_050,
    );
    expect(
      denials.latest('user:default/mo', { since: 1_500 }, 2_100)?.permission,
    ).toBe('scorecards.refresh');
  });

  it('gives nothing recorded before the request, for another user, or older than a few seconds', () => {
    const denials = new RecentDenials();
    denials.record(
      'user:default/mo',
      denial('catalog.location.create', 'DENY'),
      1_000,
    );
    expect(
      denials.latest('user:default/mo', { since: 1_001 }, 1_100),
    ).toBeUndefined();
    expect(
      denials.latest('user:default/sam', { since: 0 }, 1_100),
    ).toBeUndefined();
    expect(
      denials.latest('USER:default/MO', { since: 0 }, 1_100)?.permission,
    ).toBe('catalog.location.create');
    expect(
      denials.latest('user:default/mo', { since: 0 }, 60_000),
    ).toBeUndefined();
    expect(denials.anySince(1_000)).toBe(true);
    expect(denials.anySince(1_001)).toBe(false);
  });

  it('forgets the users whose denials are too old to explain a 403', () => {
    const denials = new RecentDenials();
    denials.record('user:default/mo', denial('scorecards.refresh', 'DENY'), 0);
    denials.record(
      'user:default/al',
      denial('scorecards.refresh', 'DENY'),
      10_000,
    );
    expect(denials.users).toBe(2);

    denials.record(
      'user:default/jo',
      denial('scorecards.refresh', 'DENY'),
      20_000,
    );
    expect(denials.users).toBe(2); // mo's is 20 s old
    denials.record(
      'user:default/al',
      denial('catalog.entity.delete', 'DENY'),
      40_000,
    );
    expect(denials.users).toBe(1); // jo's too
    expect(
      denials.latest('user:default/al', { since: 0 }, 40_000)?.permission,
    ).toBe('catalog.entity.delete');
  });
});
