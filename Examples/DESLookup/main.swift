// What the Data Exchange System does with DFC: it links the DFCStore library alone — no FFmpeg, no
// workers — opens a store (every lookup is itself a signed `accessed` event), asks by file hash,
// picture hash, case or source, or reads an exhibit's custody and checks that its last event is in
// the log's Merkle tree, and prints one JSON object per line. Exit 0: found; 1: nothing found;
// 2: could not look.
//
//   des-lookup STORE ACTOR (sha256 HEX | frame-sha256 HEX | case ID | source NAME | custody EXHIBIT)
import DFCStore
import Foundation

let arguments = CommandLine.arguments.dropFirst()
let usage = "usage: des-lookup STORE ACTOR (sha256 HEX | frame-sha256 HEX | case ID | source NAME | custody EXHIBIT)\n"
guard arguments.count == 4 else {
    FileHandle.standardError.write(Data(usage.utf8))
    exit(64)
}
let (path, actor, kind, value) = (arguments[1], arguments[2], arguments[3], arguments[4])
let query: LookupQuery?
switch kind {
case "sha256": query = .sha256(value)
case "frame-sha256": query = .frameSHA256(value)
case "case": query = .caseID(value)
case "source": query = .source(value)
case "custody": query = nil
default:
    FileHandle.standardError.write(Data("des-lookup: ask by sha256, frame-sha256, case, source or custody, not \(kind)\n".utf8))
    exit(64)
}
let encoder = JSONEncoder()
encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
func line(_ value: some Encodable) throws { print(String(decoding: try encoder.encode(value), as: UTF8.self)) }
do {
    let store = try EvidenceStore(path: path)
    if let query {
        let hits = try store.reading.lookup(query, actor: actor)
        for hit in hits { try line(hit) }
        exit(hits.isEmpty ? 1 : 0)
    }
    let entries = try store.reading.custody(of: value, actor: actor)
    for entry in entries { try line(entry) }
    // The last event (this reading's own `accessed` event) is in the tree the log has now.
    if let last = entries.last {
        let proof = try store.ledger.inclusionProof(event: last.seq, actor: actor)
        try line(["event": String(last.seq), "tree_size": String(proof.treeSize), "root_hash": proof.rootHash,
                  "inclusion": proof.verifies() ? "proved" : "NOT PROVED"])
        exit(proof.verifies() ? 0 : 2)
    }
    exit(1)
} catch {
    FileHandle.standardError.write(Data("des-lookup: could not look: \(error)\n".utf8))
    exit(2)
}
