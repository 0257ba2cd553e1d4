import ArgumentParser

/// Which exhibit, video stream and analysis a per-picture listing (`frames`, `pdq`) is of.
struct StreamSelection: ParsableArguments {
    @Argument(help: "An exhibit number or SHA-256 (prefix).")
    var reference: String

    @Option(help: "The container index of the video stream (default: the first video stream).")
    var stream: Int?

    @Option(help: "Which analysis to list, as `dfc show` numbers them (default: the current one).")
    var analysis: Int?
}
