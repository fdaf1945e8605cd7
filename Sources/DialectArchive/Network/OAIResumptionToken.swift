import Foundation

/// Where a list request continues: its filter, how many records were sent before, and how
/// many the whole list has. Opaque to harvesters: base64url of its JSON.
struct OAIResumptionToken: Codable, Equatable, Sendable {
    var filter: OAIListFilter
    var cursor: Int
    var completeListSize: Int

    var text: String {
        let data = (try? JSONEncoder().encode(self)) ?? Data()
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    init(filter: OAIListFilter, cursor: Int, completeListSize: Int) {
        self.filter = filter
        self.cursor = cursor
        self.completeListSize = completeListSize
    }

    /// Reads a token this server gave; anything else is a badResumptionToken.
    init(_ text: String) throws {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard text.count <= 4096, let data = Data(base64Encoded: base64),
              let token = try? JSONDecoder().decode(OAIResumptionToken.self, from: data),
              token.cursor >= 0, token.completeListSize >= token.cursor, token.filter.after != nil else {
            throw OAIError(.badResumptionToken, "the resumption token is not one this archive gave, or it is damaged")
        }
        self = token
    }
}
