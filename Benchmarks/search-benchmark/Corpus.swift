import BenchmarkSupport
import Foundation

// The generated survey: localities classified as dialectologists do, four speakers per
// locality in the 语保 roles, and transcripts whose characters, IPA and glosses are drawn
// from frequency-ranked vocabularies. Everything is decided by the seed.

/// A dialect group (方言区) with its sub-groups (片) and clusters (小片), the provinces it is
/// spoken in, how many survey sites it gets and its tones.
struct DialectGroupSpec {
    var name: String
    var sites: Int
    var provinces: [String]
    var subgroups: [(name: String, clusters: [String])]
    var tones: [String]
}

let dialectGroups: [DialectGroupSpec] = [
    DialectGroupSpec(name: "官话", sites: 70,
                     provinces: ["北京", "河北", "山东", "河南", "陕西", "甘肃", "四川", "湖北", "云南", "江苏", "安徽", "辽宁", "黑龙江"],
                     subgroups: [("北京官话", ["京师小片", "怀承小片"]), ("东北官话", ["哈阜小片", "吉沈小片"]),
                                 ("冀鲁官话", ["保唐小片", "石济小片"]), ("胶辽官话", ["登连小片", "青莱小片"]),
                                 ("中原官话", ["郑开小片", "关中小片", "秦陇小片"]), ("兰银官话", ["金城小片", "银吴小片"]),
                                 ("西南官话", ["成渝小片", "湖广小片", "滇中小片"]), ("江淮官话", ["洪巢小片", "泰如小片"])],
                     tones: ["55", "35", "214", "51", "31", "53", "13", "24"]),
    DialectGroupSpec(name: "吴语", sites: 25, provinces: ["浙江", "江苏", "上海", "安徽"],
                     subgroups: [("太湖片", ["苏沪嘉小片", "杭州小片", "临绍小片", "甬江小片", "毗陵小片"]), ("台州片", []),
                                 ("瓯江片", []), ("婺州片", []), ("处衢片", ["处州小片", "龙衢小片"])],
                     tones: ["53", "34", "44", "13", "31", "22", "5", "12"]),
    DialectGroupSpec(name: "粤语", sites: 20, provinces: ["广东", "广西"],
                     subgroups: [("广府片", []), ("四邑片", []), ("高阳片", []), ("勾漏片", []), ("邕浔片", []), ("钦廉片", [])],
                     tones: ["55", "35", "33", "21", "13", "22", "5", "3", "2"]),
    DialectGroupSpec(name: "客家话", sites: 20, provinces: ["广东", "福建", "江西"],
                     subgroups: [("粤台片", ["嘉应小片", "兴华小片"]), ("汀州片", []), ("宁龙片", []), ("于桂片", [])],
                     tones: ["44", "11", "31", "53", "52", "1", "5"]),
    DialectGroupSpec(name: "闽语", sites: 25, provinces: ["福建", "广东", "海南", "台湾"],
                     subgroups: [("闽南片", ["泉漳小片"]), ("闽东片", ["侯官小片", "福宁小片"]), ("莆仙片", []),
                                 ("闽北片", []), ("闽中片", []), ("雷琼片", [])],
                     tones: ["44", "24", "53", "21", "41", "22", "32", "4", "23"]),
    DialectGroupSpec(name: "湘语", sites: 15, provinces: ["湖南"],
                     subgroups: [("长益片", ["长株潭小片"]), ("娄邵片", []), ("辰溆片", []), ("衡州片", []), ("永全片", [])],
                     tones: ["33", "13", "41", "45", "21", "24"]),
    DialectGroupSpec(name: "赣语", sites: 20, provinces: ["江西", "湖南", "湖北"],
                     subgroups: [("昌都片", []), ("宜浏片", []), ("吉茶片", []), ("抚广片", []), ("鹰弋片", []), ("大通片", [])],
                     tones: ["42", "24", "213", "35", "11", "5", "2"]),
    DialectGroupSpec(name: "晋语", sites: 15, provinces: ["山西", "内蒙古", "陕西", "河北"],
                     subgroups: [("并州片", []), ("吕梁片", []), ("上党片", []), ("五台片", []), ("大包片", []),
                                 ("张呼片", []), ("志延片", [])],
                     tones: ["11", "44", "53", "45", "2", "54"]),
]

let roles = ["老男", "青男", "老女", "青女"]
let contentTypes = ["单字", "词汇", "语法", "话语", "口头文化"]

/// How a locality's transcriber writes tones.
enum ToneNotation: CaseIterable {
    case digits, letters, superscripts

    func render(_ tone: String) -> String {
        switch self {
        case .digits: return tone
        case .letters: return String(tone.map { ["1": "˩", "2": "˨", "3": "˧", "4": "˦", "5": "˥"][$0]! })
        case .superscripts: return String(tone.map { ["1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵"][$0]! })
        }
    }
}

struct LocalitySpec {
    var id: String
    var name: String
    var province: String
    var group: Int
    var subgroup: String
    var cluster: String?
    var notation: ToneNotation
}

/// Traditional → simplified pairs written by hand (not taken from ICU), for the ~5 % of
/// characters transcribers write in their traditional form.
let traditionalPairs = """
說说 話话 陽阳 雲云 頭头 見见 書书 門门 東东 車车 來来 個个 們们 這这 時时 會会 對对 國国 過过 開开 長长 學学 後后 間间 還还 \
點点 兒儿 風风 飯饭 魚鱼 鳥鸟 馬马 雞鸡 鴨鸭 豬猪 貓猫 龍龙 買买 賣卖 錢钱 鐵铁 銀银 燈灯 熱热 涼凉 聽听 講讲 讀读 寫写 記记 \
問问 愛爱 歲岁 親亲 爺爷 媽妈 孫孙 氣气 陰阴 電电 腳脚 臉脸 與与 為为 無无 發发 經经 現现 動动 關关 幾几 聲声 讓让 邊边 樣样 \
種种 萬万 紅红 綠绿 藍蓝 黃黄 葉叶 湯汤 鹽盐 醫医 藥药 橋桥 鎮镇 縣县 鄉乡 場场 壞坏 遠远 舊旧 濕湿 婦妇 師师 筆笔 紙纸 畫画 \
歡欢 飛飞 鍋锅 塊块 雙双 條条 張张 傳传 號号 島岛 灣湾 裡里 麼么 塊块 嗎吗 給给 沒没 從从 麵面 穀谷 雖虽 邊边 難难 膽胆 籠笼
"""

let ipaInitials = ["p", "pʰ", "m", "f", "t", "tʰ", "n", "l", "ts", "tsʰ", "s", "z", "tɕ", "tɕʰ", "ɕ", "tʂ", "tʂʰ", "ʂ", "ʐ",
                   "k", "kʰ", "ŋ", "x", "h", "ɦ", "ʔ", "b", "d", "ɡ", ""]
let ipaFinals = ["a", "o", "ə", "ɛ", "e", "i", "u", "y", "ɿ", "ʅ", "ai", "ei", "au", "əu", "ou", "an", "ən", "aŋ", "əŋ", "oŋ",
                 "ia", "iɛ", "iau", "iəu", "iɛn", "in", "iaŋ", "iŋ", "iuŋ", "ua", "uo", "uai", "uei", "uan", "uən", "uaŋ",
                 "yɛ", "yɛn", "yn", "ɔ", "œ", "ø", "ɐ", "ɐm", "ɐp", "at", "ak", "ɔk", "ɐi", "ɐu",
                 "a\u{303}", "ɛ\u{303}", "i\u{303}", "ɔ\u{303}", "ə\u{303}"]

let englishWords = """
sun moon star rain snow wind thunder cloud sky river mountain stone water fire tree grass flower leaf root rice \
wheat bean egg chicken duck fish pig cow sheep dog cat bird horse dragon house door window bed table chair bowl \
chopsticks pot knife lamp book letter money iron silver red yellow green blue black white big small long short \
high low fat thin old new wet dry hot cold warm cool near far fast slow good bad left right front back father \
mother grandfather grandmother elder brother sister younger son daughter uncle aunt wife husband friend guest \
teacher student doctor medicine head face eye ear nose mouth tooth tongue hand foot leg heart belly skin hair \
blood bone meat vegetable oil salt sugar wine tea soup melon fruit field road bridge boat street village town \
county market morning evening today tomorrow yesterday spring summer autumn winter year month day night eat \
drink sleep wake stand sit run jump fly swim wash wear buy sell say speak tell call cry laugh come go give take \
see hear know think want like have not yet already still also very this that here there who what where when how
"""
let glossAbbreviations = ["PFV", "PROG", "CL", "DIM", "NEG", "PRT", "POSS", "Q", "DUR", "EXP", "PL", "COP"]

/// One annotation of a transcript as it is generated: its characters as vocabulary indices
/// (simplified), where punctuation breaks the text, and the texts of its tiers.
struct GeneratedAnnotation {
    var characters: [Int32] = []
    /// Punctuation falls before these positions of `characters`.
    var breaks: Set<Int> = []
    var orthography = ""
    var itemNumber: String?
    /// Each syllable as (key index, global tone index or -1 when toneless).
    var syllables: [(key: Int32, tone: Int32)] = []
    var ipa = ""
    var gloss: String?
    var translation = ""
    var traditionalWritten = 0
}

/// The generator: vocabularies, readings and the random source.
final class Corpus {
    var random: SeededRandom
    let vocabulary: [Unicode.Scalar]
    /// Vocabulary index of each character (simplified), by code point; -1 when not in it.
    let indexOfScalar: [UInt32: Int32]
    /// Traditional form of a vocabulary index, when the hand-written table has one.
    let traditional: [Unicode.Scalar?]
    let characterZipf: Zipf
    let words2: [[Int32]]
    let words3: [[Int32]]
    let word2Zipf: Zipf
    let word3Zipf: Zipf
    let localities: [LocalitySpec]
    /// IPA syllables as written (with diacritics) and their folded search keys.
    let syllableForms: [String]
    let syllableKeyOfForm: [Int32]
    let syllableKeys: [String]
    let tones: [String]
    /// Reading of each vocabulary index in each dialect group: (form, tone index in `tones`).
    let readings: [[(form: Int32, tone: Int32)]]
    let english: [String]
    var traditionalProbability = 0.0
    let droppedVocabulary: [String]
    let droppedPairs: [String]

    init(seed: UInt64) {
        random = SeededRandom(seed: seed)
        // Keep only characters ICU leaves alone, so "simplified" means the same thing here
        // and in the archive's tokenizer (ICU folds e.g. 著 to 着 and 乾 to 干).
        let transform = StringTransform("Hant-Hans")
        var vocabulary: [Unicode.Scalar] = []
        var dropped: [String] = []
        for scalar in commonCharacters {
            let text = String(scalar)
            if text.applyingTransform(transform, reverse: false) == text { vocabulary.append(scalar) } else { dropped.append(text) }
        }
        self.vocabulary = vocabulary
        droppedVocabulary = dropped
        var indexOfScalar: [UInt32: Int32] = [:]
        for (index, scalar) in vocabulary.enumerated() { indexOfScalar[scalar.value] = Int32(index) }
        self.indexOfScalar = indexOfScalar

        var traditional = [Unicode.Scalar?](repeating: nil, count: vocabulary.count)
        var droppedPairs: [String] = []
        for pair in traditionalPairs.split(separator: " ") {
            let scalars = Array(pair.unicodeScalars)
            guard scalars.count == 2 else { continue }
            let icu = String(scalars[0]).applyingTransform(transform, reverse: false)
            if let index = indexOfScalar[scalars[1].value], icu == String(scalars[1]) {
                traditional[Int(index)] = scalars[0]
            } else {
                droppedPairs.append(String(pair))
            }
        }
        self.traditional = traditional
        self.droppedPairs = droppedPairs
        characterZipf = Zipf(count: vocabulary.count, exponent: 1.0)

        // Words: a few hundred real ones first, then compositions of frequent characters.
        let realWords2 = """
        太阳 月亮 日头 下雨 吃饭 说话 今天 明天 昨天 早上 晚上 东西 孩子 老人 女人 男人 先生 学生 老师 朋友 水果 鸡蛋 米饭 面条 \
        喝茶 喝酒 睡觉 起来 回家 出去 进来 知道 什么 怎么 这个 那个 哪里 地方 时候 一个 两个 三个 现在 以前 后来 天气 下雪 刮风 \
        打雷 月光 星星 石头 木头 舌头 眼睛 耳朵 鼻子 嘴巴 头发 手指 衣服 裤子 鞋子 帽子 房子 窗户 桌子 椅子 筷子 厨房 外婆 外公 \
        爷爷 奶奶 爸爸 妈妈 哥哥 姐姐 弟弟 妹妹 舅舅 姑姑 叔叔 伯伯 儿子 女儿 孙子 老婆 老公 讲话 做事 干活 种田 插秧 割麦 赶集 \
        过年 拜年 清明 端午 中秋 冬至 喜欢 高兴 生气 害怕 好看 难看 便宜 东边 西边 南边 北边 上头 下头 里头 外头 前头 后头
        """
        let realWords3 = """
        下大雨 吃早饭 吃晚饭 讲故事 小孩子 老人家 外婆家 过大年 出太阳 做生意 打电话 看医生 上学堂 洗衣服 吃中饭 种庄稼 \
        好朋友 大前天 大后天 今天早 明天晚 小姑娘 老太婆 新媳妇 红薯叶 白米饭 热水瓶 火车站 自行车 电视机 星期天
        """
        var seenWords = Set<[Int32]>()
        func parseWords(_ text: String) -> [[Int32]] {
            text.split(separator: " ").compactMap { word in
                let indices = word.unicodeScalars.compactMap { indexOfScalar[$0.value] }
                guard indices.count == word.unicodeScalars.count, seenWords.insert(indices).inserted else { return nil }
                return indices
            }
        }
        var w2 = parseWords(realWords2), w3 = parseWords(realWords3)
        var wordRandom = SeededRandom(seed: seed ^ 0x5EED)
        let wordCharacters = Zipf(count: min(1500, vocabulary.count), exponent: 0.8)
        while w2.count < 4000 {
            let word = [Int32(wordCharacters.sample(&wordRandom)), Int32(wordCharacters.sample(&wordRandom))]
            if word[0] != word[1], seenWords.insert(word).inserted { w2.append(word) }
        }
        while w3.count < 1500 {
            let word = w2[wordRandom.int(1000)] + [Int32(wordCharacters.sample(&wordRandom))]
            if seenWords.insert(word).inserted { w3.append(word) }
        }
        words2 = w2
        words3 = w3
        word2Zipf = Zipf(count: w2.count, exponent: 1.0)
        word3Zipf = Zipf(count: w3.count, exponent: 1.0)

        // IPA: every initial with every final; keys folded as the documentation says
        // (case and diacritics ignored), with Foundation rather than the archive's code.
        var forms: [String] = [], keyOfForm: [Int32] = [], keys: [String] = [], keyIndex: [String: Int32] = [:]
        for initial in ipaInitials {
            for final in ipaFinals {
                let form = initial + final
                let key = form.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
                let index: Int32
                if let known = keyIndex[key] { index = known } else {
                    index = Int32(keys.count); keys.append(key); keyIndex[key] = index
                }
                forms.append(form)
                keyOfForm.append(index)
            }
        }
        syllableForms = forms
        syllableKeyOfForm = keyOfForm
        syllableKeys = keys
        var tones: [String] = []
        for group in dialectGroups { for tone in group.tones where !tones.contains(tone) { tones.append(tone) } }
        self.tones = tones

        // Each dialect group reads each character its own way.
        var readingRandom = SeededRandom(seed: seed ^ 0xD1A1EC7)
        readings = dialectGroups.map { group in
            (0..<vocabulary.count).map { _ in
                (Int32(readingRandom.int(forms.count)),
                 Int32(tones.firstIndex(of: group.tones[readingRandom.int(group.tones.count)])!))
            }
        }

        // English words that could be read as an IPA syllable (an, in, a, ...) are left out,
        // so an IPA query's hits are exactly the IPA segments that have the syllable.
        let keySet = Set(keys)
        english = englishWords.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init).filter { !keySet.contains($0) }

        // Localities.
        var localityRandom = SeededRandom(seed: seed ^ 0x10CA11)
        var specs: [LocalitySpec] = []
        var names = Set<String>()
        let suffixes = ["县", "市", "镇", "区", "县", "县"]
        for (groupIndex, group) in dialectGroups.enumerated() {
            for site in 0..<group.sites {
                let subgroup = group.subgroups[site % group.subgroups.count]
                let cluster = subgroup.clusters.isEmpty ? nil : subgroup.clusters[(site / group.subgroups.count) % subgroup.clusters.count]
                var name: String
                repeat {
                    name = String(String.UnicodeScalarView([vocabulary[localityRandom.int(600)], vocabulary[localityRandom.int(600)]]))
                        + localityRandom.pick(suffixes)
                } while !names.insert(name).inserted
                let notation: ToneNotation = localityRandom.chance(0.4) ? .digits : localityRandom.chance(0.58) ? .letters : .superscripts
                specs.append(LocalitySpec(id: String(format: "L%03d", specs.count + 1), name: name,
                                          province: group.provinces[site % group.provinces.count], group: groupIndex,
                                          subgroup: subgroup.name, cluster: cluster, notation: notation))
            }
        }
        localities = specs

        // Calibrate how often a character with a traditional form is written that way so
        // that about 5 % of all characters are traditional.
        var probe = SeededRandom(seed: seed ^ 0xCA11B)
        var total = 0, convertible = 0
        for _ in 0..<20_000 {
            let (characters, _) = drawCharacters(&probe)
            total += characters.count
            convertible += characters.filter { traditional[Int($0)] != nil }.count
        }
        traditionalProbability = min(1, 0.05 * Double(total) / Double(max(1, convertible)))
    }

    /// The characters of one orthography segment (5-15) and the word boundaries in them.
    func drawCharacters(_ random: inout SeededRandom) -> ([Int32], [Int]) {
        let length = random.int(in: 5...15)
        var characters: [Int32] = []
        var boundaries: [Int] = []
        while characters.count < length {
            boundaries.append(characters.count)
            let r = random.unit()
            if r < 0.45 { characters += words2[word2Zipf.sample(&random)] }
            else if r < 0.60 { characters += words3[word3Zipf.sample(&random)] }
            else { characters.append(Int32(characterZipf.sample(&random))) }
        }
        return (Array(characters.prefix(length)), boundaries.filter { $0 > 0 && $0 < length })
    }

    /// One annotation for a transcript of `content` at `locality`.
    func annotation(locality: LocalitySpec, content: String, item: Int) -> GeneratedAnnotation {
        var a = GeneratedAnnotation()
        let (characters, boundaries) = drawCharacters(&random)
        a.characters = characters
        let running = content == "语法" || content == "话语" || content == "口头文化"
        if running {
            for boundary in boundaries where random.chance(0.12) { a.breaks.insert(boundary) }
        } else {
            a.itemNumber = String(format: "%04d", item)
        }
        var text = String.UnicodeScalarView()
        if let number = a.itemNumber { text.append(contentsOf: (number + " ").unicodeScalars) }
        for (position, character) in characters.enumerated() {
            if a.breaks.contains(position) { text.append("，") }
            if let traditional = traditional[Int(character)], random.chance(traditionalProbability) {
                text.append(traditional)
                a.traditionalWritten += 1
            } else {
                text.append(vocabulary[Int(character)])
            }
        }
        if running, random.chance(0.6) { text.append("。") }
        a.orthography = String(text)

        // IPA: one syllable per character, in the locality's notation; syllables of a word
        // are sometimes written together (only after a tone, which ends a syllable).
        let wordStarts = Set(boundaries)
        let joinWords = random.chance(0.3)
        var ipa = ""
        var previousToned = false
        for (position, character) in characters.enumerated() {
            let reading = readings[locality.group][Int(character)]
            let toned = !random.chance(0.08)
            if position > 0 {
                let sameWord = !wordStarts.contains(position) && !a.breaks.contains(position)
                if !(sameWord && joinWords && previousToned) { ipa += " " }
            }
            ipa += syllableForms[Int(reading.form)]
            if toned { ipa += locality.notation.render(tones[Int(reading.tone)]) }
            a.syllables.append((syllableKeyOfForm[Int(reading.form)], toned ? reading.tone : -1))
            previousToned = toned
        }
        a.ipa = ipa

        if content == "语法" {
            a.gloss = wordStarts.union([0]).sorted().map { _ in
                random.chance(0.25) ? random.pick(english) + "-" + random.pick(glossAbbreviations) : random.pick(english)
            }.joined(separator: " ")
        }
        let words = (0..<random.int(in: 2...7)).map { _ in random.pick(english) }
        a.translation = words.joined(separator: " ").prefix(1).uppercased() + words.joined(separator: " ").dropFirst() + "."
        return a
    }

    /// The text of a vocabulary sequence, written simplified or (where possible) traditional.
    func write(_ characters: [Int32], traditional useTraditional: Bool) -> String {
        String(String.UnicodeScalarView(characters.map { useTraditional ? (traditional[Int($0)] ?? vocabulary[Int($0)]) : vocabulary[Int($0)] }))
    }
}
