internal import Crypto
import DFCCore

/// Checks a video stream against the signatures its camera put in it (ONVIF Media Signing or
/// Axis Signed Video), packet by packet as the analysis reads them, in bounded memory.
///
/// How the frameworks sign, as DFC checks it: every picture NAL unit is hashed (SHA-256 of its
/// bytes; the first slice of a GOP's intra picture on its own, every later one as
/// SHA-256(that first hash ‖ SHA-256(unit))). A signing SEI, written in the next GOP, lists
/// those hashes, the hash of the list (ONVIF), the first hash of the GOP before (the link) and a
/// counter, and signs the SEI's bytes up to its signature with the camera's key. DFC verifies the
/// signature, then lines the listed hashes up against the units it read: a unit that differs or
/// was added, and a listed unit that is not there, make that GOP invalid, by packet.
package struct SignedVideoValidator {
    private struct Entry {
        var hash: [UInt8]
        var packet: Int
        var gopStart: Bool
    }

    private let units: NALUnits
    /// Units read and not yet covered by a signature, oldest first.
    private var pending: [Entry] = []
    private var reference: [UInt8]?
    private var nalCount = 0
    private var validCount = 0
    private var gops: [SignedVideoReport.GOP] = []
    private var framework: SigningSEI.Framework?
    private var key: StreamSigningKey?
    private var keyChanged = false
    private var signer = SignedVideoReport.Signer()
    private var hashOID: [UInt8]?
    private var seiCount = 0
    private var unreadable = 0
    private var problems: [String] = []
    private var previousCounter: Int64?
    private var coveredBefore = false

    /// Most units kept waiting for a signature (a GOP of over four minutes at 30 fps); older ones
    /// are reported as covered by none. It also bounds what each SEI is lined up against, so a
    /// stream of SEIs that match nothing costs time in proportion to its packets.
    private static let maxPending = 8_000
    private static let maxGOPRecords = 5_000
    private static let maxProblems = 20

    /// A validator for a stream of `codec` (FFmpeg's name) with `extradata`; nil for codecs
    /// the frameworks do not sign.
    package init?(codec: String, extradata: [UInt8], anchors: [TrustAnchor.Certificate] = []) {
        guard let family = NALUnits.Family(codec: codec) else { return nil }
        units = NALUnits(family: family, extradata: extradata)
        self.anchors = anchors
    }

    /// The trust anchors in force, every framework's.
    private let anchors: [TrustAnchor.Certificate]

    /// Reads one packet of the stream; `index` is the exhibit's packet number. Returns whether
    /// the packet holds a picture (a slice) at all.
    @discardableResult
    package mutating func read(_ packet: UnsafeRawBufferPointer, index: Int) -> Bool {
        var picture = false
        units.forEach(in: packet) { unit in
            switch units.kind(of: unit) {
            case .intra(first: true):
                picture = true
                let hash = Array(SHA256.hash(data: unit))
                reference = hash
                append(Entry(hash: hash, packet: index, gopStart: true))
            case .intra(first: false), .inter:
                picture = true
                let own = SHA256.hash(data: unit)
                let hash: [UInt8]
                if let reference {
                    var hasher = SHA256()
                    hasher.update(data: reference)
                    hasher.update(data: Array(own))
                    hash = Array(hasher.finalize())
                } else {
                    hash = Array(own)
                }
                append(Entry(hash: hash, packet: index, gopStart: false))
            case .sei:
                readSEI(Array(unit), packet: index)
            case .other:
                break
            }
        }
        return picture
    }

    /// The report, once the last packet has been read.
    package mutating func finish() -> SignedVideoReport {
        if seiCount > 0, !pending.isEmpty { uncovered(pending[...], reason: "after the last signature: no signature covers them") }
        pending.removeAll()
        guard seiCount > 0 else { return SignedVideoReport(verdict: .notSigned, nalUnits: nalCount) }
        let verdict: SignedVideoReport.Verdict
        if gops.contains(where: { $0.verdict == .invalid }) { verdict = .tampered }
        else if !gops.contains(where: { $0.signatureValid == true }) { verdict = .unverifiable }
        else if gops.contains(where: { $0.verdict == .missingInformation }) { verdict = .authenticWithMissingInformation }
        else { verdict = .authentic }
        let judged = anchors.filter { $0.framework.rawValue == framework?.rawValue }
        signer.anchorsConsidered = judged.map(\.sha256)
        if let key {
            signer.publicKeySHA256 = key.fingerprint
            signer.keyAlgorithm = key.algorithm
            signer.certificates = key.certificates
            let provenance = AnchorCertificates.provenance(chain: key.chain, anchors: judged)
            (signer.provenance, signer.anchor, signer.provenanceReason) = provenance
        } else {
            signer.provenanceReason = "no key was found in the stream"
        }
        signer.publicKeyChanged = keyChanged
        return SignedVideoReport(
            framework: framework?.rawValue, verdict: verdict, gops: gops, signer: signer,
            hashAlgorithm: hashName(hashOID), nalUnits: nalCount, validNALUnits: validCount,
            signatureSEIs: seiCount, unreadableSEIs: unreadable, problems: problems)
    }

    private mutating func append(_ entry: Entry) {
        nalCount += 1
        pending.append(entry)
        if pending.count > Self.maxPending {
            let old = pending.prefix(Self.maxPending / 2)
            uncovered(old, reason: seiCount == 0 ? "no signature seen yet" : "no signature covers them")
            pending.removeFirst(old.count)
        }
    }

    private mutating func problem(_ text: String) {
        if problems.count < Self.maxProblems { problems.append(text) }
    }

    private mutating func readSEI(_ unit: [UInt8], packet: Int) {
        guard let (clean, removed, messages) = units.seiMessages(unit) else { return }
        for message in messages where message.type == 5 {
            guard let kind = SigningSEI.framework(of: clean[message.payload]) else { continue }
            seiCount += 1
            if let framework, framework != kind { problem("packet \(packet): an \(kind.rawValue) signature in a stream signed with \(framework.rawValue)") }
            framework = framework ?? kind
            do {
                let sei = try SigningSEI(framework: kind, bytes: clean, payload: message.payload)
                check(sei, clean: clean, removed: removed, raw: unit, packet: packet)
            } catch {
                unreadable += 1
                problem("packet \(packet): a signing SEI cannot be read: \(error.reason)")
            }
        }
    }

    private mutating func check(_ sei: SigningSEI, clean: [UInt8], removed: [Int], raw: [UInt8], packet: Int) {
        signer.manufacturer = sei.manufacturer ?? signer.manufacturer
        signer.serialNumber = sei.serialNumber ?? signer.serialNumber
        signer.firmwareVersion = sei.firmwareVersion ?? signer.firmwareVersion
        signer.hardwareID = sei.hardwareID ?? signer.hardwareID
        signer.address = sei.address ?? signer.address
        signer.signingSoftware = sei.signingSoftware ?? signer.signingSoftware
        hashOID = sei.hashAlgorithmOID ?? hashOID
        if let pem = sei.certificatesPEM ?? sei.publicKeyPEM {
            do {
                let next = sei.certificatesPEM != nil ? try StreamSigningKey(certificateChainPEM: pem) : try StreamSigningKey(publicKeyPEM: pem)
                if let key, key.fingerprint != next.fingerprint { keyChanged = true }
                key = next
            } catch {
                problem("packet \(packet): the signer's key cannot be used: \(error.reason)")
            }
        }
        var signatureValid: Bool?
        var reason: String?
        if let signature = sei.signature, let offset = sei.signatureTagOffset {
            if hashName(hashOID) != "SHA-256" {
                reason = "signed with \(hashName(hashOID) ?? "an unknown hash"); DFC checks SHA-256 signatures"
            } else if let key {
                let signed = sei.signedWithEmulationPrevention
                    ? raw[0..<min(raw.count, offset + removed.count { $0 < offset })] : clean[0..<offset]
                signatureValid = key.verifies(signature, over: signed, hashOID: hashOID)
                if signatureValid == false { reason = "the signature does not verify with the signer's key" }
            } else {
                reason = "no key to verify the signature with (the stream carries none)"
            }
        } else {
            reason = "the SEI carries no signature"
        }
        guard sei.gopCounter != nil || sei.hashList != nil else { return }  // key material only
        if let counter = sei.gopCounter, let previous = previousCounter {
            if counter > previous + 1 {
                record(SignedVideoReport.GOP(counter: previous + 1, verdict: .missingInformation, nalUnits: 0, signedNALUnits: 0,
                                             reason: "GOPs \(previous + 1)–\(counter - 1) were signed but are not in the file"))
            } else if counter <= previous {
                // A signature repeated or moved covers no picture it did not cover where it was made.
                problem("packet \(packet): GOP counter \(counter) after \(previous): a signature repeated or out of order, not counted")
                return
            }
        }
        previousCounter = sei.gopCounter ?? previousCounter
        if let list = sei.hashList, !list.isEmpty {
            // The list is what the signature covers picture by picture; the GOP hash beside it is
            // not checked again (a signer's last SEI, written as the stream closes, repeats a stale one).
            align(list, sei: sei, signatureValid: signatureValid, reason: reason, packet: packet)
        } else {
            record(SignedVideoReport.GOP(counter: sei.gopCounter, verdict: signatureValid == false ? .invalid : .missingInformation,
                                         nalUnits: 0, signedNALUnits: sei.nalUnitCount ?? 0, signaturePacket: packet,
                                         signatureValid: signatureValid, startTimestamp: sei.startTimestamp, endTimestamp: sei.endTimestamp,
                                         reason: reason ?? "the SEI lists no hashes (low bit rate mode): its pictures are not checked one by one"))
        }
    }

    /// Lines `list` up against the units waiting for a signature, and records the GOP.
    private mutating func align(_ list: [[UInt8]], sei: SigningSEI, signatureValid: Bool?, reason: String?, packet: Int) {
        var start: Int
        if let found = pending.firstIndex(where: { $0.hash == list[0] }) {
            start = found
        } else if coveredBefore {
            start = 0
        } else if let (listIndex, found) = Self.firstShared(list, pending) {
            start = max(0, found - listIndex)
        } else {
            let beforeNextGOP = pending.dropFirst().firstIndex(where: \.gopStart) ?? pending.count
            if beforeNextGOP > 0, beforeNextGOP >= list.count / 2 {
                start = 0
            } else {
                record(SignedVideoReport.GOP(counter: sei.gopCounter, verdict: .missingInformation, nalUnits: 0, signedNALUnits: list.count,
                                             missingNALUnits: list.count, signaturePacket: packet, signatureValid: signatureValid,
                                             startTimestamp: sei.startTimestamp, endTimestamp: sei.endTimestamp,
                                             reason: "the pictures it signs are not in the file (cut before it starts)"))
                return
            }
        }
        if start > 0 { uncovered(pending[0..<start], reason: "no signature covers them") }
        var listIndex = 0, index = start, missing = 0
        var invalid: [Int] = []
        while listIndex < list.count, index < pending.count {
            if index > start, pending[index].gopStart, !sei.triggeredByPartialGOP { break }
            if pending[index].hash == list[listIndex] {
                listIndex += 1; index += 1
            } else if let skip = list[(listIndex + 1)..<min(listIndex + 9, list.count)].firstIndex(of: pending[index].hash) {
                missing += skip - listIndex
                listIndex = skip
            } else if let resume = pending[(index + 1)..<min(index + 9, pending.count)].firstIndex(where: { $0.hash == list[listIndex] && !$0.gopStart }) {
                invalid += pending[index..<resume].map(\.packet)
                index = resume
            } else {
                invalid.append(pending[index].packet)
                listIndex += 1; index += 1
            }
        }
        missing += list.count - listIndex
        let covered = pending[start..<index]
        let verdict: SignedVideoReport.GOP.Verdict
        var why = reason
        if signatureValid == false || !invalid.isEmpty || missing > 0 {
            verdict = .invalid
            if why == nil {
                why = [invalid.isEmpty ? nil : "\(invalid.count) NAL unit(s) differ from the signed hashes or are not listed",
                       missing == 0 ? nil : "\(missing) signed NAL unit(s) are not in the file"].compactMap { $0 }.joined(separator: "; ")
            }
        } else if signatureValid == true {
            verdict = .valid
            validCount += covered.count
        } else {
            verdict = .missingInformation
        }
        let packets = Array(Set(invalid)).sorted()
        record(SignedVideoReport.GOP(
            counter: sei.gopCounter, verdict: verdict, firstPacket: covered.first?.packet, lastPacket: covered.last?.packet,
            nalUnits: covered.count, signedNALUnits: list.count, invalidPackets: Array(packets.prefix(1000)), missingNALUnits: missing,
            signaturePacket: packet, signatureValid: signatureValid, startTimestamp: sei.startTimestamp, endTimestamp: sei.endTimestamp,
            reason: why))
        pending.removeFirst(index)
        coveredBefore = true
    }

    /// The first listed hash found among `entries`: its index in `list` and in `entries`.
    private static func firstShared(_ list: [[UInt8]], _ entries: [Entry]) -> (Int, Int)? {
        var positions: [[UInt8]: Int] = [:]
        for (index, entry) in entries.enumerated().reversed() { positions[entry.hash] = index }
        for (listIndex, hash) in list.enumerated() {
            if let found = positions[hash] { return (listIndex, found) }
        }
        return nil
    }

    /// Records units no signature covers (merged with such a record just before).
    private mutating func uncovered(_ entries: ArraySlice<Entry>, reason: String) {
        guard let first = entries.first, let last = entries.last else { return }
        if var previous = gops.last, previous.counter == nil, previous.verdict == .missingInformation, previous.reason == reason {
            previous.lastPacket = last.packet
            previous.nalUnits += entries.count
            gops[gops.count - 1] = previous
            return
        }
        record(SignedVideoReport.GOP(verdict: .missingInformation, firstPacket: first.packet, lastPacket: last.packet,
                                     nalUnits: entries.count, signedNALUnits: 0, reason: reason))
    }

    /// Appends a GOP record, folding a valid GOP into a run of valid ones just before it.
    private mutating func record(_ gop: SignedVideoReport.GOP) {
        if gop.verdict == .valid, var run = gops.last, run.verdict == .valid, let counter = gop.counter, let first = run.counter,
           counter == first + Int64(run.gopCount) {
            run.gopCount += 1
            run.lastPacket = gop.lastPacket ?? run.lastPacket
            run.nalUnits += gop.nalUnits
            run.signedNALUnits += gop.signedNALUnits
            run.signaturePacket = gop.signaturePacket
            run.endTimestamp = gop.endTimestamp ?? run.endTimestamp
            gops[gops.count - 1] = run
            return
        }
        if gops.count < Self.maxGOPRecords { gops.append(gop) } else { problem("more than \(Self.maxGOPRecords) GOP records: later ones are counted, not listed") }
    }

    private func hashName(_ oid: [UInt8]?) -> String? {
        guard let oid else { return seiCount > 0 ? "SHA-256" : nil }
        switch SigningSEI.hashSizes[oid] {
        case 32: return "SHA-256"
        case 48: return "SHA-384"
        case 64: return "SHA-512"
        default: return "OID \(Hex.string(oid))"
        }
    }
}
