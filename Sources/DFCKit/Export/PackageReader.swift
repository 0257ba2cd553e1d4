import Foundation

/// Reads what an export package holds, for `verify-package` and for the package's own
/// CASE description. Reads only the package; every value is checked by the caller.
struct PackageReader {
    let root: String

    struct ReadError: Error, CustomStringConvertible {
        let description: String
    }

    /// The exhibits the package describes (`dfc/exhibits/*/exhibit.json`), by exhibit number.
    func exhibits() throws -> [CaseDescription.Exhibit] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: root + "/" + PackageLayout.exhibits)) ?? []).sorted()
        return try names.map { name in
            let object = try jsonObject(PackageLayout.description(name))
            guard object["exhibit"] as? String == name, let sha256 = object["sha256"] as? String, let sha512 = object["sha512"] as? String,
                  let size = (object["size"] as? NSNumber)?.int64Value, let originalName = object["original_name"] as? String else {
                throw ReadError(description: "\(PackageLayout.description(name)): not the description of exhibit \(name)")
            }
            let frames = try extractedFrames(name).map { frame in
                (path: PackageLayout.extractedFrame(name, event: frame.event, name: frame.name), size: frame.size, sha256: frame.sha256, frame: frame.frame,
                 event: frame.event)
            }
            let time = try timeAndPlace(name)
            return CaseDescription.Exhibit(id: name, payloadPath: PackageLayout.payloadFolder(name) + "/" + PackageLayout.safeName(originalName),
                                           originalName: originalName, size: size, sha256: sha256, sha512: sha512, frames: frames,
                                           timeLayers: time.timeLayers ?? [], places: time.places ?? [],
                                           cameraSignatures: Self.cameraSignatures(name, object["streams"] as? [[String: Any]] ?? [])
                                               + Self.contentCredentials(name, (object["container_info"] as? [String: Any])?["content_credentials"] as? [String: Any]))
        }
    }

    /// The statement of an exhibit description's C2PA Content Credentials, when they were checked.
    static func contentCredentials(_ exhibit: String, _ credentials: [String: Any]?) -> [String] {
        guard let credentials, let state = credentials["state"] as? String else { return [] }
        let codes = (credentials["status_codes"] as? [String]) ?? []
        var statement: String
        switch state {
        case "not_present": statement = "The file of exhibit \(exhibit) carries no C2PA Content Credentials"
        case "not_checked": statement = "The C2PA Content Credentials of the file of exhibit \(exhibit) were not checked: \(credentials["reason"] as? String ?? "")"
        default: statement = "The file of exhibit \(exhibit) carries C2PA Content Credentials: \(state)"
        }
        if !codes.isEmpty { statement += " (\(codes.joined(separator: ", ")))" }
        if let signer = credentials["signer_name"] as? String { statement += "; signer \(signer), issued by \(credentials["signer_issuer"] as? String ?? "?")" }
        if let generator = credentials["claim_generator"] as? String { statement += "; claim generator \(generator)" }
        if let library = credentials["library"] as? String { statement += "; read by \(library)" }
        return [statement]
    }

    /// One statement per stream of an exhibit description whose camera signatures were checked.
    static func cameraSignatures(_ exhibit: String, _ streams: [[String: Any]]) -> [String] {
        streams.compactMap { stream in
            guard let index = stream["index"] as? Int, let signature = stream["signature"] as? [String: Any],
                  let verdict = signature["verdict"] as? String else { return nil }
            guard let framework = signature["framework"] as? String else {
                return "Stream \(index) of exhibit \(exhibit) carries no camera signature (ONVIF Media Signing, Axis Signed Video)"
            }
            let name = SignedVideoReport.frameworkName(framework)
            let signer = signature["signer"] as? [String: Any]
            return "Stream \(index) of exhibit \(exhibit) carries \(name) signatures: \(verdict.replacingOccurrences(of: "_", with: " ")), "
                + "\(signature["valid_nal_units"] as? Int ?? 0) of \(signature["nal_units"] as? Int ?? 0) picture NAL units covered by a valid signature; "
                + "signing key SHA-256 \(signer?["public_key_sha256"] as? String ?? "none found"); provenance "
                + "\((signer?["provenance"] as? String ?? "not_established").replacingOccurrences(of: "_", with: " "))"
        }
    }

    /// An exhibit description's time layers and places (none in a package from before DFC kept them).
    private func timeAndPlace(_ exhibit: String) throws -> (timeLayers: [TimeLayer]?, places: [PlaceLayer]?) {
        struct Part: Decodable {
            var timeLayers: [TimeLayer]?
            var places: [PlaceLayer]?
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        guard let data = FileManager.default.contents(atPath: root + "/" + PackageLayout.description(exhibit)),
              let part = try? decoder.decode(Part.self, from: data) else {
            throw ReadError(description: "\(PackageLayout.description(exhibit)): its time layers or places are not readable")
        }
        return (part.timeLayers, part.places)
    }

    /// The extracted pictures the package ships for an exhibit.
    func extractedFrames(_ exhibit: String) throws -> [(name: String, size: Int, sha256: String, frame: Int, stream: Int, event: Int64)] {
        let path = PackageLayout.extractedFrames(exhibit)
        guard FileManager.default.fileExists(atPath: root + "/" + path) else { return [] }
        return try lines(path).map { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let frame = object["frame"] as? Int, let stream = object["stream"] as? Int, let size = object["png_size"] as? Int,
                  let sha256 = object["png_sha256"] as? String, let event = (object["event"] as? NSNumber)?.int64Value else {
                throw ReadError(description: "\(path): a line is not an extracted picture")
            }
            return (ExtractedFrame.fileName(exhibit: ExhibitID(parsing: exhibit) ?? ExhibitID(0), stream: stream, frame: frame), size, sha256, frame, stream, event)
        }
    }

    /// The custody events shipped, in order.
    func events() throws -> [PackagedEvent] {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try lines(PackageLayout.events).enumerated().map { number, line in
            guard let event = try? decoder.decode(PackagedEvent.self, from: Data(line.utf8)) else {
                throw ReadError(description: "\(PackageLayout.events) line \(number + 1): not a custody event")
            }
            return event
        }
    }

    /// The package's CASE/UCO description, made from its exhibits and its events; without
    /// `timeAndPlace`, as DFC made it before it described time layers and places (a package
    /// exported then still verifies).
    func caseDescription(timeAndPlace: Bool = true) throws -> String {
        let events = try self.events().compactMap { event -> CaseDescription.Event? in
            guard let payload = try? JSONDecoder().decode(CustodyPayload.self, from: Data(event.payload.utf8)) else { return nil }
            return CaseDescription.Event(seq: payload.seq, action: payload.action, actor: payload.actor, at: payload.at,
                                         exhibit: payload.exhibit, details: payload.details)
        }
        let version = events.last { $0.action == "exported" }?.details["dfc_version"] ?? DFCVersion.current
        var exhibits = try self.exhibits()
        if !timeAndPlace {
            for index in exhibits.indices { (exhibits[index].timeLayers, exhibits[index].places) = ([], []) }
        }
        return CaseDescription.make(exhibits: exhibits, events: events, dfcVersion: version, timeAndPlace: timeAndPlace)
    }

    func text(_ relative: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: root + "/" + relative) else {
            throw ReadError(description: "\(relative): missing from the package")
        }
        return String(decoding: data, as: UTF8.self)
    }

    func lines(_ relative: String) throws -> [String] {
        try text(relative).split(separator: "\n").map(String.init)
    }

    private func jsonObject(_ relative: String) throws -> [String: Any] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(try text(relative).utf8)) as? [String: Any] else {
            throw ReadError(description: "\(relative): not a JSON object")
        }
        return object
    }
}
