import Mustache

extension ComparePage {
    static let template = try! MustacheTemplate(string: """
        <form class="search" method="get" action="/compare">
        <input id="q" name="q" type="search" value="{{q}}" placeholder="{{t.compareQuery}}" aria-label="{{t.compare}}">
        <button type="submit">{{t.compareButton}}</button>
        </form>
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
        {{#narrowed}}<p class="narrowed">{{t.narrowedTo}} {{name}} · <a id="all-sites" href="{{all}}">{{t.showAllSites}}</a></p>{{/narrowed}}
        <div class="with-map compare">
        <section class="comparison">
        {{#result}}
        <p class="total" id="compare-count" data-count="{{count}}">{{count}} {{rowsWord}}</p>
        <audio id="span-player" preload="none"></audio>
        {{^none}}<table class="comparison"><thead><tr><th>{{t.locality}}</th><th>{{t.classification}}</th><th>{{t.forms}}</th><th>{{t.ipa}}</th><th></th></tr></thead><tbody>
        {{#rows}}<tr class="compare-row" data-locality="{{localityId}}"><td>{{#link}}<a href="{{link}}">{{place}}</a>{{/link}}{{^link}}{{place}}{{/link}}</td>
        <td>{{dialect}}</td><td class="forms">{{forms}}</td><td class="ipa">{{ipa}}</td>
        <td class="plays">{{#plays}}<button type="button" class="play" data-audio="{{audio}}" data-start-ms="{{startMs}}" data-end-ms="{{endMs}}" data-pad-ms="{{padMs}}" aria-label="{{t.play}} {{span}}">▶</button> {{/plays}}</td></tr>
        {{/rows}}</tbody></table>{{/none}}
        {{#none}}<p class="none">{{t.noAnswers}}</p>{{/none}}
        {{/result}}
        </section>
        {{{map}}}
        </div>
        """)
}
