/// Everything a report shows, gathered from the catalog and the confined worker.
struct ReportData {
    struct Thumbnail {
        var frame: Int
        var seconds: Double?
        var png: [UInt8]
    }

    struct Exhibit {
        var report: ExhibitReport
        var custody: [CustodyEntry]
        var thumbnails: [Thumbnail]
        /// Why there is no contact sheet, when there is none.
        var noThumbnails: String?
        var containerStart: Double
    }

    var generatedAt: String
    var actor: String
    var role: String
    var store: String
    var dfcVersion: String
    var treeSize: Int
    var rootHash: String
    var exhibits: [Exhibit]
}
