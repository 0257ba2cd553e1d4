internal import Crypto
import Foundation
import DFCCore
import DFCLedger

/// A row of `derived_frame`: one picture extracted as PNG. Rows are never updated or
/// deleted; the `extracted` event of `eventSeq` commits to them with `digest(of:)`.
package struct DerivedFrameRecord: Codable, Sendable, CatalogRecord {
    package static let table = "derived_frame"
    package static let key = "id"

    package var id: Int64?
    package var exhibitID: Int64
    package var analysis: Int
    package var stream: Int
    package var index: Int
    package var pts: Int64?
    package var ptsSeconds: Double?
    package var frameSHA256: String
    package var pngSHA256: String
    package var pngSize: Int
    package var width: Int
    package var height: Int
    package var conversion: String
    package var rotation: Int
    package var displayRotation: Int
    package var storedPath: String
    package var eventSeq: Int64

    package enum CodingKeys: String, CodingKey {
        case id, analysis, stream, pts, width, height, conversion, rotation
        case exhibitID = "exhibit_id", index = "idx", ptsSeconds = "pts_seconds", frameSHA256 = "frame_sha256"
        case pngSHA256 = "png_sha256", pngSize = "png_size", displayRotation = "display_rotation"
        case storedPath = "stored_path", eventSeq = "event_seq"
    }


    /// SHA-256 over one line per row (every column but `id` and `event_seq`, `|`-separated,
    /// in the order given): what an `extracted` event records as `derived_digest`.
    package static func digest(of rows: [DerivedFrameRecord]) -> String {
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

    package var entry: ExtractedFrame {
        ExtractedFrame(exhibit: ExhibitID(exhibitID), analysis: analysis, stream: stream, frame: index, pts: pts, ptsSeconds: ptsSeconds,
                       frameSHA256: frameSHA256, pngSHA256: pngSHA256, pngSize: pngSize, width: width, height: height,
                       conversion: conversion, rotation: rotation, displayRotation: displayRotation, storedPath: storedPath,
                       event: eventSeq)
    }

    package init(id: Int64? = nil, exhibitID: Int64, analysis: Int, stream: Int, index: Int, pts: Int64? = nil, ptsSeconds: Double? = nil, frameSHA256: String, pngSHA256: String, pngSize: Int, width: Int, height: Int, conversion: String, rotation: Int, displayRotation: Int, storedPath: String, eventSeq: Int64) {
        self.id = id
        self.exhibitID = exhibitID
        self.analysis = analysis
        self.stream = stream
        self.index = index
        self.pts = pts
        self.ptsSeconds = ptsSeconds
        self.frameSHA256 = frameSHA256
        self.pngSHA256 = pngSHA256
        self.pngSize = pngSize
        self.width = width
        self.height = height
        self.conversion = conversion
        self.rotation = rotation
        self.displayRotation = displayRotation
        self.storedPath = storedPath
        self.eventSeq = eventSeq
    }
}
