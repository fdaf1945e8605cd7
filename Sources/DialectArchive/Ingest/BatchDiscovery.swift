import Foundation
import Transcripts

/// Finds what an ingest was pointed at: audio files, transcripts and metadata, walking
/// folders; paths that do not exist are reported rather than stopping the batch.
struct BatchDiscovery {
    var audio: [URL] = []
    var transcripts: [URL] = []
    /// Folders whose top-level metadata files are to be read.
    var metadataFolders: [URL] = []
    /// Metadata files given on their own (`ingest speakers.csv`): only they are read from their folder.
    var metadataFiles: [URL] = []
    var missing: [URL] = []
    /// Files that are neither audio, transcript nor metadata, and so are left alone.
    var ignored: [URL] = []
    /// Symbolic links met inside a folder, with where they point: skipped, since following them
    /// could take in files from anywhere, or the same folder twice.
    var links: [(link: URL, target: String)] = []

    static func discover(_ paths: [URL]) -> BatchDiscovery {
        var batch = BatchDiscovery()
        var seen = Set<String>()
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path.path, isDirectory: &isDirectory) else {
                batch.missing.append(path)
                continue
            }
            if isDirectory.boolValue {
                batch.metadataFolders.append(path)
                // A folder given through a symbolic link is walked where the link points, and its
                // files named under the path the user gave.
                let root = path.resolvingSymlinksInPath()
                let enumerator = fm.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey],
                                               options: [.skipsHiddenFiles])
                var files: [URL] = []
                while let found = enumerator?.nextObject() as? URL {
                    let url = path.appendingPathComponent(String(found.path.dropFirst(root.path.count + 1)))
                    let values = try? found.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
                    if values?.isSymbolicLink == true {
                        batch.links.append((url, (try? fm.destinationOfSymbolicLink(atPath: found.path)) ?? "?"))
                    } else if values?.isRegularFile == true {
                        files.append(url)
                    }
                }
                for file in files.sorted(by: { $0.path < $1.path }) {
                    let isTop = file.deletingLastPathComponent().standardizedFileURL == path.standardizedFileURL
                    if isTop, FieldMetadata.fileNames.contains(file.lastPathComponent.lowercased()) { continue }
                    batch.classify(file, seen: &seen)
                }
            } else if FieldMetadata.fileNames.contains(path.lastPathComponent.lowercased()) {
                batch.metadataFiles.append(path)
            } else {
                batch.classify(path, seen: &seen)
            }
        }
        return batch
    }

    private mutating func classify(_ file: URL, seen: inout Set<String>) {
        guard seen.insert(file.standardizedFileURL.path).inserted else { return }
        let ext = file.pathExtension.lowercased()
        if AudioAnalyzer.fileExtensions.contains(ext) {
            audio.append(file)
        } else if Transcript.format(forFileName: file.lastPathComponent) != nil {
            transcripts.append(file)
        } else {
            ignored.append(file)
        }
    }
}
