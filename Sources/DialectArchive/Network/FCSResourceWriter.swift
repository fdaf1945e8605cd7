/// Writes one hit as an FCS `Resource`: its `ref` and its fragment's `ref` are the URL that
/// plays the hit; the Hits view marks the matches in the segment's text, and the Advanced view
/// gives the segment with its other tiers over the same span as the `text`, `orth` and
/// `phonetic` layers, timed in the recording.
struct FCSResourceWriter {
    let endpoint: FCSEndpoint

    func resource(_ hit: SearchHit, advanced: Bool) -> [String] {
        let ref = hit.recordingId.map { " ref=\"\(escape(endpoint.spanURL($0, hit.startMs, hit.endMs)))\"" } ?? ""
        var lines = ["<fcs:Resource xmlns:fcs=\"http://clarin.eu/fcs/resource\"\(ref)>",
                     "  <fcs:ResourceFragment\(ref)>",
                     "    <fcs:DataView type=\"application/x-clarin-fcs-hits+xml\">",
                     "      <hits:Result xmlns:hits=\"http://clarin.eu/fcs/dataview/hits\">\(marked(hit))</hits:Result>",
                     "    </fcs:DataView>"]
        if advanced {
            lines += ["    <fcs:DataView type=\"application/x-clarin-fcs-adv+xml\">"] + self.advanced(hit).map { "      " + $0 }
                + ["    </fcs:DataView>"]
        }
        return lines + ["  </fcs:ResourceFragment>", "</fcs:Resource>"]
    }

    /// The segment's text with each match in `<hits:Hit>`.
    func marked(_ hit: SearchHit) -> String {
        let scalars = Array(hit.text.unicodeScalars)
        var text = ""
        var position = 0
        func piece(_ range: Range<Int>) -> String {
            escape(String(String.UnicodeScalarView(scalars[range])))
        }
        for range in hit.highlights where range.count == 2 && range[0] >= position && range[1] <= scalars.count && range[0] < range[1] {
            text += piece(position..<range[0]) + "<hits:Hit>" + piece(range[0]..<range[1]) + "</hits:Hit>"
            position = range[1]
        }
        return text + piece(position..<scalars.count)
    }

    func advanced(_ hit: SearchHit) -> [String] {
        struct Span { var layer: FCSLayer; var startMs: Int64; var endMs: Int64; var text: String; var isHit: Bool }
        var spans = [Span(layer: .text, startMs: hit.startMs, endMs: hit.endMs, text: hit.text, isHit: true)]
        let all = [(hit.tierKind, hit.startMs, hit.endMs, hit.text, true)] + hit.parallel.map { ($0.tierKind, $0.startMs, $0.endMs, $0.text, false) }
        for (kind, start, end, text, isHit) in all {
            if let layer = FCSLayer.allCases.first(where: { $0 != .text && $0.tierKind == kind }) {
                spans.append(Span(layer: layer, startMs: start, endMs: end, text: text, isHit: isHit))
            }
        }
        var times: [[Int64]] = []
        for span in spans where !times.contains([span.startMs, span.endMs]) { times.append([span.startMs, span.endMs]) }
        times.sort { ($0[0], $0[1]) < ($1[0], $1[1]) }
        func id(_ span: Span) -> String { "s\(times.firstIndex(of: [span.startMs, span.endMs])! + 1)" }
        var lines = ["<adv:Advanced xmlns:adv=\"http://clarin.eu/fcs/dataview/advanced\">", "  <adv:Segments unit=\"timestamp\">"]
        for (index, time) in times.enumerated() {
            let ref = hit.recordingId.map { " ref=\"\(escape(endpoint.spanURL($0, time[0], time[1])))\"" } ?? ""
            lines.append("    <adv:Segment id=\"s\(index + 1)\" start=\"\(Self.timestamp(time[0]))\" end=\"\(Self.timestamp(time[1]))\"\(ref)/>")
        }
        lines += ["  </adv:Segments>", "  <adv:Layers>"]
        for layer in FCSLayer.allCases {
            let inLayer = spans.filter { $0.layer == layer }.sorted { ($0.startMs, $0.endMs) < ($1.startMs, $1.endMs) }
            guard !inLayer.isEmpty else { continue }
            lines.append("    <adv:Layer id=\"\(escape(endpoint.layerURI(layer)))\">")
            lines += inLayer.map { "      <adv:Span ref=\"\(id($0))\"\($0.isHit ? " highlight=\"h1\"" : "")>\(escape($0.text))</adv:Span>" }
            lines.append("    </adv:Layer>")
        }
        return lines + ["  </adv:Layers>", "</adv:Advanced>"]
    }

    /// A time as the Advanced view writes it: `h:mm:ss.mmm`.
    static func timestamp(_ ms: Int64) -> String {
        let ms = max(0, ms)
        let seconds = ms / 1000
        return "\(seconds / 3600):" + two(seconds / 60 % 60) + ":" + two(seconds % 60) + "." + String(1000 + ms % 1000).dropFirst()
    }

    private static func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private func escape(_ text: String) -> String {
        OLACExport.escape(text)
    }
}
