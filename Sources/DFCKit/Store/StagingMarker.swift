import Foundation

/// A note in the store's `tmp/`, named under its writer's staging lease (`StagingLease`), of what
/// a command has begun outside the store: the next command that finds the lease abandoned finds
/// the note, and removes what it names.
protocol StagingMarker: Codable, Sendable {}

/// What an export that has not finished leaves in the store's `tmp/`: where its package is
/// being built (a hidden folder beside the destination), and the export's own identifier, which
/// its `export_authorized` event repeats once it is recorded. A later command that finds it
/// abandoned removes the folder, and records an export that was recorded but never delivered.
struct ExportMarker: StagingMarker {
    /// The marker file's name begins so (`export-PID-LEASE-….json`).
    static let prefix = "export"

    var id: String
    var staging: String
    var destination: String
    var exhibits: [String]
}

extension StagingMarker {
    /// Writes the marker whole (a new file renamed over the old), flushed.
    func write(to path: String) throws {
        let temporary = path + ".new"
        unlink(temporary)
        try FileWriting.createReadOnly(temporary, Array(try CanonicalJSON.data(self)))
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw DFCError.storeIO(path: path, reason: "cannot record what this command has begun outside the store: \(errnoDescription())")
        }
    }
}

/// What an extraction that has not finished has begun outside the store: the hidden `.partial`
/// files it writes beside the pictures' final names.
struct ExtractionMarker: StagingMarker {
    /// The marker file's name begins so (`extract-PID-LEASE-….json`).
    static let prefix = "extract"
    var partials: [String]
}
