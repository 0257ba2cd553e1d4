// Non-variadic wrappers for the Linux system calls that confine a worker process.
// Swift cannot call variadic C functions (`prctl`, `syscall`), and glibc 2.36 has no
// wrappers for Landlock. The policy itself (which calls to refuse, which rights to
// drop) is written in Swift; this is only the doorway to the kernel.
#ifndef DFC_CCONFINEMENT_H
#define DFC_CCONFINEMENT_H

#include <stdint.h>

/// One classic BPF instruction (`struct sock_filter`).
typedef struct {
    uint16_t code;
    uint8_t jt;
    uint8_t jf;
    uint32_t k;
} dfc_bpf_instruction;

/// `prctl(PR_SET_NO_NEW_PRIVS, 1)`: no execve may gain privileges from now on. 0 or -1 (errno).
int dfc_set_no_new_privs(void);

/// `prctl(PR_SET_PDEATHSIG, signal)`: the kernel sends `signal` to this process when the thread
/// that made it (its parent) ends. 0 or -1 (errno).
int dfc_set_parent_death_signal(int signal);

/// Installs a seccomp filter on every thread of the process
/// (`seccomp(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, …)`). 0 or -1 (errno).
int dfc_install_seccomp_filter(const dfc_bpf_instruction *program, uint16_t count);

/// The Landlock ABI version the kernel offers, or -1 (errno: ENOSYS, EOPNOTSUPP when disabled).
int dfc_landlock_abi(void);

/// Creates a Landlock ruleset that handles these rights (`net` needs ABI 4, `scoped` ABI 6;
/// pass 0 where the kernel is older). Returns its descriptor, or -1 (errno).
int dfc_landlock_create_ruleset(uint64_t handled_fs, uint64_t handled_net, uint64_t scoped, int abi);

/// Restricts this process (every thread from ABI 8 on; otherwise the calling thread and the
/// threads it creates later) to `ruleset`. 0 or -1 (errno).
int dfc_landlock_restrict_self(int ruleset);

#endif
