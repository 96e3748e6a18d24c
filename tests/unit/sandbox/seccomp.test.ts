/**
 * The seccomp program of the sandbox child (worker/sandbox/seccomp.ts), run through a small
 * classic-BPF interpreter: every listed syscall is refused with its errno, clone is refused
 * unless it makes a thread, another architecture's syscalls kill the process, and ordinary calls
 * pass. The kernel side (bwrap loads it, node runs under it, a spawn fails with EPERM) is in
 * bwrap.test.ts.
 */
import { describe, expect, test } from "vitest";
import { SYSCALL_TABLES, seccompFilter, seccompProgram, type SyscallTable } from "../../../worker/sandbox/seccomp";

const ALLOW = 0x7fff0000;
const KILL_PROCESS = 0x80000000;
const errno = (n: number): number => 0x00050000 | n;
const CLONE_THREAD = 0x00010000;

interface Call {
  nr: number;
  arch: number;
  args?: number[];
}

/** Runs a classic-BPF seccomp program (the opcodes seccomp.ts emits) over one syscall. */
function run(bytes: Buffer, call: Call): number {
  const word = (off: number): number => {
    if (off === 0) return call.nr >>> 0;
    if (off === 4) return call.arch >>> 0;
    if (off >= 16 && off < 64 && off % 8 === 0) return (call.args?.[(off - 16) / 8] ?? 0) >>> 0;
    throw new Error(`load of offset ${off}`);
  };
  let acc = 0;
  for (let pc = 0; pc * 8 < bytes.length;) {
    const code = bytes.readUInt16LE(pc * 8);
    const jt = bytes.readUInt8(pc * 8 + 2);
    const jf = bytes.readUInt8(pc * 8 + 3);
    const k = bytes.readUInt32LE(pc * 8 + 4);
    pc++;
    switch (code) {
      case 0x20: // ld [k]
        acc = word(k);
        break;
      case 0x15: // jeq #k
        pc += acc === k ? jt : jf;
        break;
      case 0x35: // jge #k
        pc += acc >= k ? jt : jf;
        break;
      case 0x45: // jset #k
        pc += (acc & k) !== 0 ? jt : jf;
        break;
      case 0x06: // ret #k
        return k;
      default:
        throw new Error(`opcode ${code.toString(16)}`);
    }
  }
  throw new Error("fell off the end of the program");
}

const X64 = SYSCALL_TABLES.x64 as SyscallTable;
const ARM64 = SYSCALL_TABLES.arm64 as SyscallTable;
const bytesOf = (arch: "x64" | "arm64"): Buffer => seccompFilter(arch) as Buffer;

describe.each([
  ["x64", X64, { read: 0, write: 1, mmap: 9, futex: 202, execve: 59, epoll_wait: 232 }],
  ["arm64", ARM64, { read: 63, write: 64, mmap: 222, futex: 98, execve: 221, epoll_pwait: 22 }],
] as const)("%s filter", (arch, table, allowed) => {
  const bytes = bytesOf(arch);

  test("is a whole number of instructions that ends in returns", () => {
    expect(bytes.length % 8).toBe(0);
    expect(bytes.length / 8).toBe(seccompProgram(table).length);
    expect(bytes.length / 8).toBeLessThan(4096); // BPF_MAXINSNS
  });

  test.each(Object.entries(table.deny))("refuses %s with EPERM", (_name, nr) => {
    expect(run(bytes, { nr, arch: table.audit })).toBe(errno(1));
  });

  test.each(Object.entries(table.nosys))("answers %s with ENOSYS (the caller falls back)", (_name, nr) => {
    expect(run(bytes, { nr, arch: table.audit })).toBe(errno(38));
  });

  test("allows what a Node process needs", () => {
    for (const nr of Object.values(allowed)) expect(run(bytes, { nr, arch: table.audit })).toBe(ALLOW);
  });

  test("clone: a thread is allowed, a process is refused", () => {
    const pthread = 0x3d0f00; // glibc's pthread_create flags: CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|...
    expect(pthread & CLONE_THREAD).not.toBe(0);
    expect(run(bytes, { nr: table.clone, arch: table.audit, args: [pthread] })).toBe(ALLOW);
    const forkFlags = 0x01200011; // glibc fork(): CLONE_CHILD_SETTID|CLONE_CHILD_CLEARTID|SIGCHLD
    expect(run(bytes, { nr: table.clone, arch: table.audit, args: [forkFlags] })).toBe(errno(1));
    const vforkFlags = 0x4111; // CLONE_VM|CLONE_VFORK|SIGCHLD (posix_spawn)
    expect(run(bytes, { nr: table.clone, arch: table.audit, args: [vforkFlags] })).toBe(errno(1));
  });

  test("a syscall of another architecture kills the process", () => {
    const other = arch === "x64" ? ARM64.audit : X64.audit;
    expect(run(bytes, { nr: 0, arch: other })).toBe(KILL_PROCESS);
    expect(run(bytes, { nr: 0, arch: 0x40000003 /* i386 through int 0x80 */ })).toBe(KILL_PROCESS);
  });
});

test("x64: the x32 ABI is refused", () => {
  expect(run(bytesOf("x64"), { nr: 0x40000000 | 0, arch: X64.audit })).toBe(errno(1));
  expect(run(bytesOf("x64"), { nr: 0x40000000 | 57, arch: X64.audit })).toBe(errno(1));
});

test("an architecture without a table gets no filter rather than a wrong one", () => {
  expect(seccompFilter("ppc64")).toBeNull();
});
