import ArgumentParser
import DFCKit
import Foundation

struct Redact: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Plan, review, render and replay a redacted release of a video exhibit.",
        discussion: """
            Every plan version is a signed `redaction_planned` event carrying the plan and its digest.
              dfc redact EX --detect faces --output DIR      faces proposed by the detector: the plan (JSON) and a review sheet (HTML)
              dfc redact EX --template --output DIR          an empty plan to draw regions in by hand
              dfc redact EX --plan FILE --reason TEXT        record a reviewed plan (each track accepted or rejected)
              dfc redact EX --versions                       the recorded versions
              dfc redact EX --render --authorized-by NAME --reason TEXT --output DIR
                                                             the latest version (or --version N) rendered to H.264 MP4, registered as a
                                                             derived exhibit, with its redaction log (CSV, JSON)
              dfc redact EX --replay [--version N]           render a release again and compare it bit for bit
            Exits 0 on success; --replay exits 1 when the new render differs.
            """)

    enum Target: String, ExpressibleByArgument, CaseIterable { case faces }

    @OptionGroup var options: StoreOptions

    @Argument(help: "An exhibit number or SHA-256 (prefix).")
    var reference: String

    @Option(help: "Propose tracks of what the detector finds (faces).")
    var detect: Target?

    @Flag(help: "Write an empty plan for the exhibit's video stream, to fill in by hand.")
    var template = false

    @Option(help: ArgumentHelp("Record this plan (JSON) as the next version.", valueName: "file"))
    var plan: String?

    @Flag(help: "List the recorded plan versions.")
    var versions = false

    @Flag(help: "Render a plan version into a redacted release.")
    var render = false

    @Flag(help: "Render a release again and compare it with the registered one.")
    var replay = false

    @Option(help: "The plan version to render or replay (default: the latest).")
    var version: Int?

    @Option(help: "The video stream to plan for (default: the first with pictures).")
    var stream: Int?

    @Option(help: "With --detect: look at every Nth picture (default: about six a second).")
    var every: Int?

    @Option(help: "With --detect: the detector's confidence threshold (0 to 1).")
    var threshold: Double = Redaction.defaultThreshold

    @Option(help: "With --detect: the widest picture the detector is given, in pixels (wider ones are scaled down).")
    var detectWidth: Int = Redaction.defaultAnalysisWidth

    @Option(help: "A custodian or supervisor authorising the release (--render).")
    var authorizedBy: String?

    @Option(help: "Why: recorded with the plan version or the release.")
    var reason: String?

    @Option(help: ArgumentHelp("The folder to write to (created if needed; existing files are never overwritten).", valueName: "dir"))
    var output: String?

    @OptionGroup var worker: WorkerOptions

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        let modes = [detect != nil, template, plan != nil, versions, render, replay].filter { $0 }.count
        guard modes == 1 else { throw ValidationError("choose exactly one of --detect, --template, --plan, --versions, --render, --replay") }
        if (detect != nil || template || render) && output == nil { throw ValidationError("--output DIR is needed") }
        if (plan != nil || render) && (reason ?? "").isEmpty { throw ValidationError("--reason TEXT is needed") }
        if render && authorizedBy == nil { throw ValidationError("--render needs --authorized-by NAME (a custodian or supervisor)") }
    }

    func run() throws {
        let launcher = WorkerLauncher.start()
        try reportingErrors {
            let store = try worker.open(options)
            let redaction = store.redaction
            let containment = worker.containment(launcher)
            if detect != nil {
                let proposal = try redaction.detectFaces(of: reference, stream: stream, step: every, threshold: threshold,
                                                         analysisWidth: detectWidth, to: output ?? "",
                                                         actor: options.actorName, limits: worker.limits, containment: containment)
                if json { print(Output.json(proposal.version)); return }
                let tracks = proposal.version.plan.tracks
                print("PROPOSED\t\(proposal.version.exhibit) plan version \(proposal.version.version): \(tracks.count) face tracks "
                    + "(\(proposal.examined) of \(proposal.decoded) pictures looked at), custody event \(proposal.version.event)")
                print("plan\t\(proposal.planFile)")
                print("review\t\(proposal.reviewSheet)")
                Output.note("every track is proposed: accept or reject each in the plan, then record it with "
                    + "dfc redact \(proposal.version.exhibit) --plan FILE --reason TEXT")
            } else if template {
                let plan = try redaction.template(of: reference, stream: stream)
                let folder = output ?? ""
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                let path = folder + "/\(plan.exhibit)-plan-template.json"
                guard FileManager.default.createFile(atPath: path, contents: try Redaction.prettyJSON(plan)) else {
                    throw DFCError.storeIO(path: path, reason: "cannot write the template")
                }
                print("TEMPLATE\t\(path)")
            } else if let plan {
                let recorded = try redaction.recordPlan(try Redaction.readPlan(at: plan), reason: reason ?? "", actor: options.actorName)
                if json { print(Output.json(recorded)); return }
                print("RECORDED\t\(recorded.exhibit) plan version \(recorded.version), digest \(recorded.digest), custody event \(recorded.event): "
                    + "\(recorded.plan.accepted.count) tracks accepted, \(recorded.plan.undecided.count) undecided")
            } else if versions {
                for entry in try redaction.versions(of: reference) {
                    if json { print(Output.json(entry)); continue }
                    print("\(entry.version)\t\(entry.recordedAt)\t\(entry.recordedBy)\t\(entry.origin)\t\(entry.plan.tracks.count) tracks "
                        + "(\(entry.plan.accepted.count) accepted, \(entry.plan.undecided.count) undecided)\t\(entry.digest)\t\(entry.reason)")
                }
            } else if render {
                let release = try redaction.render(of: reference, version: version, authorizedBy: authorizedBy ?? "", reason: reason ?? "",
                                                   to: output ?? "", actor: options.actorName, limits: worker.limits, containment: containment)
                if json { print(Output.json(release)); return }
                print("RELEASED\t\(release.file): \(release.derived), a redaction of \(release.parent) under plan version \(release.planVersion), "
                    + "authorised by \(release.authorizedBy) (custody events \(release.authorizationEvent) and \(release.event)), SHA-256 \(release.sha256)")
                print("log\t\(release.logCSV)")
                print("log\t\(release.logJSON)")
                for warning in release.warnings { Output.note("warning: \(warning)") }
            } else {
                let result = try redaction.replay(of: reference, version: version, actor: options.actorName, limits: worker.limits,
                                                  containment: containment)
                if json {
                    print(Output.json(result))
                } else if result.identical {
                    print("IDENTICAL\t\(result.derived) rendered again from plan version \(result.planVersion) of \(result.parent): SHA-256 \(result.renderedSHA256) "
                        + "(custody event \(result.event))")
                } else {
                    print("DIFFERENT\t\(result.derived) has SHA-256 \(result.registeredSHA256), but plan version \(result.planVersion) of \(result.parent) "
                        + "renders now to \(result.renderedSHA256) (custody event \(result.event))")
                }
                if !result.identical { throw ExitCode.failure }
            }
        }
    }
}
