/// Something the examiner must be told about an exhibit: damage, a hole in the
/// timeline, a stream that stops early, or a file FFmpeg cannot read at all.
public struct Finding: Sendable, Codable, Equatable {
    /// What kind of finding it is.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// FFmpeg cannot open the file as media; it is preserved and registered all the same.
        case unreadable
        /// The container's stream information could not be read completely.
        case incompleteStreamInfo = "incomplete_stream_info"
        /// No decoder for the stream's codec, or the decoder would not open.
        case undecodableStream = "undecodable_stream"
        /// The demuxer stopped on an error before the end of the file (a truncated or damaged container).
        case readError = "read_error"
        /// The demuxer reported damage in the container.
        case containerError = "container_error"
        /// The decoder reported damage, or returned a picture it marked corrupt.
        case decodeError = "decode_error"
        /// The timeline jumps forward by more than two frame durations.
        case timelineGap = "timeline_gap"
        /// Timestamps go backwards.
        case timestampBackwards = "timestamp_backwards"
        /// A stream ends well before the others, or before what the container declares.
        case streamEndedEarly = "stream_ended_early"
        /// The file has no video stream.
        case noVideo = "no_video"
        /// The file is a playlist, a concat list or another format DFC does not read because it
        /// points at other files or URLs; nothing it names is opened. It is preserved all the same.
        case refusedFormat = "refused_format"
        /// The demuxer asked to open another file or URL, and DFC refused.
        case refusedReference = "refused_reference"
        /// A resource limit was reached (picture size, stream count, packet size, an endless
        /// run of empty packets, time): reading or decoding stopped there.
        case limitExceeded = "limit_exceeded"
        /// The analysis did not finish: its worker process crashed, ran out of memory or was
        /// killed at the deadline. The file is preserved and registered without packet or
        /// frame rows.
        case analysisFailed = "analysis_failed"
        /// A decoded picture could not be hashed (its pixel format has no packed layout).
        case frameNotHashed = "frame_not_hashed"
        /// A stream first appeared while the file was read, after the container was probed;
        /// its packets are recorded from where it appeared.
        case streamAppeared = "stream_appeared"
        /// The decoded pictures of a stream changed size or pixel format part-way (a DVR
        /// switching sub-streams, a camera reconfigured). See the README on reproducing hashes.
        case pictureFormatChanged = "picture_format_changed"
        /// The decoder reported damage, so the file was decoded again on one thread: its frame
        /// hashes and findings come from that decode, which gives the same result on every run
        /// (frame threads conceal damage in an order that depends on timing). Stock ffmpeg
        /// reproduces them with `-threads 1` before `-i`.
        case singleThreadedDecode = "single_threaded_decode"
        /// A still's EXIF metadata or a telemetry track (GPMF) is malformed (an offset or count
        /// outside its block, a loop): what could be read is in the container's `exif.*` or
        /// `gpmf.*` tags, the rest was not followed.
        case metadataDamaged = "metadata_damaged"
        /// Two of an exhibit's time layers that name their zone (or are UTC) disagree beyond the
        /// tolerance: which two, and by how much. Nothing is corrected; the examiner decides.
        case timeLayersDisagree = "time_layers_disagree"
        /// The time in the original's file name is further from the container's time than any
        /// zone offset explains (over 14 hours).
        case fileNameTimeFar = "file_name_time_far"
        /// A time or place the file carries cannot be read as one (an impossible date, a
        /// latitude past the pole, a clock never set): kept as written, used for nothing.
        case timeUnusable = "time_unusable"
        /// A local clock reading that the registered zone of its camera (`dfc source add --zone`)
        /// cannot turn into one instant: an hour the clocks skipped or repeated (a daylight-saving
        /// change). Both or neither instants are named; the exhibit is not placed by it.
        case localTimeAmbiguous = "local_time_ambiguous"
        /// The evidence itself suggests a clock correction (GPS telemetry against the clock the
        /// timeline uses): the offset and the `dfc clock` that would apply it. Never applied
        /// unless an examiner signs it.
        case clockCorrectionSuggested = "clock_correction_suggested"
        /// A recorder's wall clock (a `dhav` file's packet dates) jumps inside a recording: back
        /// by more than a second, or forward by an hour. Which packets, from and to what reading,
        /// and whether it is the hour of a daylight-saving change. Nothing is corrected.
        case clockStep = "clock_step"
        /// A GOP of a signed stream (ONVIF Media Signing, Axis Signed Video) does not match its
        /// camera's signature: which packets differ, were added or are missing, or the signature
        /// itself does not verify. `dfc authenticity` shows every GOP.
        case signatureInvalid = "signature_invalid"
        /// A signed stream has pictures no signature covers, or signatures whose pictures are not
        /// in the file: a trimmed export's first GOP, GOPs cut out, pictures after the last signature.
        case signatureGap = "signature_gap"
        /// A signing SEI could not be read (truncated, an absurd length, a field DFC does not know)
        /// or the signer's key or certificate does not parse.
        case signatureUnreadable = "signature_unreadable"
        /// The stream's signatures hold, but who signed is not established: the key is not chained
        /// to a trust anchor the lab holds.
        case signerUntrusted = "signer_untrusted"
        /// The file's C2PA manifest does not validate: a hash, a signature or a claim fails (the
        /// library's status codes).
        case c2paInvalid = "c2pa_invalid"
        /// The file's C2PA manifest store cannot be read (damaged, nested without end).
        case c2paUnreadable = "c2pa_unreadable"
        /// The C2PA library is not installed: the file's Content Credentials were not checked.
        case c2paNotChecked = "c2pa_not_checked"
        /// The file's C2PA manifest records edits (`c2pa.edited`, `c2pa.cropped`, `c2pa.redacted`, …): by what, and when.
        case editedAccordingToManifest = "edited_according_to_manifest"
        /// More findings of one kind than are listed one by one.
        case moreFindings = "more_findings"
    }

    /// How much it matters to the examiner.
    public enum Severity: String, Sendable, Codable {
        case info, warning, error
    }

    /// What kind of finding it is.
    public var kind: Kind
    /// How much it matters.
    public var severity: Severity
    /// One sentence for the examiner.
    public var message: String
    /// The stream concerned, if one.
    public var stream: Int?
    /// The packet concerned (index in read order), if one.
    public var packet: Int?
    /// The frame concerned (index in the stream's decoded order), if one.
    public var frame: Int?
    /// Where in the timeline, in seconds, if known.
    public var seconds: Double?

    /// Makes a finding.
    public init(
        kind: Kind, severity: Severity, message: String,
        stream: Int? = nil, packet: Int? = nil, frame: Int? = nil, seconds: Double? = nil
    ) {
        self.kind = kind
        self.severity = severity
        self.message = message
        self.stream = stream
        self.packet = packet
        self.frame = frame
        self.seconds = seconds
    }
}

extension Finding {
    /// For a `picture_format_changed` finding, the pixel format the pictures change to.
    package var pictureFormat: String? {
        guard kind == .pictureFormatChanged, let range = message.range(of: "the pictures are ") else { return nil }
        return message[range.upperBound...].split(separator: ",").first?.split(separator: " ").dropFirst().first.map(String.init)
    }
}
