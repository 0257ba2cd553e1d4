#include "confinement.h"

#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SYS_landlock_create_ruleset
#define SYS_landlock_create_ruleset 444
#define SYS_landlock_restrict_self 446
#endif
#define DFC_LANDLOCK_CREATE_RULESET_VERSION (1U << 0)

// The ruleset attribute as of Landlock ABI 6; the kernel reads only the `size` bytes given.
struct dfc_landlock_ruleset_attr {
    uint64_t handled_access_fs;
    uint64_t handled_access_net;
    uint64_t scoped;
};

int dfc_set_no_new_privs(void) {
    return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
}

int dfc_set_parent_death_signal(int signal) {
    return prctl(PR_SET_PDEATHSIG, (unsigned long)signal, 0, 0, 0);
}

int dfc_install_seccomp_filter(const dfc_bpf_instruction *program, uint16_t count) {
    struct sock_fprog fprog = { .len = count, .filter = (struct sock_filter *)program };
    return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, &fprog);
}

int dfc_landlock_abi(void) {
    return (int)syscall(SYS_landlock_create_ruleset, NULL, 0, DFC_LANDLOCK_CREATE_RULESET_VERSION);
}

int dfc_landlock_create_ruleset(uint64_t handled_fs, uint64_t handled_net, uint64_t scoped, int abi) {
    struct dfc_landlock_ruleset_attr attr = { handled_fs, handled_net, scoped };
    size_t size = abi >= 6 ? sizeof attr : abi >= 4 ? offsetof(struct dfc_landlock_ruleset_attr, scoped)
                                                    : offsetof(struct dfc_landlock_ruleset_attr, handled_access_net);
    return (int)syscall(SYS_landlock_create_ruleset, &attr, size, 0);
}

int dfc_landlock_restrict_self(int ruleset) {
    return (int)syscall(SYS_landlock_restrict_self, ruleset, 0);
}
