import Mustache

extension RecordingPage {
    static let template = try! MustacheTemplate(string: """
        <h1>{{t.recording}} {{number}} · {{name}}</h1>
        \(RecordPageRoute.historyLine)
        {{#withdrawn}}<p class="error">{{t.withdrawn}} {{withdrawn}}</p>{{/withdrawn}}
        <div class="recording">
        <section class="player">
        {{^withdrawn}}<audio id="recording-player" controls preload="metadata" src="{{source}}"{{#span}} data-start-ms="{{startMs}}" data-end-ms="{{endMs}}"{{/span}}></audio>{{/withdrawn}}
        {{#waveform}}<svg class="waveform" id="waveform" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {{width}} {{height}}" preserveAspectRatio="none" role="img" aria-label="{{t.waveform}}"><path d="{{path}}" stroke="#8a2b17" stroke-width="1" fill="none"/></svg>{{/waveform}}
        <dl class="facts">
        <dt>{{t.session}}</dt><dd>{{session}}</dd>
        {{#locality}}<dt>{{t.locality}}</dt><dd>{{locality}}</dd>{{/locality}}
        <dt>{{t.speakers}}</dt><dd>{{speakers}}</dd>
        <dt>{{t.audio}}</dt><dd>{{audio}}</dd>
        <dt>{{t.length}}</dt><dd>{{length}}</dd>
        <dt>{{t.checksum}}</dt><dd class="checksum">{{sha256}}</dd>
        <dt>{{t.json}}</dt><dd><a href="{{json}}">{{json}}</a></dd>
        </dl>
        \(factsTemplate)
        </section>
        <section class="transcript">
        {{#transcripts}}
        <h2>{{t.transcript}} · {{file}}</h2>
        <div class="tier-columns">
        {{#tiers}}
        <div class="tier-column"><h3>{{name}} <span class="kind">{{kind}}</span></h3>
        <ol class="segments">{{#segments}}<li><a class="segment" href="{{link}}" data-start-ms="{{startMs}}" data-end-ms="{{endMs}}"><span class="time">{{clock}}</span> {{text}}</a></li>{{/segments}}</ol>
        </div>
        {{/tiers}}
        </div>
        {{/transcripts}}
        {{^hasTranscripts}}<p>{{t.noTranscript}}</p>{{/hasTranscripts}}
        </section>
        </div>
        """)
}
