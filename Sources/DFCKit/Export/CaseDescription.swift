internal import Crypto
import Foundation

/// A package's CASE/UCO description (`case.jsonld`, JSON-LD, CASE 1.x): each exhibit's
/// original as a File with its size and hashes, each extracted picture shipped as a File,
/// one ProvenanceRecord per exhibit naming its exhibit number, the actors as Persons, DFC
/// as the Tool, and one InvestigativeAction per custody event that acquired, ingested,
/// extracted or exported evidence or corrected a clock, with its performer, instrument, time,
/// object and result. Each time layer of an exhibit is an Annotation of its file (the reading as
/// written, its UTC instant and zone), each place it gives a Location with its coordinates and an
/// Annotation tying it to the file, and the original's modification time as submitted is its
/// FileFacet's `modifiedTime`.
///
/// It is made only from what the package itself holds (the exhibits' descriptions, the
/// extracted pictures' rows and the signed custody events), and its identifiers are
/// derived from their content, so `dfc verify-package` makes it again and compares.
enum CaseDescription {
    struct Exhibit {
        var id: String
        var payloadPath: String
        var originalName: String
        var size: Int64
        var sha256: String
        var sha512: String
        var frames: [(path: String, size: Int, sha256: String, frame: Int, event: Int64)]
        var timeLayers: [TimeLayer] = []
        var places: [PlaceLayer] = []
        /// What each H.264/H.265 stream's camera signatures say, one statement a stream (none in a
        /// package from before DFC checked them).
        var cameraSignatures: [String] = []
    }

    struct Event {
        var seq: Int64
        var action: String
        var actor: String
        var at: String
        var exhibit: String?
        var details: [String: String]
    }

    static let context: [String: String] = [
        "kb": "http://example.org/kb/",
        "case-investigation": "https://ontology.caseontology.org/case/investigation/",
        "uco-action": "https://ontology.unifiedcyberontology.org/uco/action/",
        "uco-core": "https://ontology.unifiedcyberontology.org/uco/core/",
        "uco-identity": "https://ontology.unifiedcyberontology.org/uco/identity/",
        "uco-location": "https://ontology.unifiedcyberontology.org/uco/location/",
        "uco-observable": "https://ontology.unifiedcyberontology.org/uco/observable/",
        "uco-tool": "https://ontology.unifiedcyberontology.org/uco/tool/",
        "uco-types": "https://ontology.unifiedcyberontology.org/uco/types/",
        "uco-vocabulary": "https://ontology.unifiedcyberontology.org/uco/vocabulary/",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
    ]

    /// What each custody action is, as an investigative action's name.
    static let actions = [
        "ingested": "ingest", "acquired": "acquisition", "extracted": "extraction", "exported": "export",
        "export_authorized": "export authorisation", "clock_corrected": "clock correction",
        "redaction_rendered": "redaction",
    ]

    /// The JSON-LD text.
    /// Without `timeAndPlace`, the description DFC made before it described time and place
    /// (no clock-correction actions, no `uco-location` prefix), which older packages hold.
    static func make(exhibits: [Exhibit], events: [Event], dfcVersion: String, timeAndPlace: Bool = true) -> String {
        var graph: [[String: Any]] = []
        let tool = id("tool", "DFC " + dfcVersion)
        graph.append(["@id": tool, "@type": "uco-tool:Tool", "uco-core:name": "DFC (Digital Media Forensics Center)",
                      "uco-tool:version": dfcVersion])
        for actor in Set(events.map(\.actor)).sorted() {
            graph.append(["@id": id("person", actor), "@type": "uco-identity:Person", "uco-core:name": actor])
        }
        var files: [String: String] = [:]
        for exhibit in exhibits {
            let file = id("file", exhibit.sha256)
            files[exhibit.id] = file
            let modified = timeAndPlace ? exhibit.timeLayers.first { $0.kind == .fileModified }?.utc : nil
            graph.append(fileNode(file, name: exhibit.originalName, size: exhibit.size,
                                  hashes: [("SHA256", exhibit.sha256), ("SHA512", exhibit.sha512)], modified: modified))
            graph += timeAndPlaceNodes(exhibit, file: file)
            graph += signatureNodes(exhibit, file: file)
            graph.append(["@id": id("provenance-record", exhibit.id), "@type": "case-investigation:ProvenanceRecord",
                          "case-investigation:exhibitNumber": exhibit.id, "uco-core:description": "Original file, as seized, of exhibit \(exhibit.id)",
                          "uco-core:object": [["@id": file]]])
            for frame in exhibit.frames {
                graph.append(fileNode(id("file", frame.sha256), name: (frame.path as NSString).lastPathComponent, size: Int64(frame.size),
                                      hashes: [("SHA256", frame.sha256)]))
            }
        }
        for event in events.sorted(by: { $0.seq < $1.seq }) {
            guard let name = actions[event.action], timeAndPlace || event.action != "clock_corrected" else { continue }
            var action: [String: Any] = [
                "@id": id("investigative-action", String(event.seq)), "@type": "case-investigation:InvestigativeAction",
                "uco-core:name": name, "uco-core:description": describe(event),
                "uco-action:startTime": ["@type": "xsd:dateTime", "@value": event.at],
                "uco-action:performer": ["@id": id("person", event.actor)],
                "uco-action:instrument": ["@id": tool],
            ]
            if let exhibit = event.exhibit, let file = files[exhibit] {
                action["uco-action:object"] = [["@id": file]]
                if event.action == "extracted" {
                    // The pictures shipped that this extraction made.
                    let made = exhibits.first { $0.id == exhibit }?.frames.filter { $0.event == event.seq } ?? []
                    if !made.isEmpty { action["uco-action:result"] = made.map { ["@id": id("file", $0.sha256)] } }
                } else if event.action == "ingested" || event.action == "acquired" {
                    action["uco-action:result"] = [["@id": id("provenance-record", exhibit)]]
                } else if event.action == "redaction_rendered", let derived = event.details["derived"].flatMap({ files[$0] }) {
                    // The redacted release, when the package ships it too.
                    action["uco-action:result"] = [["@id": derived]]
                }
            } else if event.action == "export_authorized" {
                action["uco-action:object"] = (event.details["exhibits"] ?? "").split(separator: ",").compactMap { files[String($0)] }.map { ["@id": $0] }
            }
            graph.append(action)
        }
        let document: [String: Any] = ["@context": timeAndPlace ? context : context.filter { $0.key != "uco-location" }, "@graph": graph]
        // Strings, integers and string maps only: this cannot fail, and were it to, the text would not match and say so.
        let data = (try? JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// What a custody event did, in words; a clock correction with its offset, reason and times.
    private static func describe(_ event: Event) -> String {
        var text = "custody event \(event.seq) (\(event.action))"
        if event.action == "redaction_rendered" {
            text += ": the redacted release \(event.details["derived"] ?? "?") rendered under plan version \(event.details["plan_version"] ?? "?") "
                + "(SHA-256 \(event.details["plan_digest"] ?? "?")), authorised by \(event.details["authorized_by"] ?? "?"); reason: \(event.details["reason"] ?? "")"
        }
        if event.action == "clock_corrected" {
            text += ": offset \(event.details["offset"] ?? "?") added to the clock of the layer \(event.details["layer"] ?? "?"), start "
                + "\(event.details["start_before"] ?? "?") corrected to \(event.details["start_after"] ?? "?"); reason: \(event.details["reason"] ?? "")"
            if event.details["placed"] == "true" { text += " (placing on the timeline a recording whose layers name no zone, its reading read as \(event.details["zone"] ?? "?") time)" }
            if let standing = event.details["standing"] { text += " (following the camera's correction over a time range, custody event \(standing))" }
        }
        return text
    }

    /// An Annotation of the file per stream whose camera signatures were checked.
    private static func signatureNodes(_ exhibit: Exhibit, file: String) -> [[String: Any]] {
        exhibit.cameraSignatures.enumerated().map { index, statement in
            ["@id": id("annotation", "\(exhibit.sha256) camera signature \(index)"), "@type": "uco-core:Annotation",
             "uco-core:statement": statement, "uco-core:tag": "camera-signature", "uco-core:object": [["@id": file]]]
        }
    }

    /// An Annotation of the file per time layer, and a Location with an Annotation per place.
    private static func timeAndPlaceNodes(_ exhibit: Exhibit, file: String) -> [[String: Any]] {
        var nodes: [[String: Any]] = []
        for (index, layer) in exhibit.timeLayers.enumerated() {
            let statement = "Time layer \(layer.kind.rawValue) of exhibit \(exhibit.id), read from \(layer.tag): \"\(layer.value)\" as written; "
                + (layer.utc.map { "UTC \($0)" } ?? "local clock \(layer.local), zone unknown")
                + (layer.zone == "unknown" ? "" : " (zone \(layer.zone))")
            nodes.append(["@id": id("annotation", "\(exhibit.sha256) time \(index)"), "@type": "uco-core:Annotation",
                          "uco-core:statement": statement, "uco-core:tag": "time-layer:\(layer.kind.rawValue)",
                          "uco-core:object": [["@id": file]]])
        }
        for (index, place) in exhibit.places.enumerated() {
            let location = id("location", "\(exhibit.sha256) place \(index)")
            var coordinates: [String: Any] = [
                "@id": id("lat-long-coordinates-facet", location), "@type": "uco-location:LatLongCoordinatesFacet",
                "uco-location:latitude": decimal(place.latitude), "uco-location:longitude": decimal(place.longitude),
            ]
            if let altitude = place.altitude { coordinates["uco-location:altitude"] = decimal(altitude) }
            nodes.append(["@id": location, "@type": "uco-location:Location", "uco-core:description": "\(place.iso6709) (ISO 6709, WGS 84)",
                          "uco-core:hasFacet": [coordinates]])
            nodes.append(["@id": id("annotation", "\(exhibit.sha256) place \(index)"), "@type": "uco-core:Annotation",
                          "uco-core:statement": "Exhibit \(exhibit.id)'s file gives this position, read from \(place.tag): \"\(place.value)\" as written",
                          "uco-core:tag": "place", "uco-core:object": [["@id": file], ["@id": location]]])
        }
        return nodes
    }

    /// A typed `xsd:decimal` (never an exponent), to seven places (a centimetre of latitude).
    private static func decimal(_ value: Double) -> [String: String] {
        ["@type": "xsd:decimal", "@value": String(format: "%.7f", value.isFinite ? value : 0)]
    }

    private static func fileNode(_ node: String, name: String, size: Int64, hashes: [(String, String)], modified: String? = nil) -> [String: Any] {
        var facet: [String: Any] = ["@id": id("file-facet", node), "@type": "uco-observable:FileFacet", "uco-observable:fileName": name,
                                    "uco-observable:sizeInBytes": ["@type": "xsd:integer", "@value": String(size)]]
        if let modified { facet["uco-observable:modifiedTime"] = ["@type": "xsd:dateTime", "@value": modified] }
        return [
            "@id": node, "@type": "uco-observable:File",
            "uco-core:hasFacet": [
                facet,
                ["@id": id("content-data-facet", node), "@type": "uco-observable:ContentDataFacet",
                 "uco-observable:hash": hashes.map { method, value in
                     ["@id": id("hash", method + value), "@type": "uco-types:Hash",
                      "uco-types:hashMethod": method,
                      "uco-types:hashValue": ["@type": "xsd:hexBinary", "@value": value.uppercased()]] as [String: Any]
                 }],
            ] as [[String: Any]],
        ]
    }

    /// `kb:<kind>-<UUID>`, the UUID made from SHA-256 of the kind and key (version 5's layout),
    /// so the same content always gets the same identifier.
    static func id(_ kind: String, _ key: String) -> String {
        var bytes = Array(SHA256.hash(data: Data((kind + "\n" + key).utf8)).prefix(16))
        bytes[6] = bytes[6] & 0x0f | 0x50
        bytes[8] = bytes[8] & 0x3f | 0x80
        let hex = Hex.string(bytes)
        let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
        return "kb:\(kind)-" + parts.joined(separator: "-")
    }
}
