const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnLogged } = require('./backendProcess');

describe('spawnLogged', () => {
  let dir;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenroom-process-'));
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A process that logs one line and then waits to be ended. */
  async function startWaiter() {
    const logFile = path.join(dir, 'logs', 'waiter.log');
    const proc = spawnLogged(
      process.execPath,
      ['-e', 'console.log("waiting"); setInterval(() => {}, 1000)'],
      { cwd: dir, env: process.env, logFile },
    );
    // wait for the line it writes, so it is surely running
    while (!fs.readFileSync(logFile, 'utf8').includes('waiting')) {
      await new Promise(resolve => setTimeout(resolve, 20));
    }
    return { proc, logFile };
  }

  it('writes the output to the log file and stop() ends the process', async () => {
    const { proc, logFile } = await startWaiter();
    await proc.stop();
    expect(proc.child.signalCode).toBe('SIGTERM');
    expect(fs.readFileSync(logFile, 'utf8')).toBe('waiting\n');
  });

  it('closes no descriptor of ours when kill() follows stop()', async () => {
    const { proc } = await startWaiter();
    await proc.stop();
    // Opened after stop(), this file gets the lowest free descriptor, which is
    // the log's if stop() closed it: a second close would then close this one.
    const other = path.join(dir, 'other.txt');
    const fd = fs.openSync(other, 'w');
    try {
      await proc.kill();
      fs.writeSync(fd, 'still open');
    } finally {
      fs.closeSync(fd);
    }
    expect(fs.readFileSync(other, 'utf8')).toBe('still open');
  });

  it('kill() ends the process at once, and stop() after it resolves', async () => {
    const { proc } = await startWaiter();
    await proc.kill();
    expect(proc.child.signalCode).toBe('SIGKILL');
    await expect(proc.stop()).resolves.toBeUndefined();
  });
});
