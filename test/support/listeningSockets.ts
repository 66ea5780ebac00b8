// The TCP sockets listening on this machine, from /proc/net/tcp and /proc/net/tcp6 (Linux): what
// `ss -ltn` shows, without depending on ss. Each with its local address, its port and the inode
// that ties it to a process's file descriptors.
import { existsSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';

/** One listening socket. */
export interface ListeningSocket {
  /** 127.0.0.1, 0.0.0.0, ::, ::1, ::ffff:127.0.0.1, … */
  address: string;
  port: number;
  inode: string;
}

const LISTEN = '0A';

/** True where /proc/net/tcp can be read (Linux). */
export const canListSockets = existsSync('/proc/net/tcp');

/** Every listening TCP socket, IPv4 and IPv6. */
export function listeningSockets(): ListeningSocket[] {
  return [...parse('/proc/net/tcp', ipv4), ...parse('/proc/net/tcp6', ipv6)];
}

/** The listening sockets on `port`. */
export function socketsOnPort(port: number): ListeningSocket[] {
  return listeningSockets().filter((socket) => socket.port === port);
}

/** The listening sockets held by process `pid` and its descendants (a JVM it spawned, say). */
export function listeningSocketsOf(pid: number): ListeningSocket[] {
  const inodes = new Set(processTree(pid).flatMap(socketInodes));
  return listeningSockets().filter((socket) => inodes.has(socket.inode));
}

/** The processes holding a socket that listens on `port` (the JVM of a DynamoDB Local, say). */
export function processesListeningOn(port: number): number[] {
  const inodes = new Set(socketsOnPort(port).map((socket) => socket.inode));
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => socketInodes(pid).some((inode) => inodes.has(inode)));
}

/** `pid` and every process below it. */
export function processTree(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name, in parentheses, may hold spaces: the fields after its last ')' are fixed.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i += 1) {
    for (const [child, parent] of parents) if (parent === tree[i]) tree.push(child);
  }
  return tree;
}

function socketInodes(pid: number): string[] {
  try {
    return readdirSync(`/proc/${pid}/fd`).flatMap((fd) => {
      try {
        return [/^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1] ?? ''].filter(Boolean);
      } catch {
        return [];
      }
    });
  } catch {
    return [];
  }
}

/** True for an address only this machine can reach. */
export function isLoopback(address: string): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

function parse(file: string, decode: (hex: string) => string): ListeningSocket[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[3] === LISTEN)
    .map((fields) => {
      const [hexAddress, hexPort] = fields[1].split(':');
      return { address: decode(hexAddress), port: Number.parseInt(hexPort, 16), inode: fields[9] };
    });
}

// Little-endian 32-bit words, as the kernel prints them.
function ipv4(hex: string): string {
  return [6, 4, 2, 0].map((at) => Number.parseInt(hex.slice(at, at + 2), 16)).join('.');
}

function ipv6(hex: string): string {
  const bytes: number[] = [];
  for (let word = 0; word < 4; word += 1) {
    const chunk = hex.slice(word * 8, word * 8 + 8);
    for (const at of [6, 4, 2, 0]) bytes.push(Number.parseInt(chunk.slice(at, at + 2), 16));
  }
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff)
    return `::ffff:${bytes.slice(12).join('.')}`;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
  const text = groups.join(':');
  if (text === '0:0:0:0:0:0:0:0') return '::';
  if (text === '0:0:0:0:0:0:0:1') return '::1';
  return text;
}
