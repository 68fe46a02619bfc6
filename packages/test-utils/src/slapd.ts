import { ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { exited } from './exited';
import { freePort } from './freePort';

/** Where Debian's slapd package puts its programs, schemas and modules. */
const debian = {
  slapd: '/usr/sbin/slapd',
  slapadd: '/usr/sbin/slapadd',
  schemas: '/etc/ldap/schema',
  modules: '/usr/lib/ldap',
};

/** The suffix of every server {@link startSlapd} starts. */
export const slapdBaseDn = 'dc=example,dc=org';

/** A running slapd from {@link startSlapd}. */
export type Slapd = {
  /** `ldap://127.0.0.1:<port>` */
  url: string;
  /** `dc=example,dc=org` */
  baseDn: string;
  /** The root DN, which reads everything: `cn=admin,dc=example,dc=org` */
  bindDn: string;
  bindPassword: string;
  /** Stops the server and removes its directory; calling it again does nothing. */
  stop(): Promise<void>;
};

/** A person of {@link orgLdif}: an inetOrgPerson under ou=people. */
export type LdapPerson = {
  uid: string;
  /** The cn; its last word is the sn. */
  name: string;
  mail?: string;
  /** userPassword, for binding as the person */
  password?: string;
};

/** A group of {@link orgLdif} under ou=groups, with its members' uids. */
export type LdapGroup = {
  cn: string;
  members: string[];
  /** the cns of groups that are members of this one (groupOfNames only) */
  subgroups?: string[];
  description?: string;
  /** groupOfNames (member DNs, the default) or posixGroup (memberUid) */
  objectClass?: 'groupOfNames' | 'posixGroup';
};

/** One LDIF line; base64 where LDIF needs it (non-ASCII, leading space, colon or <). */
function attribute(name: string, value: string): string {
  return /^[\x21-\x39\x3b\x3d-\x7e][\x20-\x7e]*$/.test(value) &&
    !value.endsWith(' ')
    ? `${name}: ${value}`
    : `${name}:: ${Buffer.from(value, 'utf8').toString('base64')}`;
}

function entry(dn: string, attributes: Array<[string, string]>): string {
  return [
    attribute('dn', dn),
    ...attributes.map(([name, value]) => attribute(name, value)),
  ].join('\n');
}

/**
 * The LDIF of an organization for {@link startSlapd}: ou=people with the
 * people, ou=groups with the groups (plain names: no DN escaping).
 */
export function orgLdif(org: { people: LdapPerson[]; groups: LdapGroup[] }): {
  ldif: string;
  usersDn: string;
  groupsDn: string;
} {
  const usersDn = `ou=people,${slapdBaseDn}`;
  const groupsDn = `ou=groups,${slapdBaseDn}`;
  const ou = (dn: string, name: string) =>
    entry(dn, [
      ['objectClass', 'organizationalUnit'],
      ['ou', name],
    ]);
  const people = org.people.map(person =>
    entry(`uid=${person.uid},${usersDn}`, [
      ['objectClass', 'inetOrgPerson'],
      ['uid', person.uid],
      ['cn', person.name],
      ['sn', person.name.split(' ').pop()!],
      ...(person.mail ? [['mail', person.mail] as [string, string]] : []),
      ...(person.password
        ? [['userPassword', person.password] as [string, string]]
        : []),
    ]),
  );
  const groups = org.groups.map((group, index) => {
    const posix = group.objectClass === 'posixGroup';
    return entry(`cn=${group.cn},${groupsDn}`, [
      ['objectClass', posix ? 'posixGroup' : 'groupOfNames'],
      ['cn', group.cn],
      ...(posix
        ? [['gidNumber', String(10000 + index)] as [string, string]]
        : []),
      ...(group.description
        ? [['description', group.description] as [string, string]]
        : []),
      ...group.members.map(
        uid =>
          (posix
            ? ['memberUid', uid]
            : ['member', `uid=${uid},${usersDn}`]) as [string, string],
      ),
      ...(group.subgroups ?? []).map(
        cn => ['member', `cn=${cn},${groupsDn}`] as [string, string],
      ),
    ]);
  });
  return {
    ldif: [ou(usersDn, 'people'), ou(groupsDn, 'groups'), ...people, ...groups]
      .map(text => `${text}\n`)
      .join('\n'),
    usersDn,
    groupsDn,
  };
}

/** cn=config: the schemas, one mdb database at {@link slapdBaseDn}, readable by bound DNs. */
function configLdif(dir: string, bindDn: string, bindPassword: string): string {
  return `dn: cn=config
objectClass: olcGlobal
cn: config
olcPidFile: ${dir}/slapd.pid
olcArgsFile: ${dir}/slapd.args

dn: cn=module{0},cn=config
objectClass: olcModuleList
cn: module{0}
olcModulePath: ${debian.modules}
olcModuleLoad: back_mdb

dn: cn=schema,cn=config
objectClass: olcSchemaConfig
cn: schema

include: file://${debian.schemas}/core.ldif
include: file://${debian.schemas}/cosine.ldif
include: file://${debian.schemas}/nis.ldif
include: file://${debian.schemas}/inetorgperson.ldif

dn: olcDatabase={-1}frontend,cn=config
objectClass: olcDatabaseConfig
objectClass: olcFrontendConfig
olcDatabase: {-1}frontend

dn: olcDatabase={0}config,cn=config
objectClass: olcDatabaseConfig
olcDatabase: {0}config
olcAccess: {0}to * by * none

dn: olcDatabase={1}mdb,cn=config
objectClass: olcDatabaseConfig
objectClass: olcMdbConfig
olcDatabase: {1}mdb
olcDbDirectory: ${dir}/data
olcDbMaxSize: 104857600
olcSuffix: ${slapdBaseDn}
${attribute('olcRootDN', bindDn)}
${attribute('olcRootPW', bindPassword)}
olcAccess: {0}to * by users read by anonymous auth by * none
`;
}

function run(program: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(program, args, (error, _stdout, stderr) => {
      if (error) {
        reject(
          new Error(
            `${path.basename(program)} ${args.join(' ')} failed: ${
              stderr.trim() || error.message
            }`,
          ),
        );
      } else {
        resolve();
      }
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Sends `signal` to the process group the server leads (slapd and anything it forked). */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

/**
 * Starts Debian's OpenLDAP server (`apt-get install slapd ldap-utils`) as a
 * child process on a free port of 127.0.0.1, in a directory of its own under
 * the system's temporary directory: cn=config from a generated LDIF, one mdb
 * database at `dc=example,dc=org` holding that entry and then `ldif` (parents
 * before children; {@link orgLdif} writes one), loaded with slapadd before
 * the server starts. Resolves once the server accepts connections. Each call
 * is a separate server, so a process can start and stop many.
 */
export async function startSlapd(
  options: { ldif?: string; bindPassword?: string } = {},
): Promise<Slapd> {
  if (!fs.existsSync(debian.slapd) || !fs.existsSync(debian.slapadd)) {
    throw new Error(
      "Debian's slapd is not installed: apt-get install slapd ldap-utils",
    );
  }
  const bindDn = `cn=admin,${slapdBaseDn}`;
  const bindPassword = options.bindPassword ?? 'admin-secret';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slapd-'));
  const configDir = path.join(dir, 'slapd.d');
  let child: ChildProcess | undefined;
  const killOnExit = () => child && signalGroup(child, 'SIGKILL');
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      if (child?.pid) {
        signalGroup(child, 'SIGTERM');
        const timer = setTimeout(() => signalGroup(child!, 'SIGKILL'), 5000);
        await exited(child);
        clearTimeout(timer);
        process.off('exit', killOnExit);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    })();
    return stopped;
  };

  try {
    fs.mkdirSync(configDir);
    fs.mkdirSync(path.join(dir, 'data'));
    fs.writeFileSync(
      path.join(dir, 'config.ldif'),
      configLdif(dir, bindDn, bindPassword),
    );
    fs.writeFileSync(
      path.join(dir, 'data.ldif'),
      `${entry(slapdBaseDn, [
        ['objectClass', 'dcObject'],
        ['objectClass', 'organization'],
        ['dc', 'example'],
        ['o', 'Example'],
      ])}\n\n${options.ldif ?? ''}`,
    );
    await run(debian.slapadd, [
      '-n0',
      '-F',
      configDir,
      '-l',
      path.join(dir, 'config.ldif'),
    ]);
    await run(debian.slapadd, [
      '-b',
      slapdBaseDn,
      '-F',
      configDir,
      '-l',
      path.join(dir, 'data.ldif'),
    ]);

    const port = await freePort();
    const url = `ldap://127.0.0.1:${port}`;
    let output = '';
    // -d keeps slapd in the foreground, a child of this process ("none":
    // only its errors, on stderr), in a process group of its own, so that
    // stop() also ends anything it forks.
    child = spawn(
      debian.slapd,
      ['-d', 'none', '-h', `${url}/`, '-F', configDir],
      {
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    process.on('exit', killOnExit);
    const keep = (data: Buffer | Error) => {
      output = `${output}${data}`.slice(-4000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.once('error', keep);

    const deadline = Date.now() + 15_000;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(
          `slapd exited (${
            child.exitCode ?? child.signalCode
          }) before accepting connections on ${url}: ${output.trim()}`,
        );
      }
      if (await canConnect(port)) {
        return { url, baseDn: slapdBaseDn, bindDn, bindPassword, stop };
      }
      if (Date.now() > deadline) {
        throw new Error(
          `slapd did not accept connections on ${url} within 15 s: ${output.trim()}`,
        );
      }
      await new Promise(resolve => setTimeout(resolve, 50));
    }
  } catch (error) {
    await stop();
    throw error;
  }
}
