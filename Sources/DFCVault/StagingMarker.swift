import Foundation
import DFCCore

/// A note in the store's `tmp/`, named under its writer's staging lease (`StagingLease`), of what
/// a command has begun outside the store: the next command that finds the lease abandoned finds
/// the note, and removes what it names.
package protocol StagingMarker: Codable, Sendable {}

/// What an export that has not finished leaves in the store's `tmp/`: where its package is
/// being built (a hidden folder beside the destination), and the export's own identifier, which
/// its `export_authorized` event repeats once it is recorded. A later command that finds it
/// abandoned removes the folder, and records an export that was recorded but never delivered.
package struct ExportMarker: StagingMarker {
    /// The marker file's name begins so (`export-PID-LEASE-….json`).
    package static let prefix = "export"

    package var id: String
    package var staging: String
    package var destination: String
    package var exhibits: [String]

    package init(id: String, staging: String, destination: String, exhibits: [String]) {
        self.id = id
        self.staging = staging
        self.destination = destination
        self.exhibits = exhibits
    }
}

extension StagingMarker {
    /// Writes the marker whole (a new file renamed over the old), flushed.
    package func write(to path: String) throws {
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
package struct ExtractionMarker: StagingMarker {
    /// The marker file's name begins so (`extract-PID-LEASE-….json`).
    package static let prefix = "extract"
    package var partials: [String]

    package init(partials: [String]) {
        self.partials = partials
    }
}
