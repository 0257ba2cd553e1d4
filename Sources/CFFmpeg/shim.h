// The FFmpeg headers DFC uses, and static inline re-exports of the macros
// Swift cannot import (function-like and expression macros). Nothing else.
#ifndef DFC_CFFMPEG_SHIM_H
#define DFC_CFFMPEG_SHIM_H

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <libavformat/avformat.h>
#include <libavformat/avio.h>
#include <libavcodec/avcodec.h>
#include <libswscale/swscale.h>
#include <libswresample/swresample.h>
#include <libavutil/audio_fifo.h>
#include <libavutil/channel_layout.h>
#include <libavutil/avutil.h>
#include <libavutil/display.h>
#include <libavutil/error.h>
#include <libavutil/imgutils.h>
#include <libavutil/log.h>
#include <libavutil/opt.h>
#include <libavutil/pixdesc.h>
#include <libavutil/avstring.h>

/// `AVERROR(e)`: FFmpeg's error code for a POSIX errno value.
static inline int dfc_averror(int e) { return AVERROR(e); }
/// `AVERROR(EAGAIN)`: the codec wants input (or output) before it can go on.
static inline int dfc_averror_eagain(void) { return AVERROR(EAGAIN); }
/// `AVERROR_EOF`: end of file or end of stream.
static inline int dfc_averror_eof(void) { return AVERROR_EOF; }
/// `AVERROR_INVALIDDATA`: invalid data found when processing input.
static inline int dfc_averror_invaliddata(void) { return AVERROR_INVALIDDATA; }
/// `AVERROR_EXIT`: an interrupt callback asked FFmpeg to stop.
static inline int dfc_averror_exit(void) { return AVERROR_EXIT; }
/// `AV_NOPTS_VALUE`: "no timestamp".
static inline int64_t dfc_nopts_value(void) { return AV_NOPTS_VALUE; }
/// `AV_TIME_BASE`: the internal time base of FFmpeg (microseconds).
static inline int dfc_time_base(void) { return AV_TIME_BASE; }
/// `AV_PIX_FMT_FLAG_PAL`: the format carries a palette in data[1].
static inline uint64_t dfc_pix_fmt_flag_pal(void) { return AV_PIX_FMT_FLAG_PAL; }
/// `AV_PIX_FMT_FLAG_HWACCEL`: the format is a hardware surface, not pixels in memory.
static inline uint64_t dfc_pix_fmt_flag_hwaccel(void) { return AV_PIX_FMT_FLAG_HWACCEL; }
/// `AV_PIX_FMT_FLAG_BITSTREAM`: the format packs pixels below byte granularity.
static inline uint64_t dfc_pix_fmt_flag_bitstream(void) { return AV_PIX_FMT_FLAG_BITSTREAM; }

/// Whether `avcl`, as handed to a log callback, is an `AVCodecContext`.
static inline int dfc_is_codec_context(void *avcl) {
    return avcl != NULL && *(const AVClass **)avcl == avcodec_get_class();
}
/// Whether `avcl`, as handed to a log callback, is an `AVFormatContext`.
static inline int dfc_is_format_context(void *avcl) {
    return avcl != NULL && *(const AVClass **)avcl == avformat_get_class();
}

/// Receives one formatted FFmpeg log line (already filtered to errors and worse).
typedef void (*dfc_log_sink)(void *avcl, int level, const char *line);
static dfc_log_sink dfc_installed_log_sink = NULL;

/// `av_log_set_callback` hands over a `va_list`, which Swift cannot take: format it here.
/// The message is FFmpeg's own format string; file names only ever arrive as arguments.
static void dfc_log_trampoline(void *avcl, int level, const char *format, va_list arguments) {
    if (level > AV_LOG_ERROR || dfc_installed_log_sink == NULL || format == NULL) return;
    char line[1024];
    vsnprintf(line, sizeof line, format, arguments);
    dfc_installed_log_sink(avcl, level, line);
}

/// Sends FFmpeg's error messages to `sink` and nothing to the terminal.
static inline void dfc_install_log_sink(dfc_log_sink sink) {
    dfc_installed_log_sink = sink;
    av_log_set_callback(dfc_log_trampoline);
}

#endif
