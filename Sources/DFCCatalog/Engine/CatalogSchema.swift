internal import Crypto
import Foundation
import DFCCore
import DFCLedger

/// A catalog's schema as a set of named objects, each with the digest of its definition: every
/// table (with its columns and row-security flags), index, constraint, trigger, view, rule,
/// policy and function, and on PostgreSQL the settings its roles and database carry. The schema is
/// evidence as much as the rows: a trigger planted by hand can drop or rewrite a row between the
/// values DFC signs and the row it stores, a policy can hide an exhibit from a lookup. DFC knows the
/// schema its named migrations make (`SQLiteCatalog.expectedSchema`, `PostgresCatalog.expectedSchema`)
/// and writes nothing into a catalog whose schema differs; the audit names every difference.
package struct CatalogSchema: Equatable, Sendable {
    /// Each object's name (`trigger zz on finding`) and the digest of its definition.
    package let objects: [String: String]

    package init(objects: [String: String]) { self.objects = objects }

    /// The schema whose objects have these definitions (digested here).
    package init(definitions: [(name: String, definition: String)]) {
        let grouped = Dictionary(grouping: definitions, by: \.name)
        objects = grouped.mapValues { Self.digest($0.map(\.definition).sorted().joined(separator: "\n")) }
    }

    /// The schema written one object a line, `NAME<TAB>DIGEST`, as `text` gives it.
    package init(lines: String) {
        var objects: [String: String] = [:]
        for line in lines.split(separator: "\n") {
            guard let tab = line.lastIndex(of: "\t") else { continue }
            objects[String(line[..<tab])] = String(line[line.index(after: tab)...])
        }
        self.objects = objects
    }

    /// One object a line, sorted by name: what `init(lines:)` reads.
    package var text: String {
        objects.keys.sorted().map { "\($0)\t\(objects[$0] ?? "")" }.joined(separator: "\n") + "\n"
    }

    /// The first 64 bits of a definition's SHA-256, in hex: enough to tell a changed object.
    package static func digest(_ definition: String) -> String {
        SHA256.hash(data: Data(definition.utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    /// What differs from `expected`, one sentence an object: added, missing or changed.
    package func changes(from expected: CatalogSchema) -> [String] {
        var changes: [String] = []
        for name in Set(objects.keys).union(expected.objects.keys).sorted() {
            switch (objects[name], expected.objects[name]) {
            case (.some, nil): changes.append("\(name) was added")
            case (nil, .some): changes.append("\(name) is missing")
            case (let here?, let known?) where here != known: changes.append("\(name) was changed")
            default: break
            }
        }
        return changes
    }
}

/// A catalog whose schema is not the one DFC's migrations make: nothing is written into it.
package struct CatalogSchemaChanged: Error, CustomStringConvertible {
    /// Each difference, naming its object.
    package let changes: [String]

    package var description: String {
        let shown = changes.prefix(5).joined(separator: "; ")
        return "the catalog's schema is not the one DFC's migrations make (\(shown)"
            + (changes.count > 5 ? "; and \(changes.count - 5) more" : "")
            + "): it was changed outside DFC, so DFC records nothing in it and answers nothing from it; run dfc audit"
    }

    package init(changes: [String]) {
        self.changes = changes
    }
}
