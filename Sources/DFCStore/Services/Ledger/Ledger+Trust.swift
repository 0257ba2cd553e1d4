internal import Crypto
import Foundation
import DFCCore
import DFCLedger
import DFCCatalog

extension Ledger {
    /// The actions of the events that add and revoke trust anchors.
    package static let trustAdded = "trust_anchor_added"
    package static let trustRevoked = "trust_anchor_revoked"

    /// Adds `certificates` as trust anchors: one signed `trust_anchor_added` event each, in one
    /// transaction, by `actor` (a custodian or a supervisor), with the reason. The event carries
    /// the certificate itself (DER, base64), so the log alone says what the lab trusted and since
    /// when. A certificate already trusted for the same framework is refused.
    /// Returns the anchors as recorded.
    public func addTrustAnchors(_ certificates: [TrustAnchor.Certificate], reason: String, by actor: String) throws -> [TrustAnchor] {
        let reason = try Self.trustReason(reason)
        guard !certificates.isEmpty else { throw DFCError.invalidArgument("no certificate to add") }
        for certificate in certificates {
            guard let der = Data(base64Encoded: certificate.der), Hex.string(SHA256.hash(data: der)) == certificate.sha256 else {
                throw DFCError.invalidArgument("\(certificate.subject): the certificate's SHA-256 does not match its bytes")
            }
        }
        let signer = try trustSigner(actor, action: "add trust anchors")
        return try withCatalog {
            try catalog.write { db in
                try Self.requireNotRevoked(signer.name, db)
                let current = try Self.trustAnchors(db).filter { $0.revokedEvent == nil }
                var added: [TrustAnchor] = []
                for certificate in certificates {
                    if let earlier = current.first(where: { $0.certificate.sha256 == certificate.sha256 && $0.certificate.framework == certificate.framework })
                        ?? added.first(where: { $0.certificate.sha256 == certificate.sha256 && $0.certificate.framework == certificate.framework }) {
                        throw DFCError.invalidArgument("\(certificate.subject) is already a trust anchor for \(certificate.framework.rawValue) (custody event \(earlier.addedEvent))")
                    }
                    let event = try CustodyLog.append(db, action: Self.trustAdded, signer: signer, exhibit: nil, details: [
                        "framework": certificate.framework.rawValue, "certificate": certificate.der, "certificate_sha256": certificate.sha256,
                        "subject": certificate.subject, "not_before": certificate.notBefore, "not_after": certificate.notAfter, "reason": reason,
                    ])
                    added.append(TrustAnchor(certificate: certificate, addedEvent: event.seq, addedBy: signer.name, addedAt: event.recordedAt, reason: reason))
                }
                return added
            }
        }
    }

    /// Revokes the trust anchor whose certificate's SHA-256 is `sha256` (or a unique prefix of 12+
    /// hex digits), for `framework` or every framework it is trusted for: a signed
    /// `trust_anchor_revoked` event each. Verdicts made before stand as made; later analyses,
    /// and `reanalyze`, judge without it. Returns the events' numbers.
    @discardableResult
    public func revokeTrustAnchor(sha256: String, framework: TrustAnchor.Framework? = nil, reason: String, by actor: String) throws -> [Int64] {
        let reason = try Self.trustReason(reason)
        let prefix = sha256.lowercased()
        guard prefix.count >= 12, Hex.isHex(prefix) else { throw DFCError.invalidArgument("\(sha256): give the certificate's SHA-256, or 12 or more of its first hex digits") }
        let signer = try trustSigner(actor, action: "revoke trust anchors")
        return try withCatalog {
            try catalog.write { db in
                try Self.requireNotRevoked(signer.name, db)
                let matching = try Self.trustAnchors(db).filter {
                    $0.revokedEvent == nil && $0.certificate.sha256.hasPrefix(prefix) && (framework == nil || $0.certificate.framework == framework)
                }
                guard !matching.isEmpty else { throw DFCError.invalidArgument("no trust anchor in force has a SHA-256 starting \(prefix)") }
                guard Set(matching.map(\.certificate.sha256)).count == 1 else { throw DFCError.invalidArgument("\(prefix) names more than one anchor: give more digits") }
                return try matching.map { anchor in
                    try CustodyLog.append(db, action: Self.trustRevoked, signer: signer, exhibit: nil, details: [
                        "framework": anchor.certificate.framework.rawValue, "certificate_sha256": anchor.certificate.sha256,
                        "added_event": String(anchor.addedEvent), "reason": reason,
                    ]).seq
                }
            }
        }
    }

    /// Every trust anchor ever added, in the order added, each with the event that revoked it if
    /// one did: read from the log's signed events, not from any table.
    public func trustAnchors() throws -> [TrustAnchor] {
        try withCatalog { try catalog.read { try Self.trustAnchors($0) } }
    }

    /// The anchors in force, as a worker is given them.
    package func trustAnchorsInForce() throws -> [TrustAnchor.Certificate] {
        try trustAnchors().filter { $0.revokedEvent == nil }.map(\.certificate)
    }

    package static func trustAnchors(_ db: CatalogDB) throws -> [TrustAnchor] {
        var anchors: [TrustAnchor] = []
        for event in try CustodyEventRecord.fetchAll(db, where: "action", is: trustAdded, orderedBy: "seq") {
            guard let payload = CustodyLog.decode(event), let framework = payload.details["framework"].flatMap(TrustAnchor.Framework.init(rawValue:)),
                  let der = payload.details["certificate"], let sha256 = payload.details["certificate_sha256"] else { continue }
            let details = payload.details
            anchors.append(TrustAnchor(
                certificate: TrustAnchor.Certificate(framework: framework, der: der, sha256: sha256, subject: details["subject"] ?? "",
                                                     notBefore: details["not_before"] ?? "", notAfter: details["not_after"] ?? ""),
                addedEvent: event.seq, addedBy: payload.actor, addedAt: event.recordedAt, reason: details["reason"] ?? ""))
        }
        for event in try CustodyEventRecord.fetchAll(db, where: "action", is: trustRevoked, orderedBy: "seq") {
            guard let payload = CustodyLog.decode(event), let added = payload.details["added_event"].flatMap(Int64.init),
                  let index = anchors.firstIndex(where: { $0.addedEvent == added && $0.revokedEvent == nil }) else { continue }
            anchors[index].revokedEvent = event.seq
            anchors[index].revokedBy = payload.actor
            anchors[index].revokedAt = event.recordedAt
            anchors[index].revokeReason = payload.details["reason"]
        }
        return anchors
    }

    private func trustSigner(_ actor: String, action: String) throws -> Signer {
        let signer = try signer(for: actor)
        guard signer.role.mayRegisterActors else {
            throw DFCError.notPermitted(actor: signer.name, role: signer.role, action: "\(action): only a custodian or a supervisor may")
        }
        return signer
    }

    private static func trustReason(_ reason: String) throws -> String {
        let reason = try SingleLine.checked(reason.trimmingCharacters(in: .whitespacesAndNewlines), field: "reason")
        guard !reason.isEmpty else { throw DFCError.invalidArgument("a trust anchor is added or revoked with a reason (--reason TEXT)") }
        return reason
    }
}
