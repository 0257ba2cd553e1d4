import Foundation

/// An exhibit's time and place layers, read by the trusted parent from what the worker
/// reported (the container's tags, EXIF merged in) and what intake saw itself (the file's name
/// and modification time): the rows an `ingested` event commits to. Nothing is corrected here;
/// what disagrees becomes a finding.
package struct TimeLayers: Sendable, Equatable {
    package var layers: [TimeLayer] = []
    package var places: [PlaceLayer] = []
    /// The span the exhibit covers on the UTC timeline, from the best layer with a zone, when one has.
    package var span: Span?
    package var findings: [Finding] = []

    /// Where an exhibit sits on the UTC timeline: the first and last millisecond it covers and
    /// the index (in `layers`) of the layer the start came from.
    package struct Span: Sendable, Equatable {
        package var startMilliseconds: Int64
        package var endMilliseconds: Int64
        package var layer: Int

        package init(startMilliseconds: Int64, endMilliseconds: Int64, layer: Int) {
            self.startMilliseconds = startMilliseconds
            self.endMilliseconds = endMilliseconds
            self.layer = layer
        }
    }

    /// Two UTC layers further apart than this disagree.
    package static let tolerance: Int64 = 2000
    /// No zone is further than this from UTC, so a clock reading further than it from a UTC layer is wrong.
    package static let widestZone: Int64 = 14 * 3_600_000
    /// Readings outside these years are a clock never set (1904, 1970) or nonsense, never a time.
    package static let plausibleYears = 1990...2100

    /// Reads the layers of one exhibit.
    /// - Parameters:
    ///   - tags: the container's tags (with `exif.*`), as the worker reported them.
    ///   - durationSeconds: how long the recording lasts, when known (a still covers an instant).
    ///   - fileName: the original's name as submitted.
    ///   - modified: its modification time as intake read it (`original_modified`, ISO 8601 UTC).
    ///   - camera: the camera register's latest entry for its source, when it has one: its
    ///     position becomes a place, and its zone reads the zone-less layers as `sourceZone` layers.
    package init(tags: [String: String], durationSeconds: Double?, fileName: String, modified: String?, camera: CameraSourceRow? = nil) {
        func add(_ kind: TimeLayer.Kind, _ tag: String, _ value: String, _ reading: CivilTime?) {
            guard let reading, Self.plausibleYears.contains(reading.year) else {
                findings.append(Finding(kind: .timeUnusable, severity: .info,
                                        message: "\(tag) \"\(value)\" is not a usable time (\(reading == nil ? "not a date and time" : "a clock never set")); kept as written, used for nothing"))
                return
            }
            layers.append(TimeLayer(kind: kind, tag: tag, value: value, utc: reading.utcMilliseconds.map { CivilTime.text($0, zone: "Z") },
                                    local: reading.localText, zone: reading.offset.map(CivilTime.zoneText) ?? "unknown"))
        }
        for tag in ["creation_time"] { if let value = tags[tag] { add(.containerCreation, tag, value, CivilTime(parsing: value)) } }
        for tag in ["com.apple.quicktime.creationdate"] { if let value = tags[tag] { add(.quicktimeCreation, tag, value, CivilTime(parsing: value)) } }
        if let value = tags["exif.date_time_original"] {
            var reading = CivilTime(parsing: value)
            if reading?.offset == nil, let offset = tags["exif.offset_time_original"] ?? tags["exif.offset_time"] {
                // EXIF keeps the offset apart (`+05:00`); read through the same strict parser.
                reading = CivilTime(parsing: value + offset)
            }
            add(.exifOriginal, "exif.date_time_original", value + (tags["exif.offset_time_original"] ?? tags["exif.offset_time"] ?? ""), reading)
        }
        if let value = tags["exif.gps_date_time"] { add(.exifGPS, "exif.gps_date_time", value, CivilTime(parsing: value)) }
        addTelemetry(tags)
        if let value = tags["dhav.wall_clock_first"] {
            let stream = Self.stream(tags, "dhav")
            if let reading = CivilTime(parsing: value), reading.offset == nil, Self.plausibleYears.contains(reading.year) {
                layers.append(TimeLayer(kind: .dvrWallClock, tag: "dhav packet date of \(stream) (first packet)", value: value, utc: nil,
                                        local: reading.localText, zone: "unknown"))
            } else {
                findings.append(Finding(kind: .timeUnusable, severity: .info, message: "the dhav wall clock \"\(value)\" (\(stream)) is not a usable local time; kept as written, used for nothing"))
            }
        }
        if let camera, let registered = camera.fileNameTime {
            addFileName(fileName, registered: registered, entry: "camera register (custody event \(camera.seq))")
        } else if let (text, reading) = Self.fileNameTime(fileName) {
            add(.fileName, "file name", text, reading)
        }
        if let modified, let reading = CivilTime(parsing: modified) { add(.fileModified, "file system modification time", modified, reading) }

        for tag in ["location", "com.apple.quicktime.location.ISO6709"] {
            guard let value = tags[tag] else { continue }
            if let place = Self.iso6709(value, tag: tag) { if !places.contains(where: { $0.value == value }) { places.append(place) } }
            else { findings.append(Finding(kind: .timeUnusable, severity: .info, message: "\(tag) \"\(value)\" is not an ISO 6709 position on Earth; kept as written, used for nothing")) }
        }
        if let lat = tags["exif.gps_latitude"], let lon = tags["exif.gps_longitude"] {
            let value = "\(lat),\(lon)" + (tags["exif.gps_altitude"].map { ",\($0)" } ?? "")
            if let latitude = Double(lat), let longitude = Double(lon), abs(latitude) <= 90, abs(longitude) <= 180 {
                places.append(PlaceLayer(tag: "exif.gps", value: value, latitude: latitude, longitude: longitude, altitude: tags["exif.gps_altitude"].flatMap(Double.init)))
            } else {
                findings.append(Finding(kind: .timeUnusable, severity: .info, message: "EXIF GPS \"\(value)\" is not a position on Earth; kept as written, used for nothing"))
            }
        }

        if let camera { addRegistered(camera, tags: tags) }

        // The start: the most trustworthy layer that names its zone. The file's modification
        // time is a copy's, never the recording's; a zone from the register comes after every
        // zone the file itself names.
        // GPS telemetry comes last: when the file has a clock of its own, the telemetry's
        // disagreement is a suggested correction for the examiner, not one applied here.
        let order: [TimeLayer.Kind] = [.exifGPS, .quicktimeCreation, .exifOriginal, .containerCreation, .sourceZone, .gpsTelemetry, .misbPrecisionTime]
        let milliseconds = layers.map { layer in layer.utc.flatMap { CivilTime(parsing: $0)?.utcMilliseconds } }
        let found = layers
        guard let best = order.compactMap({ kind in found.indices.first { found[$0].kind == kind && milliseconds[$0] != nil } }).first,
              let start = milliseconds[best] else { return }
        span = Span(startMilliseconds: start, endMilliseconds: start + Self.duration(seconds: durationSeconds, tags: tags), layer: best)
        for (index, layer) in layers.enumerated() where index != best && layer.kind != .fileModified {
            if let other = milliseconds[index] {
                let apart = other - start
                if abs(apart) > Self.tolerance {
                    findings.append(Finding(kind: .timeLayersDisagree, severity: .warning, message: "\(layer.tag) (\(layer.value)) is \(Self.duration(apart)) "
                        + "\(apart > 0 ? "after" : "before") \(layers[best].tag) (\(layers[best].value)); no correction is applied"))
                }
                if layer.kind == .gpsTelemetry || layer.kind == .misbPrecisionTime, abs(apart) > Self.tolerance {
                    let what = layer.kind == .gpsTelemetry ? "GPS telemetry" : "The platform's precision time stamp"
                    findings.append(Finding(kind: .clockCorrectionSuggested, severity: .warning, message: "\(what), \(layer.tag), puts the "
                        + "recording's start at \(layer.utc ?? "?"), \(Self.duration(apart)) \(apart > 0 ? "after" : "before") the clock the timeline "
                        + "uses, \(layers[best].tag) (\(layers[best].value)); suggested, not applied: dfc clock on this exhibit with "
                        + "--offset=\(ClockCorrection.text(milliseconds: apart)) if the examiner accepts it as the reference"))
                }
            } else if layer.kind == .fileName, let local = CivilTime(parsing: layer.local)?.localMilliseconds, abs(local - start) > Self.widestZone {
                findings.append(Finding(kind: .fileNameTimeFar, severity: .warning, message: "the file name's time (\(layer.value), zone unknown) is "
                    + "\(Self.duration(local - start)) from \(layers[best].tag) (\(layers[best].value)), more than any zone explains"))
            }
        }
    }

    /// The times and positions telemetry tracks gave (the worker's `gpmf.*` and `dji.*` tags):
    /// GPMF's first GPSU and DJI's first clock reading, each taken back to the recording's start
    /// by its sample's presentation time, and the first and last fixes of each as places.
    private mutating func addTelemetry(_ tags: [String: String]) {
        let stream = Self.stream(tags, "gpmf")
        // GPS9 gives every sample its own time; GPSU (older cameras) one a payload.
        let gps9 = tags["gpmf.gps9_time_first"] != nil
        if let value = tags[gps9 ? "gpmf.gps9_time_first" : "gpmf.gpsu_first"] {
            let at = Self.seconds(tags[gps9 ? "gpmf.gps9_time_first_at" : "gpmf.gpsu_first_at"])
            if let utc = gps9 ? Self.gps9(value) : Self.gpsu(value)?.utcMilliseconds, let at {
                let start = utc - Int64((at * 1000).rounded())
                layers.append(TimeLayer(kind: .gpsTelemetry, tag: "gpmf \(gps9 ? "GPS9 (days since 2000, seconds since midnight)" : "GPSU") of \(stream) "
                                        + "(payload at \(String(format: "%.3f", at)) s)", value: value,
                                        utc: CivilTime.text(start, zone: "Z"), local: CivilTime.text(start), zone: "Z"))
            } else {
                findings.append(Finding(kind: .timeUnusable, severity: .info, message: "GPMF \(gps9 ? "GPS9" : "GPSU") \"\(value)\" (\(stream)) is not a usable time; kept as written, used for nothing"))
            }
        }
        addFixes(tags, prefix: "gpmf.gps5", label: "gpmf GPS5", stream: stream, sample: "payload")
        addFixes(tags, prefix: "gpmf.gps9", label: "gpmf GPS9", stream: stream, sample: "payload")
        let drone = Self.stream(tags, "dji")
        if let value = tags["dji.time_first"] {
            // The controller's clock, zone unknown, at the first subtitle that gives it.
            if let reading = CivilTime(parsing: value), reading.offset == nil, Self.plausibleYears.contains(reading.year),
               let at = Self.seconds(tags["dji.time_first_at"]) {
                let start = CivilTime.text(reading.localMilliseconds - Int64((at * 1000).rounded()))
                layers.append(TimeLayer(kind: .droneTelemetry, tag: "DJI telemetry subtitles of \(drone) (subtitle at \(String(format: "%.3f", at)) s)",
                                        value: value, utc: nil, local: start, zone: "unknown"))
            } else {
                findings.append(Finding(kind: .timeUnusable, severity: .info, message: "DJI telemetry time \"\(value)\" (\(drone)) is not a usable time; kept as written, used for nothing"))
            }
        }
        addFixes(tags, prefix: "dji.position", label: "DJI telemetry", stream: drone, sample: "subtitle")
        let misb = Self.stream(tags, "misb")
        if let value = tags["misb.precision_time_first"] {
            // Microseconds since 1970 UTC, at the first local set that gives them.
            if let microseconds = UInt64(value), let at = Self.seconds(tags["misb.precision_time_first_at"], before: true),
               let reading = Int64(exactly: microseconds / 1000), reading >= 631_152_000_000, reading < 4_102_444_800_000 {
                let start = reading - Int64((at * 1000).rounded())
                layers.append(TimeLayer(kind: .misbPrecisionTime, tag: "MISB ST 0601 precision time stamp of \(misb) (packet at \(String(format: "%.3f", at)) s)",
                                        value: value, utc: CivilTime.text(start, zone: "Z"), local: CivilTime.text(start), zone: "Z"))
            } else {
                findings.append(Finding(kind: .timeUnusable, severity: .info, message: "MISB precision time stamp \"\(value)\" (\(misb)) is not a usable time; kept as written, used for nothing"))
            }
        }
        addFixes(tags, prefix: "misb.sensor_position", label: "MISB ST 0601 sensor", stream: misb, sample: "packet")
    }

    /// The first and last fixes a telemetry track gave (`PREFIX_first`, `PREFIX_last`, each
    /// `latitude,longitude,altitude` with `_at`, the seconds into the stream), as places.
    private mutating func addFixes(_ tags: [String: String], prefix: String, label: String, stream: String, sample: String) {
        for which in ["first", "last"] {
            let name = "\(prefix)_\(which)"
            guard let value = tags[name] else { continue }
            let parts = value.split(separator: ",", omittingEmptySubsequences: false).map { Double($0) }
            guard parts.count == 3, let latitude = parts[0], let longitude = parts[1], latitude.isFinite, longitude.isFinite,
                  abs(latitude) <= 90, abs(longitude) <= 180,
                  let at = Self.seconds(tags[name + "_at"]) else {
                findings.append(Finding(kind: .timeUnusable, severity: .info, message: "\(label) position \"\(value)\" (\(stream)) is not a position on Earth; kept as written, used for nothing"))
                continue
            }
            guard !places.contains(where: { $0.value == value }) else { continue }
            places.append(PlaceLayer(tag: "\(label) \(which) fix (\(stream), \(sample) at \(String(format: "%.3f", at)) s)", value: value,
                                     latitude: latitude, longitude: longitude, altitude: parts[2].flatMap { $0.isFinite ? $0 : nil }))
        }
    }

    /// `stream N` for a reader's `PREFIX.stream` tag, `stream ?` without one.
    package static func stream(_ tags: [String: String], _ prefix: String) -> String {
        tags["\(prefix).stream"].flatMap(Int.init).map { "stream \($0)" } ?? "stream ?"
    }

    /// A reader's `_at` tag: seconds into the recording (before its start too, with `before`),
    /// nil when it is not a finite number under ten million.
    package static func seconds(_ text: String?, before: Bool = false) -> Double? {
        guard let value = text.flatMap(Double.init), value.isFinite, value < 1e7, value >= 0 || (before && value > -1e7) else { return nil }
        return value
    }

    /// GPMF GPS9's time as the worker wrote it, `DAYS SECONDS` (days since 2000-01-01 and seconds
    /// since midnight, UTC), in milliseconds since 1970; nil when it is not one.
    package static func gps9(_ text: String) -> Int64? {
        let parts = text.split(separator: " ")
        guard parts.count == 2, let days = Int64(parts[0]), days >= 0, days < 36_600,
              let seconds = Double(parts[1]), seconds.isFinite, seconds >= 0, seconds < 86_401 else { return nil }
        return 946_684_800_000 + days * 86_400_000 + Int64((seconds * 1000).rounded())
    }

    /// GPMF's `GPSU`, `yymmddhhmmss.sss` in UTC, or nil when it is not a valid one.
    package static func gpsu(_ text: String) -> CivilTime? {
        let bytes = Array(text.utf8)
        guard bytes.count == 16, bytes[12] == UInt8(ascii: "."),
              bytes.enumerated().allSatisfy({ $0.offset == 12 || ($0.element >= 0x30 && $0.element <= 0x39) }) else { return nil }
        let d = bytes.map { Int($0) - 0x30 }
        func n(_ from: Int, _ count: Int) -> Int { d[from..<(from + count)].reduce(0) { $0 * 10 + $1 } }
        let reading = CivilTime(year: 2000 + n(0, 2), month: n(2, 2), day: n(4, 2), hour: n(6, 2), minute: n(8, 2), second: n(10, 2),
                                nanoseconds: n(13, 3) * 1_000_000, offset: 0)
        return reading.isValid ? reading : nil
    }

    /// The time in the original's name read by its camera's registered pattern alone (a name the
    /// pattern does not fit is a finding, never read by another pattern's guess).
    private mutating func addFileName(_ name: String, registered: String, entry: String) {
        guard let pattern = try? FileNamePattern(registered) else {
            findings.append(Finding(kind: .timeUnusable, severity: .warning, message: "the file-name pattern \"\(registered)\" of \(entry) is not "
                + "a pattern this system reads; the file name was not read"))
            return
        }
        guard let (text, reading) = pattern.time(in: name) else {
            findings.append(Finding(kind: .timeUnusable, severity: .info, message: "the file name \"\(name)\" does not fit the pattern "
                + "\(registered) of \(entry), or its digits are no date and time; kept as written, used for nothing"))
            return
        }
        guard Self.plausibleYears.contains(reading.year) else {
            findings.append(Finding(kind: .timeUnusable, severity: .info, message: "the file name's time \"\(text)\" (pattern \(registered)) "
                + "is a clock never set; kept as written, used for nothing"))
            return
        }
        layers.append(TimeLayer(kind: .fileName, tag: "file name by the pattern \(registered) of \(entry)", value: text, utc: nil,
                                local: reading.localText, zone: "unknown"))
    }

    /// The register's position as a place, and each zone-less layer read in its zone: one
    /// instant, or a finding when the zone skips or repeats that hour (never a guess).
    private mutating func addRegistered(_ camera: CameraSourceRow, tags: [String: String]) {
        let entry = "camera register (custody event \(camera.seq))"
        if abs(camera.latitude) <= 90, abs(camera.longitude) <= 180 {
            places.append(PlaceLayer(tag: entry, value: camera.name, latitude: camera.latitude, longitude: camera.longitude, altitude: nil))
        }
        guard let name = camera.zone else { return }
        guard let zone = CameraSource.zone(named: name) else {
            findings.append(Finding(kind: .timeUnusable, severity: .warning, message: "the zone \(name) of \(entry) is not one this system's zone database knows; no time was read in it"))
            return
        }
        for layer in layers where layer.utc == nil && layer.kind != .sourceZone {
            guard let local = CivilTime(parsing: layer.local)?.localMilliseconds else { continue }
            let instants = CameraSource.instants(local: local, in: zone)
            if instants.count != 1, layer.kind == .dvrWallClock, let placed = Self.placedByStep(local: local, tags: tags, zone: zone) {
                // The recorder's own clock steps as the zone changes: that says which instant it was.
                layers.append(TimeLayer(kind: .sourceZone, tag: "\(layer.tag) in \(name) (\(entry)), placed by the clock's step at packet "
                    + "\(tags["dhav.first_step_packet"] ?? "?"), \(name)'s change at \(CivilTime.text(placed.change, zone: "Z"))",
                    value: layer.value, utc: CivilTime.text(placed.start, zone: "Z"), local: layer.local, zone: name))
                continue
            }
            guard instants.count == 1, let utc = instants.first else {
                let what = instants.isEmpty
                    ? "never happened there (the clocks skipped that hour)"
                    : "happened twice there (the clocks went back): at " + instants.map { CivilTime.text($0, zone: "Z") }.joined(separator: " and at ")
                findings.append(Finding(kind: .localTimeAmbiguous, severity: .warning, message: "\(layer.tag) \(layer.local) in \(name), the zone of "
                    + "\(entry) for \(camera.name), \(what); not placed on the timeline by it"))
                continue
            }
            layers.append(TimeLayer(kind: .sourceZone, tag: "\(layer.tag) in \(name) (\(entry))", value: layer.value,
                                    utc: CivilTime.text(utc, zone: "Z"), local: layer.local, zone: name))
        }
    }

    /// Where a recorder's first reading `local` lies, when the first step of its clock (the
    /// worker's `dhav.first_step_*`) is the zone's own change: the change, and the start that
    /// many milliseconds of its clock before it. Nil when the step is no change of the zone.
    package static func placedByStep(local: Int64, tags: [String: String], zone: TimeZone) -> (start: Int64, change: Int64)? {
        guard let from = tags["dhav.first_step_from"].flatMap(CivilTime.init(parsing:))?.localMilliseconds,
              let to = tags["dhav.first_step_to"].flatMap(CivilTime.init(parsing:))?.localMilliseconds,
              from >= local, from - local < widestZone * 10, let change = CameraSource.change(from: from, to: to, in: zone) else { return nil }
        return (change - (from - local), change)
    }

    /// How many milliseconds a recording covers on the timeline: its duration, or for a dhav
    /// file (which has none of its own) its recorder's clock, steps left out; 0 when neither is sane.
    package static func duration(seconds: Double?, tags: [String: String]) -> Int64 {
        let seconds = seconds ?? tags["dhav.elapsed"].flatMap(Double.init)
        return seconds.flatMap { $0.isFinite && $0 >= 0 && $0 < 1e7 ? Int64(($0 * 1000).rounded()) : nil } ?? 0
    }

    /// `1 h 00 min 05.000 s` for a difference in milliseconds.
    package static func duration(_ milliseconds: Int64) -> String {
        let ms = abs(milliseconds)
        let seconds = String(format: "%06.3f", Double(ms % 60_000) / 1000)
        if ms >= 3_600_000 { return "\(ms / 3_600_000) h \(String(format: "%02d", ms / 60_000 % 60)) min \(seconds) s" }
        if ms >= 60_000 { return "\(ms / 60_000) min \(seconds) s" }
        return String(format: "%.3f s", Double(ms) / 1000)
    }

    /// The first date and time in a file name, by the patterns DVRs and phones use:
    /// `YYYYMMDDhhmmss` (`ch01_20261103143200.mp4`) and `YYYYMMDD_hhmmss` or `YYYYMMDD-hhmmss`
    /// (`VID_20261103_143200.mp4`), a run of digits no longer than those. A calendar date outside
    /// the plausible years (`99991231235959`, a recorder's unset clock) is answered when no
    /// plausible one follows it, so that it becomes a `time_unusable` finding rather than nothing.
    package static func fileNameTime(_ name: String) -> (String, CivilTime)? {
        var implausible: (String, CivilTime)?
        let bytes = Array(name.utf8)
        func isDigit(_ i: Int) -> Bool { i >= 0 && i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 }
        var i = 0
        while i < bytes.count {
            guard isDigit(i), !isDigit(i - 1) else { i += 1; continue }
            var end = i
            while isDigit(end) { end += 1 }
            var digits = Array(bytes[i..<end])
            var last = end
            if digits.count == 8, end < bytes.count, bytes[end] == UInt8(ascii: "_") || bytes[end] == UInt8(ascii: "-") {
                var more = end + 1
                while isDigit(more) { more += 1 }
                if more - end - 1 >= 6 { digits += bytes[(end + 1)..<(end + 7)]; last = more }
            }
            if digits.count >= 14, digits.count <= 17 {
                let d = digits.map { Int($0) - 0x30 }
                func n(_ from: Int, _ count: Int) -> Int { d[from..<(from + count)].reduce(0) { $0 * 10 + $1 } }
                let reading = CivilTime(year: n(0, 4), month: n(4, 2), day: n(6, 2), hour: n(8, 2), minute: n(10, 2), second: n(12, 2))
                if reading.isValid {
                    let found = (String(decoding: bytes[i..<last], as: UTF8.self), reading)
                    if plausibleYears.contains(reading.year) { return found }
                    implausible = implausible ?? found
                }
            }
            i = last
        }
        return implausible
    }

    /// An ISO 6709 point (`+31.5497+074.3436/`, `+31.5497+074.3436+210.5/`; degrees in decimal
    /// form, as QuickTime and Android write it), or nil when it is not one on Earth.
    package static func iso6709(_ value: String, tag: String) -> PlaceLayer? {
        var text = Substring(value.trimmingCharacters(in: .whitespaces))
        if text.hasSuffix("/") { text = text.dropLast() }
        var parts: [Double] = []
        var current = ""
        for character in text {
            if (character == "+" || character == "-"), !current.isEmpty {
                guard let number = Double(current) else { return nil }
                parts.append(number)
                current = ""
            }
            guard character.isASCII, character.isNumber || character == "." || character == "+" || character == "-" else { return nil }
            current.append(character)
        }
        if !current.isEmpty { guard let number = Double(current) else { return nil }; parts.append(number) }
        guard parts.count == 2 || parts.count == 3, value.first == "+" || value.first == "-",
              parts.allSatisfy(\.isFinite), abs(parts[0]) <= 90, abs(parts[1]) <= 180 else { return nil }
        return PlaceLayer(tag: tag, value: value, latitude: parts[0], longitude: parts[1], altitude: parts.count == 3 ? parts[2] : nil)
    }
}
