import Foundation

extension EvidenceStore {
    /// Appends `count` real `accessed` events signed by `actor`, with no exhibit and details
    /// that say the benchmark made them, `batch` to a transaction: the long log on which
    /// `Scripts/bench` times the audit. Not for anything but benchmarks.
    @_spi(Benchmarks)
    public func appendBenchmarkEvents(count: Int, actor: String, batch: Int = 20_000) throws {
        let signer = try signer(for: actor)
        var appended = 0
        while appended < count {
            let size = min(batch, count - appended)
            try withCatalog {
                try catalog.write { db in
                    for _ in 0..<size {
                        try CustodyLog.append(db, action: "accessed", signer: signer, exhibit: nil, details: [
                            "command": "benchmark fill (Scripts/bench)", "host": Host.name, "dfc_version": DFCVersion.current,
                        ])
                    }
                }
            }
            appended += size
        }
    }
}
