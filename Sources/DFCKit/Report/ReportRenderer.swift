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
        html += "</tbody></table>\n<h3>Findings</h3>\n"
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
        html += "<h3>Chain of custody</h3>\n<table class=\"grid custody\"><thead><tr><th>#</th><th>When (UTC)</th><th>What</th>"
            + "<th>Who</th><th>Signature</th><th>Details</th></tr></thead><tbody>\n"
        for entry in exhibit.custody {
            let shown = ["command", "reason", "recipient", "authorized_by", "result", "case", "source", "selection", "frames", "batch"]
            let details = shown.compactMap { key in entry.details[key].map { "\(key): \($0)" } }.joined(separator: "; ")
            html += "<tr><td>\(entry.seq)</td><td>\(escape(entry.at))</td><td>\(escape(entry.action))</td>"
                + "<td>\(escape(entry.actor))\(entry.role.map { " (\(escape($0)))" } ?? "")</td>"
                + "<td class=\"\(entry.signatureValid ? "valid" : "invalid")\">\(escape(entry.signatureStatus))</td><td>\(escape(details))</td></tr>\n"
        }
        html += "</tbody></table></section>\n"
        return html
    }

    private typealias ExhibitData = ReportData.Exhibit

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
        @media screen { body { padding: 8mm; } }
        """
}
