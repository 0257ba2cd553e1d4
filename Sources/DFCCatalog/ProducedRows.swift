internal import Crypto
import Foundation
import DFCCore
import DFCLedger

/// The rows DFC meant to write for one analysis, as it produced them (the worker's checked
/// output, the exhibit's time and place), kept as digests: "sign what was meant, then check
/// what was stored". Before the event that commits to the rows is signed, they are read back
/// (`RowDigest.compute(_:expecting:_:)`) and must be these, table by table, or the transaction is
/// rolled back naming the table: a trigger, rule or default that changed, dropped or added a
/// row between DFC and the disk (one planted after the schema check, or an engine coercing a
/// value) makes DFC refuse, never sign.
///
/// Each table's rows are hashed in the order they were written, with `RowDigest`'s encoding of
/// the values its digest section reads; the frame and PDQ tables, read back by (stream, index)
/// but written in decoding order, are hashed per stream.
package final class ProducedRows {
    private var digests: [String: [Int64?: SHA256]] = [:]
    private var scratch: [UInt8] = []

    package init() {}

    /// Tables whose rows are written interleaved by stream: hashed per stream (their first value).
    package static let perStream: Set<String> = ["frame", "pdq", "analysis_frame", "analysis_pdq"]

    /// Notes one row of `table` as its digest section reads it.
    package func record(_ table: String, _ values: ArraySlice<SQLValue>) {
        scratch.removeAll(keepingCapacity: true)
        for value in values { RowDigest.append(value, to: &scratch) }
        let group: Int64? = Self.perStream.contains(table) ? values.first.flatMap(Int64.from) : nil
        digests[table, default: [:]][group, default: SHA256()].update(data: scratch)
    }

    /// Every table noted, with the hex SHA-256 of each of its groups.
    package func finished() -> [String: [Int64?: String]] {
        digests.mapValues { $0.mapValues { Hex.string($0.finalize()) } }
    }
}

/// The rows of a table read back before commit are not those DFC produced.
package struct StoredRowsDiffer: Error, CustomStringConvertible {
    package let table: String

    package var description: String {
        "the rows of \(table) read back before the commit are not the ones DFC wrote (a trigger, rule or default changed, "
            + "added or dropped some): the transaction was rolled back and nothing was recorded; run dfc audit"
    }

    package init(table: String) {
        self.table = table
    }
}
