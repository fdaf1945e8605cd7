import DialectArchive
import Foundation
import Mustache

/// The survey sites drawn as an SVG map from their coordinates, one circle per site coloured
/// by dialect group, with a legend. Nothing is fetched from outside: there are no tiles, only
/// the sites placed by longitude and latitude.
struct SiteMap {
    static let width = 520.0, height = 380.0, margin = 40.0
    static let palette = ["#c0392b", "#2e86c1", "#27ae60", "#8e44ad", "#d68910", "#16a085", "#d35400", "#2c3e50", "#b7950b", "#7b241c"]
    static let unclassified = "#7f8c8d"

    /// A site drawn: the locality, where it links, and whether it is marked.
    struct Site {
        var locality: Locality
        var link: String?
        /// Drawn filled; a site not filled is drawn as a ring (e.g. no answer in a comparison).
        var filled = true
        var selected = false
        /// The name of the other archive that holds the site's sessions; nil for this archive's own sites.
        var archive: String?
    }

    /// Sites of other archives are drawn as rings of one colour, outside the dialect legend.
    static let remote = "#34495e"

    static let template = try! MustacheTemplate(string: """
        <figure class="site-map">
        <svg id="site-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {{width}} {{height}}" role="img" aria-label="{{label}}">
        <rect class="sea" x="0" y="0" width="{{width}}" height="{{height}}" fill="#eef3f6"/>
        {{#sites}}{{#link}}<a href="{{link}}">{{/link}}<g class="site{{#selected}} selected{{/selected}}{{#archive}} remote{{/archive}}" data-locality="{{id}}"{{#archive}} data-archive="{{.}}"{{/archive}}><title>{{name}} · {{classification}}{{#archive}} · {{.}}{{/archive}}</title>
        <circle cx="{{x}}" cy="{{y}}" r="{{r}}" fill="{{fill}}" stroke="{{stroke}}" stroke-width="{{strokeWidth}}"/>
        <text x="{{labelX}}" y="{{labelY}}" font-size="13" fill="#1d2329">{{name}}</text></g>{{#link}}</a>{{/link}}
        {{/sites}}
        </svg>
        <figcaption><ul class="legend">{{#legend}}<li><svg viewBox="0 0 10 10" width="10" height="10" aria-hidden="true"><circle cx="5" cy="5" r="{{#stroke}}4{{/stroke}}{{^stroke}}5{{/stroke}}" fill="{{fill}}"{{#stroke}} stroke="{{.}}" stroke-width="2"{{/stroke}}/></svg> {{group}}</li>{{/legend}}</ul></figcaption>
        </figure>
        """)

    /// The map of `sites` with coordinates (the others cannot be placed and are left out).
    /// Sites of other archives (`archive` set) join the legend under `remoteLabel`.
    static func render(_ sites: [Site], label: String, unclassifiedLabel: String, remoteLabel: String = "") -> String {
        let placed = sites.filter { $0.locality.latitude != nil && $0.locality.longitude != nil }
        guard !placed.isEmpty else { return "" }
        let own = placed.filter { $0.archive == nil }
        let groups = Array(Set(own.compactMap { $0.locality.dialectGroup }.filter { !$0.isEmpty })).sorted()
        func colour(_ group: String?) -> String {
            guard let group, let index = groups.firstIndex(of: group) else { return unclassified }
            return palette[index % palette.count]
        }
        let lats = placed.map { $0.locality.latitude! }, lons = placed.map { $0.locality.longitude! }
        // Longitude shrinks with latitude; an equirectangular map scaled at the middle latitude keeps shapes right.
        let shrink = cos((lats.min()! + lats.max()!) / 2 * .pi / 180)
        let spanX = max((lons.max()! - lons.min()!) * shrink, 0.01), spanY = max(lats.max()! - lats.min()!, 0.01)
        let scale = min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY)
        let offsetX = (width - spanX * scale) / 2, offsetY = (height - spanY * scale) / 2
        let views: [[String: Any]] = placed.map { site in
            let l = site.locality
            let x = offsetX + (l.longitude! - lons.min()!) * shrink * scale
            let y = offsetY + (lats.max()! - l.latitude!) * scale
            let fill = site.archive == nil ? colour(l.dialectGroup) : remote
            var view: [String: Any] = [
                "id": l.id, "name": l.name, "classification": l.classification.isEmpty ? unclassifiedLabel : l.classification,
                "x": format(x), "y": format(y), "r": site.selected ? "10" : "8",
                "fill": site.filled && site.archive == nil ? fill : "#ffffff", "stroke": site.selected ? "#1d2329" : fill,
                "strokeWidth": site.selected ? "3" : "2", "labelX": format(x + 12), "labelY": format(y + 4), "selected": site.selected,
            ]
            if let link = site.link { view["link"] = link }
            if let archive = site.archive { view["archive"] = archive }
            return view
        }
        var legend = groups.map { ["group": $0, "fill": colour($0)] }
        if own.contains(where: { ($0.locality.dialectGroup ?? "").isEmpty }) { legend.append(["group": unclassifiedLabel, "fill": unclassified]) }
        if own.count < placed.count { legend.append(["group": remoteLabel, "fill": "#ffffff", "stroke": remote]) }
        return template.render(["width": format(width), "height": format(height), "label": label, "sites": views, "legend": legend])
    }

    private static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
