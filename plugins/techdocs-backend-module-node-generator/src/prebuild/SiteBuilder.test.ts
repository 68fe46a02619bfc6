import { ResponseError } from '@backstage/errors';
import { isTransient } from './SiteBuilder';

describe('isTransient', () => {
  it('takes a failed or cut connection, a timeout, a 429 and a 5xx as passing, also as a cause', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), {
      code: 'ECONNREFUSED',
    });
    expect(isTransient(refused)).toBe(true);
    expect(isTransient(new Error('wrapped', { cause: refused }))).toBe(true);
    expect(
      isTransient(
        Object.assign(new Error('aborted'), { name: 'TimeoutError' }),
      ),
    ).toBe(true);
    expect(
      isTransient(
        new Error(
          'Request failed for https://github.com/o/r/archive, 503 Service Unavailable',
        ),
      ),
    ).toBe(true);
    expect(
      isTransient(Object.assign(new Error('x'), { response: { status: 429 } })),
    ).toBe(true);
  });

  it('takes a missing repository, refused credentials and a bad annotation as lasting', async () => {
    expect(
      isTransient(
        new Error(
          'Request failed for https://github.com/o/r/archive, 404 Not Found',
        ),
      ),
    ).toBe(false);
    const unauthorized = await ResponseError.fromResponse(
      new Response('{}', { status: 401, statusText: 'Unauthorized' }) as any,
    );
    expect(isTransient(unauthorized)).toBe(false);
    expect(
      isTransient(new Error('Unable to parse the techdocs-ref annotation')),
    ).toBe(false);
  });
});
