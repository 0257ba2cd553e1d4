import Foundation

extension Integrity {
    /// Removes what DFC processes that no longer run left behind: staged copies and analyses in
    /// `tmp/` (`StagingLease` proves nobody uses them), and the working folders of exports that
    /// did not finish. An export that was recorded but whose package was never put in place gets
    /// an `export_undelivered` event on each of its exhibits, signed by `signer`, so that `show`
    /// and the audit say so. Returns what an operator should be told.
    @discardableResult
    func sweepLeftovers(_ signer: Signer) throws -> [String] {
        let leftovers = vault.removeLeftovers()
        var notices: [String] = []
        if leftovers.files > 0 {
            notices.append("removed \(leftovers.files) staging files that killed DFC processes left in \(path)/tmp")
            logger.notice("removed staging files left by killed DFC processes", metadata: ["count": "\(leftovers.files)"])
        }
        let uploads = vault.storage.abortAbandonedUploads()
        if uploads > 0 {
            notices.append("aborted \(uploads) uploads to the \(vault.storage.name) that began over a day ago and never finished")
        }
        for markerPath in leftovers.markers where (markerPath as NSString).lastPathComponent.hasPrefix(ExtractionMarker.prefix) {
            if let data = FileManager.default.contents(atPath: markerPath),
               let marker = try? JSONDecoder().decode(ExtractionMarker.self, from: data) {
                let removed = marker.partials.filter { ($0 as NSString).lastPathComponent.contains(".partial-") && unlink($0) == 0 }
                if !removed.isEmpty {
                    notices.append("removed \(removed.count) unfinished pictures that a killed extraction left in "
                        + ((removed[0] as NSString).deletingLastPathComponent))
                }
            }
            unlink(markerPath)
        }
        for markerPath in leftovers.markers where (markerPath as NSString).lastPathComponent.hasPrefix(ExportMarker.prefix) {
            guard let data = FileManager.default.contents(atPath: markerPath),
                  let marker = try? JSONDecoder().decode(ExportMarker.self, from: data) else {
                unlink(markerPath)   // a marker cut short: the export had not begun its folder
                continue
            }
            // Only a folder of the export's own making: hidden, beside the destination, named for it.
            let parent = (marker.destination as NSString).deletingLastPathComponent
            let name = (marker.staging as NSString).lastPathComponent
            if (marker.staging as NSString).deletingLastPathComponent == parent,
               name.hasPrefix("." + (marker.destination as NSString).lastPathComponent + ".dfc-export-") {
                FileWriting.removeTree(marker.staging)
            }
            try withCatalog {
                try catalog.write { db in
                    guard FileManager.default.fileExists(atPath: markerPath) else { return }   // another sweep took it
                    let authorization = try Self.authorization(ofExport: marker.id, db)
                    if let authorization, Self.delivered(authorization, at: marker.destination) {
                        // Killed between putting the package in place and removing its marker: nothing to say.
                    } else if let authorization {
                        for reference in marker.exhibits {
                            guard let record = try? exhibits.resolve(reference, db) else { continue }
                            try CustodyLog.append(db, action: "export_undelivered", signer: signer, exhibit: record.exhibitID, details: [
                                "authorization": String(authorization), "destination": marker.destination,
                                "reason": "the export process ended after the export was recorded and before its package was in "
                                    + "place; its working folder was removed and nothing is at the destination",
                            ])
                        }
                        notices.append("the export authorised by custody event \(authorization) to \(marker.destination) was recorded "
                            + "but never delivered (its process ended first); recorded as export_undelivered")
                    } else {
                        notices.append("removed the working folder of an export to \(marker.destination) that was never recorded")
                    }
                    unlink(markerPath)
                }
            }
        }
        return notices
    }

    /// The `export_authorized` event of the export whose marker names `id`, if it was recorded.
    private static func authorization(ofExport id: String, _ db: CatalogDB) throws -> Int64? {
        let rows = try Catalog.exportAuthorizations(db)
        let decoder = JSONDecoder()
        while let row = try rows.next() {
            guard let seq = try? row.at(0) as Int64, let payload = try? row.at(1) as String else { continue }
            if (try? decoder.decode(CustodyPayload.self, from: Data(payload.utf8)))?.details["export_id"] == id { return seq }
        }
        return nil
    }

    /// Whether the package of export `authorization` is at `destination`.
    private static func delivered(_ authorization: Int64, at destination: String) -> Bool {
        let info = (try? String(contentsOfFile: destination + "/bag-info.txt", encoding: .utf8)) ?? ""
        return info.split(separator: "\n").contains { $0 == "DFC-Authorization-Event: \(authorization)" }
    }

}
