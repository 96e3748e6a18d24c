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

const X86_64: SyscallTable = {
  audit: 0xc000003e,
  clone: 56,
  x32: true,
  nosys: { clone3: 435, io_uring_setup: 425, io_uring_enter: 426, io_uring_register: 427 },
  deny: {
    fork: 57,
    vfork: 58,
    execveat: 322,
    ptrace: 101,
    process_vm_readv: 310,
    process_vm_writev: 311,
    kcmp: 312,
    pidfd_getfd: 438,
    mount: 165,
    umount2: 166,
    pivot_root: 155,
    chroot: 161,
    open_tree: 428,
    move_mount: 429,
    fsopen: 430,
    fsconfig: 431,
    fsmount: 432,
    fspick: 433,
    mount_setattr: 442,
    unshare: 272,
    setns: 308,
    bpf: 321,
    perf_event_open: 298,
    userfaultfd: 323,
    add_key: 248,
    request_key: 249,
    keyctl: 250,
    init_module: 175,
    finit_module: 313,
    delete_module: 176,
    kexec_load: 246,
    kexec_file_load: 320,
    name_to_handle_at: 303,
    open_by_handle_at: 304,
    reboot: 169,
    swapon: 167,
    swapoff: 168,
    acct: 163,
    settimeofday: 164,
    clock_settime: 227,
    clock_adjtime: 305,
    adjtimex: 159,
    sethostname: 170,
    setdomainname: 171,
    iopl: 172,
    ioperm: 173,
    quotactl: 179,
    syslog: 103,
    vhangup: 153,
    personality: 135,
    uselib: 134,
    lookup_dcookie: 212,
    mbind: 237,
    set_mempolicy: 238,
    migrate_pages: 256,
    move_pages: 279,
  },
};

const AARCH64: SyscallTable = {
  audit: 0xc00000b7,
  clone: 220,
  x32: false,
  nosys: { clone3: 435, io_uring_setup: 425, io_uring_enter: 426, io_uring_register: 427 },
  deny: {
    execveat: 281,
    ptrace: 117,
    process_vm_readv: 270,
    process_vm_writev: 271,
    kcmp: 272,
    pidfd_getfd: 438,
    mount: 40,
    umount2: 39,
    pivot_root: 41,
    chroot: 51,
    open_tree: 428,
    move_mount: 429,
    fsopen: 430,
    fsconfig: 431,
    fsmount: 432,
    fspick: 433,
    mount_setattr: 442,
    unshare: 97,
    setns: 268,
    bpf: 280,
    perf_event_open: 241,
    userfaultfd: 282,
    add_key: 217,
    request_key: 218,
    keyctl: 219,
    init_module: 105,
    finit_module: 273,
    delete_module: 106,
    kexec_load: 104,
    kexec_file_load: 294,
    name_to_handle_at: 264,
    open_by_handle_at: 265,
    reboot: 142,
    swapon: 224,
    swapoff: 225,
    acct: 89,
    settimeofday: 170,
    clock_settime: 112,
    clock_adjtime: 266,
    adjtimex: 171,
    sethostname: 161,
    setdomainname: 162,
    quotactl: 60,
    syslog: 116,
    vhangup: 58,
    personality: 92,
    lookup_dcookie: 18,
    mbind: 235,
    set_mempolicy: 237,
    migrate_pages: 238,
    move_pages: 239,
  },
};

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
