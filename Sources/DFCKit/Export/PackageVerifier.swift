internal import Crypto
import Foundation

/// Checks an export package without any store, as `dfc verify-package` does:
/// - the bag: every manifest and tag-manifest digest, no payload file unlisted, the Payload-Oxum;
/// - every custody event: its hash, its signature by the key registered for its actor (the
///   registration itself shipped and signed), and its inclusion proof into the checkpoint,
///   whose signature must verify; every event has a proof, every proof an event;
/// - every actor's role: the one its shipped, signed `actor_registered` event gave it, which
///   every event of the actor must name;
/// - the authorisation: signed by an actor registered as a custodian or supervisor, naming these exhibits, and
///   committing (`content_sha256`) to every file of `data/` and `dfc/exhibits/`;
/// - each exhibit: its `exported` event commits to all its earlier events, every one of
///   which must be shipped; its original's SHA-256 is the one its ingest event signed;
///   decoded again by a confined worker, its pictures and packets hash as the package says;
/// - `case.jsonld` is what the package's own files and events describe.
public enum PackageVerifier {
    /// Verifies the package at `directory`. Signatures are checked with `trustedKeys` (actor
    /// name → Ed25519 public key, hex) when given, else with the package's `keys.txt`.
    /// `containment` runs the decoding worker (nil decodes in this process).
    /// Every registration followed back to the store's first actor, and every revocation: each
    /// `actor_registered` event must be signed by an actor whose own registration, shipped and
    /// earlier, is valid and gave a role that may register (custodian or supervisor), or be the
    /// first actor's own (event 1, a custodian or supervisor registering itself); no actor signs
    /// anything after a shipped `actor_revoked` event names it, and a revocation is a custodian's
    /// or a supervisor's. A self-made authority (an analyst registering "Mallory" as supervisor with
    /// the analyst's own key) is named, whichever keys the signatures were checked with.
    /// `trustedRevocations` (from the trusted keys file) count as well as the shipped revocations.
    static func checkAuthority(_ payloads: [Int64: CustodyPayload], trustedRevocations: [String: Int64] = [:]) -> [String] {
        var problems: [String] = []
        var valid: [String: (role: String, seq: Int64)] = [:]
        var revoked: [String: Int64] = [:]
        for payload in payloads.values.sorted(by: { $0.seq < $1.seq }) {
            let label = "custody event \(payload.seq) (\(payload.action) by \(payload.actor))"
            if let at = revoked[payload.actor] {
                problems.append("\(label): signed after custody event \(at) revoked \(payload.actor): a revoked actor signs nothing")
            } else if let at = trustedRevocations[payload.actor], payload.seq > at {
                problems.append("\(label): signed after custody event \(at), which the trusted keys say revoked \(payload.actor): "
                    + "a revoked actor signs nothing (the revocation is not shipped)")
            }
            let mayRegister = valid[payload.actor].map { ["custodian", "supervisor"].contains($0.role) } ?? false
            switch payload.action {
            case "actor_registered":
                guard let name = payload.details["registered_actor"], let role = payload.details["role"] else { continue }
                if payload.actor == name, valid.isEmpty, payload.seq == 1, ["custodian", "supervisor"].contains(role) {
                    valid[name] = (role, payload.seq)   // the store's first actor, registering itself
                } else if mayRegister, revoked[payload.actor] == nil {
                    valid[name] = (role, payload.seq)
                } else {
                    problems.append("\(label): registers \(name) as \(role), but \(payload.actor) had no authority to: its own registration "
                        + (valid[payload.actor] == nil ? "is not shipped or not itself authorised" : "made it a \(valid[payload.actor]?.role ?? "")")
                        + ", and only a custodian or supervisor chained to the store's first actor may register")
                }
            case "actor_revoked":
                guard let name = payload.details["revoked_actor"] else { continue }
                if mayRegister { revoked[name] = revoked[name] ?? payload.seq } else {
                    problems.append("\(label): revokes \(name), which only a custodian or supervisor chained to the store's first actor may do")
                }
            default:
                break
            }
        }
        return problems
    }

    ///
    /// `revokedKeys` (actor name → the `actor_revoked` event, as `dfc actor list --verifier-keys`
    /// marks it) refuses what a revoked key signed after its revocation, the checkpoint included,
    /// whether or not the package ships the revocation.
    public static func verify(_ directory: String, trustedKeys: [String: String]? = nil, revokedKeys: [String: Int64] = [:], keySource: String? = nil,
                              containment: Containment?, limits: MediaLimits = .standard) throws -> PackageVerification {
        let root = EvidenceStore.absolute(directory)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DFCError.storeIO(path: directory, reason: "no package folder here")
        }
        let bag = Bag(root: root)
        let reader = PackageReader(root: root)
        var problems = bag.problems()
        var result = PackageVerification(directory: root, exhibits: [], eventsChecked: 0, framesChecked: 0, checkpoint: "none",
                                         keys: [], keySource: keySource ?? "the package's keys.txt", problems: [])
        func fail(_ problem: String) -> PackageVerification {
            result.problems = problems + [problem]
            return result
        }

        // Keys and the checkpoint.
        var packageKeys: [String: String] = [:]
        for line in (try? reader.lines(PackageLayout.keys)) ?? [] {
            guard let (name, key) = SignedNote.parseVerifierKey(line), let actor = SignedNote.actor(keyName: name) else {
                problems.append("\(PackageLayout.keys): \"\(line.prefix(60))\" is not a DFC actor's verifier key")
                continue
            }
            packageKeys[actor] = Hex.string(key)
        }
        let keys = trustedKeys ?? packageKeys
        result.keys = keys.sorted { $0.key < $1.key }.map { ActorInfo.verifierKey(name: $0.key, publicKey: $0.value) }
        let checkpoint: Checkpoint
        do {
            checkpoint = try Checkpoint(parsing: try reader.text(PackageLayout.checkpoint), source: PackageLayout.checkpoint)
        } catch {
            return fail("\(error)")
        }
        // A key revoked at custody event N signed no checkpoint that includes that event.
        let unrevoked = keys.filter { revokedKeys[$0.key].map { Int64(checkpoint.treeSize) < $0 } ?? true }
        let verification = checkpoint.verify(keys: unrevoked)
        for name in checkpoint.verify(keys: keys).valid where !verification.valid.contains(name) {
            problems.append("\(PackageLayout.checkpoint): signed by \(name), whose key the trusted keys say was revoked by custody event "
                + "\(revokedKeys[name] ?? 0), within the checkpoint's \(checkpoint.treeSize) events: a signature after the revocation does not count")
        }
        result.checkpoint = "tree size \(checkpoint.treeSize), signed by \(verification.valid.joined(separator: ", "))"
        if let problem = verification.problem { problems.append("\(PackageLayout.checkpoint): \(problem)") }

        // Events and their proofs.
        let events: [PackagedEvent]
        do { events = try reader.events() } catch { return fail("\(error)") }
        var payloads: [Int64: CustodyPayload] = [:]
        var registered: [String: String] = [:]
        // Each actor's role as its signed registration gave it: what a later payload claims is not trusted.
        var roles: [String: (role: String, seq: Int64)] = [:]
        for event in events {
            let label = "custody event \(event.seq)"
            guard let payload = try? JSONDecoder().decode(CustodyPayload.self, from: Data(event.payload.utf8)), payload.seq == event.seq else {
                problems.append("\(label): its payload is not a custody event of that number")
                continue
            }
            payloads[event.seq] = payload
            if Hex.string(SHA256.hash(data: Data(event.payload.utf8))) != event.hash || payload.prev != event.prevHash {
                problems.append("\(label): its hash or link is not its payload's: the event was altered")
            }
            guard let signature = event.signature, let key = payload.key,
                  Signer.isValid(signature: signature, of: Data(event.payload.utf8), publicKey: key) else {
                problems.append("\(label) (\(payload.action) by \(payload.actor)): its signature does not verify: the event was altered or forged")
                continue
            }
            if keys[payload.actor] != key {
                problems.append("\(label) (\(payload.action) by \(payload.actor)): signed with a key that is not \(payload.actor)'s")
            }
            if payload.action == "actor_registered", let name = payload.details["registered_actor"], let key = payload.details["public_key"] {
                registered[name] = key
                if let role = payload.details["role"] { roles[name] = (role, payload.seq) }
            }
        }
        problems += checkAuthority(payloads, trustedRevocations: revokedKeys)
        for payload in payloads.values.sorted(by: { $0.seq < $1.seq }) {
            guard let registration = roles[payload.actor] else {
                problems.append("custody event \(payload.seq) (\(payload.action) by \(payload.actor)): no shipped actor_registered event registers \(payload.actor)")
                continue
            }
            if payload.role != registration.role || registration.seq > payload.seq {
                problems.append("custody event \(payload.seq) (\(payload.action) by \(payload.actor)): claims the role \(payload.role ?? "none"), "
                    + "but \(payload.actor) was registered as \(registration.role) by custody event \(registration.seq)")
            }
        }
        // The package's own keys must be the ones its signed registrations gave (trusted keys given
        // from outside may name actors this package never mentions).
        for (name, key) in packageKeys.sorted(by: { $0.key < $1.key }) where registered[name] != key {
            problems.append("the key of \(name) is not the one a shipped actor_registered event registered: keys.txt is not covered by the log")
        }
        result.eventsChecked = events.count
        checkProofs(reader, events: events, checkpoint: checkpoint, problems: &problems)

        // The authorisation and each exhibit.
        let folders = ((try? FileManager.default.contentsOfDirectory(atPath: root + "/" + PackageLayout.exhibits)) ?? []).sorted()
        result.exhibits = folders
        let authorizations = payloads.values.filter { $0.action == "export_authorized" }
        guard authorizations.count == 1, let authorization = authorizations.first else {
            return fail("the package ships \(authorizations.count) export_authorized events; an export ships exactly its own")
        }
        let authoriserRole = roles[authorization.actor].flatMap { $0.seq < authorization.seq ? $0.role : nil }
        if !["custodian", "supervisor"].contains(authoriserRole ?? "") {
            problems.append("custody event \(authorization.seq) (export_authorized): signed by \(authorization.actor), registered as "
                + "\(authoriserRole ?? "nothing shipped"), who may not authorise an export: only a custodian or supervisor may")
        }
        if (authorization.details["exhibits"] ?? "").split(separator: ",").map(String.init) != folders {
            problems.append("custody event \(authorization.seq) (export_authorized) names exhibits \(authorization.details["exhibits"] ?? ""), the package holds \(folders.joined(separator: ","))")
        }
        if let content = try? Disclosure.contentDigest(bag), content != authorization.details["content_sha256"] {
            problems.append("the files of data/ and dfc/exhibits/ are not those the authorisation (custody event \(authorization.seq)) signed: a file was changed, added or removed")
        }
        let descriptions = (try? reader.exhibits()) ?? []
        for exhibit in folders {
            guard let description = descriptions.first(where: { $0.id == exhibit }) else {
                problems.append("\(exhibit): \(PackageLayout.description(exhibit)) is missing or unreadable")
                continue
            }
            problems += checkExhibit(description, reader: reader, payloads: payloads, events: events, authorization: authorization.seq)
            let (frames, found) = decodeAndCompare(description, reader: reader, containment: containment, limits: limits)
            result.framesChecked += frames
            problems += found
        }
        // A package exported before DFC described time and place holds the description made then.
        let shipped = try? reader.text(PackageLayout.caseDescription)
        if let expected = try? reader.caseDescription(), shipped != expected, shipped != (try? reader.caseDescription(timeAndPlace: false)) {
            problems.append("\(PackageLayout.caseDescription): is not the CASE description of the package's files and signed events: it was changed")
        }
        result.problems = problems
        return result
    }

    /// Every event has one proof into the checkpoint and every proof an event.
    private static func checkProofs(_ reader: PackageReader, events: [PackagedEvent], checkpoint: Checkpoint, problems: inout [String]) {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        var proofs: [Int64: InclusionProof] = [:]
        for line in (try? reader.lines(PackageLayout.proofs)) ?? [] {
            guard let proof = try? decoder.decode(InclusionProof.self, from: Data(line.utf8)) else {
                problems.append("\(PackageLayout.proofs): a line is not an inclusion proof")
                continue
            }
            proofs[proof.event] = proof
        }
        let root = Hex.bytes(checkpoint.rootHash) ?? []
        for event in events {
            guard let proof = proofs.removeValue(forKey: event.seq) else {
                problems.append("custody event \(event.seq): no inclusion proof: it is not shown to be in the checkpoint's log")
                continue
            }
            let leaf = Merkle.leafHash(Array(event.payload.utf8))
            guard proof.treeSize == checkpoint.treeSize,
                  Merkle.verifyInclusion(leafHash: leaf, index: proof.leafIndex, size: proof.treeSize,
                                         path: proof.path.compactMap(Hex.bytes), root: root) else {
                problems.append("custody event \(event.seq): its inclusion proof does not lead to the checkpoint's root: the event is not the one the log holds")
                continue
            }
        }
        for seq in proofs.keys.sorted() {
            problems.append("custody event \(seq): its inclusion proof is shipped but the event is not: the event was removed from \(PackageLayout.events)")
        }
    }

    /// The exhibit's events, export and original against each other.
    private static func checkExhibit(_ description: CaseDescription.Exhibit, reader: PackageReader, payloads: [Int64: CustodyPayload],
                                     events: [PackagedEvent], authorization: Int64) -> [String] {
        let exhibit = description.id
        var problems: [String] = []
        let own = events.filter { payloads[$0.seq]?.exhibit == exhibit }
        guard let exported = own.compactMap({ payloads[$0.seq] }).last(where: { $0.action == "exported" && $0.details["authorization"] == String(authorization) }) else {
            return ["\(exhibit): no exported event of this export is shipped"]
        }
        let prior = own.filter { $0.seq < exported.seq }
        if String(prior.count) != exported.details["prior_events"]
            || Disclosure.eventsDigest(prior.map(\.hash)) != exported.details["prior_events_digest"] {
            problems.append("\(exhibit): its custody events shipped are not the \(exported.details["prior_events"] ?? "?") its exported event (custody event \(exported.seq)) committed to: an event was removed or added")
        }
        let intake = own.compactMap { payloads[$0.seq] }.first { $0.action == "ingested" || $0.action == "acquired" }
        if intake?.details["sha256"] != description.sha256 || exported.details["sha256"] != description.sha256 {
            problems.append("\(exhibit): the SHA-256 in \(PackageLayout.description(exhibit)) is not the one its ingest event signed")
        }
        if let digest = try? FileDigest.compute(path: reader.root + "/" + description.payloadPath) {
            if digest.sha256 != description.sha256 || digest.sha512 != description.sha512 {
                problems.append("\(description.payloadPath): its SHA-256 is not the one its ingest event signed: the original was changed")
            }
        } else {
            problems.append("\(description.payloadPath): the original is missing")
        }
        return problems
    }

    /// Decodes the original again in a worker and compares its pictures and packets with
    /// the package's framehash and packet files; returns the pictures compared and the problems.
    private static func decodeAndCompare(_ description: CaseDescription.Exhibit, reader: PackageReader, containment: Containment?,
                                         limits: MediaLimits) -> (Int, [String]) {
        let exhibit = description.id
        let folder = reader.root + "/" + PackageLayout.exhibitFolder(exhibit)
        let framehashFiles = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix("framehash-s") }.sorted()
        // An exhibit whose decoder reported damage was hashed on one thread, which is deterministic: so is this decode.
        let singleThreaded = (try? reader.text(PackageLayout.description(exhibit)))?.contains("single_threaded_decode") == true
        let output = NSTemporaryDirectory() + "dfc-verify-\(getpid())-\(UUID().uuidString)"
        defer { unlink(output) }
        let job = AnalysisJob(input: reader.root + "/" + description.payloadPath, output: output, limits: limits,
                              confine: containment != nil, decoderThreads: singleThreaded ? 1 : containment?.decoderThreads ?? 0)
        var frames: [Int: [String]] = [:]
        var packets: [String] = []
        let summary: MediaAnalysis
        do {
            if case .failed(let how, _) = try WorkerRunner.runWorker(job, file: description.payloadPath, containment: containment) {
                return (0, ["\(description.payloadPath): could not be decoded again: \(how)"])
            }
            summary = try AnalysisReader(path: output, limits: limits).read(
                packet: { packets.append(Hex.string($0.sha256)) }, frame: { frames[$0.stream, default: []].append(Hex.string($0.sha256)) }).summary
        } catch {
            return (0, ["\(description.payloadPath): could not be decoded again: \(error)"])
        }
        var problems: [String] = []
        var compared = 0
        for name in framehashFiles {
            guard let stream = Int(name.dropFirst("framehash-s".count).dropLast(".txt".count)) else { continue }
            let listed = ((try? reader.lines(PackageLayout.exhibitFolder(exhibit) + "/" + name)) ?? []).filter { !$0.hasPrefix("#") }
                .map { String($0.split(separator: ",").last ?? "").trimmingCharacters(in: .whitespaces) }
            let decoded = frames[stream] ?? []
            compared += min(listed.count, decoded.count)
            if let first = zip(listed, decoded).enumerated().first(where: { $0.element.0 != $0.element.1 }) {
                problems.append("\(exhibit): picture \(first.offset) of stream \(stream) decodes to SHA-256 \(first.element.1), "
                    + "\(name) says \(first.element.0)" + (singleThreaded ? " (the exhibit was decoded on one thread)" : ""))
            } else if listed.count != decoded.count {
                problems.append("\(exhibit): stream \(stream) decodes to \(decoded.count) pictures, \(name) lists \(listed.count)")
            }
        }
        let listedPackets = ((try? reader.lines(PackageLayout.packets(exhibit))) ?? []).filter { !$0.hasPrefix("#") }
            .map { String($0.split(separator: ",").last ?? "").trimmingCharacters(in: .whitespaces) }
        if listedPackets != packets {
            problems.append("\(exhibit): its packets hash differently from \(PackageLayout.packets(exhibit)) (\(packets.count) read, \(listedPackets.count) listed)")
        }
        let shipped = (try? reader.text(PackageLayout.description(exhibit))) ?? ""
        problems += compareSignatures(exhibit, shipped: shipped, decoded: summary.streams)
        problems += compareContentCredentials(exhibit, shipped: shipped, decoded: summary.container?.contentCredentials)
        return (compared, problems)
    }

    /// The C2PA Content Credentials read again, offline: the same state and status codes as the
    /// exhibit's description says, but for trust (judged against the lab's anchors of the day, which
    /// a package does not carry: `trusted` reads as `valid`, and the signing-credential trust codes
    /// are not compared). Nothing to compare when either side did not check (no library).
    private static func compareContentCredentials(_ exhibit: String, shipped: String, decoded: ContentCredentials?) -> [String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(shipped.utf8)) as? [String: Any],
              let said = (object["container_info"] as? [String: Any])?["content_credentials"] as? [String: Any],
              let saidState = said["state"] as? String, saidState != ContentCredentials.State.notChecked.rawValue,
              let decoded, decoded.state != .notChecked else { return [] }
        func untrusting(_ state: String) -> String { state == ContentCredentials.State.trusted.rawValue ? ContentCredentials.State.valid.rawValue : state }
        func withoutTrust(_ codes: [String]) -> [String] { codes.filter { !$0.hasPrefix("signingCredential.") || !$0.hasSuffix("trusted") } }
        let saidCodes = withoutTrust(said["status_codes"] as? [String] ?? [])
        let again = (untrusting(decoded.state.rawValue), withoutTrust(decoded.statusCodes))
        guard (untrusting(saidState), saidCodes) != again else { return [] }
        return ["\(exhibit): its C2PA Content Credentials read again as \(again.0) (\(again.1.joined(separator: ", "))); "
            + "\(PackageLayout.description(exhibit)) says \(saidState) (\(saidCodes.joined(separator: ", ")))"]
    }

    /// The camera signatures checked again, offline: each video stream's verdict and the NAL units
    /// its valid signatures cover must be what the exhibit's description says (provenance is not
    /// compared: it is judged against the anchors of the day, which a package does not carry).
    /// An exhibit described before DFC checked signatures has nothing to compare.
    private static func compareSignatures(_ exhibit: String, shipped: String, decoded: [StreamInfo]) -> [String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(shipped.utf8)) as? [String: Any],
              let streams = object["streams"] as? [[String: Any]] else { return [] }
        var problems: [String] = []
        for stream in streams {
            guard let index = stream["index"] as? Int, let signature = stream["signature"] as? [String: Any] else { continue }
            let again = decoded.first { $0.index == index }?.signature
            let said = (signature["verdict"] as? String, signature["valid_nal_units"] as? Int, signature["nal_units"] as? Int)
            if said.0 != again?.verdict.rawValue || said.1 != again?.validNALUnits || said.2 != again?.nalUnits {
                problems.append("\(exhibit): stream \(index)'s camera signatures check again as \(again?.verdict.rawValue ?? "unchecked") "
                    + "(\(again?.validNALUnits ?? 0) of \(again?.nalUnits ?? 0) NAL units valid); \(PackageLayout.description(exhibit)) says "
                    + "\(said.0 ?? "nothing") (\(said.1 ?? 0) of \(said.2 ?? 0))")
            }
        }
        return problems
    }
}
