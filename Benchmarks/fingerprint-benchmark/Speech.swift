import BenchmarkSupport
import Foundation

/// Generated speech: random sentences from small word lists, read by espeak-ng.
enum Speech {
    static let chineseWords: [String] = """
    我们 你们 他们 今天 明天 昨天 早上 晚上 中午 时候 地方 东西 事情 问题 办法 朋友 老师 学生 孩子 老人 \
    妈妈 爸爸 哥哥 姐姐 弟弟 妹妹 爷爷 奶奶 家里 外面 村子 城里 街上 山上 河边 田里 学校 医院 市场 饭馆 \
    吃饭 喝水 睡觉 走路 说话 唱歌 读书 写字 种地 打工 买菜 做饭 洗衣服 开车 坐车 回家 出门 上山 下雨 刮风 \
    天气 太阳 月亮 星星 白云 大雨 小雪 冬天 夏天 春天 秋天 过年 节日 生日 结婚 客人 邻居 亲戚 兄弟 姐妹 \
    米饭 面条 包子 饺子 馒头 鸡蛋 猪肉 牛肉 青菜 白菜 萝卜 土豆 西瓜 苹果 橘子 茶叶 开水 米酒 豆腐 辣椒 \
    一个 两个 三个 四个 五个 很多 一些 一点 全部 每天 经常 有时 已经 还是 但是 因为 所以 如果 虽然 然后 \
    高兴 难过 漂亮 干净 便宜 好吃 好看 暖和 凉快 辛苦 容易 麻烦 重要 奇怪 安静 热闹 聪明 老实 勤快 懒惰 \
    牛 马 羊 狗 猫 鸡 鸭 鱼 鸟 猪 树 花 草 石头 房子 桥 船 路 门 窗户 \
    知道 觉得 希望 喜欢 需要 可以 应该 开始 结束 帮忙 认识 记得 忘记 准备 休息 等待 答应 告诉 听见 看见
    """.split(separator: " ").map(String.init)

    static let englishWords: [String] = """
    the a of and to in is was he she it they we you that this with for on at by from as but not \
    river village market morning evening winter summer mother father brother sister neighbour teacher farmer \
    house garden field mountain valley bridge road window kitchen table chair basket water bread rice fish \
    walk talk sing read write plant harvest carry cook wash open close remember forget listen answer wait \
    quickly slowly always never often seldom today tomorrow yesterday again together alone early late \
    old young little great small warm cold bright quiet busy happy tired strange simple careful honest \
    story song letter question reason answer journey festival wedding harvest season weather cloud storm \
    horse sheep goat chicken duck dog cat bird tree flower grass stone boat wheel lamp candle clock \
    because although while when where after before until since perhaps almost enough really certainly \
    spoke asked told heard saw found brought bought sold built broke kept left took gave came went
    """.split(separator: " ").map(String.init)

    /// Hakka in Pha̍k-fa-sṳ romanisation: espeak-ng's `hak` voice reads no Han characters.
    static let hakkaWords: [String] = """
    ngài ngì kì ngài_teu ngì_teu kì_teu kîm_pû_ngit thiên_kôn ngit_thèu ngia̍t_kông sên fûng lo̍k_súi thiên_hi \
    hâ_thiên tûng_thiên chhûn_thiên chhiû_thiên lâng ngia̍t kôn sṳ̍t_fan sṳ̍t_chhà sṳ̍t_súi hàng_lu kóng_fa \
    chhong_ko tho̍k_sû siá_sṳ chhut_mùn thâng khon hí_fôn hî_mong ngiù mâ yòng kiéu mèu kâi ap ǹg tiâu chû \
    sù fâ chhó sa̍k_thèu vùk_hâ khièu sùn lu mùn a_mê a_pâ a_kô a_chí lóu_sṳ̂ ho̍k_sâng se_ngìn_é lóu_ngìn_kâ \
    chhòi ngiù_ngiuk chû_ngiuk kâi_chhûn thi_fu yit ngi sâm si ńg liuk chhit pat kiú sṳ̍p hó hó_sṳ̍t sin_khú \
    he mò yû tsó_hí sâm_chêu tong yit_kûng chhòi_lòng khì pha̍k_mâ ko lièn_thòng sên_tsṳ́ yùn fûng_súi \
    thai_ka hâ_pû tsêu_pû ngia̍t_thèu sam_pan kâ_tshûng hâk_ngìn sṳ̀_kiên hó_khon chhiú thèu_na fô_chhâ \
    kâm_chhṳ̂n sîn_kâ tshiu_ôn pho_kî ngiàng_ngiàng mang_mang kiok_tet ti_tet yit_tin_é ka_ngìn
    """.split(separator: " ").map { $0.replacingOccurrences(of: "_", with: " ") }

    /// Voices that read the archived recordings: Mandarin, Cantonese, Hakka and English, with variants.
    /// (Mandarin is `cmn-latn-pinyin`: the plain `cmn` voice reads the pinyin tone digits of Han text in English.)
    static let archivedVoices = ["cmn-latn-pinyin", "cmn-latn-pinyin+f3", "cmn-latn-pinyin+m5", "yue", "yue+f2", "hak", "hak+f4", "en",
                                 "en-us+f3", "en-gb-scotland+m3"]
    /// Voices that read nothing in the archive.
    static let otherVoices = ["cmn-latn-pinyin+f1", "cmn-latn-pinyin+m2", "yue+m2", "yue+f5", "hak+m6", "hak+f1", "en+f5", "en-us+m1"]

    static func language(of voice: String) -> String {
        String(voice.split(separator: "+").first ?? "en")
    }

    static func isChinese(_ voice: String) -> Bool { ["cmn", "cmn-latn-pinyin", "yue"].contains(language(of: voice)) }

    /// Another speaker of the same language: a variant of the other sex, so that pitch and formants
    /// differ. (Variants of one sex that share the pitch contour make the same harmonics at the same
    /// moments with another spectral tilt: to a fingerprint that is the same recording through
    /// another microphone, not another speaker.)
    static func twin(of voice: String, _ random: inout SeededRandom) -> String {
        let current = voice.split(separator: "+").dropFirst().first.map(String.init) ?? "m"
        let others = current.hasPrefix("f") ? ["m1", "m2", "m3", "m4", "m6"] : ["f1", "f2", "f3", "f4", "f5"]
        return language(of: voice) + "+" + random.pick(others)
    }

    /// Random text of `sentences` sentences in the voice's language.
    static func text(for voice: String, sentences: Int, _ random: inout SeededRandom) -> String {
        let chinese = isChinese(voice)
        let words = chinese ? chineseWords : language(of: voice) == "hak" ? hakkaWords : englishWords
        var result = ""
        for _ in 0..<sentences {
            let count = random.int(in: chinese ? 4...10 : 5...13)
            var sentence = (0..<count).map { _ in random.pick(words) }
            if chinese {
                if count > 6, random.chance(0.5) { sentence.insert("，", at: random.int(in: 2...(count - 2))) }
                result += sentence.joined() + (random.chance(0.15) ? "？" : "。")
            } else {
                if !words.elementsEqual(hakkaWords) { sentence[0] = sentence[0].prefix(1).uppercased() + sentence[0].dropFirst() }
                if count > 7, random.chance(0.5) { sentence[random.int(in: 2...(count - 3))] += "," }
                result += sentence.joined(separator: " ") + (random.chance(0.15) ? "? " : ". ")
            }
        }
        return result
    }

    /// One generated recording: who reads what, how fast and how high.
    struct Script: Codable {
        var voice: String
        var speed: Int
        var pitch: Int
        var text: String
    }

    static func script(voice: String, seconds: Double, _ random: inout SeededRandom) -> Script {
        // espeak-ng reads about one short sentence every 2.5 s; ask for more and cut.
        let sentences = Int(seconds / 2.0) + 4
        return Script(voice: voice, speed: random.int(in: 140...185), pitch: random.int(in: 30...70),
                      text: text(for: voice, sentences: sentences, &random))
    }

    /// Reads `script` into a WAV at espeak-ng's own rate (22,050 Hz).
    static func speak(_ script: Script, to url: URL) throws {
        try Tool.run("espeak-ng", ["-v", script.voice, "-s", String(script.speed), "-p", String(script.pitch),
                                   "-w", url.path, script.text])
    }

    /// Reads `script` and stores the first `seconds` as `url` (WAV or FLAC by extension), extending the text
    /// when the reading is too short.
    static func record(_ script: Script, seconds: Double, to url: URL, _ random: inout SeededRandom) throws -> Script {
        var script = script
        let raw = url.deletingPathExtension().appendingPathExtension("raw.wav")
        defer { try? FileManager.default.removeItem(at: raw) }
        while true {
            try speak(script, to: raw)
            let length = try Mono.decode(raw).seconds
            if length >= seconds { break }
            script.text += text(for: script.voice, sentences: Int((seconds - length) / 2) + 3, &random)
        }
        try Tool.ffmpeg(["-i", raw.path, "-t", String(format: "%.3f", seconds), url.path])
        return script
    }
}
