/// How the FCS endpoint presents the archive: where it is reached, the URLs that play a span
/// of a recording and show a collection, and how many records a page holds.
public struct FCSEndpoint: Sendable {
    /// The archive's address as clients reach it (`https://archive.example.org`).
    public var siteURL: String
    /// The URL that plays a recording from a start to an end (in ms).
    public var spanURL: @Sendable (_ recording: Int64, _ startMs: Int64, _ endMs: Int64) -> String
    /// The web page of a collection, its landing page and its resource's pid.
    public var collectionURL: @Sendable (_ id: String) -> String
    /// Records a page holds when the client does not say (`numberOfRecords` default).
    public var defaultMaximum: Int
    /// The most records a page holds, whatever the client asks.
    public var largestMaximum: Int

    public init(siteURL: String, spanURL: @escaping @Sendable (Int64, Int64, Int64) -> String,
                collectionURL: @escaping @Sendable (String) -> String, defaultMaximum: Int = 25, largestMaximum: Int = 250) {
        self.siteURL = siteURL
        self.spanURL = spanURL
        self.collectionURL = collectionURL
        self.defaultMaximum = defaultMaximum
        self.largestMaximum = largestMaximum
    }

    /// The URI naming a layer in Advanced data views.
    func layerURI(_ layer: FCSLayer) -> String {
        siteURL + "/fcs/layers/" + layer.rawValue
    }
}
