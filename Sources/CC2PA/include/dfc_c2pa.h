#ifndef DFC_C2PA_H
#define DFC_C2PA_H

#include <stddef.h>

/// The few functions of c2pa-rs's C API (libc2pa_c.so, as PyPI's c2pa-python ships it) that DFC
/// uses to read Content Credentials, loaded at run time with dlopen: a system without the library
/// says "C2PA not checked" rather than failing to start. Declared here, from the C API's
/// documented signatures; nothing of the library's own headers is copied.

/// Loads the library from `path` (NULL: the default search, then /usr/local/lib). 0 when loaded;
/// otherwise -1 with the reason in `error`.
int dfc_c2pa_load(const char *path, char *error, size_t error_size);

/// Whether the library is loaded.
int dfc_c2pa_loaded(void);

/// The library's version line ("c2pa-c-ffi/0.91.3 c2pa-rs/0.91.3"), written to `buffer`.
void dfc_c2pa_version(char *buffer, size_t size);

/// Reads the manifest store of the file open at `fd` (read with pread; `fd`'s offset is left alone)
/// as `format` (a MIME type), under `settings` (JSON) in a context of its own. 0 with the reader's
/// JSON in `*json` (free it with free()); -1 with the library's error in `*error` (free it with free()).
int dfc_c2pa_read(int fd, long long length, const char *format, const char *settings, char **json, char **error);

#endif
