internal import Crypto
import Foundation

/// A row of `derived_frame`: one picture extracted as PNG. Rows are never updated or
/// deleted; the `extracted` event of `eventSeq` commits to them with `digest(of:)`.
struct DerivedFrameRecord: Codable, Sendable, CatalogRecord {
    static let table = "derived_frame"
    static let key = "id"

    var id: Int64?
    var exhibitID: Int64
    var analysis: Int
    var stream: Int
    var index: Int
    var pts: Int64?
    var ptsSeconds: Double?
    var frameSHA256: String
    var pngSHA256: String
    var pngSize: Int
    var width: Int
    var height: Int
    var conversion: String
    var rotation: Int
    var displayRotation: Int
    var storedPath: String
    var eventSeq: Int64

    enum CodingKeys: String, CodingKey {
        case id, analysis, stream, pts, width, height, conversion, rotation
        case exhibitID = "exhibit_id", index = "idx", ptsSeconds = "pts_seconds", frameSHA256 = "frame_sha256"
        case pngSHA256 = "png_sha256", pngSize = "png_size", displayRotation = "display_rotation"
        case storedPath = "stored_path", eventSeq = "event_seq"
    }


    /// SHA-256 over one line per row (every column but `id` and `event_seq`, `|`-separated,
    /// in the order given): what an `extracted` event records as `derived_digest`.
    static func digest(of rows: [DerivedFrameRecord]) -> String {
        var hasher = SHA256()
        for row in rows {
            let fields: [String] = [
                ExhibitID(row.exhibitID).description, String(row.analysis), String(row.stream), String(row.index),
                row.pts.map(String.init) ?? "", row.ptsSeconds.map { String($0) } ?? "", row.frameSHA256, row.pngSHA256,
                String(row.pngSize), String(row.width), String(row.height), row.conversion, String(row.rotation),
                String(row.displayRotation), row.storedPath,
            ]
            hasher.update(data: Data((fields.joined(separator: "|") + "\n").utf8))
        }
        return Hex.string(hasher.finalize())
    }

    var entry: ExtractedFrame {
        ExtractedFrame(exhibit: ExhibitID(exhibitID), analysis: analysis, stream: stream, frame: index, pts: pts, ptsSeconds: ptsSeconds,
                       frameSHA256: frameSHA256, pngSHA256: pngSHA256, pngSize: pngSize, width: width, height: height,
                       conversion: conversion, rotation: rotation, displayRotation: displayRotation, storedPath: storedPath,
                       event: eventSeq)
    }
}
