import Foundation

/// What explain says about the endpoint: the ZeeRex record (server, database, index, schema,
/// paging) and the FCS 2.0 endpoint description (capabilities, data views, layers, and one
/// resource per collection with its titles, languages and landing page).
struct FCSEndpointDescription {
    let endpoint: FCSEndpoint
    let collections: [FCSRecords.Collection]

    func explainRecord() -> [String] {
        let url = URL(string: endpoint.siteURL)
        let port = url?.port ?? (url?.scheme == "https" ? 443 : 80)
        return [
            "<zr:explain xmlns:zr=\"http://explain.z3950.org/dtd/2.0/\">",
            "  <zr:serverInfo protocol=\"SRU\" version=\"2.0\" transport=\"\(url?.scheme ?? "http")\">",
            "    <zr:host>\(escape(url?.host ?? "localhost"))</zr:host>",
            "    <zr:port>\(port)</zr:port>",
            "    <zr:database>fcs</zr:database>",
            "  </zr:serverInfo>",
            "  <zr:databaseInfo>",
            "    <zr:title lang=\"zh\">方言录音档案</zr:title>",
            "    <zr:title lang=\"en\" primary=\"true\">Dialect recordings archive</zr:title>",
            "    <zr:description lang=\"zh\">检索方言录音的时间对齐转写：汉字、正字法与国际音标各层。</zr:description>",
            "    <zr:description lang=\"en\" primary=\"true\">Search the time-aligned transcripts of dialect recordings: characters, orthography and IPA.</zr:description>",
            "  </zr:databaseInfo>",
            "  <zr:indexInfo>",
            "    <zr:set identifier=\"http://clarin.eu/fcs/resource\" name=\"fcs\">",
            "      <zr:title lang=\"en\" primary=\"true\">CLARIN Content Search</zr:title>",
            "    </zr:set>",
            "    <zr:index search=\"true\" scan=\"false\" sort=\"false\">",
            "      <zr:title lang=\"en\" primary=\"true\">Words</zr:title>",
            "      <zr:map primary=\"true\">",
            "        <zr:name set=\"fcs\">words</zr:name>",
            "      </zr:map>",
            "    </zr:index>",
            "  </zr:indexInfo>",
            "  <zr:schemaInfo>",
            "    <zr:schema identifier=\"http://clarin.eu/fcs/resource\" name=\"fcs\">",
            "      <zr:title lang=\"en\" primary=\"true\">CLARIN Content Search</zr:title>",
            "    </zr:schema>",
            "  </zr:schemaInfo>",
            "  <zr:configInfo>",
            "    <zr:default type=\"numberOfRecords\">\(endpoint.defaultMaximum)</zr:default>",
            "    <zr:setting type=\"maximumRecords\">\(endpoint.largestMaximum)</zr:setting>",
            "  </zr:configInfo>",
            "</zr:explain>",
        ]
    }

    func endpointDescription() -> [String] {
        var lines = [
            "<ed:EndpointDescription xmlns:ed=\"http://clarin.eu/fcs/endpoint-description\" version=\"2\">",
            "  <ed:Capabilities>",
            "    <ed:Capability>http://clarin.eu/fcs/capability/basic-search</ed:Capability>",
            "    <ed:Capability>http://clarin.eu/fcs/capability/advanced-search</ed:Capability>",
            "  </ed:Capabilities>",
            "  <ed:SupportedDataViews>",
            "    <ed:SupportedDataView id=\"hits\" delivery-policy=\"send-by-default\">application/x-clarin-fcs-hits+xml</ed:SupportedDataView>",
            "    <ed:SupportedDataView id=\"adv\" delivery-policy=\"need-to-request\">application/x-clarin-fcs-adv+xml</ed:SupportedDataView>",
            "  </ed:SupportedDataViews>",
            "  <ed:SupportedLayers>",
        ]
        lines += FCSLayer.allCases.map {
            "    <ed:SupportedLayer id=\"\($0.rawValue)\" result-id=\"\(escape(endpoint.layerURI($0)))\">\($0.type)</ed:SupportedLayer>"
        }
        lines += ["  </ed:SupportedLayers>", "  <ed:Resources>"]
        for collection in collections {
            let landing = escape(endpoint.collectionURL(collection.id))
            let languages = collection.languages.filter { $0.count == 3 && $0.allSatisfy { $0.isASCII && $0.isLetter } }
            lines += [
                "    <ed:Resource pid=\"\(landing)\">",
                "      <ed:Title xml:lang=\"zh\">\(escape(collection.title ?? collection.id))</ed:Title>",
                "      <ed:Title xml:lang=\"en\">\(escape("Dialect recordings: \(collection.id)"))</ed:Title>",
                "      <ed:Description xml:lang=\"en\">\(escape("The time-aligned transcripts of the collection \(collection.id), with the recordings they play."))</ed:Description>",
                "      <ed:LandingPageURI>\(landing)</ed:LandingPageURI>",
                "      <ed:Languages>",
            ]
            // A collection whose sessions name no ISO 639-3 code is described as Chinese (zho).
            lines += (languages.isEmpty ? ["zho"] : languages).map { "        <ed:Language>\($0)</ed:Language>" }
            lines += [
                "      </ed:Languages>",
                "      <ed:AvailableDataViews ref=\"hits adv\"/>",
                "      <ed:AvailableLayers ref=\"\(FCSLayer.allCases.map(\.rawValue).joined(separator: " "))\"/>",
                "    </ed:Resource>",
            ]
        }
        return lines + ["  </ed:Resources>", "</ed:EndpointDescription>"]
    }

    private func escape(_ text: String) -> String {
        OLACExport.escape(text)
    }
}
