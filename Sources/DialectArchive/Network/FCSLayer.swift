/// The annotation layers of the FCS endpoint: `text`, the text of every tier (what a basic
/// search searches), `orth`, the orthographic (character) tiers, and `phonetic`, the IPA tiers.
public enum FCSLayer: String, CaseIterable, Sendable {
    case text, orth, phonetic

    /// The tier kind a search on this layer is narrowed to (`SearchFilters.tier`), nil for any tier.
    var tierKind: String? {
        switch self {
        case .text: return nil
        case .orth: return "orthography"
        case .phonetic: return "ipa"
        }
    }

    /// What the endpoint description calls the layer's type (`SupportedLayer`'s text).
    var type: String {
        switch self {
        case .text: return "text"
        case .orth: return "orth"
        case .phonetic: return "phonetic"
        }
    }

    /// The layer that an FCS-QL attribute names (`word` is FCS-QL's usual name for `text`).
    init?(attribute: String) {
        switch attribute {
        case "text", "word", "token": self = .text
        case "orth", "orthography": self = .orth
        case "phonetic", "ipa": self = .phonetic
        default: return nil
        }
    }
}
