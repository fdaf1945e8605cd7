import Foundation

/// The answer to Identify: the repository, its earliest datestamp and deleted-record policy,
/// and the `oai-identifier` and `olac-archive` descriptions.
extension OAIResponseWriter {
    func identify(earliest: String?, sample: String?) -> [String] {
        let host = repository.identifiers.host
        var lines = [
            "<Identify>",
            "  <repositoryName>\(escape("dialect-archive at \(host)"))</repositoryName>",
            "  <baseURL>\(escape(repository.baseURL))</baseURL>",
            "  <protocolVersion>2.0</protocolVersion>",
            "  <adminEmail>\(escape(repository.adminEmail))</adminEmail>",
            "  <earliestDatestamp>\(earliest.map(OAIDatestamp.of) ?? OAIDatestamp.now(responseDate))</earliestDatestamp>",
            "  <deletedRecord>persistent</deletedRecord>",
            "  <granularity>YYYY-MM-DDThh:mm:ssZ</granularity>",
        ]
        // The oai-identifier syntax admits domain names only; served under an address or
        // `localhost`, the identifiers keep that host but no description claims the syntax.
        if repository.identifiers.isDomainName {
            lines += [
                "  <description>",
                "    <oai-identifier xmlns=\"http://www.openarchives.org/OAI/2.0/oai-identifier\""
                    + " xsi:schemaLocation=\"http://www.openarchives.org/OAI/2.0/oai-identifier http://www.openarchives.org/OAI/2.0/oai-identifier.xsd\">",
                "      <scheme>oai</scheme>",
                "      <repositoryIdentifier>\(escape(host))</repositoryIdentifier>",
                "      <delimiter>:</delimiter>",
                "      <sampleIdentifier>\(escape(repository.identifiers.identifier(of: sample ?? "session-1")))</sampleIdentifier>",
                "    </oai-identifier>",
                "  </description>",
            ]
        }
        let archiveURL = repository.baseURL.hasSuffix("/oai") ? String(repository.baseURL.dropLast(4)) + "/" : repository.baseURL
        lines += [
            "  <description>",
            "    <olac-archive xmlns=\"http://www.language-archives.org/OLAC/1.1/olac-archive\" type=\"institutional\""
                + " currentAsOf=\"\(OAIDatestamp.now(responseDate).prefix(10))\""
                + " xsi:schemaLocation=\"http://www.language-archives.org/OLAC/1.1/olac-archive http://www.language-archives.org/OLAC/1.1/olac-archive.xsd\">",
            "      <archiveURL>\(escape(archiveURL))</archiveURL>",
            "      <participant name=\"\(escape(repository.adminEmail))\" role=\"Archivist\" email=\"\(escape(repository.adminEmail))\"/>",
            "      <institution>\(escape(host))</institution>",
            "      <synopsis>Recordings of spoken dialects with their time-aligned transcripts, speakers and localities.</synopsis>",
            "      <access>Open sessions are listened to and searched by anyone; restricted sessions are described without speakers' names.</access>",
            "    </olac-archive>",
            "  </description>",
            "</Identify>",
        ]
        return lines
    }

    func metadataFormats() -> [String] {
        ["<ListMetadataFormats>"] + OAIRepository.formats.flatMap { format in
            ["  <metadataFormat>", "    <metadataPrefix>\(format.prefix)</metadataPrefix>", "    <schema>\(format.schema)</schema>",
             "    <metadataNamespace>\(format.namespace)</metadataNamespace>", "  </metadataFormat>"]
        } + ["</ListMetadataFormats>"]
    }

    func sets(_ sets: [(set: OAISet, name: String)]) -> [String] {
        ["<ListSets>"] + sets.flatMap { entry in
            ["  <set>", "    <setSpec>\(escape(entry.set.spec))</setSpec>", "    <setName>\(escape(entry.name))</setName>", "  </set>"]
        } + ["</ListSets>"]
    }
}
