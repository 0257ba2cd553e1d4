import Foundation

/// A fixed camera in the register (`dfc source add`): where it stands, which way it looks and
/// the zone its clock keeps, as a signed `source_registered` event. An exhibit ingested with
/// this source name afterwards gets the register's position as a place, its zone-less clock
/// readings (a DVR's file-name time) read in that zone as a layer of their own, and its file
/// name read by the camera's own pattern when one is registered.
public struct CameraSource: Sendable, Codable, Equatable {
    /// The name exhibits are ingested with (`--source`), exactly.
    public var name: String
    /// Degrees north and east (WGS 84), and the heading in degrees clockwise from true north.
    public var latitude: Double
    public var longitude: Double
    public var heading: Double?
    /// The IANA zone its clock keeps (`Asia/Karachi`), when registered.
    public var zone: String?
    /// How its exports' file names carry the recording's time (`ch??_DD-MM-YYYY_hh.mm.ss.*`),
    /// when registered; without one, a name is read by the patterns DVRs and phones commonly use.
    public var fileNameTime: String?
    /// The custody event that registered it, when, and who.
    public var event: Int64
    public var at: String
    public var actor: String

    /// Makes a register entry.
    public init(name: String, latitude: Double, longitude: Double, heading: Double?, zone: String?, fileNameTime: String? = nil,
                event: Int64, at: String, actor: String) {
        (self.name, self.latitude, self.longitude, self.heading, self.zone, self.fileNameTime, self.event, self.at, self.actor) =
            (name, latitude, longitude, heading, zone, fileNameTime, event, at, actor)
    }

    /// The IANA zone `name` (`Europe/London`), when this system's zone database knows it.
    package static func zone(named name: String) -> TimeZone? {
        guard TimeZone.knownTimeZoneIdentifiers.contains(name) else { return nil }
        return TimeZone(identifier: name)
    }

    /// The instant (UTC milliseconds) at which `zone` changes its offset so that its clock
    /// steps from reading `from` to reading `to` (local milliseconds, within two seconds), as
    /// a recorder's clock that follows the zone does at a daylight-saving change; nil when no
    /// change of the zone does that.
    package static func change(from: Int64, to: Int64, in zone: TimeZone) -> Int64? {
        func offset(_ utc: Int64) -> Int64 { Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(utc) / 1000))) * 1000 }
        for utc in instants(local: to, in: zone) + instants(local: to + 1000, in: zone).map({ $0 - 1000 }) {
            let after = offset(utc), before = offset(utc - 1000)
            if before != after, abs(utc + before - from) <= 2000, abs(utc + after - to) <= 2000 { return utc }
        }
        return nil
    }

    /// The instants at which a clock in `zone` reads `local` (milliseconds since 1970 as if
    /// that reading were UTC): one, or two in an hour the clocks repeat, or none in one they skip.
    package static func instants(local: Int64, in zone: TimeZone) -> [Int64] {
        var offsets: Set<Int> = []
        for probe in [-86_400_000, -3_600_000 * 6, 0, 3_600_000 * 6, 86_400_000] as [Int64] {
            offsets.insert(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(local + probe) / 1000)))
        }
        return offsets.compactMap { offset -> Int64? in
            let utc = local - Int64(offset) * 1000
            return zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(utc) / 1000)) == offset ? utc : nil
        }.sorted()
    }
}
