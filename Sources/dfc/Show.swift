import ArgumentParser
import DFCKit
import Foundation

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show what the catalog holds about an exhibit.")

    @OptionGroup var options: StoreOptions

    @Argument(help: "An exhibit number (EX-000001) or the original's SHA-256 (or a unique prefix of 12+ hex digits).")
    var reference: String

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        try reportingErrors {
            let report = try options.open().reading.exhibit(reference, actor: options.actorName)
            if json {
                print(Output.json(report))
                return
            }
            print("Exhibit    \(report.exhibit)")
            print("Case       \(report.caseID)")
            if let source = report.source { print("Source     \(source)") }
            print("File       \(report.originalName) (\(report.size) bytes), from \(report.originalPath)")
            print("SHA-256    \(report.sha256)")
            print("SHA-512    \(report.sha512)")
            print("Ingested   \(report.ingestedAt) by \(report.ingestedBy)")
            print("Vault      \(report.vaultPath)")
            if let container = report.container {
                let duration = report.durationSeconds.map { String(format: "%.3f s", $0) } ?? "unknown duration"
                print("Container  \(container), \(duration), \(report.packetCount) packets, \(report.frameCount) frames decoded")
                for (key, value) in (report.containerInfo?.tags ?? [:]).sorted(by: { $0.key < $1.key }) {
                    print("  tag      \(key) = \(value)")
                }
                if let credentials = report.containerInfo?.contentCredentials {
                    print("  C2PA     \(credentials.state.rawValue)" + (credentials.statusCodes.isEmpty ? "" : ": " + credentials.statusCodes.joined(separator: ", "))
                          + (credentials.reason.map { " (\($0))" } ?? "") + " (dfc authenticity)")
                }
            } else {
                print("Container  not readable as media")
            }
            for stream in report.streams {
                var parts = ["#\(stream.index) \(stream.type) \(stream.codec)"]
                if let profile = stream.profile { parts.append(profile) }
                if let w = stream.width, let h = stream.height { parts.append("\(w)x\(h)") }
                if let format = stream.pixelFormat { parts.append(format) }
                if let rate = stream.averageFrameRate { parts.append("\(rate) fps") }
                if let rotation = stream.rotation, rotation != 0 { parts.append("rotation \(rotation)°") }
                if let rate = stream.sampleRate { parts.append("\(rate) Hz") }
                parts.append("\(stream.packetCount) packets")
                if stream.type == "video" { parts.append("\(stream.frameCount) frames") }
                print("Stream     " + parts.joined(separator: ", "))
                if let signature = stream.signature, let name = signature.frameworkName {
                    print("  signed   \(name): \(signature.verdict.rawValue), "
                          + "\(signature.validNALUnits) of \(signature.nalUnits) NAL units covered by a valid signature (dfc authenticity)")
                }
            }
            if let start = report.start, let end = report.end, let layer = report.startLayer, layer < report.timeLayers.count {
                print("Recorded   \(start) to \(end) (UTC, from \(report.timeLayers[layer].kind.rawValue), as the file gives it)")
            } else if let layer = report.startLayer, layer < report.timeLayers.count, let placement = report.clockCorrections.first(where: { $0.placed == true }) {
                print("Recorded   no time layer names its zone; placed by custody event \(placement.event): its \(report.timeLayers[layer].kind.rawValue) "
                      + "reading read as \(placement.zone ?? "?") time")
            } else if !report.timeLayers.isEmpty {
                print("Recorded   not placed on the UTC timeline: no time layer names its zone")
            }
            for layer in report.timeLayers {
                print("  time     \(layer.kind.rawValue) (\(layer.tag)) = \(layer.value)" + (layer.utc.map { " = \($0)" } ?? " (zone unknown)"))
            }
            for place in report.places { print("  place    \(place.tag) = \(place.iso6709)") }
            for correction in report.clockCorrections {
                print("  clock    \(correction.offset)\(correction.zone.map { " (the clock read as \($0) time)" } ?? "") by \(correction.actor) at \(correction.at) "
                      + "(custody event \(correction.event)\(correction.standing.map { ", following the camera's correction, custody event \($0)" } ?? "")): "
                      + correction.reason)
            }
            if let start = report.correctedStart, let end = report.correctedEnd { print("Corrected  \(start) to \(end) (UTC, with the corrections above)") }
            print("Findings   \(report.findings.isEmpty ? "none" : String(report.findings.count))")
            for finding in report.findings { print(Output.finding(finding)) }
            if report.analyses.count > 1 {
                for analysis in report.analyses {
                    var line = "Analysis   \(analysis.number)\(analysis.current ? " (current)" : "")  \(analysis.at) by \(analysis.actor)"
                    if let event = analysis.event { line += ", custody event \(event)" }
                    line += analysis.finished ? ": \(analysis.packetCount) packets, \(analysis.frameCount) frames, \(analysis.findingCount) findings"
                                              : ": did not finish"
                    line += "; \(analysis.libraries)"
                    if let reason = analysis.reason { line += "; reason: \(reason)" }
                    print(line)
                }
            }
            for amendment in report.amendments {
                var changes: [String] = []
                if let caseID = amendment.caseID { changes.append("case \(amendment.previousCaseID ?? "?") → \(caseID)") }
                if let source = amendment.source { changes.append("source \"\(amendment.previousSource ?? "")\" → \"\(source)\"") }
                print("Amended    \(amendment.at) by \(amendment.actor) (custody event \(amendment.event)): "
                      + changes.joined(separator: ", ") + "; reason: \(amendment.reason)")
            }
            for export in report.exports {
                print("Exported   \(export.at) by \(export.actor), authorised by \(export.authorizedBy) (custody events \(export.authorization), "
                      + "\(export.event)), for \(export.recipient), to \(export.destination)"
                      + (export.undelivered.map { ": NOT DELIVERED: the export ended before its package was in place (custody event \($0))" } ?? ""))
            }
            for extraction in report.extractions {
                let picture = extraction.picture
                print("Extracted  \(extraction.extractedAt) by \(extraction.extractedBy) (custody event \(picture.event)): stream \(picture.stream) "
                      + "frame \(picture.frame)" + (picture.ptsSeconds.map { " at \($0) s" } ?? "")
                      + " as \(picture.fileName), PNG SHA-256 \(picture.pngSHA256), picture SHA-256 \(picture.frameSHA256)")
            }
        }
    }
}
