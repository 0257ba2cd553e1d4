#define _GNU_SOURCE
#include "dfc_c2pa.h"

#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <sys/types.h>

typedef struct C2paStream C2paStream;
typedef struct C2paReader C2paReader;
typedef struct C2paSettings C2paSettings;
typedef struct C2paContextBuilder C2paContextBuilder;
typedef struct C2paContext C2paContext;
typedef struct StreamContext StreamContext;
typedef intptr_t (*read_callback)(StreamContext *context, uint8_t *data, intptr_t length);
typedef intptr_t (*seek_callback)(StreamContext *context, intptr_t offset, int mode);
typedef intptr_t (*write_callback)(StreamContext *context, const uint8_t *data, intptr_t length);
typedef intptr_t (*flush_callback)(StreamContext *context);

static struct {
    void *handle;
    C2paStream *(*create_stream)(StreamContext *, read_callback, seek_callback, write_callback, flush_callback);
    void (*release_stream)(C2paStream *);
    C2paReader *(*reader_from_stream)(const char *, C2paStream *);
    char *(*reader_json)(C2paReader *);
    void (*reader_free)(C2paReader *);
    void (*string_free)(char *);
    char *(*error)(void);
    char *(*version)(void);
    C2paSettings *(*settings_new)(void);
    int (*settings_update_from_string)(C2paSettings *, const char *, const char *);
    C2paContextBuilder *(*context_builder_new)(void);
    int (*context_builder_set_settings)(C2paContextBuilder *, C2paSettings *);
    C2paContext *(*context_builder_build)(C2paContextBuilder *);
    C2paReader *(*reader_from_context)(C2paContext *);
    C2paReader *(*reader_with_stream)(C2paReader *, const char *, C2paStream *);
    int (*free_pointer)(void *);
} api;

int dfc_c2pa_loaded(void) { return api.handle != NULL; }

int dfc_c2pa_load(const char *path, char *error, size_t error_size) {
    if (api.handle) return 0;
    const char *tries[] = {path, path ? NULL : "libc2pa_c.so", path ? NULL : "/usr/local/lib/libc2pa_c.so"};
    void *handle = NULL;
    for (size_t i = 0; i < 3 && !handle; i++) {
        if (tries[i]) handle = dlopen(tries[i], RTLD_NOW | RTLD_LOCAL);
    }
    if (!handle) {
        snprintf(error, error_size, "%s", dlerror() ? dlerror() : "libc2pa_c.so not found");
        return -1;
    }
#define FIND(field, name) *(void **)(&api.field) = dlsym(handle, name); \
    if (!api.field) { snprintf(error, error_size, "libc2pa_c.so has no %s", name); dlclose(handle); memset(&api, 0, sizeof api); return -1; }
    FIND(create_stream, "c2pa_create_stream")
    FIND(release_stream, "c2pa_release_stream")
    FIND(reader_from_stream, "c2pa_reader_from_stream")
    FIND(reader_json, "c2pa_reader_json")
    FIND(reader_free, "c2pa_reader_free")
    FIND(string_free, "c2pa_string_free")
    FIND(error, "c2pa_error")
    FIND(version, "c2pa_version")
    FIND(settings_new, "c2pa_settings_new")
    FIND(settings_update_from_string, "c2pa_settings_update_from_string")
    FIND(context_builder_new, "c2pa_context_builder_new")
    FIND(context_builder_set_settings, "c2pa_context_builder_set_settings")
    FIND(context_builder_build, "c2pa_context_builder_build")
    FIND(reader_from_context, "c2pa_reader_from_context")
    FIND(reader_with_stream, "c2pa_reader_with_stream")
    FIND(free_pointer, "c2pa_free")
#undef FIND
    api.handle = handle;
    return 0;
}

void dfc_c2pa_version(char *buffer, size_t size) {
    if (!api.handle || size == 0) { if (size) buffer[0] = 0; return; }
    char *text = api.version();
    snprintf(buffer, size, "%s", text ? text : "");
    if (text) api.string_free(text);
}

/// The library's last error, copied with malloc (or a fixed text).
static char *last_error(void) {
    char *text = api.error ? api.error() : NULL;
    char *copy = strdup(text ? text : "the C2PA library gave no reason");
    if (text) api.string_free(text);
    return copy;
}

struct StreamContext {
    int fd;
    int64_t position;
    int64_t length;
};

static intptr_t stream_read(StreamContext *context, uint8_t *data, intptr_t length) {
    if (length <= 0 || context->position >= context->length) return 0;
    if (length > context->length - context->position) length = (intptr_t)(context->length - context->position);
    ssize_t count;
    do { count = pread(context->fd, data, (size_t)length, context->position); } while (count < 0 && errno == EINTR);
    if (count < 0) return -1;
    context->position += count;
    return count;
}

static intptr_t stream_seek(StreamContext *context, intptr_t offset, int mode) {
    int64_t base = mode == 0 ? 0 : mode == 1 ? context->position : context->length;
    int64_t target = base + offset;
    if (target < 0) return -1;
    context->position = target;
    return (intptr_t)target;
}

static intptr_t stream_write(StreamContext *context, const uint8_t *data, intptr_t length) {
    (void)context; (void)data; (void)length;
    return -1;   // the evidence is read, never written
}

static intptr_t stream_flush(StreamContext *context) {
    (void)context;
    return 0;
}

int dfc_c2pa_read(int fd, long long length, const char *format, const char *settings_json, char **json, char **error) {
    *json = NULL;
    *error = NULL;
    if (!api.handle) { *error = strdup("the C2PA library is not loaded"); return -1; }
    // Settings of this read's own, in a context of its own: nothing carries over to the next file.
    C2paSettings *settings = api.settings_new();
    if (!settings) { *error = last_error(); return -1; }
    if (api.settings_update_from_string(settings, settings_json, "json") != 0) {
        *error = last_error();
        api.free_pointer(settings);
        return -1;
    }
    C2paContextBuilder *builder = api.context_builder_new();
    if (!builder) { *error = last_error(); api.free_pointer(settings); return -1; }
    if (api.context_builder_set_settings(builder, settings) != 0) {
        *error = last_error();
        api.free_pointer(builder);
        api.free_pointer(settings);
        return -1;
    }
    C2paContext *context = api.context_builder_build(builder);   // consumes the builder
    api.free_pointer(settings);
    if (!context) { *error = last_error(); return -1; }
    StreamContext stream_context = {fd, 0, length};
    C2paStream *stream = api.create_stream(&stream_context, stream_read, stream_seek, stream_write, stream_flush);
    if (!stream) { *error = last_error(); api.free_pointer(context); return -1; }
    C2paReader *reader = api.reader_from_context(context);
    if (reader) reader = api.reader_with_stream(reader, format, stream);   // consumes the first reader
    if (!reader) {
        *error = last_error();
        api.release_stream(stream);
        api.free_pointer(context);
        return -1;
    }
    char *text = api.reader_json(reader);
    int status = 0;
    if (text) {
        *json = strdup(text);
        api.string_free(text);
    } else {
        *error = last_error();
        status = -1;
    }
    api.reader_free(reader);
    api.release_stream(stream);
    api.free_pointer(context);
    return status;
}
