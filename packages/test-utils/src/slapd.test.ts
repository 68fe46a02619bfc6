import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { orgLdif, Slapd, startSlapd } from './slapd';

jest.setTimeout(60_000);

const org = orgLdif({
  people: [
    { uid: 'alice', name: 'Alice Martin', mail: 'alice@example.org' },
    { uid: 'bob', name: 'Bob Stone', mail: 'bob@example.org' },
    { uid: 'zoe', name: 'Zoé Ñúñez' },
  ],
  groups: [
    { cn: 'Team Payments', members: ['alice', 'bob'], description: 'Payments' },
    { cn: 'ops', members: ['bob'], objectClass: 'posixGroup' },
  ],
});

/** ldapsearch (ldap-utils) bound as `dn`: the values of `attribute` in the matching entries. */
function search(
  slapd: Slapd,
  filter: string,
  attribute: string,
  bind: { dn: string; password: string } = {
    dn: slapd.bindDn,
    password: slapd.bindPassword,
  },
): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile(
      'ldapsearch',
      [
        '-x',
        '-o',
        'ldif-wrap=no',
        '-LLL',
        '-H',
        slapd.url,
        '-D',
        bind.dn,
        '-w',
        bind.password,
        '-b',
        slapd.baseDn,
        filter,
        attribute,
      ],
      (error, stdout, stderr) =>
        error
          ? reject(new Error(stderr.trim() || error.message))
          : resolve(
              stdout
                .split('\n')
                .filter(line => line.startsWith(`${attribute}:`))
                .map(line =>
                  line.startsWith(`${attribute}:: `)
                    ? Buffer.from(
                        line.slice(attribute.length + 3),
                        'base64',
                      ).toString()
                    : line.slice(attribute.length + 2),
                ),
            ),
    );
  });
}

const accepts = (url: string) =>
  new Promise<boolean>(resolve => {
    const { port } = new URL(url);
    const socket = net.connect(Number(port), '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** The arguments of the slapd process listening at `url`, from /proc. */
function slapdProcessArgs(url: string): string[] | undefined {
  for (const pid of fs
    .readdirSync('/proc')
    .filter(name => /^\d+$/.test(name))) {
    let args: string[];
    try {
      args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (args.includes(`${url}/`) && args.includes('-F')) {
      return args;
    }
  }
  return undefined;
}

describe('startSlapd', () => {
  it('serves the given people and groups to the admin bind, on a port of its own', async () => {
    const slapd = await startSlapd({ ldif: org.ldif });
    try {
      expect(slapd.url).toMatch(/^ldap:\/\/127\.0\.0\.1:\d+$/);
      expect(slapd.bindDn).toBe('cn=admin,dc=example,dc=org');
      expect(
        await search(slapd, '(objectClass=inetOrgPerson)', 'mail'),
      ).toEqual(['alice@example.org', 'bob@example.org']);
      expect(await search(slapd, '(uid=zoe)', 'cn')).toEqual(['Zoé Ñúñez']);
      expect(await search(slapd, '(cn=Team Payments)', 'member')).toEqual([
        'uid=alice,ou=people,dc=example,dc=org',
        'uid=bob,ou=people,dc=example,dc=org',
      ]);
      expect(await search(slapd, '(cn=ops)', 'memberUid')).toEqual(['bob']);
      // the module's default vendor reads these operational attributes
      expect(await search(slapd, '(uid=alice)', 'entryDN')).toEqual([
        'uid=alice,ou=people,dc=example,dc=org',
      ]);
    } finally {
      await slapd.stop();
    }
  });

  it('refuses a wrong password', async () => {
    const slapd = await startSlapd({ bindPassword: 'right' });
    try {
      await expect(
        search(slapd, '(objectClass=*)', 'dc', {
          dn: slapd.bindDn,
          password: 'wrong',
        }),
      ).rejects.toThrow(/Invalid credentials/);
      expect(
        await search(slapd, '(objectClass=*)', 'dc', {
          dn: slapd.bindDn,
          password: 'right',
        }),
      ).toEqual(['example']);
    } finally {
      await slapd.stop();
    }
  });

  it('starts and stops again and again, side by side, and leaves neither process nor directory behind', async () => {
    for (let round = 0; round < 3; round++) {
      const servers = await Promise.all([startSlapd(), startSlapd()]);
      expect(new Set(servers.map(server => server.url)).size).toBe(2);
      const dirs = servers.map(server => {
        const args = slapdProcessArgs(server.url);
        expect(args).toContain('-F'); // the config directory slapd runs from
        return args![args!.indexOf('-F') + 1];
      });
      dirs.forEach(dir => expect(fs.existsSync(dir)).toBe(true));
      await Promise.all(servers.map(server => server.stop()));
      // a second stop does nothing
      await servers[0].stop();
      for (const [i, server] of servers.entries()) {
        expect(await accepts(server.url)).toBe(false);
        expect(slapdProcessArgs(server.url)).toBeUndefined();
        expect(fs.existsSync(dirs[i])).toBe(false);
      }
    }
  });

  it("fails with slapadd's reason for an LDIF it cannot load", async () => {
    await expect(
      startSlapd({
        ldif: 'dn: uid=x,ou=nowhere,dc=example,dc=org\nobjectClass: noSuchClass\nuid: x\n',
      }),
    ).rejects.toThrow(
      /^slapadd -b dc=example,dc=org .* failed: .*noSuchClass/s,
    );
  });

  it('says how to install slapd when it is missing', async () => {
    const existsSync = jest.spyOn(fs, 'existsSync').mockReturnValue(false);
    try {
      await expect(startSlapd()).rejects.toThrow(
        "Debian's slapd is not installed: apt-get install slapd ldap-utils",
      );
    } finally {
      existsSync.mockRestore();
    }
  });
});
