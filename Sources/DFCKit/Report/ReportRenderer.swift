import Foundation

/// Renders a report as one self-contained HTML file: no script, no fetch, the thumbnails
/// inlined as `data:` PNGs, and print CSS so that a browser (headless Chromium's
/// `--print-to-pdf` included) makes a paginated, readable PDF of it.
enum ReportRenderer {
    static func render(_ data: ReportData) -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
            <title>DFC evidence report: \(escape(data.exhibits.map(\.report.exhibit.description).joined(separator: ", ")))</title>
            <style>\(css)</style></head><body>
            <header><h1>Evidence report</h1>
            <p class="lead">Digital Media Forensics Center &middot; generated \(escape(data.generatedAt)) by \(escape(data.actor)) (\(escape(data.role)))</p>
            <table class="facts">
            \(row("Exhibits", data.exhibits.map(\.report.exhibit.description).joined(separator: ", ")))
            \(row("Store", data.store))
            \(row("Custody log", "\(data.treeSize) events; RFC 9162 root \(data.rootHash)", mono: true))
            \(row("Software", "DFC \(data.dfcVersion)"))
            </table>
            <p class="note">Every figure below comes from the store's catalog, each row of which a signed custody event commits to.
            Producing this report was itself recorded as a signed custody event. Hashes can be checked with stock tools: see
            &ldquo;How to check&rdquo; at the end.</p></header>

            """
        html += timeline(data.exhibits.map(\.report))
        for exhibit in data.exhibits { html += section(exhibit) }
        html += """
            <section class="howto"><h2>How to check</h2>
            <ol><li>The original file: <code>sha256sum FILE</code> must print the SHA-256 above.</li>
            <li>Each decoded picture: <code>ffmpeg -threads 1 -noautorotate -i FILE -map 0:v:0 -fps_mode passthrough -f framehash -hash sha256 -</code>
            lists the SHA-256 of every picture, as <code>dfc frames EXHIBIT</code> and an export package's framehash files do.</li>
            <li>The custody log: <code>dfc audit --checkpoint FILE</code> with a checkpoint kept outside the store, or
            <code>dfc verify-package</code> on an export package, which any court expert can also check by hand (README).</li></ol>
            </section></body></html>

            """
        return html
    }

    /// What each H.264/H.265 stream's own signatures say: authenticity and provenance apart,
    /// then every GOP that is not valid (runs of valid GOPs in one line).
    private static func cameraSignatures(_ report: ExhibitReport) -> String {
        let checked = report.streams.filter { $0.type == "video" && ["h264", "hevc"].contains($0.codec) }
        var html = contentCredentials(report.containerInfo?.contentCredentials)
        guard !checked.isEmpty else { return html }
        html += "<h3>Camera signatures</h3>\n"
        for stream in checked {
            guard let signature = stream.signature else {
                html += "<p>Stream \(stream.index): not checked (analysed before DFC checked camera signatures).</p>\n"
                continue
            }
            guard let name = signature.frameworkName else {
                html += "<p>Stream \(stream.index): not signed (no ONVIF Media Signing or Axis Signed Video signature in the stream).</p>\n"
                continue
            }
            html += "<table class=\"facts\">\n"
            html += row("Stream \(stream.index)", "\(name): \(signature.verdict.rawValue.replacingOccurrences(of: "_", with: " ")); "
                        + "\(signature.validNALUnits) of \(signature.nalUnits) picture NAL units covered by a valid signature")
            if let signer = signature.signer {
                html += row("Signing key", "\(signer.keyAlgorithm ?? "none found") \(signer.publicKeySHA256 ?? "")\(signer.publicKeyChanged ? " (changed part-way)" : "")", mono: true)
                for certificate in signer.certificates {
                    html += row("Certificate", "\(certificate.subject), issued by \(certificate.issuer), serial \(certificate.serialNumber), "
                                + "valid \(certificate.notBefore) to \(certificate.notAfter)")
                }
                let vendor = [signer.manufacturer, signer.serialNumber.map { "serial \($0)" }, signer.firmwareVersion.map { "firmware \($0)" }]
                    .compactMap { $0 }.joined(separator: ", ")
                if !vendor.isEmpty { html += row("Camera", vendor) }
                html += row("Provenance", signer.provenance.replacingOccurrences(of: "_", with: " ")
                            + (signer.anchor.map { ", chained to trust anchor \($0)" } ?? "") + (signer.provenanceReason.map { ": \($0)" } ?? ""))
            }
            for gop in signature.gops where gop.verdict != .valid {
                let label = gop.counter.map { "GOP \($0)" } ?? "Unsigned pictures"
                let packets = gop.firstPacket.map { "packets \($0)–\(gop.lastPacket ?? $0)" } ?? "not in the file"
                html += row(label, "\(gop.verdict.rawValue.replacingOccurrences(of: "_", with: " ")), \(packets)" + (gop.reason.map { ": \($0)" } ?? ""))
            }
            html += "</table>\n"
        }
        return html
    }

    /// What the file's C2PA Content Credentials say, as c2pa-rs read them.
    private static func contentCredentials(_ credentials: ContentCredentials?) -> String {
        guard let credentials else { return "" }
        var html = "<h3>C2PA Content Credentials</h3>\n<table class=\"facts\">\n"
        html += row("State", credentials.state.rawValue.replacingOccurrences(of: "_", with: " ")
                    + (credentials.statusCodes.isEmpty ? "" : ": " + credentials.statusCodes.joined(separator: ", "))
                    + (credentials.reason.map { " (\($0))" } ?? ""))
        if let library = credentials.library { html += row("Checked by", library + ", every network fetch off") }
        if let generator = credentials.claimGenerator { html += row("Claim generator", generator) }
        if credentials.signerName != nil || credentials.signerIssuer != nil {
            html += row("Signer", "\(credentials.signerName ?? "?"), issued by \(credentials.signerIssuer ?? "?")"
                        + (credentials.signerSerial.map { ", serial \($0)" } ?? "") + (credentials.signedAt.map { ", signed \($0)" } ?? ""))
        }
        for action in credentials.actions {
            html += row("Action", action.action + (action.softwareAgent.map { " by \($0)" } ?? "") + (action.when.map { " at \($0)" } ?? ""))
        }
        for ingredient in credentials.ingredients {
            html += row("Ingredient", "\(ingredient.title ?? "?") (\(ingredient.relationship ?? "?"))"
                        + (ingredient.statusCodes.isEmpty ? "" : ": " + ingredient.statusCodes.joined(separator: ", ")))
        }
        return html + "</table>\n"
    }

    private static func section(_ exhibit: ExhibitData) -> String {
        let report = exhibit.report
        var html = "<section class=\"exhibit\"><h2>Exhibit \(escape(report.exhibit.description))</h2>\n<table class=\"facts\">\n"
        html += row("Case", report.caseID)
        html += row("Source", report.source ?? "not recorded")
        html += row("Original file", report.originalName + " (" + report.originalPath + ")")
        html += row("Size", "\(report.size) bytes")
        html += row("SHA-256", report.sha256, mono: true)
        html += row("SHA-512", report.sha512, mono: true)
        html += row("Taken in", "\(report.ingestedAt) by \(report.ingestedBy)")
        html += row("Container", [report.container, report.durationSeconds.map { String(format: "%.3f s", $0) }].compactMap { $0 }.joined(separator: ", "))
        html += row("Analysis", "\(report.packetCount) packets and \(report.frameCount) pictures hashed by \(report.libraries)"
                    + (report.analyses.count > 1 ? "; \(report.analyses.count) analyses, the current one shown" : ""))
        html += "</table>\n<h3>Streams</h3>\n<table class=\"grid\"><thead><tr><th>#</th><th>Type</th><th>Codec</th><th>Picture</th>"
            + "<th>Frame rate</th><th>Duration</th><th>Packets</th><th>Pictures</th></tr></thead><tbody>\n"
        for stream in report.streams {
            let picture = [stream.width.flatMap { w in stream.height.map { "\(w)×\($0)" } }, stream.pixelFormat,
                           stream.rotation.flatMap { $0 == 0 ? nil : "rotated \(Int($0))°" }].compactMap { $0 }.joined(separator: ", ")
            html += "<tr><td>\(stream.index)</td><td>\(escape(stream.type))</td><td>\(escape(stream.codec))</td><td>\(escape(picture))</td>"
                + "<td>\(escape(stream.averageFrameRate ?? stream.frameRate ?? ""))</td><td>\(stream.durationSeconds.map { String(format: "%.3f s", $0) } ?? "")</td>"
                + "<td>\(stream.packetCount)</td><td>\(stream.frameCount)</td></tr>\n"
        }
        html += "</tbody></table>\n"
        html += cameraSignatures(report)
        html += timeAndPlace(report)
        html += "<h3>Findings</h3>\n"
        if report.findings.isEmpty {
            html += "<p>No damage, gap or decoding error was found.</p>\n"
        } else {
            html += "<table class=\"grid\"><thead><tr><th>Severity</th><th>Kind</th><th>What was found</th></tr></thead><tbody>\n"
            for finding in report.findings.prefix(200) {
                html += "<tr class=\"\(finding.severity.rawValue)\"><td>\(escape(finding.severity.rawValue))</td><td>\(escape(finding.kind.rawValue))</td>"
                    + "<td>\(escape(finding.message))</td></tr>\n"
            }
            html += "</tbody></table>\n"
            if report.findings.count > 200 { html += "<p>… and \(report.findings.count - 200) more (dfc show lists them all).</p>\n" }
        }
        html += "<h3>Contact sheet</h3>\n"
        if let reason = exhibit.noThumbnails {
            html += "<p>\(escape(reason))</p>\n"
        } else {
            html += "<div class=\"sheet\">\n"
            for thumbnail in exhibit.thumbnails {
                let time = thumbnail.seconds.map { timecode($0 - exhibit.containerStart) } ?? "no time"
                html += "<figure><img alt=\"picture \(thumbnail.frame)\" src=\"data:image/png;base64,\(Data(thumbnail.png).base64EncodedString())\">"
                    + "<figcaption>\(time) &middot; picture \(thumbnail.frame)</figcaption></figure>\n"
            }
            html += "</div>\n"
        }
        html += redactions(exhibit.custody)
        html += "<h3>Chain of custody</h3>\n<table class=\"grid custody\"><thead><tr><th>#</th><th>When (UTC)</th><th>What</th>"
            + "<th>Who</th><th>Signature</th><th>Details</th></tr></thead><tbody>\n"
        for entry in exhibit.custody {
            let shown = ["command", "reason", "recipient", "authorized_by", "result", "case", "source", "selection", "frames", "batch",
                         "plan_version", "derived", "derived_from"]
            let details = shown.compactMap { key in entry.details[key].map { "\(key): \($0)" } }.joined(separator: "; ")
            html += "<tr><td>\(entry.seq)</td><td>\(escape(entry.at))</td><td>\(escape(entry.action))</td>"
                + "<td>\(escape(entry.actor))\(entry.role.map { " (\(escape($0)))" } ?? "")</td>"
                + "<td class=\"\(entry.signatureValid ? "valid" : "invalid")\">\(escape(entry.signatureStatus))</td><td>\(escape(details))</td></tr>\n"
        }
        html += "</tbody></table></section>\n"
        return html
    }

    private typealias ExhibitData = ReportData.Exhibit

    /// The redacted releases made from the exhibit, and, for a release, what it was made from: both from its custody events.
    private static func redactions(_ custody: [CustodyEntry]) -> String {
        var html = ""
        if let intake = custody.first(where: { $0.action == "ingested" }), let parent = intake.details["derived_from"] {
            html += "<h3>Derived evidence</h3>\n<p>A \(escape(intake.details["derivation"] ?? "derivation")) of \(escape(parent)) under plan version "
                + "\(escape(intake.details["plan_version"] ?? "?")) (SHA-256 <span class=\"mono\">\(escape(intake.details["plan_digest"] ?? "?"))</span>), "
                + "authorised by \(escape(intake.details["authorized_by"] ?? "?")); rendered and registered by custody event \(intake.seq). "
                + "<code>dfc redact \(escape(parent)) --replay</code> renders it again and compares it bit for bit.</p>\n"
        }
        let releases = custody.filter { $0.action == "redaction_rendered" }
        let versions = custody.filter { $0.action == "redaction_planned" }.count
        guard !releases.isEmpty || versions > 0 else { return html }
        html += "<h3>Redactions</h3>\n<p>\(versions) redaction plan version\(versions == 1 ? "" : "s") recorded; "
            + "\(releases.count) redacted release\(releases.count == 1 ? "" : "s") made from this exhibit.</p>\n"
        guard !releases.isEmpty else { return html }
        html += "<table class=\"grid\"><thead><tr><th>Release</th><th>When (UTC)</th><th>Plan version</th><th>Rendered by</th>"
            + "<th>Authorised by</th><th>Reason</th></tr></thead><tbody>\n"
        for release in releases {
            html += "<tr><td>\(escape(release.details["derived"] ?? "?"))</td><td>\(escape(release.at))</td>"
                + "<td>\(escape(release.details["plan_version"] ?? "?"))</td><td>\(escape(release.actor))</td>"
                + "<td>\(escape(release.details["authorized_by"] ?? "?"))</td><td>\(escape(release.details["reason"] ?? ""))</td></tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    /// Every time layer side by side as the file gives it, the places, and every clock
    /// correction with who made it and why; the span used, before and after corrections.
    private static func timeAndPlace(_ report: ExhibitReport) -> String {
        var html = "<h3>Time and place</h3>\n"
        if report.timeLayers.isEmpty {
            html += "<p>The file gives no time of recording.</p>\n"
        } else {
            html += "<table class=\"grid\"><thead><tr><th>Layer</th><th>Read from</th><th>As written</th><th>UTC</th><th>Zone</th></tr></thead><tbody>\n"
            for (index, layer) in report.timeLayers.enumerated() {
                let used = index == report.startLayer ? " class=\"used\"" : ""
                html += "<tr\(used)><td>\(escape(layer.kind.rawValue))\(index == report.startLayer ? " (timeline)" : "")</td><td>\(escape(layer.tag))</td>"
                    + "<td class=\"mono\">\(escape(layer.value))</td><td class=\"mono\">\(escape(layer.utc ?? "zone unknown: not placed"))</td><td>\(escape(layer.zone))</td></tr>\n"
            }
            html += "</tbody></table>\n"
        }
        html += "<table class=\"facts\">\n"
        if let start = report.start, let end = report.end {
            html += row("On the timeline", "\(start) to \(end) (UTC, as the file gives it)", mono: true)
            if !report.clockCorrections.isEmpty, let correctedStart = report.correctedStart, let correctedEnd = report.correctedEnd {
                html += row("Corrected", "\(correctedStart) to \(correctedEnd) (UTC, with the corrections below)", mono: true)
            }
        } else if let correctedStart = report.correctedStart, let correctedEnd = report.correctedEnd,
                  let placement = report.clockCorrections.first(where: { $0.placed == true }) {
            html += row("On the timeline", "\(correctedStart) to \(correctedEnd) (UTC): no time layer names its zone; placed by custody event "
                        + "\(placement.event), the layer marked (timeline) read as \(placement.zone ?? "?") time", mono: true)
        } else {
            html += row("On the timeline", "not placed: no time layer names its zone")
        }
        html += row("Places", report.places.isEmpty ? "none given" : report.places.map { "\($0.iso6709) (\($0.tag): \($0.value))" }.joined(separator: "; "))
        html += "</table>\n"
        if !report.clockCorrections.isEmpty {
            html += "<table class=\"grid\"><thead><tr><th>Event</th><th>When (UTC)</th><th>Who</th><th>Offset</th><th>Reason</th></tr></thead><tbody>\n"
            for correction in report.clockCorrections {
                html += "<tr><td>\(correction.event)</td><td>\(escape(correction.at))</td><td>\(escape(correction.actor))</td>"
                    + "<td class=\"mono\">\(escape(correction.offset))\(correction.zone.map { " (read as \(escape($0)) time)" } ?? "")</td><td>\(escape(correction.reason))\(correction.standing.map { " (following the camera's correction, custody event \($0))" } ?? "")</td></tr>\n"
            }
            html += "</tbody></table>\n"
        }
        return html
    }

    /// The exhibits that are on the UTC timeline drawn as bars on one axis, corrected times
    /// first, in plain HTML and CSS; nothing when none is placed.
    static func timeline(_ reports: [ExhibitReport]) -> String {
        let placed: [(ExhibitReport, Int64, Int64)] = reports.compactMap { report in
            guard let start = (report.correctedStart ?? report.start).flatMap({ CivilTime(parsing: $0)?.utcMilliseconds }),
                  let end = (report.correctedEnd ?? report.end).flatMap({ CivilTime(parsing: $0)?.utcMilliseconds }), end >= start else { return nil }
            return (report, start, end)
        }
        guard let low = placed.map(\.1).min(), let high = placed.map(\.2).max() else { return "" }
        let width = Double(max(1, high - low))
        var html = "<section class=\"timeline\"><h2>Timeline</h2>\n<p class=\"note\">UTC, \(escape(CivilTime.text(low, zone: "Z"))) to "
            + "\(escape(CivilTime.text(high, zone: "Z"))); corrected times where a clock was corrected (marked &#9998;).</p>\n<div class=\"axis\">\n"
        for (report, start, end) in placed.sorted(by: { ($0.1, $0.0.exhibit.description) < ($1.1, $1.0.exhibit.description) }) {
            let left = Double(start - low) / width * 100, span = max(0.4, Double(end - start) / width * 100)
            html += "<div class=\"lane\"><span class=\"label\">\(escape(report.exhibit.description))\(report.clockCorrections.isEmpty ? "" : " &#9998;")</span>"
                + "<span class=\"track\"><span class=\"bar\" style=\"left: \(String(format: "%.3f", min(left, 99.6)))%; width: \(String(format: "%.3f", min(span, 100 - min(left, 99.6))))%\"></span></span>"
                + "<span class=\"when\">\(escape(CivilTime.text(start, zone: "Z")))</span></div>\n"
        }
        let unplaced = reports.filter { report in !placed.contains { $0.0.exhibit == report.exhibit } }
        html += "</div>\n"
        if !unplaced.isEmpty {
            html += "<p class=\"note\">Not on the timeline (no time layer names its zone): \(escape(unplaced.map(\.exhibit.description).joined(separator: ", "))).</p>\n"
        }
        return html + "</section>\n"
    }

    private static func row(_ label: String, _ value: String, mono: Bool = false) -> String {
        "<tr><th>\(escape(label))</th><td\(mono ? " class=\"mono\"" : "")>\(escape(value))</td></tr>\n"
    }

    static func timecode(_ seconds: Double) -> String {
        let total = max(0, seconds)
        let hours = Int(total) / 3600, minutes = Int(total) / 60 % 60
        return String(format: "%02d:%02d:%06.3f", hours, minutes, total - Double(hours * 3600 + minutes * 60))
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    static let css = """
        @page { size: A4; margin: 14mm 12mm; }
        body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; color: #111; max-width: 190mm; margin: 0 auto; }
        h1 { font-size: 18pt; margin: 0 0 2mm; } h2 { font-size: 14pt; border-bottom: 1.5pt solid #333; padding-bottom: 1mm; }
        h3 { font-size: 11pt; margin: 5mm 0 2mm; } .lead { color: #444; margin: 0 0 3mm; } .note { font-size: 8.5pt; color: #444; }
        table { border-collapse: collapse; width: 100%; margin-bottom: 2mm; }
        th, td { text-align: left; vertical-align: top; padding: 1mm 1.5mm; }
        .facts th { width: 32mm; color: #333; font-weight: 600; } .facts td { border-bottom: 0.5pt solid #ddd; }
        .grid th { background: #eee; border-bottom: 1pt solid #999; } .grid td { border-bottom: 0.5pt solid #ddd; }
        .mono, code { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; word-break: break-all; }
        .custody td { font-size: 8.5pt; } td.valid { color: #185c1e; } td.invalid { color: #a00; font-weight: 700; }
        tr.error td:first-child { color: #a00; font-weight: 700; } tr.warning td:first-child { color: #8a5a00; }
        .sheet { display: grid; grid-template-columns: repeat(4, 1fr); gap: 3mm; }
        figure { margin: 0; break-inside: avoid; } figure img { width: 100%; height: auto; border: 0.5pt solid #999; }
        figcaption { font-size: 8pt; text-align: center; color: #333; }
        tr, figure, .facts { break-inside: avoid; } thead { display: table-header-group; }
        section.exhibit { break-before: page; } section.howto { break-before: avoid; font-size: 9pt; }
        tr.used td { font-weight: 600; }
        .axis { border-left: 0.5pt solid #999; border-right: 0.5pt solid #999; margin: 2mm 0; }
        .lane { display: flex; align-items: center; gap: 2mm; font-size: 8pt; break-inside: avoid; margin: 0.8mm 0; }
        .lane .label { width: 28mm; } .lane .when { width: 48mm; font-family: "DejaVu Sans Mono", monospace; }
        .lane .track { flex: 1; position: relative; height: 3mm; background: #f2f2f2; }
        .lane .bar { position: absolute; top: 0; bottom: 0; background: #2b4f81; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
        @media screen { body { padding: 8mm; } }
        """
}
