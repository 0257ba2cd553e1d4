import Foundation
import DFCCore

extension ContentCredentials {
    /// The reader's JSON (c2pa-rs's `Reader::json`) as DFC keeps it: the state, every status
    /// code, and the active manifest's generator, signer, actions and ingredients. Each string
    /// is kept to one visible line and a bounded length; lists are bounded.
    static func parsed(_ json: Data, base: ContentCredentials) -> ContentCredentials {
        var result = base
        guard let object = try? JSONSerialization.jsonObject(with: json) as? [String: Any] else {
            result.reason = "the C2PA library's report is not JSON"
            return result
        }
        func text(_ value: Any?) -> String? {
            guard let value = value as? String, !value.isEmpty else { return nil }
            return SingleLine.visible(String(value.prefix(300)))
        }
        /// `name/version` of a `{name, version}` object (a generator's or a software agent's).
        func named(_ value: Any?) -> String? {
            guard let info = value as? [String: Any], let name = text(info["name"]) else { return nil }
            return text(info["version"]).map { "\(name)/\($0)" } ?? name
        }
        func codes(_ value: Any?) -> [String] {
            ((value as? [[String: Any]]) ?? []).prefix(200).compactMap { text($0["code"]) }
        }
        let manifests = object["manifests"] as? [String: Any] ?? [:]
        result.manifestCount = manifests.count
        result.statusCodes = codes(object["validation_status"])
        switch (object["validation_state"] as? String)?.lowercased() {
        case "trusted": result.state = .trusted
        case "valid": result.state = .valid
        case "invalid": result.state = .invalid
        default: result.state = result.statusCodes.isEmpty ? .valid : .invalid
        }
        result.reason = nil
        guard let label = text(object["active_manifest"]), let manifest = manifests[label] as? [String: Any] else {
            if manifests.isEmpty { result.state = .notPresent }
            return result
        }
        result.activeManifest = label
        result.claimGenerator = text(manifest["claim_generator"])
            ?? (manifest["claim_generator_info"] as? [[String: Any]])?.compactMap(named).joined(separator: " ")
        result.title = text(manifest["title"])
        if let signature = manifest["signature_info"] as? [String: Any] {
            result.signerIssuer = text(signature["issuer"])
            result.signerName = text(signature["common_name"])
            result.signerSerial = text(signature["cert_serial_number"])
            result.signatureAlgorithm = text(signature["alg"])
            result.signedAt = text(signature["time"])
        }
        for assertion in (manifest["assertions"] as? [[String: Any]] ?? []).prefix(100) {
            guard let name = assertion["label"] as? String, name.hasPrefix("c2pa.actions"),
                  let actions = (assertion["data"] as? [String: Any])?["actions"] as? [[String: Any]] else { continue }
            for action in actions.prefix(200) {
                guard let kind = text(action["action"]) else { continue }
                let agent = text(action["softwareAgent"]) ?? named(action["softwareAgent"])
                result.actions.append(Action(action: kind, when: text(action["when"]), softwareAgent: agent))
            }
        }
        result.ingredients = (manifest["ingredients"] as? [[String: Any]] ?? []).prefix(100).map { ingredient in
            Ingredient(title: text(ingredient["title"]), format: text(ingredient["format"]), relationship: text(ingredient["relationship"]),
                       statusCodes: codes(ingredient["validation_status"]))
        }
        return result
    }

    /// The actions that change what the file shows, as the manifest records them (all but
    /// creating, opening, publishing and repackaging it).
    package var editingActions: [Action] {
        actions.filter { !["c2pa.created", "c2pa.opened", "c2pa.published", "c2pa.repackaged", "c2pa.placed"].contains($0.action) }
    }

    /// The findings an examiner must see.
    package var findings: [Finding] {
        switch state {
        case .notChecked:
            return [Finding(kind: .c2paNotChecked, severity: .info, message: reason ?? "C2PA not checked")]
        case .unreadable:
            return [Finding(kind: .c2paUnreadable, severity: .warning, message: "the C2PA manifest store cannot be read: \(reason ?? "no reason given")")]
        case .notPresent:
            return []
        case .invalid:
            let failures = statusCodes.filter { $0 != "signingCredential.untrusted" }
            return [Finding(kind: .c2paInvalid, severity: .error, message:
                "the C2PA manifest does not validate: " + (failures.isEmpty ? statusCodes : failures).joined(separator: ", "))] + editedFindings
        case .valid, .trusted:
            var findings = editedFindings
            if state == .valid {
                findings.append(Finding(kind: .signerUntrusted, severity: .info, message:
                    "the C2PA manifest validates, but its signer (\(signerName ?? "?"), issued by \(signerIssuer ?? "?")) is not chained to a C2PA "
                    + "trust anchor the lab holds: \(statusCodes.joined(separator: ", ").isEmpty ? "no anchor" : statusCodes.joined(separator: ", "))"))
            }
            return findings
        }
    }

    private var editedFindings: [Finding] {
        let edits = editingActions
        guard !edits.isEmpty else { return [] }
        return [Finding(kind: .editedAccordingToManifest, severity: .warning, message:
            "the C2PA manifest records edits: " + edits.prefix(10).map { edit in
                edit.action + (edit.softwareAgent.map { " by \($0)" } ?? "") + (edit.when.map { " at \($0)" } ?? "")
            }.joined(separator: "; ") + (edits.count > 10 ? " and \(edits.count - 10) more" : ""))]
    }
}
