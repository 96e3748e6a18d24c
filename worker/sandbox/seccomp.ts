/**
 * A seccomp filter for the sandbox child, as the classic-BPF program bubblewrap's `--seccomp FD`
 * loads (the same bytes libseccomp's `seccomp_export_bpf` writes). No libseccomp needed: the
 * program is small enough to assemble here, and a test reads it back instruction by instruction.
 *
 * What it refuses (everything else is allowed; the child is a Node process with isolated-vm and
 * needs threads, mmap/mprotect, futex, epoll and its IPC socket):
 * - new processes: `fork`, `vfork`, and `clone` without CLONE_THREAD fail with EPERM (threads
 *   still start); `clone3` fails with ENOSYS, which makes glibc fall back to `clone`, whose flags
 *   the filter can read (clone3 passes them in memory, out of a filter's reach); `execveat` fails.
 *   `execve` stays allowed because bubblewrap itself executes node after loading the filter; with
 *   no fork, code that takes over the child can only replace it, inside the same walls.
 * - the kernel surfaces a JavaScript host never needs and sandbox escapes go through: ptrace and
 *   cross-process memory, mount and namespace calls, bpf, perf_event_open, userfaultfd, io_uring,
 *   keyrings, kernel modules and kexec, open_by_handle_at, clock/host/swap/reboot administration,
 *   personality, and the x32 ABI.
 * An unknown architecture gets no filter (`seccompFilter` returns null) rather than a wrong one.
 */

/** struct seccomp_data offsets. */
const NR = 0;
const ARCH = 4;
const ARG0_LOW = 16; // args[0], low 32 bits (little-endian: x86_64 and aarch64)

/** Classic BPF opcodes (linux/bpf_common.h). */
const LD_W_ABS = 0x20;
const JEQ_K = 0x15;
const JGE_K = 0x35;
const JSET_K = 0x45;
const RET_K = 0x06;

/** Seccomp return values (linux/seccomp.h). */
const RET_ALLOW = 0x7fff0000;
const RET_KILL_PROCESS = 0x80000000;
const retErrno = (errno: number): number => 0x00050000 | (errno & 0xffff);

const EPERM = 1;
const ENOSYS = 38;
const CLONE_THREAD = 0x00010000;
const X32_SYSCALL_BIT = 0x40000000;

export interface SyscallTable {
  /** AUDIT_ARCH_* of the architecture. */
  audit: number;
  /** Syscalls refused with EPERM. */
  deny: Record<string, number>;
  /** Syscalls refused with ENOSYS (the caller falls back to something the filter can check). */
  nosys: Record<string, number>;
  clone: number;
  /** Whether numbers at or above X32_SYSCALL_BIT are another ABI to refuse (x86_64's x32). */
  x32: boolean;
}

/** Refused with EPERM: name -> [x86_64, arm64] number (null: no such call there). */
const DENY: Record<string, readonly [number | null, number | null]> = {
  fork: [57, null],
  vfork: [58, null],
  execveat: [322, 281],
  ptrace: [101, 117],
  process_vm_readv: [310, 270],
  process_vm_writev: [311, 271],
  kcmp: [312, 272],
  pidfd_getfd: [438, 438],
  mount: [165, 40],
  umount2: [166, 39],
  pivot_root: [155, 41],
  chroot: [161, 51],
  open_tree: [428, 428],
  move_mount: [429, 429],
  fsopen: [430, 430],
  fsconfig: [431, 431],
  fsmount: [432, 432],
  fspick: [433, 433],
  mount_setattr: [442, 442],
  unshare: [272, 97],
  setns: [308, 268],
  bpf: [321, 280],
  perf_event_open: [298, 241],
  userfaultfd: [323, 282],
  add_key: [248, 217],
  request_key: [249, 218],
  keyctl: [250, 219],
  init_module: [175, 105],
  finit_module: [313, 273],
  delete_module: [176, 106],
  kexec_load: [246, 104],
  kexec_file_load: [320, 294],
  name_to_handle_at: [303, 264],
  open_by_handle_at: [304, 265],
  reboot: [169, 142],
  swapon: [167, 224],
  swapoff: [168, 225],
  acct: [163, 89],
  settimeofday: [164, 170],
  clock_settime: [227, 112],
  clock_adjtime: [305, 266],
  adjtimex: [159, 171],
  sethostname: [170, 161],
  setdomainname: [171, 162],
  iopl: [172, null],
  ioperm: [173, null],
  quotactl: [179, 60],
  syslog: [103, 116],
  vhangup: [153, 58],
  personality: [135, 92],
  uselib: [134, null],
  lookup_dcookie: [212, 18],
  mbind: [237, 235],
  set_mempolicy: [238, 237],
  migrate_pages: [256, 238],
  move_pages: [279, 239],
};

/** Answered with ENOSYS (the caller falls back to something the filter can check): same numbers on both. */
const NOSYS = { clone3: 435, io_uring_setup: 425, io_uring_enter: 426, io_uring_register: 427 };

function table(arch: 0 | 1, audit: number, clone: number, x32: boolean): SyscallTable {
  const deny: Record<string, number> = {};
  for (const [name, numbers] of Object.entries(DENY)) {
    const nr = numbers[arch];
    if (nr !== null) deny[name] = nr;
  }
  return { audit, clone, x32, deny, nosys: NOSYS };
}

const X86_64 = table(0, 0xc000003e, 56, true);
const AARCH64 = table(1, 0xc00000b7, 220, false);

export const SYSCALL_TABLES: Partial<Record<NodeJS.Architecture, SyscallTable>> = {
  x64: X86_64,
  arm64: AARCH64,
};

interface Insn {
  code: number;
  jt: number;
  jf: number;
  k: number;
}

const stmt = (code: number, k: number): Insn => ({ code, jt: 0, jf: 0, k });
const jump = (code: number, k: number, jt: number, jf: number): Insn => {
  if (jt > 255 || jf > 255) throw new Error("seccomp: jump out of range");
  return { code, jt, jf, k };
};

/** The filter as instructions (for tests and for `seccompFilter`). */
export function seccompProgram(table: SyscallTable): Insn[] {
  const prog: Insn[] = [];
  // Tail, in order: [clone check..] [ret EPERM] [ret ENOSYS] [ret ALLOW] [ret KILL].
  // Each rule jumps forward to one of these returns; offsets are computed from the final layout.
  const deny = Object.values(table.deny);
  const nosys = Object.values(table.nosys);
  prog.push(stmt(LD_W_ABS, ARCH));
  const archCheck = prog.push(jump(JEQ_K, table.audit, 0, 0)) - 1; // jf patched to KILL
  prog.push(stmt(LD_W_ABS, NR));
  const x32Check = table.x32 ? prog.push(jump(JGE_K, X32_SYSCALL_BIT, 0, 0)) - 1 : -1; // jt → EPERM
  const denyChecks = deny.map((nr) => prog.push(jump(JEQ_K, nr, 0, 0)) - 1); // jt → EPERM
  const nosysChecks = nosys.map((nr) => prog.push(jump(JEQ_K, nr, 0, 0)) - 1); // jt → ENOSYS
  const cloneCheck = prog.push(jump(JEQ_K, table.clone, 0, 0)) - 1; // jf → ALLOW
  prog.push(stmt(LD_W_ABS, ARG0_LOW));
  const threadCheck = prog.push(jump(JSET_K, CLONE_THREAD, 0, 0)) - 1; // jt → ALLOW, jf → EPERM
  const retEperm = prog.push(stmt(RET_K, retErrno(EPERM))) - 1;
  const retEnosys = prog.push(stmt(RET_K, retErrno(ENOSYS))) - 1;
  const retAllow = prog.push(stmt(RET_K, RET_ALLOW)) - 1;
  const retKill = prog.push(stmt(RET_K, RET_KILL_PROCESS)) - 1;
  const to = (from: number, target: number): number => {
    const off = target - from - 1;
    if (off < 0 || off > 255) throw new Error("seccomp: jump out of range");
    return off;
  };
  prog[archCheck].jf = to(archCheck, retKill);
  if (x32Check >= 0) prog[x32Check].jt = to(x32Check, retEperm);
  for (const i of denyChecks) prog[i].jt = to(i, retEperm);
  for (const i of nosysChecks) prog[i].jt = to(i, retEnosys);
  prog[cloneCheck].jf = to(cloneCheck, retAllow);
  prog[threadCheck].jt = to(threadCheck, retAllow);
  prog[threadCheck].jf = to(threadCheck, retEperm);
  return prog;
}

/** The program as struct sock_filter bytes in host byte order, or null on an unknown architecture. */
export function seccompFilter(arch: NodeJS.Architecture = process.arch): Buffer | null {
  const table = SYSCALL_TABLES[arch];
  if (!table) return null;
  const prog = seccompProgram(table);
  const buf = Buffer.alloc(prog.length * 8);
  prog.forEach((insn, i) => {
    buf.writeUInt16LE(insn.code, i * 8);
    buf.writeUInt8(insn.jt, i * 8 + 2);
    buf.writeUInt8(insn.jf, i * 8 + 3);
    buf.writeUInt32LE(insn.k >>> 0, i * 8 + 4);
  });
  return buf;
}
