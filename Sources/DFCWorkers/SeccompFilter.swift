package import CConfinement
import Glibc
import DFCCore
import DFCMedia

/// The worker's seccomp program, in classic BPF: refuse what an analysis never needs.
/// See `Confinement` for the policy.
package enum SeccompFilter {
    private struct Calls {
        package let architecture: UInt32
        package let sockets: [UInt32]
        package let processes: [UInt32]
        package let clone: UInt32
        package let clone3: UInt32
        /// Numbers at or above this belong to another ABI (x32); 0 for none.
        package let foreignABIFloor: UInt32
    }

    #if arch(x86_64)
    private static let calls = Calls(
        architecture: 0xC000_003E,                              // AUDIT_ARCH_X86_64
        sockets: [41, 53],                                      // socket, socketpair
        processes: [59, 322, 57, 58, 101],                      // execve, execveat, fork, vfork, ptrace
        clone: 56, clone3: 435, foreignABIFloor: 0x4000_0000)
    #elseif arch(arm64)
    private static let calls = Calls(
        architecture: 0xC000_00B7,                              // AUDIT_ARCH_AARCH64
        sockets: [198, 199],
        processes: [221, 281, 117],
        clone: 220, clone3: 435, foreignABIFloor: 0)
    #endif

    // BPF opcodes and seccomp return values (linux/filter.h, linux/seccomp.h).
    private static let loadWord: UInt16 = 0x20          // BPF_LD | BPF_W | BPF_ABS
    private static let jumpIfEqual: UInt16 = 0x15       // BPF_JMP | BPF_JEQ | BPF_K
    private static let jumpIfAtLeast: UInt16 = 0x35     // BPF_JMP | BPF_JGE | BPF_K
    private static let jumpIfBitsSet: UInt16 = 0x45     // BPF_JMP | BPF_JSET | BPF_K
    private static let ret: UInt16 = 0x06               // BPF_RET | BPF_K
    private static let allow: UInt32 = 0x7FFF_0000
    private static let killProcess: UInt32 = 0x8000_0000
    private static func error(_ code: Int32) -> UInt32 { 0x0005_0000 | UInt32(code) }
    private static let cloneThread: UInt32 = 0x0001_0000

    // Offsets in `struct seccomp_data`.
    private static let numberOffset: UInt32 = 0
    private static let architectureOffset: UInt32 = 4
    private static let firstArgumentOffset: UInt32 = 16   // low 32 bits (little-endian)

    package static func workerPolicy() -> [dfc_bpf_instruction] {
        func op(_ code: UInt16, _ k: UInt32, _ jt: UInt8 = 0, _ jf: UInt8 = 0) -> dfc_bpf_instruction {
            dfc_bpf_instruction(code: code, jt: jt, jf: jf, k: k)
        }
        var program = [
            op(loadWord, architectureOffset),
            op(jumpIfEqual, calls.architecture, 1, 0),
            op(ret, killProcess),
            op(loadWord, numberOffset),
        ]
        if calls.foreignABIFloor != 0 {
            program += [op(jumpIfAtLeast, calls.foreignABIFloor, 0, 1), op(ret, killProcess)]
        }
        for number in calls.sockets { program += [op(jumpIfEqual, number, 0, 1), op(ret, error(EACCES))] }
        for number in calls.processes { program += [op(jumpIfEqual, number, 0, 1), op(ret, error(EPERM))] }
        program += [op(jumpIfEqual, calls.clone3, 0, 1), op(ret, error(ENOSYS))]
        program += [
            op(jumpIfEqual, calls.clone, 0, 4),   // not clone: to the last instruction
            op(loadWord, firstArgumentOffset),
            op(jumpIfBitsSet, cloneThread, 0, 1),
            op(ret, allow),
            op(ret, error(EPERM)),
        ]
        program.append(op(ret, allow))
        return program
    }
}
