/// The metadata columns field teams fill in, with the Chinese headers accepted for them.
enum MetadataColumns {
    static let localities = ["id", "name", "romanised_name", "province", "prefecture", "county", "township",
                             "admin_code", "latitude", "longitude", "dialect_group", "dialect_subgroup",
                             "dialect_cluster", "glottocode", "iso639_3"]
    static let speakers = ["id", "name", "sex", "birth_year", "role", "locality", "education", "occupation",
                           "languages", "consent", "access"]
    static let sessions = ["id", "title", "date", "locality", "speakers", "recorder", "content", "collection",
                           "access", "files", "keywords", "description", "tier_kinds"]

    static let aliases: [String: String] = [
        "编号": "id", "名称": "name", "姓名": "name", "性别": "sex", "出生年份": "birth_year", "角色": "role",
        "省": "province", "市": "prefecture", "县": "county", "纬度": "latitude", "经度": "longitude",
        "方言区": "dialect_group", "片": "dialect_subgroup", "小片": "dialect_cluster", "标题": "title",
        "日期": "date", "地点": "locality", "发音人": "speakers", "记录人": "recorder", "内容": "content",
        "集合": "collection", "权限": "access", "文件": "files", "层类型": "tier_kinds", "tiers": "tier_kinds",
        "lat": "latitude", "lon": "longitude", "lng": "longitude", "iso639-3": "iso639_3", "iso": "iso639_3",
        "birthyear": "birth_year", "year_of_birth": "birth_year", "gender": "sex", "content_type": "content",
        "speaker": "speakers", "file": "files", "romanized_name": "romanised_name",
    ]

    /// The canonical column name for a header as written (`出生年份`, `Birth Year`, ` latitude `).
    static func canonical(_ header: String) -> String {
        let trimmed = header.trimmingCharacters(in: .whitespacesAndNewlines)
        if let alias = aliases[trimmed] { return alias }
        let snake = trimmed.lowercased().replacingOccurrences(of: " ", with: "_")
        return aliases[snake] ?? snake
    }
}

import Foundation
