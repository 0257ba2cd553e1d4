// What the Data Exchange System does with DFCKit: open a store read-only in spirit (every
// lookup is itself a signed `accessed` event), ask by file hash, picture hash or case, and
// print one JSON object per hit. Exit 0: found; 1: nothing found; 2: could not look.
//
//   des-lookup STORE ACTOR (sha256 HEX | frame-sha256 HEX | case ID)
import DFCKit
import Foundation

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count == 4 else {
    FileHandle.standardError.write(Data("usage: des-lookup STORE ACTOR (sha256 HEX | frame-sha256 HEX | case ID)\n".utf8))
    exit(64)
}
let (store, actor, kind, value) = (arguments[1], arguments[2], arguments[3], arguments[4])
let query: LookupQuery
switch kind {
case "sha256": query = .sha256(value)
case "frame-sha256": query = .frameSHA256(value)
case "case": query = .caseID(value)
default:
    FileHandle.standardError.write(Data("des-lookup: ask by sha256, frame-sha256 or case, not \(kind)\n".utf8))
    exit(64)
}
do {
    let hits = try EvidenceStore(path: store).reading.lookup(query, actor: actor)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    for hit in hits { print(String(decoding: try encoder.encode(hit), as: UTF8.self)) }
    exit(hits.isEmpty ? 1 : 0)
} catch {
    FileHandle.standardError.write(Data("des-lookup: could not look: \(error)\n".utf8))
    exit(2)
}
