import { mockServices } from '@backstage/backend-test-utils';
import { ProviderLogs } from './ProviderLogs';

const TASK = 'LdapOrgEntityProvider:corp:refresh';

function setup() {
  const logs = ProviderLogs.create();
  const inner = mockServices.logger.mock();
  const logger = logs.wrap(inner);
  const run = (taskInstanceId: string) =>
    logger.child({ class: 'LdapOrgEntityProvider' }).child({
      taskId: TASK,
      taskInstanceId,
    });
  return { logs, inner, logger, run };
}

describe('ProviderLogs', () => {
  it("keeps a run's last info line as its summary and its last error", () => {
    const { logs, run } = setup();
    const log = run('run-1');
    log.info('Reading LDAP users and groups');
    log.error('LdapOrgEntityProvider:corp refresh failed, Error: bind refused');
    log.info('Committed 0 LDAP users and 0 LDAP groups in 0.0 seconds.');

    expect(logs.get(TASK)).toEqual({
      summary: {
        message: 'Committed 0 LDAP users and 0 LDAP groups in 0.0 seconds.',
        at: expect.any(String),
      },
      lastError: {
        message:
          'LdapOrgEntityProvider:corp refresh failed, Error: bind refused',
        at: expect.any(String),
      },
    });
  });

  it('forgets the lines of the previous run when a new run logs', () => {
    const { logs, run } = setup();
    run('run-1').error(
      'LdapOrgEntityProvider:corp refresh failed, Error: down',
    );
    run('run-2').info('Reading LDAP users and groups');

    expect(logs.get(TASK)).toEqual({
      summary: {
        message: 'Reading LDAP users and groups',
        at: expect.any(String),
      },
      lastError: undefined,
    });
  });

  it('records nothing from loggers without a task, and passes every line on', () => {
    const { logs, inner, logger } = setup();
    const child = mockServices.logger.mock();
    inner.child.mockReturnValue(child);

    logger.error('Processing failed');
    logger.child({ taskId: TASK }).warn('no instance id');

    expect(logs.get(TASK)).toBeUndefined();
    expect(inner.error).toHaveBeenCalledWith('Processing failed', undefined);
    expect(inner.child).toHaveBeenCalledWith({ taskId: TASK });
    expect(child.warn).toHaveBeenCalledWith('no instance id', undefined);
  });
});
