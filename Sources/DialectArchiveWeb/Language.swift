import Foundation
import Hummingbird

/// The language a page is shown in: the `lang` parameter of the link that switches it, else
/// the one remembered from that switch (a cookie), else the visitor's `Accept-Language`.
enum Language: String, CaseIterable {
    case en, zh

    var other: Language { self == .en ? .zh : .en }

    init(_ request: Request, form: FormQuery) {
        if let chosen = form["lang"].flatMap(Language.init(rawValue:)) { self = chosen; return }
        if let remembered = request.cookies["lang"].flatMap({ Language(rawValue: $0.value) }) { self = remembered; return }
        self = Self.preferred(request.headers[.acceptLanguage])
    }

    /// The supported language the header ranks highest (`zh-CN,zh;q=0.9,en;q=0.8`); English when none is asked for.
    static func preferred(_ header: String?) -> Language {
        var best: (language: Language, weight: Double)?
        for entry in (header ?? "").split(separator: ",") {
            let parts = entry.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let tag = parts.first else { continue }
            let weight = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            let language: Language? = tag.hasPrefix("zh") ? .zh : tag.hasPrefix("en") ? .en : nil
            if let language, weight > 0, weight > (best?.weight ?? 0) { best = (language, weight) }
        }
        return best?.language ?? .en
    }

    /// The cookie that remembers a language chosen with the switch.
    func cookie(secure: Bool) -> Cookie {
        Cookie(name: "lang", value: rawValue, maxAge: 365 * 24 * 3600, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}
