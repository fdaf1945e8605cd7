/// How a record's property names become its table's column names: `workingDirectory` is
/// `working_directory`, `audioSha256` is `audio_sha256`, `URLString` is `url_string`.
enum SQLColumnName {
    static func snakeCase(_ name: String) -> String {
        let characters = Array(name)
        var out = ""
        for (index, character) in characters.enumerated() {
            if character.isUppercase, index > 0 {
                let previous = characters[index - 1]
                let nextIsLower = index + 1 < characters.count && characters[index + 1].isLowercase
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && nextIsLower) { out.append("_") }
            }
            out += character.lowercased()
        }
        return out
    }
}
