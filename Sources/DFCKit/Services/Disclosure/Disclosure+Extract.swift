internal import Crypto
import Foundation

extension Disclosure {
    /// Extracts pictures of an exhibit as lossless PNG files at their original resolution
    /// into `directory`, and registers each as derived evidence.
    ///
    /// The pictures are chosen from the catalog (the current analysis's rows of the first
    /// video stream unless `stream` names one). The vault copy is staged and checked against
    /// the registered hashes, then decoded by a confined worker (`containment`; in this
    /// process when nil), which converts each picture to RGB with the stream's own colour
    /// matrix and range, turns it as the display matrix asks when `applyRotation` (otherwise
    /// it only records the rotation), and encodes it. The parent refuses a picture whose
    /// decoded SHA-256 is not the catalog's for that index. Each PNG is kept in the store
    /// (`derived/`), its row and a signed `extracted` event committed in one transaction,
    /// and only then are the files moved into `directory`, which is created if needed; a file
    /// already there of the same name is refused before anything is done.
    public func extractFrames(
        of reference: String, selection: FrameSelection, stream: Int? = nil, applyRotation: Bool = true, to directory: String,
        actor: String, limits: MediaLimits = .standard, containment: Containment? = nil
    ) throws -> FrameExtraction {
        let signer = try ledger.handler(for: actor, command: "extract pictures")
        try integrity.sweepLeftovers(signer)
        let (record, analysis, header, entries) = try withCatalog {
            try catalog.read { db -> (ExhibitRecord, StoredAnalysis, FrameListingHeader, [FrameEntry]) in
                let record = try exhibits.resolve(reference, db)
                let current = try exhibits.analysis(nil, of: record, db)
                let header = try reading.frameListingHeader(record, current, stream: stream, db)
                var entries: [FrameEntry] = []
                let next = try Catalog.frameCursor(of: current.location, stream: header.stream.index, db)
                while let entry = try next() { entries.append(entry) }
                return (record, current, header, entries)
            }
        }
        let chosen = try Self.select(selection, from: entries, start: header.containerStartSeconds ?? 0, exhibit: record.exhibitID)
        let destination = try Destination(directory, kind: .folder, store: path).path
        let names = chosen.map { ExtractedFrame.fileName(exhibit: record.exhibitID, stream: header.stream.index, frame: $0.index) }
        try Self.prepareDestination(destination, names: names)

        let request = ExtractionRequest(stream: header.stream.index, frames: chosen.map(\.index), applyRotation: applyRotation)
        let pictures = try decodePictures(record, header: header, chosen: chosen, request: request, signer: signer, command: "extract",
                                          limits: limits, containment: containment)

        var placed: [String] = []
        var partials: [String] = []
        var committed = false
        defer {
            for path in partials { unlink(path) }
            if !committed { for path in placed { removeDerived(path) } }
        }
        // Named before they exist, so that a kill at any moment leaves nothing a later command cannot remove.
        let markerPath = try vault.stagingFile(ExtractionMarker.prefix) + ".json"
        try ExtractionMarker(partials: names.map { Self.partialName(destination, $0) }).write(to: markerPath)
        defer { unlink(markerPath) }
        var rows: [DerivedFrameRecord] = []
        var staged: [(temporary: String, relative: String, sha256: String)] = []
        defer { for file in staged { unlink(file.temporary) } }
        for picture in pictures {
            let sha = Hex.string(SHA256.hash(data: picture.png))
            let relative = "derived/\(sha.prefix(2))/\(sha).png"
            let temporary = try vault.stagingFile("ingest") + ".png"
            try FileWriting.createReadOnly(temporary, picture.png)
            staged.append((temporary, relative, sha))
            rows.append(DerivedFrameRecord(
                id: nil, exhibitID: record.id!, analysis: analysis.info.number, stream: header.stream.index, index: picture.index,
                pts: picture.pts, ptsSeconds: picture.ptsSeconds, frameSHA256: picture.frameSHA256, pngSHA256: sha,
                pngSize: picture.png.count, width: picture.width, height: picture.height, conversion: picture.conversion,
                rotation: picture.rotation, displayRotation: picture.displayRotation, storedPath: relative, eventSeq: 0))
            let partial = Self.partialName(destination, names[rows.count - 1])
            try FileWriting.createReadOnly(partial, picture.png)
            partials.append(partial)
        }
        let event = try withCatalog {
            try catalog.write { db -> Int64 in
                // Placed under the write lock, as the vault's files are, so the audit never takes one for a planted file.
                for file in staged where try placeDerived(file.temporary, at: file.relative, sha256: file.sha256) {
                    placed.append(file.relative)
                }
                let event = try CustodyLog.append(db, action: "extracted", signer: signer, exhibit: record.exhibitID, details: [
                    "command": "extract", "sha256": record.sha256, "analysis": String(analysis.info.number),
                    "stream": String(header.stream.index), "selection": selection.description,
                    "rotation": applyRotation ? "applied" : "recorded", "frames": String(rows.count),
                    "derived_digest": DerivedFrameRecord.digest(of: rows), "destination": destination,
                ])
                for index in rows.indices {
                    rows[index].eventSeq = event.seq
                    rows[index].id = try rows[index].insertNumbered(db)
                }
                return event.seq
            }
        }
        committed = true
        for (partial, name) in zip(partials, names) {
            guard rename(partial, destination + "/" + name) == 0 else {
                throw DFCError.storeIO(path: destination + "/" + name, reason: "cannot move the extracted picture into place "
                    + "(\(errnoDescription())); it is registered (custody event \(event)) and kept in the store")
            }
        }
        partials = []
        Durability.syncDirectory(destination)
        return FrameExtraction(frames: rows.map(\.entry), directory: destination, event: event)
    }

    /// Decodes the pictures `request` asks for from a checked copy of the exhibit's vault file,
    /// in `containment`'s confined worker, and checks each against the catalog's row in `chosen`.
    func decodePictures(
        _ record: ExhibitRecord, header: FrameListingHeader, chosen: [FrameEntry], request: ExtractionRequest, signer: Signer,
        command: String, limits: MediaLimits, containment: Containment?
    ) throws -> [ExtractionFile.Picture] {
        let staged = try exhibits.stageVaultCopy(of: record, signer: signer, command: command)
        defer { vault.discard(staged) }
        let output = try vault.stagingFile("analysis")
        defer { unlink(output) }
        let job = AnalysisJob(input: staged.temporaryPath, output: output, limits: limits, confine: containment != nil,
                              decoderThreads: header.singleThreaded ? 1 : containment?.decoderThreads ?? 0, extraction: request)
        if case .failed(let description, _) = try WorkerRunner.runWorker(job, file: vault.location(record.vaultPath), containment: containment) {
            throw DFCError.extractionFailed(exhibit: record.exhibitID.description, reason: "the worker did not finish: \(description)")
        }
        let pictures: [ExtractionFile.Picture]
        do {
            pictures = try ExtractionFile.read(path: output, request: request, maxPixels: limits.maxPixels,
                                               maxPNGBytes: limits.maxPixels * 4 + (1 << 20))
        } catch {
            throw DFCError.extractionFailed(exhibit: record.exhibitID.description, reason: "\(error)")
        }
        for (picture, entry) in zip(pictures, chosen) where picture.frameSHA256 != entry.sha256 {
            throw DFCError.extractionFailed(exhibit: record.exhibitID.description, reason:
                "stream \(header.stream.index) picture \(entry.index) decoded now to SHA-256 \(picture.frameSHA256), but the catalog "
                + "has \(entry.sha256): the decode differs from the analysis's, so nothing was extracted (analyse it again, then extract)")
        }
        return pictures
    }

    /// The derived pictures registered for an exhibit, in stream order. Records an `accessed` event.
    public func extractedFrames(of reference: String, actor: String) throws -> [ExtractedFrame] {
        let signer = try ledger.signer(for: actor)
        return try withCatalog {
            try catalog.write { db in
                let record = try exhibits.resolve(reference, db)
                try ledger.recordAccess(db, [record], signer: signer, command: "extracted-frames")
                return try Catalog.derivedFrames(of: record.id ?? 0, db).map(\.entry)
            }
        }
    }

    /// The catalog's pictures a selection picks, ascending, each once.
    static func select(_ selection: FrameSelection, from entries: [FrameEntry], start: Double, exhibit: ExhibitID) throws -> [FrameEntry] {
        guard !entries.isEmpty else { throw DFCError.extractionFailed(exhibit: exhibit.description, reason: "the stream has no decoded pictures") }
        let timed = entries.filter { $0.ptsSeconds != nil }
        func onScreen(at seconds: Double) -> FrameEntry {
            // The last picture shown at or before the time (entries are in display order).
            let target = seconds + start
            return timed.last { $0.ptsSeconds! <= target + 1e-9 } ?? timed.first ?? entries[0]
        }
        var chosen: [FrameEntry]
        switch selection {
        case .times(let times):
            guard times.allSatisfy({ $0 >= 0 && $0.isFinite }) else { throw DFCError.invalidArgument("a time must be 0 or more seconds") }
            chosen = times.map(onScreen)
        case .every(let seconds):
            guard seconds > 0, seconds.isFinite else { throw DFCError.invalidArgument("--every needs a positive number of seconds") }
            let end = (timed.last?.ptsSeconds ?? start) - start
            guard end / seconds < Double(FrameSelection.maximumFrames) else {
                throw DFCError.invalidArgument("every \(seconds) s over \(Int(end)) s is more than \(FrameSelection.maximumFrames) pictures")
            }
            chosen = stride(from: 0, through: max(0, end), by: seconds).map(onScreen)
        case .keyframes:
            chosen = entries.filter(\.keyFrame)
        case .indices(let indices):
            for index in indices where !entries.indices.contains(index) || entries[index].index != index {
                throw DFCError.invalidArgument("\(exhibit) stream \(entries[0].stream) has no picture \(index) (it has \(entries.count), from 0)")
            }
            chosen = indices.map { entries[$0] }
        }
        var seen = Set<Int>()
        chosen = chosen.filter { seen.insert($0.index).inserted }.sorted { $0.index < $1.index }
        guard !chosen.isEmpty else { throw DFCError.invalidArgument("the selection picks no picture") }
        guard chosen.count <= FrameSelection.maximumFrames else {
            throw DFCError.invalidArgument("the selection picks \(chosen.count) pictures, more than the \(FrameSelection.maximumFrames) one extraction writes")
        }
        return chosen
    }

    /// Where a picture is written before its extraction is recorded (then renamed to `name`).
    private static func partialName(_ destination: String, _ name: String) -> String {
        destination + "/." + name + ".partial-\(getpid())"
    }

    /// Creates the folder if needed and refuses when a file it would write is already there.
    static func prepareDestination(_ destination: String, names: [String]) throws {
        do {
            try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: true)
        } catch {
            throw DFCError.storeIO(path: destination, reason: "cannot create the folder: \(error.localizedDescription)")
        }
        for name in names where FileManager.default.fileExists(atPath: destination + "/" + name) {
            throw DFCError.destinationExists(path: destination + "/" + name, reason: "already exists: nothing was extracted (choose another folder)")
        }
    }

    /// Moves a staged PNG to its place in the store (`derived/ab/<sha256>.png`), kept once per
    /// content; returns whether this call put it there. Call it under the catalog's write lock.
    private func placeDerived(_ temporary: String, at relative: String, sha256: String) throws -> Bool {
        let path = path + "/" + relative
        if let existing = try? FileDigest.compute(path: path), existing.sha256 == sha256 { return false }
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw DFCError.storeIO(path: folder, reason: "cannot create folder: \(error.localizedDescription)")
        }
        guard rename(temporary, path) == 0 else {
            throw DFCError.storeIO(path: path, reason: "cannot move into the store: \(errnoDescription())")
        }
        Durability.syncDirectory(folder)
        return true
    }

    private func removeDerived(_ relative: String) {
        unlink(path + "/" + relative)
    }
}
