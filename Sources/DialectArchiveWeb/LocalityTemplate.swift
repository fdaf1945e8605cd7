import Mustache

extension LocalityPage {
    static let template = try! MustacheTemplate(string: """
        <h1>{{t.locality}} {{id}} · {{name}}{{#romanised}} ({{romanised}}){{/romanised}}</h1>
        \(RecordPageRoute.historyLine)
        <div class="with-map">
        <dl class="facts record">
        {{#classification}}<dt>{{t.classification}}</dt><dd>{{classification}}</dd>{{/classification}}
        {{#province}}<dt>{{t.province}}</dt><dd>{{province}}</dd>{{/province}}
        {{#prefecture}}<dt>{{t.prefecture}}</dt><dd>{{prefecture}}</dd>{{/prefecture}}
        {{#county}}<dt>{{t.county}}</dt><dd>{{county}}</dd>{{/county}}
        {{#township}}<dt>{{t.township}}</dt><dd>{{township}}</dd>{{/township}}
        {{#coordinates}}<dt>{{t.coordinates}}</dt><dd>{{coordinates}}</dd>{{/coordinates}}
        {{#glottocode}}<dt>{{t.glottocode}}</dt><dd>{{glottocode}}</dd>{{/glottocode}}
        <dt>{{t.json}}</dt><dd><a href="{{json}}">{{json}}</a></dd>
        </dl>
        {{{map}}}
        </div>
        <h2>{{t.speakersFrom}}</h2>
        {{#hasSpeakers}}<ul class="speakers">{{#speakers}}<li><a class="speaker" href="{{link}}">{{label}}</a></li>{{/speakers}}</ul>{{/hasSpeakers}}
        {{^hasSpeakers}}<p>{{t.noSpeakers}}</p>{{/hasSpeakers}}
        <h2>{{t.sessions}}</h2>
        \(RecordPageRoute.sessionsTable)
        """)
}
