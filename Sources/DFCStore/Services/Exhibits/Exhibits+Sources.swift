import Foundation
import DFCCore
import DFCLedger
import DFCCatalog
import DFCVault

extension Exhibits {
    /// Registers a fixed camera (`dfc source add`): its position, heading and the IANA zone its
    /// clock keeps, as a signed `source_registered` event with its row in `camera_source`. A
    /// camera registered again gets a new entry; the latest applies to what is ingested with
    /// that source name from then on, and nothing ingested before changes. Only a custodian or
    /// a supervisor keeps the register. With `fileNameTime` (a `FileNamePattern`:
    /// `ch??_DD-MM-YYYY_hh.mm.ss.*`), its exports' names are read by that pattern alone.
    public func registerSource(_ name: String, latitude: Double, longitude: Double, heading: Double? = nil, zone: String? = nil,
                               fileNameTime: String? = nil, actor: String) throws -> CameraSource {
        let signer = try ledger.signer(for: actor)
        guard signer.role.mayAmend else {
            throw DFCError.notPermitted(actor: signer.name, role: signer.role, action: "register a camera: only a custodian or a supervisor keeps the register")
        }
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 200, !name.contains(where: \.isNewline) else {
            throw DFCError.invalidArgument("a camera needs a name of one line, at most 200 characters (the --source its exhibits are ingested with)")
        }
        guard latitude.isFinite, longitude.isFinite, abs(latitude) <= 90, abs(longitude) <= 180 else {
            throw DFCError.invalidArgument("--at \(latitude),\(longitude): not a position on Earth (latitude -90...90, longitude -180...180)")
        }
        if let heading { guard heading.isFinite, heading >= 0, heading < 360 else {
            throw DFCError.invalidArgument("--heading \(heading): give degrees clockwise from true north, 0 up to 360")
        } }
        if let zone { guard CameraSource.zone(named: zone) != nil else {
            throw DFCError.invalidArgument("--zone \(zone): not a zone this system's zone database knows (an IANA name such as Asia/Karachi or Europe/London)")
        } }
        if let fileNameTime { _ = try FileNamePattern(fileNameTime) }
        var details = ["command": "source add", "name": name, "latitude": String(latitude), "longitude": String(longitude)]
        if let heading { details["heading"] = String(heading) }
        if let zone { details["zone"] = zone }
        if let fileNameTime { details["file_name_time"] = fileNameTime }
        return try withCatalog {
            try catalog.write { db in
                let event = try CustodyLog.append(db, action: "source_registered", signer: signer, exhibit: nil, details: details)
                try Catalog.insert(CameraSourceRow(seq: event.seq, name: name, latitude: latitude, longitude: longitude, heading: heading, zone: zone,
                                                   fileNameTime: fileNameTime), db)
                return CameraSource(name: name, latitude: latitude, longitude: longitude, heading: heading, zone: zone, fileNameTime: fileNameTime,
                                    event: event.seq, at: event.recordedAt, actor: signer.name)
            }
        }
    }

    /// The register of cameras: every registration, oldest first (a camera registered again
    /// appears once per registration; the latest applies).
    public func sources() throws -> [CameraSource] {
        try withCatalog {
            try catalog.read { db in
                try Catalog.cameraSources(named: nil, db).map { row in
                    let event = try CustodyEventRecord.fetchOne(db, key: row.seq)
                    return CameraSource(name: row.name, latitude: row.latitude, longitude: row.longitude, heading: row.heading, zone: row.zone,
                                        fileNameTime: row.fileNameTime, event: row.seq, at: event?.recordedAt ?? "", actor: event?.actor ?? "")
                }
            }
        }
    }
}
